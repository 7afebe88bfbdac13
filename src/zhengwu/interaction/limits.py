"""How long the county has to answer each kind of message, in working days.

The defaults (``DEFAULT_ANSWER_LIMITS``):

- a consultation (网上咨询): 5 working days — a question about a procedure or a policy, answered
  by the department that handles it;
- a complaint (投诉): 10 working days — the limit most local rules on complaints about
  administrative efficiency and government services set (e.g. 行政效能投诉 handling rules);
- a letter to the county head (县长信箱): 15 working days — the letters are read by the county
  government office and usually need a department's investigation first.

No statute sets these periods for a county's online interaction; they are local rules, so an
installation may set its own with the setting ``ZHENGWU_INTERACTION_LIMITS``, a mapping from
kind to working days (``{"complaint": 7}``); kinds it leaves out keep their default. As for every
clock, counting starts on the day after the message arrived (LAW.md, counting rules).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

CONSULTATION = "consultation"
COMPLAINT = "complaint"
MAILBOX = "mailbox"

DEFAULT_ANSWER_LIMITS: dict[str, int] = {CONSULTATION: 5, COMPLAINT: 10, MAILBOX: 15}


def answer_limits() -> dict[str, int]:
    """The limit of every kind: the defaults, overridden by ``ZHENGWU_INTERACTION_LIMITS``."""
    configured = getattr(settings, "ZHENGWU_INTERACTION_LIMITS", None) or {}
    unknown = set(configured) - set(DEFAULT_ANSWER_LIMITS)
    if unknown:
        raise ImproperlyConfigured(
            f"ZHENGWU_INTERACTION_LIMITS names unknown kinds: {', '.join(sorted(unknown))}"
        )
    limits = dict(DEFAULT_ANSWER_LIMITS)
    for kind, days in configured.items():
        if not isinstance(days, int) or isinstance(days, bool) or days < 1:
            raise ImproperlyConfigured(
                f"ZHENGWU_INTERACTION_LIMITS[{kind!r}] must be a whole number of days, at least 1"
            )
        limits[kind] = days
    return limits


def answer_limit(kind: str) -> int:
    """The working days the county has to answer a message of ``kind``."""
    return answer_limits()[kind]
