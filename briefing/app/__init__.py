"""The Textual app: a thin layer that renders the model and turns keys into actions."""

from briefing.cycles import cycle_collector_paused

with cycle_collector_paused(long_lived=True):  # Textual's modules and ours: briefing.cycles
    from briefing.app.briefing_app import BriefingApp

__all__ = ["BriefingApp"]
