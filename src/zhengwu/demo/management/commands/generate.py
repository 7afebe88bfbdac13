"""``zhengwu generate``: fill the database with synthetic records at scale (for benchmarks)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError


def _positive(value: str) -> int:
    number = int(value)
    if number < 0:
        raise ValueError(value)
    return number


class Command(BaseCommand):
    help = (
        "Fill the database with synthetic records: cases in every state over the years (clocks, "
        "tasks, ratings, fees), published documents, disclosure requests and supervision alerts."
    )

    def add_arguments(self, parser):
        parser.add_argument("--cases", type=_positive, required=True, help="number of cases")
        parser.add_argument(
            "--years", type=_positive, default=3, help="years of records ending today (default 3)"
        )
        parser.add_argument(
            "--documents", type=_positive, default=0, help="published documents (default 0)"
        )
        parser.add_argument(
            "--requests",
            type=_positive,
            default=None,
            help="disclosure requests (default: one for every 200 cases)",
        )
        parser.add_argument("--seed", type=int, default=1, help="the same seed gives the same rows")
        parser.add_argument(
            "--today",
            type=datetime.date.fromisoformat,
            default=None,
            help="the last day of the records, YYYY-MM-DD (default: today)",
        )
        parser.add_argument(
            "--no-sweep", action="store_true", help="do not run the supervision sweep at the end"
        )

    def handle(self, *args, cases, years, documents, requests, seed, today, no_sweep, **options):
        from tqdm import tqdm

        from zhengwu.demo.generate import generate

        if years < 1:
            raise CommandError("--years must be at least 1")
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write(f"Generating into {settings.DATABASES['default']['NAME']}…")
        bar = tqdm(total=cases, unit="case", desc="cases", disable=cases == 0)

        def progress(done: int, total: int) -> None:
            bar.update(done - bar.n)

        try:
            result = generate(
                cases=cases,
                years=years,
                documents=documents,
                requests=requests,
                seed=seed,
                today=today,
                sweep=not no_sweep,
                progress=progress,
                say=lambda message: bar.write(f"  {message}"),
            )
        finally:
            bar.close()
        states = ", ".join(f"{status} {n:,}" for status, n in result.by_status.items())
        rows = ", ".join(f"{n:,} {table}" for table, n in result.rows.items())
        self.stdout.write(f"Cases by state: {states}")
        self.stdout.write(f"Rows: {rows}")
        self.stdout.write(
            f"Documents: {result.documents:,}; disclosure requests: {result.requests:,}; "
            f"alerts: {result.alerts:,}"
        )
        total = sum(result.seconds.values())
        self.stdout.write(self.style.SUCCESS(f"Done in {total:.1f} s ({result.seconds})"))
