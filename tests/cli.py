"""Running the real ``zhengwu`` command in a subprocess, on a database of its own.

Subprocesses do not see the test database, so each gets a fresh data directory and SQLite file.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def zhengwu_env(root: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ZHENGWU_")}
    env.update(
        {
            "DATABASE_URL": f"sqlite:///{root / 'cli.sqlite3'}",
            "ZHENGWU_DATA_DIR": str(root),
            "DJANGO_SETTINGS_MODULE": "zhengwu.settings",
            **extra,
        }
    )
    return env


def run_zhengwu(
    env: dict[str, str], *args: str, stdin: str = "", timeout: int = 300
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "zhengwu", *args],
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def migrated_env(root: Path) -> dict[str, str]:
    env = zhengwu_env(root)
    migrate = run_zhengwu(env, "migrate", "-v", "0")
    assert migrate.returncode == 0, migrate.stderr
    return env
