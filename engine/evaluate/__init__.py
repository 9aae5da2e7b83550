"""``reliability evaluate``: does the score separate articles labelled reliable from unreliable?

Labelled articles -> scorecards -> figures a reviewer can compare across rule changes: ROC AUC
with a bootstrap interval (engine, each category's subscore, the score without each category,
a one-line text baseline), per-rule ablation, precision/recall/F1 of "unreliable" at each band
threshold and what share of each band was unreliable. ``metrics`` holds the statistics,
``ablation`` re-scores a scorecard without some findings, ``study`` assembles the figures and
``render`` prints them; only the command module (``engine.cli_evaluate``) reads files.
"""
