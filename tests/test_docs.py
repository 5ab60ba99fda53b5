"""Every command has help text, an example, and a mention in the README."""

import re

import click
import pytest

from archive.cli import cli
from conftest import ROOT


def all_commands(group=cli, prefix=""):
    for name, command in group.commands.items():
        full = f"{prefix}{name}"
        yield full, command
        if isinstance(command, click.Group):
            yield from all_commands(command, full + " ")


COMMANDS = list(all_commands())


@pytest.mark.parametrize("name,command", COMMANDS, ids=[c[0] for c in COMMANDS])
def test_every_command_has_help(name, command):
    assert command.help and len(command.help.strip()) > 10, name
    if not isinstance(command, click.Group):
        assert "Example: archive" in command.help, name
        for param in command.params:
            if isinstance(param, click.Option):
                assert param.help, f"{name} {param.name}"


@pytest.mark.parametrize("name,command", COMMANDS, ids=[c[0] for c in COMMANDS])
def test_every_command_is_in_the_readme(name, command):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert re.search(rf"archive (?:--db \S+ )?{re.escape(name)}\b", readme), name


def test_help_runs(runner):
    result = runner.invoke(cli, ["--help"])
    assert result.exit_code == 0
    assert "Turn scraped news articles" in result.output


def test_version(runner):
    from archive import __version__

    assert runner.invoke(cli, ["--version"]).output == f"archive, version {__version__}\n"


def test_help_does_not_import_heavy_modules():
    import subprocess
    import sys

    code = ("import sys; from archive.cli import cli\n"
            "try:\n    cli(['--help'])\nexcept SystemExit:\n    pass\n"
            "heavy = [m for m in ('sqlalchemy', 'alembic', 'charset_normalizer') if m in sys.modules]\n"
            "print(heavy, file=sys.stderr)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stderr.strip() == "[]"
