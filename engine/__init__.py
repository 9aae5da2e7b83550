"""reliability: rule-based source-reliability scoring for news articles."""

__version__ = "0.1.0"
