"""docs/limits.md lists every limit with its environment variable (issue 22, item 5)."""

from dataclasses import fields
from pathlib import Path

from scrapers.http import ClientSettings
from transforms import limits

DOC = Path(__file__).resolve().parents[1] / "docs" / "limits.md"
NOT_LIMITS = {"user_agent", "obey_robots"}
LIMITS = [f for f in fields(ClientSettings) if f.name not in NOT_LIMITS]


def test_every_client_setting_and_cap_has_a_row_with_its_environment_variable():
    text = DOC.read_text(encoding="utf-8")
    variables = [f"PEERWATCH_{f.name.upper()}" for f in LIMITS]
    variables += [f"PEERWATCH_{name}" for name in dir(limits) if name.startswith("MAX_")]
    variables += ["PEERWATCH_PDF_TIMEOUT", "PEERWATCH_PDF_MEMORY_MB", "PEERWATCH_LOAD_STEP_PUBLICATIONS"]
    missing = [v for v in variables if f"`{v}`" not in text]
    assert not missing, f"not in docs/limits.md: {', '.join(missing)}"


def test_every_client_setting_is_read_from_the_environment():
    settings = ClientSettings.from_env({f"PEERWATCH_{f.name.upper()}": "7" for f in LIMITS})
    assert [f.name for f in LIMITS if getattr(settings, f.name) != 7] == []
