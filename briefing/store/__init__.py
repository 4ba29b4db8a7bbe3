"""Persistent state: the analysis cache and the user's database (section corrections)."""
