from __future__ import annotations

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


@pytest.fixture
def seeded_db(runner, db_path, seeds, monkeypatch):
    from archive.cli import cli

    monkeypatch.chdir(seeds.parent)
    result = runner.invoke(cli, ["--db", str(db_path), "import", "seeds"])
    assert result.exit_code == 0, result.output
    return db_path
