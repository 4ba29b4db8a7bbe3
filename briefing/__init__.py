"""briefing: a keyboard-first terminal reader for news articles and policy briefings."""

__version__ = "0.1.0"
