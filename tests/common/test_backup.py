"""``zhengwu backup`` and ``zhengwu restore``: a backup restored into a fresh data directory (and,
on PostgreSQL, a new database) holds the same rows, audit chain and files, checked independently
of the code under test."""

from __future__ import annotations

import hashlib
import io
import json
import os
import sqlite3
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from tests.cases.world import build_world, pdf
from tests.cli import run_zhengwu, zhengwu_env
from zhengwu.cases import services as cases
from zhengwu.common.models import AuditEvent

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _postgres_url(name: str) -> str:
    db = connection.settings_dict
    auth = db.get("USER") or "postgres"
    if db.get("PASSWORD"):
        auth += f":{db['PASSWORD']}"
    return f"postgres://{auth}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{name}"


class Target:
    """A fresh data directory and an empty database for the restore, read without Django."""

    def __init__(self, root: Path):
        self.root = root
        self.pg_name = None
        if connection.vendor == "postgresql":
            import psycopg

            self.pg_name = f"zhengwu_restore_{os.getpid()}"
            with psycopg.connect(_postgres_url("postgres"), autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{self.pg_name}"')
                conn.execute(f'CREATE DATABASE "{self.pg_name}"')
            self.env = zhengwu_env(root, DATABASE_URL=_postgres_url(self.pg_name))
        else:
            self.env = zhengwu_env(root)

    def rows(self, sql: str) -> list[tuple]:
        if self.pg_name:
            import psycopg

            with psycopg.connect(_postgres_url(self.pg_name)) as conn:
                return conn.execute(sql).fetchall()
        with sqlite3.connect(self.root / "cli.sqlite3") as conn:
            return conn.execute(sql).fetchall()

    def drop(self):
        if self.pg_name:
            import psycopg

            with psycopg.connect(_postgres_url("postgres"), autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{self.pg_name}" WITH (FORCE)')


@pytest.fixture
def target(tmp_path):
    root = tmp_path / "restored"
    root.mkdir()
    fresh = Target(root)
    yield fresh
    fresh.drop()


def live_counts() -> dict[str, int]:
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        counts = {}
        for table in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def digests(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def records(w):
    """Two applications with uploaded files, one accepted: rows, audit events and files."""
    made = []
    for key in ("backup-1", "backup-2"):
        made.append(
            cases.case_submit(
                actor=w.citizen,
                applicant=w.citizen,
                power=w.simple,
                idempotency_key=key,
                files=[pdf(), pdf("营业执照.pdf")],
            ).case
        )
    cases.case_accept(actor=w.clerk, case=made[0])
    return made


def backup_to(path: Path) -> str:
    out = io.StringIO()
    call_command("backup", out=path, stdout=out)
    return out.getvalue()


def test_a_backup_restores_into_a_fresh_data_directory_with_the_same_rows_chain_and_files(
    tmp_path, media, target
):
    w = build_world()
    records(w)
    counts, events, files = live_counts(), AuditEvent.objects.count(), digests(media)
    assert len(files) >= 4 and events > 0
    printed = backup_to(tmp_path / "backup")
    assert "Backup written" in printed
    # What happens after the backup is not in it.
    cases.case_submit(
        actor=w.citizen, applicant=w.citizen, power=w.simple, idempotency_key="after", files=[pdf()]
    )

    restored = run_zhengwu(target.env, "restore", str(tmp_path / "backup"))
    assert restored.returncode == 0, restored.stderr
    assert f"{events} audit events verified" in restored.stdout

    quote = connection.ops.quote_name
    again = {table: target.rows(f"SELECT COUNT(*) FROM {quote(table)}")[0][0] for table in counts}
    assert again == counts
    assert digests(target.root / "media") == files
    verify = run_zhengwu(target.env, "audit", "verify", "--quiet")
    assert verify.returncode == 0, verify.stderr
    assert f"{events} events" in verify.stdout


def test_a_damaged_backup_restores_nothing_and_names_the_file(tmp_path, media, target):
    records(build_world())
    backup_to(tmp_path / "backup")
    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())
    damaged = tmp_path / "backup" / manifest["files"][0]["path"]
    damaged.write_bytes(damaged.read_bytes() + b"x")

    restored = run_zhengwu(target.env, "restore", str(tmp_path / "backup"))
    assert restored.returncode == 2
    assert manifest["files"][0]["path"] in restored.stderr
    assert "nothing restored" in restored.stderr
    assert not (target.root / "media").exists()
    assert not target.rows(
        "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'"
        if target.pg_name
        else "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'"
    )[0][0]


def test_a_restore_never_overwrites_a_database_unless_forced(tmp_path, target):
    records(build_world())
    backup_to(tmp_path / "backup")
    first = run_zhengwu(target.env, "restore", str(tmp_path / "backup"))
    assert first.returncode == 0, first.stderr
    again = run_zhengwu(target.env, "restore", str(tmp_path / "backup"))
    assert again.returncode == 2
    assert "already holds tables" in again.stderr
    forced = run_zhengwu(target.env, "restore", "--force", str(tmp_path / "backup"))
    assert forced.returncode == 0, forced.stderr


def test_a_backup_goes_into_a_new_directory(tmp_path):
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "something").write_text("x")
    with pytest.raises(CommandError, match="not empty"):
        backup_to(tmp_path / "used")


def test_a_restore_of_something_that_is_not_a_backup_is_refused(tmp_path, target):
    restored = run_zhengwu(target.env, "restore", str(tmp_path))
    assert restored.returncode == 2
    assert "not a zhengwu backup" in restored.stderr
