"""``zhengwu audit verify``: prove that no audit event was altered or removed."""

import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from zhengwu.common.audit import audit_verify
from zhengwu.common.models import AuditEvent


class Command(BaseCommand):
    help = "Audit trail tools."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        verify = sub.add_parser("verify", help="walk every hash chain and report the first break")
        verify.add_argument("--quiet", action="store_true", help="no progress bar")

    def handle(self, *args, action, quiet=False, **options):
        if action != "verify":  # pragma: no cover - argparse restricts the choices
            raise CommandError(f"unknown action {action}")
        total = AuditEvent.objects.count()
        with tqdm(
            total=total, unit="event", disable=quiet or total < 10000, file=sys.stderr
        ) as bar:
            result = audit_verify(progress=bar.update)
        if result.ok:
            self.stdout.write(
                f"Audit trail intact: {result.events} events in {result.chains} chains."
            )
            return
        for item in result.breaks:
            self.stderr.write(f"BROKEN {item}")
        raise CommandError(
            f"Audit trail broken in {len(result.breaks)} chain(s); first: {result.breaks[0]}",
            returncode=2,
        )
