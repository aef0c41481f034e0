"""timeline: a terminal explorer for an evidenced chronology."""

__version__ = "0.1.0"
