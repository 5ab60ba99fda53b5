from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "test.db"


@pytest.fixture
def seeds(tmp_path) -> Path:
    """A private copy of the seed articles."""
    dest = tmp_path / "seeds"
    shutil.copytree(SEEDS, dest)
    return dest


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory) -> Path:
    """The seeds imported once per test session (through the real CLI)."""
    from archive.cli import cli

    folder = tmp_path_factory.mktemp("seeded")
    shutil.copytree(SEEDS, folder / "seeds")
    path = folder / "template.db"
    old = Path.cwd()
    os.chdir(folder)
    try:
        result = CliRunner().invoke(cli, ["--db", str(path), "import", "seeds"])
    finally:
        os.chdir(old)
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture
def seeded_db(db_path, seeds, monkeypatch, seeded_template):
    """A private copy of the imported seeds (origins "seeds/..."), cwd beside the seeds."""
    monkeypatch.chdir(seeds.parent)
    shutil.copyfile(seeded_template, db_path)
    return db_path
