"""Every `peerwatch` command carries its examples in its --help, and docs/commands.md documents every command,
each of its options, and the same examples (as tests/test_schema_docs.py does for the schema)."""

from __future__ import annotations

import argparse
import re
import shlex
from pathlib import Path

import pytest

from flows.cli import build_parser

DOC = Path(__file__).resolve().parents[1] / "docs" / "commands.md"
HOW = (
    "give the command `**_examples(...)` in flows/cli.py (its --help then ends with them) and a "
    "`## peerwatch NAME` section in docs/commands.md with a table row per option and the same examples"
)


def commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(sub.choices)


def examples(command: argparse.ArgumentParser) -> list[str]:
    """The example lines at the end of a command's --help."""
    help_text = command.format_help()
    if "\nexamples:\n" not in help_text:
        return []
    return [line.strip() for line in help_text.split("\nexamples:\n", 1)[1].splitlines() if line.strip()]


def options(command: argparse.ArgumentParser) -> list[argparse.Action]:
    return [a for a in command._actions if not isinstance(a, argparse._HelpAction)]


def name_of(option: argparse.Action) -> str:
    """How the docs name an option: its long form, or a positional's name."""
    return max(option.option_strings, key=len) if option.option_strings else option.dest


def doc_sections(text: str) -> dict[str, str]:
    parts = re.split(r"^## peerwatch (\S+)\s*$", text, flags=re.M)
    return dict(zip(parts[1::2], parts[2::2]))


def problems(name: str, command: argparse.ArgumentParser, section: str | None) -> list[str]:
    """What is missing for `peerwatch NAME`, in words; empty when it is documented."""
    if section is None:
        return [f"no `## peerwatch {name}` section in docs/commands.md"]
    found = []
    found += [f"no table row for {name_of(o)}" for o in options(command) if f"| `{name_of(o)}" not in section]
    found += [f"{name_of(o)} has no help text" for o in options(command) if not o.help]
    if not examples(command):
        found.append(f"`peerwatch {name} --help` shows no example")
    for example in examples(command):
        if not example.startswith(f"peerwatch {name}"):
            found.append(f"{example!r} is not an example of `peerwatch {name}`")
        if example not in section:
            found.append(f"docs/commands.md lacks the example {example!r}")
    return found


def test_every_command_and_no_other_has_a_section():
    documented, real = set(doc_sections(DOC.read_text(encoding="utf-8"))), set(commands(build_parser()))
    assert documented == real, f"sections for commands that do not exist: {sorted(documented - real)}; {HOW}"


@pytest.mark.parametrize("name", sorted(commands(build_parser())))
def test_the_command_is_documented_with_its_options_and_examples(name):
    sections = doc_sections(DOC.read_text(encoding="utf-8"))
    found = problems(name, commands(build_parser())[name], sections.get(name))
    assert not found, f"peerwatch {name}: " + "; ".join(found) + f". To fix: {HOW}"


@pytest.mark.parametrize("name", sorted(commands(build_parser())))
def test_each_example_parses(name):
    for example in examples(commands(build_parser())[name]):
        argv = shlex.split(example.split(" > ")[0])[1:]  # what the shell passes, its redirection aside
        build_parser().parse_args(argv)  # an outdated option exits 2 here


def test_an_undocumented_command_is_caught():
    parser = argparse.ArgumentParser(prog="peerwatch")
    sub = parser.add_subparsers()
    bare = sub.add_parser("bare")
    bare.add_argument("--db")
    assert problems("bare", bare, None) == ["no `## peerwatch bare` section in docs/commands.md"]
    assert problems("bare", bare, "Does something.\n") == [
        "no table row for --db",
        "--db has no help text",
        "`peerwatch bare --help` shows no example",
    ]
