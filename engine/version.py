"""The engine's version, in one place: the package metadata, reports and caches read it here."""

__version__ = "0.1.0"
