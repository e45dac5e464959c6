"""Every repository path and every link the README, CONTRIBUTING.md and docs/ mention exists, anchors included,
so a file moved or renamed cannot leave the docs pointing at nothing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# A backticked word is taken for a path in the repository when it starts with one of these.
TOP = (
    "flows/",
    "scrapers/",
    "transforms/",
    "warehouse/",
    "evaluation/",
    "replica/",
    "tests/",
    "benchmarks/",
    "councils/",
    "docs/",
    ".ci/",
    "Makefile",
    "pyproject.toml",
    "requirements.",
    "README.md",
    "CONTRIBUTING.md",
)


def documents() -> list[Path]:
    found = [ROOT / "README.md", ROOT / "CONTRIBUTING.md", *sorted((ROOT / "docs").rglob("*.md"))]
    return [p for p in found if p.exists()]


def mentioned_paths(text: str) -> list[str]:
    """Backticked repository paths, without a `:function` suffix; placeholders (`…`, `<x>`) left out."""
    paths = []
    for word in re.findall(r"`([^`\s]+)`", text):
        word = word.split(":")[0].rstrip(".,;)")
        if word.startswith(TOP) and not any(mark in word for mark in ("…", "<", "{")):
            paths.append(word)
    return paths


def exists(path: str) -> bool:
    return any(ROOT.glob(path)) if "*" in path else (ROOT / path).exists()


def anchor(heading: str) -> str:
    """GitHub's anchor for a Markdown heading."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def anchors(path: Path) -> set[str]:
    text = re.sub(r"```.*?```", "", path.read_text(encoding="utf-8"), flags=re.S)
    return {anchor(h) for h in re.findall(r"^#{1,6} (.+)$", text, flags=re.M)}


def broken_links(doc: Path) -> list[str]:
    broken = []
    for target in re.findall(r"\]\(([^)\s]+)\)", doc.read_text(encoding="utf-8")):
        if re.match(r"[a-z]+:", target):  # http(s), mailto: not ours to check
            continue
        file_part, _, fragment = target.partition("#")
        linked = (doc.parent / file_part).resolve() if file_part else doc
        missing_anchor = fragment and linked.suffix == ".md" and linked.exists() and fragment not in anchors(linked)
        if not linked.exists() or missing_anchor:
            broken.append(target)
    return broken


@pytest.mark.parametrize("doc", documents(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_path_a_doc_mentions_exists(doc):
    missing = [p for p in mentioned_paths(doc.read_text(encoding="utf-8")) if not exists(p)]
    assert not missing, f"{doc.relative_to(ROOT)} mentions paths that do not exist: {missing}"


@pytest.mark.parametrize("doc", documents(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_link_a_doc_makes_resolves(doc):
    assert not broken_links(doc), f"{doc.relative_to(ROOT)}: broken links {broken_links(doc)}"


def test_the_checks_find_paths_and_anchors():
    text = "`flows/cli.py`, `flows/nightly.py:nightly_harvest`, `r01-…toml`, `<data-dir>/raw/`, `--db`, `docs/*.md`"
    assert mentioned_paths(text) == ["flows/cli.py", "flows/nightly.py", "docs/*.md"]
    assert not exists("flows/no_such_module.py") and exists("docs/*.md")
    assert (
        anchor("Reprocessing: a rule fix reaches the whole warehouse")
        == "reprocessing-a-rule-fix-reaches-the-whole-warehouse"
    )
    assert anchor("peerwatch starter-councils") == "peerwatch-starter-councils"


def test_every_doc_is_listed_in_the_docs_index():
    index = (ROOT / "docs" / "README.md").read_text(encoding="utf-8")
    linked = {(ROOT / "docs" / target.partition("#")[0]).resolve() for target in re.findall(r"\]\(([^)\s#]+)", index)}
    unlisted = [
        str(p.relative_to(ROOT))
        for p in sorted((ROOT / "docs").glob("*.md"))
        if p.name != "README.md" and p.resolve() not in linked
    ]
    assert not unlisted, f"docs/README.md does not link {unlisted}: add a row for each"


def test_the_readme_stays_a_front_door():
    lines = (ROOT / "README.md").read_text(encoding="utf-8").count("\n")
    assert lines <= 200, f"README.md has {lines} lines: keep it a front door (at most 200) and move detail to docs/"
