"""Backups: the database and the uploaded files in one directory, with a manifest of checksums.

A backup is a directory holding

- ``database.sqlite3`` (SQLite's online backup API: a consistent copy while the server runs) or
  ``database.pgdump`` (``pg_dump --format=custom`` on PostgreSQL, from an exported snapshot);
- ``media/``, a copy of every uploaded file;
- ``manifest.json``: when and from what it was made, the SHA-256 and size of every file in it,
  the row count of every table and the head (last sequence number and hash) of every audit chain,
  all read from the same snapshot as the database copy.

:func:`restore` checks every checksum before it writes anything, refuses to overwrite a database
that holds tables (unless forced), puts the database and the files in place, and then checks the
restored database against the manifest: the same row counts, the same audit chain heads, and an
audit trail that verifies from the first event of each chain.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import connection, connections

import zhengwu

FORMAT = 1
MANIFEST = "manifest.json"
SQLITE_FILE = "database.sqlite3"
PGDUMP_FILE = "database.pgdump"
MEDIA_DIR = "media"


class BackupError(Exception):
    """A backup or a restore that cannot go ahead; the message says why, in full."""


@dataclass
class RestoreResult:
    tables: int = 0
    rows: int = 0
    files: int = 0
    audit_events: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _entry(root: Path, path: Path) -> dict:
    return {
        "path": path.relative_to(root).as_posix(),
        "size": path.stat().st_size,
        "sha256": sha256(path),
    }


def _media_root() -> Path:
    return Path(settings.MEDIA_ROOT)


def _media_files(root: Path) -> Iterator[Path]:
    if root.is_dir():
        yield from sorted(p for p in root.rglob("*") if p.is_file())


def _table_names() -> list[str]:
    with connection.cursor() as cursor:
        return sorted(connection.introspection.table_names(cursor))


def _counts(execute, tables: list[str]) -> dict[str, int]:
    """Row counts of ``tables`` through ``execute(sql) -> first row``."""
    quote = connection.ops.quote_name
    return {table: int(execute(f"SELECT COUNT(*) FROM {quote(table)}")[0]) for table in tables}  # noqa: S608


def _heads(execute_all) -> dict[str, list]:
    """The head of every audit chain: {key: [last sequence number, last hash]}."""
    from zhengwu.common.models import AuditChain

    quote = connection.ops.quote_name
    rows = execute_all(
        f"SELECT {quote('key')}, last_seq, last_hash FROM {quote(AuditChain._meta.db_table)}"  # noqa: S608
        f" ORDER BY {quote('key')}"
    )
    return {key: [int(seq), last_hash] for key, seq, last_hash in rows}


# --- PostgreSQL -------------------------------------------------------------------------------


def _pg_environment(database: dict) -> dict[str, str]:
    """The libpq variables for pg_dump and pg_restore (the password never on a command line)."""
    env = dict(os.environ)
    for variable, key in (
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
    ):
        if database.get(key):
            env[variable] = str(database[key])
    return env


def _pg_run(command: list[str], database: dict) -> None:
    program = shutil.which(command[0])
    if program is None:
        raise BackupError(f"{command[0]} is not installed (PostgreSQL's client programs)")
    done = subprocess.run(  # noqa: S603 (a fixed program with arguments, no shell)
        [program, *command[1:]],
        env=_pg_environment(database),
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise BackupError(f"{command[0]} failed: {done.stderr.strip() or done.returncode}")


@contextmanager
def _pg_snapshot(database: dict):
    """A read-only repeatable-read transaction whose snapshot pg_dump can share."""
    import psycopg

    params = {
        "dbname": database["NAME"],
        "user": database.get("USER") or None,
        "password": database.get("PASSWORD") or None,
        "host": database.get("HOST") or None,
        "port": database.get("PORT") or None,
    }
    with psycopg.connect(**{k: v for k, v in params.items() if v}) as conn:
        conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        conn.read_only = True
        snapshot = conn.execute("SELECT pg_export_snapshot()").fetchone()[0]
        try:
            yield conn, snapshot
        finally:
            conn.rollback()


# --- backup -----------------------------------------------------------------------------------


def default_destination() -> Path:
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d-%H%M%S")
    return Path(settings.DATA_DIR) / "backups" / f"zhengwu-{connection.vendor}-{stamp}"


def backup(destination: Path | None = None) -> dict:
    """Write a backup of the database and the uploaded files into ``destination``; the manifest."""
    destination = Path(destination or default_destination())
    if destination.exists() and any(destination.iterdir()):
        raise BackupError(f"{destination} is not empty: a backup goes into a new directory")
    destination.mkdir(parents=True, exist_ok=True)
    database = connection.settings_dict
    tables = _table_names()
    if connection.vendor == "sqlite":
        target = destination / SQLITE_FILE
        source = sqlite3.connect(database["NAME"])
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)  # the online backup API: committed data, a consistent copy
        finally:
            source.close()
        try:
            counts = _counts(lambda sql: copy.execute(sql).fetchone(), tables)
            heads = _heads(lambda sql: copy.execute(sql).fetchall())
        finally:
            copy.close()
        database_file = SQLITE_FILE
    elif connection.vendor == "postgresql":
        with _pg_snapshot(database) as (conn, snapshot):
            _pg_run(
                [
                    "pg_dump",
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    f"--snapshot={snapshot}",
                    f"--file={destination / PGDUMP_FILE}",
                    database["NAME"],
                ],
                database,
            )
            counts = _counts(lambda sql: conn.execute(sql).fetchone(), tables)
            heads = _heads(lambda sql: conn.execute(sql).fetchall())
        database_file = PGDUMP_FILE
    else:
        raise BackupError(f"backups of {connection.vendor} databases are not supported")

    media = _media_root()
    files = []
    for path in _media_files(media):
        copied = destination / MEDIA_DIR / path.relative_to(media)
        copied.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, copied)
        files.append(_entry(destination, copied))
    manifest = {
        "format": FORMAT,
        "zhengwu": zhengwu.__version__,
        "created": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "vendor": connection.vendor,
        "database": _entry(destination, destination / database_file),
        "files": files,
        "counts": counts,
        "audit_chains": heads,
    }
    (destination / MANIFEST).write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8"
    )
    return {**manifest, "path": str(destination / MANIFEST)}


# --- restore ----------------------------------------------------------------------------------


def read_manifest(source: Path) -> dict:
    path = Path(source) / MANIFEST
    if not path.is_file():
        raise BackupError(f"{source} holds no {MANIFEST}: not a zhengwu backup")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as error:
        raise BackupError(f"{path} is not valid JSON: {error}") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{path}: backup format {manifest.get('format')!r}, expected {FORMAT}")
    return manifest


def check_backup(source: Path, manifest: dict) -> list[str]:
    """Every file of the manifest present with its size and checksum: the problems found."""
    problems = []
    for entry in [manifest["database"], *manifest["files"]]:
        path = Path(source) / entry["path"]
        if not path.is_file():
            problems.append(f"{entry['path']}: missing from the backup")
        elif path.stat().st_size != entry["size"] or sha256(path) != entry["sha256"]:
            problems.append(f"{entry['path']}: checksum differs from the manifest (altered)")
    return problems


def restore(source: Path, *, force: bool = False) -> RestoreResult:
    """Restore ``source`` into the configured database and media directory, then verify it."""
    source = Path(source)
    manifest = read_manifest(source)
    problems = check_backup(source, manifest)
    if problems:
        raise BackupError("the backup is damaged, nothing restored:\n" + "\n".join(problems))
    if manifest["vendor"] != connection.vendor:
        raise BackupError(
            f"a {manifest['vendor']} backup restores into {manifest['vendor']},"
            f" not into the configured {connection.vendor} database"
        )
    if _table_names() and not force:
        raise BackupError(
            "the configured database already holds tables: restore into an empty one"
            " (a new ZHENGWU_DATA_DIR or DATABASE_URL), or pass --force to replace it"
        )
    media = _media_root()
    clashes = []
    for entry in manifest["files"]:
        target = media / Path(entry["path"]).relative_to(MEDIA_DIR)
        if target.exists() and sha256(target) != entry["sha256"] and not force:
            clashes.append(str(target))
    if clashes:
        raise BackupError(
            "files with other contents are in the way (pass --force to replace them):\n"
            + "\n".join(clashes)
        )

    database = connection.settings_dict
    connections.close_all()
    if connection.vendor == "sqlite":
        backup_copy = sqlite3.connect(f"file:{source / SQLITE_FILE}?mode=ro", uri=True)
        target = sqlite3.connect(database["NAME"])
        try:
            backup_copy.backup(target)
        finally:
            backup_copy.close()
            target.close()
    else:
        command = ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error"]
        if force:
            command += ["--clean", "--if-exists"]
        _pg_run([*command, f"--dbname={database['NAME']}", str(source / PGDUMP_FILE)], database)
    for entry in manifest["files"]:
        target = media / Path(entry["path"]).relative_to(MEDIA_DIR)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source / entry["path"], target)
    return verify_restored(manifest)


def verify_restored(manifest: dict) -> RestoreResult:
    """Compare the configured database and media directory with a backup's manifest."""
    from zhengwu.common.audit import audit_verify

    result = RestoreResult()
    tables = _table_names()
    expected = manifest["counts"]

    def execute(sql):
        with connection.cursor() as cursor:
            cursor.execute(sql)
            return cursor.fetchall()

    missing = sorted(set(expected) - set(tables))
    result.problems += [f"table {table}: missing after the restore" for table in missing]
    counts = _counts(lambda sql: execute(sql)[0], [t for t in tables if t in expected])
    for table, count in counts.items():
        if count != expected[table]:
            result.problems.append(f"table {table}: {count} rows, the backup had {expected[table]}")
    result.tables, result.rows = len(counts), sum(counts.values())
    heads = _heads(execute)
    if heads != manifest["audit_chains"]:
        result.problems.append("audit chain heads differ from the backup's")
    verified = audit_verify()
    result.audit_events = verified.events
    result.problems += [f"audit trail: {item}" for item in verified.breaks]
    media = _media_root()
    for entry in manifest["files"]:
        target = media / Path(entry["path"]).relative_to(MEDIA_DIR)
        if not target.is_file() or sha256(target) != entry["sha256"]:
            result.problems.append(f"{target}: not restored as backed up")
        else:
            result.files += 1
    return result
