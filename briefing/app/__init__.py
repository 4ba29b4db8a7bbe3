"""The Textual app: a thin layer that renders the model and turns keys into actions."""

from briefing.app.briefing_app import BriefingApp

__all__ = ["BriefingApp"]
