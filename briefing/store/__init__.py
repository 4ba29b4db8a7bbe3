"""Persistent state: the analysis cache (annotations and corrections come with their issues)."""
