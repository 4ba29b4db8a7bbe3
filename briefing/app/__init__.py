"""The Textual app: a thin layer that renders the model and turns keys into actions."""

from briefing.startup import LongLived

with LongLived():  # Textual's modules and ours: see briefing.startup
    from briefing.app.briefing_app import BriefingApp

__all__ = ["BriefingApp"]
