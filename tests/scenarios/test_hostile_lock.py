"""The run lock cannot be turned against another file (issue 22, item 4): a lock path planted as a symbolic
link, a hard link or anything but our own plain file is refused with exit 3, and nothing it points at changes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from warehouse.db import harvest_lock, lock_path_for
from warehouse.errors import EXIT_WAREHOUSE, WarehouseUnusable

ROOT = Path(__file__).resolve().parents[2]
VICTIM_TEXT = "someone else's file: must not change\n"


@pytest.fixture
def victim(tmp_path) -> Path:
    path = tmp_path / "victim.txt"
    path.write_text(VICTIM_TEXT)
    return path


def test_a_symlinked_lock_is_refused_and_its_target_unchanged(tmp_path, victim):
    db = tmp_path / "wh.duckdb"
    lock_path_for(db).symlink_to(victim)
    with pytest.raises(WarehouseUnusable, match="symbolic link") as refused, harvest_lock(db):
        pass
    assert refused.value.exit_code == EXIT_WAREHOUSE
    assert victim.read_text() == VICTIM_TEXT


def test_a_symlink_to_a_missing_file_creates_nothing(tmp_path):
    db, target = tmp_path / "wh.duckdb", tmp_path / "created-by-us"
    lock_path_for(db).symlink_to(target)
    with pytest.raises(WarehouseUnusable), harvest_lock(db):
        pass
    assert not target.exists()


def test_a_hard_linked_lock_is_refused_and_its_other_name_unchanged(tmp_path, victim):
    db = tmp_path / "wh.duckdb"
    os.link(victim, lock_path_for(db))
    with pytest.raises(WarehouseUnusable, match="hard link"), harvest_lock(db):
        pass
    assert victim.read_text() == VICTIM_TEXT


def test_a_lock_path_holding_something_else_is_not_truncated(tmp_path):
    db = tmp_path / "wh.duckdb"
    lock_path_for(db).write_text(VICTIM_TEXT)
    with pytest.raises(WarehouseUnusable, match="not a PeerWatch run lock"), harvest_lock(db):
        pass
    assert lock_path_for(db).read_text() == VICTIM_TEXT


def test_our_own_lock_file_is_taken_again(tmp_path):
    db = tmp_path / "wh.duckdb"
    with harvest_lock(db):
        pass
    with harvest_lock(db):  # the file the last run left behind is ours: taken, rewritten
        assert lock_path_for(db).read_text().startswith(f"process {os.getpid()},")


def test_the_harvest_command_exits_3_on_a_symlinked_lock(tmp_path, victim):
    db = tmp_path / "wh.duckdb"
    lock_path_for(db).symlink_to(victim)
    councils = tmp_path / "c.toml"
    councils.write_text('[[council]]\nslug = "x"\nname = "Barnsley MBC"\nmoderngov_url = "https://x.gov.uk"\n')
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "flows.cli",
            "harvest",
            "--councils",
            str(councils),
            "--db",
            str(db),
            "--data-dir",
            str(tmp_path / "data"),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert done.returncode == 3, done.stderr
    assert "symbolic link" in done.stderr and "Traceback" not in done.stderr
    assert victim.read_text() == VICTIM_TEXT
