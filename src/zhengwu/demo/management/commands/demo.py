"""``zhengwu demo``: migrate, load the demo county into an empty database, serve."""

from __future__ import annotations

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from zhengwu.demo.registry import DemoContext, demo_is_loaded, demo_load
from zhengwu.org.demo import DEMO_APPLICANTS, DEMO_PASSWORD, DEMO_STAFF
from zhengwu.org.models import User


class Command(BaseCommand):
    help = "Prepare the database with the demo county and serve it."

    def add_arguments(self, parser):
        parser.add_argument("--addr", default="127.0.0.1:8000", help="address:port to serve on")
        parser.add_argument("--no-serve", action="store_true", help="only prepare the database")

    def handle(self, *args, addr: str, no_serve: bool, **options):
        self.stdout.write("Migrating the database…")
        call_command("migrate", interactive=False, verbosity=0)
        if demo_is_loaded():
            self.stdout.write("The database already holds data: keeping it as it is.")
        else:
            self.stdout.write("Loading the demo county…")
            ctx = demo_load(DemoContext(report=self.stdout.write))
            ctx.step("demo county ready")
        url = f"http://{addr}/"
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"zhengwu demo: {url}"))
        self.stdout.write(f"Database: {settings.DATABASES['default']['NAME']}")
        self.stdout.write(f"Demo accounts (password for all: {DEMO_PASSWORD}):")
        for username, name, _dept, _post, roles in DEMO_STAFF:
            labels = "、".join(str(role.label) for role in roles)
            self.stdout.write(f"  {username:<12} {name:<6} {labels}")
        for username, name, kind, _identifier, _phone in DEMO_APPLICANTS:
            self.stdout.write(f"  {username:<12} {name}（{User.Kind(kind).label}）")
        self.stdout.write(f"Staff workbench: {url}workbench/   Back office: {url}admin/")
        required = ", ".join(settings.ZHENGWU_OTP_REQUIRED_ROLES)
        if required:
            self.stdout.write(
                f"Second factor: {required} enrol an authenticator app (TOTP) at their first"
                " login and give its code at every login (ZHENGWU_OTP_REQUIRED_ROLES= to try the"
                " demo without)."
            )
        if no_serve:
            return
        call_command("runserver", addr, use_reloader=False)
