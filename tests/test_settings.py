import os
import subprocess
import sys
import threading
import time

import pytest
from django.db import connection, connections, transaction

from tests.factories import LeagueFactory
from zhengwu.org.models import Division

SQLITE = connection.vendor == "sqlite"


@pytest.mark.skipif(not SQLITE, reason="SQLite settings")
@pytest.mark.django_db
def test_sqlite_runs_in_wal_mode_with_a_busy_timeout():
    with connection.cursor() as cursor:
        assert cursor.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert cursor.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
        assert cursor.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert connection.settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


@pytest.mark.skipif(not SQLITE, reason="SQLite locking")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_sqlite_writers_wait_instead_of_failing():
    """Two transactions that read then write: with IMMEDIATE the second waits for the first."""
    league = LeagueFactory()
    errors: list[BaseException] = []
    started = threading.Barrier(2)

    def writer(n: int) -> None:
        try:
            started.wait()
            with transaction.atomic():
                count = Division.objects.count()  # a read before the write: the DEFERRED trap
                time.sleep(0.3)
                Division.objects.create(
                    code=f"15253{n}000000", name=f"县{n}", level="county", parent=league
                )
                assert count >= 1
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(n,)) for n in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Division.objects.filter(level="county").count() == 2


def run_check(env_extra: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ZHENGWU_")}
    env.update(env_extra)
    return subprocess.run(
        [sys.executable, "-m", "zhengwu", "check", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_profile_passes_the_deploy_check(tmp_path):
    result = run_check(
        {
            "ZHENGWU_PROFILE": "production",
            "ZHENGWU_SECRET_KEY": "k3Y-" + "x7Qp2Lm9Zr" * 6,
            "ZHENGWU_ALLOWED_HOSTS": "gov.example",
            "ZHENGWU_DATA_DIR": str(tmp_path),
        },
        "--deploy",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_profile_refuses_to_start_without_a_secret_key(tmp_path):
    result = run_check(
        {
            "ZHENGWU_PROFILE": "production",
            "ZHENGWU_ALLOWED_HOSTS": "gov.example",
            "ZHENGWU_DATA_DIR": str(tmp_path),
        },
    )
    assert result.returncode != 0 and "ZHENGWU_SECRET_KEY" in result.stderr


def test_development_profile_generates_and_keeps_a_secret_key(tmp_path):
    env = {"ZHENGWU_DATA_DIR": str(tmp_path)}
    assert run_check(env).returncode == 0
    key = (tmp_path / "secret_key").read_text()
    assert len(key) >= 50
    assert oct((tmp_path / "secret_key").stat().st_mode & 0o777) == "0o600"
    assert run_check(env).returncode == 0
    assert (tmp_path / "secret_key").read_text() == key


def test_redis_url_switches_cache_and_sessions(tmp_path):
    code = (
        "import django; from django.conf import settings; django.setup();"
        "print(settings.CACHES['default']['BACKEND']); print(settings.SESSION_ENGINE)"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("ZHENGWU_")}
    env.update(
        {
            "ZHENGWU_DATA_DIR": str(tmp_path),
            "REDIS_URL": "redis://127.0.0.1:6379/9",
            "DJANGO_SETTINGS_MODULE": "zhengwu.settings",
        }
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == [
        "django.core.cache.backends.redis.RedisCache",
        "django.contrib.sessions.backends.cache",
    ]
