"""The built wheel carries its styles and the seed: installed (not editable) into a fresh
virtual environment, `briefing` reads the bundled briefing from any directory."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            str(ROOT),
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(out),
            "--quiet",
        ],
        check=True,
        timeout=300,
    )
    (built,) = out.glob("briefing-*.whl")
    return built


def test_wheel_contains_styles_seed_and_entry_point(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    styles = {Path(n).name for n in names if n.startswith("briefing/_data/styles/")}
    assert styles == {p.name for p in (ROOT / "styles").glob("*.tcss")}
    assert any(n.startswith("briefing/_data/seeds/") and n.endswith(".txt") for n in names)
    assert "briefing/analysis/ner/data/ner.model" in names
    assert "briefing/analysis/data/stopwords.txt" in names
    # every data file of the analysis (models, word lists), wherever it lives
    shipped = {
        p.relative_to(ROOT).as_posix()
        for p in (ROOT / "briefing" / "analysis").rglob("data/*")
        if p.is_file() and p.suffix in {".txt", ".json", ".model"}
    }
    assert "briefing/analysis/entities/data/entity_words.txt" in shipped
    assert shipped <= set(names)
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "briefing = briefing.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()


def test_installed_wheel_opens_the_seed_from_any_directory(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--no-deps",
            "--quiet",
            str(wheel),
        ],
        check=True,
        timeout=300,
    )
    # Dependencies come from this test environment, after the fresh one's own packages.
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    Path(site, "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}

    outline = subprocess.run(
        [str(env_dir / "bin" / "briefing"), "analyze", "--format", "text"],
        capture_output=True,
        text=True,
        cwd=elsewhere,
        env=env,
        timeout=60,
    )
    assert outline.returncode == 0, outline.stderr
    assert "paragraphs" in outline.stdout

    probe = (
        "import asyncio, briefing\n"
        "from briefing.app import BriefingApp\n"
        "from briefing.ingest import load_document\n"
        "from briefing.paths import seed_path, styles_dir\n"
        "from briefing.app.reader.view import ReaderView\n"
        "async def main():\n"
        "    app = BriefingApp(load_document(seed_path()))\n"
        "    async with app.run_test(size=(100, 30)) as pilot:\n"
        "        await app.screen.analysed.wait()\n"
        "        await pilot.pause()\n"
        "        reader = app.screen.query_one(ReaderView)\n"
        "        print(briefing.__file__)\n"
        "        print(styles_dir())\n"
        "        print(reader.layout_lines.height > 10)\n"
        "asyncio.run(main())\n"
    )
    result = subprocess.run(
        [str(python), "-c", probe],
        capture_output=True,
        text=True,
        cwd=elsewhere,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    module_file, styles, laid_out = result.stdout.split()
    assert module_file.startswith(str(env_dir))
    assert styles.startswith(str(env_dir))
    assert styles.endswith("_data/styles")
    assert laid_out == "True"
