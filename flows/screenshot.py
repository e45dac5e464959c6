"""A picture of an HTML page (the email digest) taken by headless Chromium, for the documentation."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def find_browser() -> str | None:
    return next((path for name in BROWSERS if (path := shutil.which(name))), None)


def screenshot_html(html: str, out: Path, width: int = 900, height: int = 3000, timeout: float = 120) -> Path:
    """Render `html` at `width`×`height` CSS pixels into the PNG `out`. RuntimeError when no browser is found."""
    browser = find_browser()
    if browser is None:
        raise RuntimeError("no Chromium found (install it, e.g. `apt-get install -y chromium`)")
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="peerwatch-shot-") as tmp:
        page = Path(tmp) / "digest.html"
        page.write_text(html, encoding="utf-8")
        subprocess.run(
            [
                browser,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                f"--user-data-dir={tmp}/profile",
                f"--window-size={width},{height}",
                f"--screenshot={out.resolve()}",
                page.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=timeout,
        )
    if not out.exists():
        raise RuntimeError(f"{browser} wrote no screenshot")
    _trim_blank_bottom(out)
    return out


def _trim_blank_bottom(png: Path, margin: int = 16) -> None:
    """The window is taller than the page: cut the white below it (Pillow is there with the PDF libraries)."""
    try:
        from PIL import Image, ImageChops
    except ImportError:
        return
    with Image.open(png) as image:
        rgb = image.convert("RGB")
    box = ImageChops.difference(rgb, Image.new("RGB", rgb.size, (255, 255, 255))).getbbox()
    if box and box[3] + margin < rgb.height:
        rgb.crop((0, 0, rgb.width, box[3] + margin)).save(png)
