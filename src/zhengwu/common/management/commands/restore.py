"""``zhengwu restore DIR [--force]``: a backup into the configured database and data directory."""

from pathlib import Path

from django.core.management.base import CommandError

from zhengwu.common.backup import BackupError, restore
from zhengwu.common.commands import RegisterCommand, fail


class Command(RegisterCommand):
    help = (
        "Restore a backup made by zhengwu backup into the configured database and media"
        " directory (an empty one unless --force), then check it: row counts, audit chain heads,"
        " the audit trail and every file against the manifest."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", type=Path, help="the backup's directory")
        parser.add_argument(
            "--force", action="store_true", help="replace a database that holds tables"
        )

    def handle(self, *args, source, force=False, **options):
        try:
            result = restore(source, force=force)
        except BackupError as error:
            fail(str(error))
        if not result.ok:
            for problem in result.problems:
                self.stderr.write(f"MISMATCH {problem}")
            raise CommandError(
                f"restored, but {len(result.problems)} check(s) failed; first:"
                f" {result.problems[0]}",
                returncode=3,
            )
        self.stdout.write(
            f"Restored and checked: {result.tables} tables, {result.rows} rows,"
            f" {result.audit_events} audit events verified, {result.files} files."
        )
