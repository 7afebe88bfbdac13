"""Domain errors: what a service refuses, with a machine-readable code and a readable message."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    """Base of the errors services raise; the API turns them into JSON with ``code``/``message``."""

    code = "domain_error"
    status = 409
    default_message = _("The request cannot be carried out.")

    def __init__(self, message=None, *, code: str | None = None, **params):
        self.message = message if message is not None else self.default_message
        if code:
            self.code = code
        self.params = params
        super().__init__(str(self.message))


class IllegalTransition(DomainError):
    code = "illegal_transition"
    default_message = _("This step is not allowed in the current state.")


class NotPermitted(DomainError):
    code = "forbidden"
    status = 403
    default_message = _("You do not have permission to do this.")


class Conflict(DomainError):
    """Someone else changed the object first (e.g. the task was already completed)."""

    code = "conflict"
    default_message = _("Someone else has just done this; reload to see the current state.")
