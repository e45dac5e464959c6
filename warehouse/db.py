"""Opening the DuckDB warehouse: migrations, the offline FTS extension, one writer at a time."""
from __future__ import annotations

from pathlib import Path

import duckdb

from warehouse.schema import MIGRATIONS


class WarehouseBusy(Exception):
    """Another process holds the warehouse for writing."""


class WarehouseUnusable(Exception):
    """The file exists but is not a DuckDB warehouse we can use."""


def fts_extension_path() -> Path:
    import duckdb_extension_fts

    return Path(duckdb_extension_fts.__file__).parent / "extensions" / f"v{duckdb.__version__}" / "fts.duckdb_extension"


def connect(path: str | Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    path = Path(path)
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    config = {"autoinstall_known_extensions": "false", "autoload_known_extensions": "false"}
    try:
        con = duckdb.connect(str(path), read_only=read_only, config=config)
    except duckdb.IOException as exc:
        if "lock" in str(exc).lower():
            raise WarehouseBusy(f"{path} is in use by another PeerWatch process; try again when it finishes") from exc
        raise WarehouseUnusable(f"cannot open {path}: {exc}") from exc
    except duckdb.Error as exc:
        raise WarehouseUnusable(f"cannot open {path}: {exc}") from exc
    # The signed extension ships in a wheel: load it from its file, never from the network.
    con.execute(f"LOAD '{fts_extension_path()}'")
    return con


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    con.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR, "
                "applied_at TIMESTAMPTZ DEFAULT current_timestamp)")
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


def open_warehouse(path: str | Path) -> duckdb.DuckDBPyConnection:
    con = connect(path)
    migrate(con)
    if con.execute("SELECT count(*) FROM local_authorities").fetchone()[0] == 0:
        from warehouse.local_authorities import load_reference

        load_reference(con)
    return con
