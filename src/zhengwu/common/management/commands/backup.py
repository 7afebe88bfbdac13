"""``zhengwu backup [--out DIR]``: the database and the uploaded files, with a manifest."""

from pathlib import Path

from zhengwu.common.backup import BackupError, backup
from zhengwu.common.commands import RegisterCommand, fail


class Command(RegisterCommand):
    help = (
        "Back up the database (SQLite's online backup API, or pg_dump on PostgreSQL) and the"
        " uploaded files into a new directory, with a manifest of checksums, row counts and audit"
        " chain heads."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--out", type=Path, help="a new directory (default: backups/ in the data directory)"
        )

    def handle(self, *args, out=None, **options):
        try:
            manifest = backup(out)
        except BackupError as error:
            fail(str(error))
        rows = sum(manifest["counts"].values())
        self.stdout.write(
            f"Backup written: {manifest['vendor']} database"
            f" ({len(manifest['counts'])} tables, {rows} rows, {len(manifest['audit_chains'])}"
            f" audit chains), {len(manifest['files'])} files."
        )
        self.stdout.write(f"manifest: {manifest['path']}")
