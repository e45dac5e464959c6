"""What a replica PDF holds, independent of how it is drawn (`replica.pdfs` draws it)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class ReportSpec:
    cover: list[tuple[str, str]] = field(default_factory=list)  # (label, value) rows
    heading: str = ""
    blocks: list = field(default_factory=list)  # str paragraphs or ("bullets", [...]) or ("h", text)


@dataclass
class SlideSpec:
    title: str
    bullets: list[str] = field(default_factory=list)
    table: list[tuple[str, str]] | None = None  # (label, grade) rows
