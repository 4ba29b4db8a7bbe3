"""Save the README screenshot: the bundled briefing at 120x36, analysed.

python scripts/screenshot.py [docs/screenshot.svg]
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from briefing.app import BriefingApp
from briefing.app.reading_screen import ReadingScreen
from briefing.ingest import load_document
from briefing.paths import seed_path


async def main(out: Path) -> None:
    app = BriefingApp(load_document(seed_path()))
    async with app.run_test(size=(120, 36)) as pilot:
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        await screen.analysed.wait()
        await pilot.pause()
        app.save_screenshot(filename=out.name, path=str(out.parent))


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshot.svg")))
