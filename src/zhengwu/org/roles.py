"""Staff roles. Each role is a Django group whose name is the role's code."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    WINDOW_CLERK = "window_clerk", _("window clerk")
    VILLAGE_AGENT = "village_agent", _("village agent")
    REVIEWER = "reviewer", _("reviewer")
    DEPARTMENT_HEAD = "department_head", _("department head")
    SUPERVISOR = "supervisor", _("supervisor")
    LEGAL_OFFICER = "legal_officer", _("legal-affairs officer")
    DISCLOSURE_OFFICER = "disclosure_officer", _("disclosure officer")
    ADMINISTRATOR = "administrator", _("administrator")
