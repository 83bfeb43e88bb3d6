"""sitegen: static sites for official reports."""

__version__ = "0.1.0"
