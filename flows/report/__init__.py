"""`peerwatch report`: the warehouse as a static site a researcher opens offline (file:// works).

Pages are Jinja2 templates (templates/, package data), charts are Vega-Lite drawn to inline SVG at build time,
and one small bundled script sorts and filters tables. Nothing is fetched from anywhere when a page is opened.

Incremental: `<out>/.peerwatch-report.json` records each page's fingerprint (the rows it shows, and this
package's own files); a build rewrites only the pages whose fingerprint changed and removes pages whose subject
has gone. `full=True` rewrites everything.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape

from flows.report.charts import ChartCache, Draw, render_svg
from flows.report.pages import Page, all_pages
from flows.report.views import safe_name
from flows.report.words import REVIEW_TYPES, STAGES, words
from warehouse.errors import UserError
from warehouse.report_data import read_report_data

PACKAGE = Path(__file__).parent
MANIFEST = ".peerwatch-report.json"
CHARTS = ".peerwatch-charts"  # drawings kept between builds (ChartCache)
ASSETS = ("report.css", "table.js")


@dataclass(frozen=True)
class BuildResult:
    out: Path
    pages: int
    written: int
    removed: int
    written_paths: tuple[str, ...] = ()

    @property
    def index(self) -> Path:
        return self.out / "index.html"


@lru_cache(maxsize=1)
def build_version() -> str:
    """A hash of this package's code, templates and assets: a change to any of them rewrites every page."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".j2", ".css", ".js"):
            digest.update(path.relative_to(PACKAGE).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def fingerprint(page: Page) -> str:
    return hashlib.sha256(f"{build_version()}\n{page.path}\n{page.inputs!r}".encode()).hexdigest()[:24]


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("flows.report", "templates"),
        autoescape=select_autoescape(["j2", "html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        file=safe_name, type_words=lambda v: words(REVIEW_TYPES, v), stage_words=lambda v: words(STAGES, v)
    )
    return env


def write_atomically(path: Path, data: bytes) -> None:
    """Readers (a browser, a web server) never see half a page: write beside it, then rename over it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def render(page: Page, draw: Draw = render_svg) -> str:
    return environment().get_template(page.template).render(page=page, root=page.root, **page.context(draw))


def _read_manifest(out: Path) -> tuple[dict, dict]:
    """The last build's page fingerprints, and the drawings each page used."""
    try:
        manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}, {}
    if not isinstance(manifest, dict):
        return {}, {}
    return manifest.get("pages", {}), manifest.get("charts", {})


def _copy_assets(out: Path) -> None:
    for name in ASSETS:
        source, target = PACKAGE / "static" / name, out / "assets" / name
        if not target.exists() or target.read_bytes() != source.read_bytes():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)


def build_report(db: str | Path, out: str | Path, full: bool = False) -> BuildResult:
    """Write (or bring up to date) the report of warehouse `db` in folder `out`."""
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise UserError(f"--out {out} is a file; give a folder (it is created if missing)")
    if not out.parent.is_dir():
        raise UserError(f"--out {out}: the folder {out.parent} does not exist; create it first")
    out.mkdir(exist_ok=True)
    data = read_report_data(db)
    previous, previous_charts = ({}, {}) if full else _read_manifest(out)
    _copy_assets(out)
    cache = ChartCache(out / CHARTS)
    current, charts, written = {}, {}, []
    for page in all_pages(data):
        mark = fingerprint(page)
        current[page.path] = mark
        if previous.get(page.path) == mark and (out / page.path).exists():
            charts[page.path] = previous_charts.get(page.path, [])
            continue
        cache.used = set()
        write_atomically(out / page.path, render(page, cache.draw).encode("utf-8"))
        charts[page.path] = sorted(cache.used)
        written.append(page.path)
    cache.prune({key for keys in charts.values() for key in keys})
    removed = 0
    for gone in set(previous) - set(current):
        if not Path(gone).is_absolute() and ".." not in Path(gone).parts:
            (out / gone).unlink(missing_ok=True)
            removed += 1
    write_atomically(
        out / MANIFEST,
        json.dumps({"version": build_version(), "pages": current, "charts": charts}, indent=0, sort_keys=True).encode(),
    )
    return BuildResult(out, len(current), len(written), removed, tuple(written))
