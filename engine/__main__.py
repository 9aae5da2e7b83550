"""``python -m engine``: the same command as ``reliability``."""

from engine.cli import main

main(prog_name="reliability")
