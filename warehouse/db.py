"""Opening the DuckDB warehouse: migrations, the offline FTS extension, one writer at a time.

DuckDB lets one process write a file, or many read it, never both at once. So that researchers can
query while a harvest runs, the harvest holds the file only while it writes (each council's load,
and the short steps at the start and end of a run), and every connection waits briefly when the
file is momentarily held by the other side. A second harvest is kept out for the whole run by a run
lock (`harvest_lock`): a `flock` on `<warehouse>.lock` beside the file.
"""

from __future__ import annotations

import fcntl
import os
import stat
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from warehouse.errors import UserError, WarehouseBusy, WarehouseUnusable
from warehouse.schema import MIGRATIONS

__all__ = [
    "WarehouseBusy",
    "WarehouseUnusable",
    "connect",
    "open_warehouse",
    "warehouse_writer",
    "WarehouseWriter",
    "harvest_lock",
    "migrate",
    "schema_version",
]


def _seconds(env: str, default: float) -> float:
    try:
        return max(0.0, float(os.environ.get(env, default)))
    except ValueError:
        return default


def read_wait() -> float:
    """How long a reader waits for a harvest to finish writing one council (PEERWATCH_READ_WAIT, seconds)."""
    return _seconds("PEERWATCH_READ_WAIT", 30)


def write_wait() -> float:
    """How long the harvest waits for readers to let go of the file (PEERWATCH_WRITE_WAIT, seconds)."""
    return _seconds("PEERWATCH_WRITE_WAIT", 300)


def fts_extension_path() -> Path:
    import duckdb_extension_fts

    return Path(duckdb_extension_fts.__file__).parent / "extensions" / f"v{duckdb.__version__}" / "fts.duckdb_extension"


def check_warehouse_path(path: Path, must_exist: bool) -> None:
    """A user's --db mistakes, named before DuckDB reports them in its own words."""
    if path.is_dir():
        raise UserError(f"--db {path} is a folder; give the warehouse file, e.g. --db {path / 'peerwatch.duckdb'}")
    if must_exist and not path.exists():
        raise UserError(
            f"no warehouse at {path}: check --db, or create it with `peerwatch harvest` (or `peerwatch demo`)"
        )


def _lock_conflict(exc: duckdb.Error) -> bool:
    return "lock" in str(exc).lower()


def connect(
    path: str | Path, read_only: bool = False, wait: float | None = None, fts: bool = False
) -> duckdb.DuckDBPyConnection:
    """A connection, waiting up to `wait` seconds while another process holds the file.

    `fts` loads DuckDB's full-text search extension (about a quarter of a second: its signature is checked).
    Search lives in a tantivy index now (warehouse/search.py): nothing of ours needs it (dropping the old
    fts tables does not either, tested), but a query of the user's may.
    """
    path = Path(path)
    check_warehouse_path(path, must_exist=read_only)
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    wait = (read_wait() if read_only else write_wait()) if wait is None else wait
    config = {"autoinstall_known_extensions": "false", "autoload_known_extensions": "false"}
    deadline, delay = time.monotonic() + wait, 0.05
    while True:
        try:
            con = duckdb.connect(str(path), read_only=read_only, config=config)
            break
        except duckdb.IOException as exc:
            if not _lock_conflict(exc):
                raise WarehouseUnusable(f"cannot open {path}: {_first_line(exc)}") from exc
            if time.monotonic() >= deadline:
                raise WarehouseBusy(
                    f"{path} is in use by another PeerWatch process or DuckDB client "
                    f"(waited {wait:.0f} s); try again when it finishes"
                ) from exc
            time.sleep(delay)
            delay = min(delay * 2, 1.0)
        except duckdb.Error as exc:
            raise WarehouseUnusable(f"cannot open {path}: {_first_line(exc)}") from exc
    if fts:
        load_fts(con)
    return con


def load_fts(con: duckdb.DuckDBPyConnection) -> None:
    # The signed extension ships in a wheel: load it from its file, never from the network.
    con.execute(f"LOAD '{fts_extension_path()}'")


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [exc.__class__.__name__])[0]


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR, "
        "applied_at TIMESTAMPTZ DEFAULT current_timestamp)"
    )
    return con.execute("SELECT coalesce(max(version), 0) FROM schema_migrations").fetchone()[0]


def migrate(con: duckdb.DuckDBPyConnection) -> int:
    current = schema_version(con)
    for version, name, sql in MIGRATIONS:
        if version <= current:
            continue
        con.execute("BEGIN")
        try:
            con.execute(sql)
            con.execute("INSERT INTO schema_migrations (version, name) VALUES (?, ?)", [version, name])
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        current = version
    return current


def open_warehouse(path: str | Path, wait: float | None = None) -> duckdb.DuckDBPyConnection:
    """A writing connection to a migrated warehouse holding the reference table."""
    con = connect(path, wait=wait)
    try:
        migrate(con)
        if con.execute("SELECT count(*) FROM local_authorities").fetchone()[0] == 0:
            from warehouse.local_authorities import load_reference

            load_reference(con)
    except BaseException:
        con.close()
        raise
    return con


@contextmanager
def warehouse_writer(path: str | Path, wait: float | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """Write, then let go of the file so readers can open it."""
    con = connect(path, wait=wait)
    try:
        yield con
    finally:
        con.close()


class WarehouseWriter:
    """The harvest's connection: opened on first use, released between councils so readers can query.

    It stands in for a DuckDB connection (attribute access goes to the open connection), so the
    load functions take it unchanged; `release()` closes the file until the next use reopens it.
    """

    def __init__(self, path: str | Path, wait: float | None = None):
        self.path = Path(path)
        self.wait = wait
        self._con: duckdb.DuckDBPyConnection | None = None
        self._fts = False

    @property
    def connection(self) -> duckdb.DuckDBPyConnection:
        if self._con is None:
            # Opened once per council: the search extension costs more than the open, so load it only
            # for the statements that use it.
            self._con = connect(self.path, wait=self.wait, fts=False)
            self._fts = False
        return self._con

    def execute(self, sql: str, *args, **kwargs):
        con = self.connection
        if not self._fts and "fts" in sql.lower():
            load_fts(con)
            self._fts = True
        return con.execute(sql, *args, **kwargs)

    def __getattr__(self, name: str):
        return getattr(self.connection, name)

    def release(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None

    close = release


# -- the run lock: one harvest per warehouse -----------------------------------------------------
_held_locks: dict[str, list] = {}  # lock path -> [fd, depth]: the CLI and the flow in one process share it
_held_guard = threading.Lock()


def lock_path_for(db: str | Path) -> Path:
    return Path(f"{db}.lock")


@contextmanager
def harvest_lock(db: str | Path) -> Iterator[None]:
    """Hold the warehouse's run lock for a whole harvest; WarehouseBusy if another harvest holds it.

    Taken by `peerwatch harvest` before Prefect starts, and again inside the flow for scheduled runs
    (in one process the second take is a no-op). The OS drops it when the process dies, kill -9 too.
    """
    path = Path(db)
    check_warehouse_path(path, must_exist=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = lock_path_for(path)
    key = str(lock.resolve())
    with _held_guard:
        if key in _held_locks:
            _held_locks[key][1] += 1
            fd = None
        else:
            fd = _take_lock(lock, path)
            _held_locks[key] = [fd, 1]
    try:
        yield
    finally:
        with _held_guard:
            entry = _held_locks[key]
            entry[1] -= 1
            if entry[1] == 0:
                del _held_locks[key]
                fcntl.flock(entry[0], fcntl.LOCK_UN)
                os.close(entry[0])


LOCK_TEXT_START = "process "  # what our lock file says: "process <pid>, started <when>"


def _take_lock(lock: Path, db: Path) -> int:
    fd = _open_own_lock(lock)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip()
        os.close(fd)
        raise WarehouseBusy(
            f"another harvest is running on {db}{f' ({holder})' if holder else ''}; wait for it "
            "to finish (queries work meanwhile)"
        ) from None
    try:
        _refuse_foreign_lock(fd, lock)
    except WarehouseUnusable:
        os.close(fd)
        raise
    os.ftruncate(fd, 0)  # ours (empty or a lock an earlier run left): safe to rewrite
    started = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    os.pwrite(fd, f"{LOCK_TEXT_START}{os.getpid()}, started {started}\n".encode(), 0)
    return fd


def _open_own_lock(lock: Path) -> int:
    """The lock file opened without following a link: a lock path planted as a symbolic link to another file
    (a system file, someone's data) is refused, so the harvest never writes through it."""
    try:
        return os.open(lock, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK, 0o644)
    except OSError as exc:
        if lock.is_symlink():
            raise WarehouseUnusable(
                f"the run lock {lock} is a symbolic link (to {os.readlink(lock)}); PeerWatch "
                "will not write through it: remove the link and run again"
            ) from None
        raise WarehouseUnusable(f"cannot open the run lock {lock}: {exc.strerror}") from None


def _refuse_foreign_lock(fd: int, lock: Path) -> None:
    """Only a plain file of ours, with one name, holding nothing or our own lock text, is ever rewritten."""
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode):
        raise WarehouseUnusable(f"the run lock {lock} is not a plain file; remove it and run again")
    if st.st_nlink > 1:
        raise WarehouseUnusable(
            f"the run lock {lock} is a hard link to another file ({st.st_nlink} names); "
            "PeerWatch will not write to it: remove it and run again"
        )
    if st.st_uid != os.geteuid():
        raise WarehouseUnusable(f"the run lock {lock} belongs to another user; remove it and run again")
    head = os.pread(fd, len(LOCK_TEXT_START), 0)
    if head and head != LOCK_TEXT_START.encode():
        raise WarehouseUnusable(
            f"{lock} is not a PeerWatch run lock (it holds something else); move it away and run again"
        )
