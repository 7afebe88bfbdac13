"""Major administrative decisions (重大行政决策) to the Interim Regulations on Major
Administrative Decision-making Procedures (重大行政决策程序暂行条例, State Council Decree 713,
2019).

A decision (``MajorDecision``) is prepared by its undertaking department (承办单位) and decided by
the county government (the decision body). Before it can be adopted, the procedure steps the
regulations require are recorded, each in its own table with its dates and evidence:

- public participation (公众参与, arts 14-19): a public comment period (``PublicComment``, at
  least 30 days, art 15) and/or a hearing (``Hearing``, materials sent at least 7 days before,
  art 18);
- expert argumentation (专家论证, arts 19-21) when the decision is marked as needing it;
- risk assessment (风险评估, arts 22-24) when the decision is marked as needing it;
- legality review (合法性审查, arts 25-28), the review body allowed at least 7 working days;
- collective discussion (集体讨论决定, arts 30-32) at an executive or plenary meeting.

Which step is required and where its source is lies in ``STEPS`` (the gate of
``services.decision_adopt`` reads it). After adoption: publication, implementation reports,
post-decision evaluation and changes of implementation (suspend, resume, change, stop).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class SubjectArea(models.TextChoices):
    URBAN_PLANNING = "urban_planning", _("urban planning")
    EXPROPRIATION = "expropriation", _("housing demolition and expropriation")
    MAJOR_PROJECT = "major_project", _("major construction project")
    PUBLIC_SERVICE = "public_service", _("public service")
    ENVIRONMENT = "environment", pgettext_lazy("major decision", "environment")
    FINANCE = "finance", _("public finance")
    OTHER = "other", pgettext_lazy("major decision", "other")


class DecisionStatus(models.TextChoices):
    PREPARING = "preparing", _("in preparation")
    ADOPTED = "adopted", pgettext_lazy("major decision", "adopted")
    PUBLISHED = "published", _("published, in implementation")
    SUSPENDED = "suspended", _("implementation suspended")
    STOPPED = "stopped", _("implementation stopped")
    COMPLETED = "completed", _("implementation completed")


S = DecisionStatus

# What each status may move to (the services check every move against this).
TRANSITIONS: dict[str, set[str]] = {
    S.PREPARING: {S.ADOPTED},
    S.ADOPTED: {S.PUBLISHED},
    S.PUBLISHED: {S.SUSPENDED, S.STOPPED, S.COMPLETED},
    S.SUSPENDED: {S.PUBLISHED, S.STOPPED},
    S.STOPPED: set(),
    S.COMPLETED: set(),
}
IMPLEMENTING = [S.PUBLISHED, S.SUSPENDED]
PUBLIC_STATUSES = [S.PUBLISHED, S.SUSPENDED, S.STOPPED, S.COMPLETED]


@dataclass(frozen=True)
class Step:
    """One procedure step: its code, its name and its legal source, and when it is required
    (``flag``: the decision's boolean field that makes it required; ``None``: always)."""

    code: str
    label: object
    source: object
    flag: str | None = None


STEPS = [
    Step("participation", _("public participation"),
         _("Interim Regulations on Major Administrative Decision-making Procedures, art. 14")),
    Step("expert", _("expert argumentation"),
         _("Interim Regulations on Major Administrative Decision-making Procedures, art. 19"),
         "needs_expert"),
    Step("risk", _("risk assessment"),
         _("Interim Regulations on Major Administrative Decision-making Procedures, art. 22"),
         "needs_risk"),
    Step("legality", pgettext_lazy("major decision", "legality review"),
         _("Interim Regulations on Major Administrative Decision-making Procedures, art. 25")),
    Step("discussion", _("collective discussion"),
         _("Interim Regulations on Major Administrative Decision-making Procedures, art. 30")),
]  # fmt: skip
STEP_BY_CODE = {s.code: s for s in STEPS}


class MajorDecision(models.Model):
    """One major administrative decision, from its preparation to its end."""

    division = models.ForeignKey(
        "org.Division", verbose_name=_("division"), on_delete=models.PROTECT,
        related_name="major_decisions",
    )  # fmt: skip
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("draft decision and explanation"), blank=True)
    subject_area = models.CharField(_("subject area"), max_length=20, choices=SubjectArea.choices)
    undertaking_department = models.ForeignKey(
        "org.Department", verbose_name=_("undertaking department"), on_delete=models.PROTECT,
        related_name="undertaken_decisions",
    )  # fmt: skip
    decision_body = models.ForeignKey(
        "org.Department", verbose_name=_("decision body"), on_delete=models.PROTECT,
        related_name="decided_decisions", help_text=_("the county government"),
    )  # fmt: skip
    in_catalogue = models.BooleanField(
        _("in the annual decision catalogue"), default=False,
        help_text=_("listed in the year's catalogue of major decision matters (决策事项目录)"),
    )  # fmt: skip
    catalogue_year = models.PositiveSmallIntegerField(_("catalogue year"), null=True, blank=True)
    needs_expert = models.BooleanField(
        _("expert argumentation required"), default=False,
        help_text=_("professional or technical questions (art. 19)"),
    )  # fmt: skip
    needs_risk = models.BooleanField(
        _("risk assessment required"), default=False,
        help_text=_("implementation may affect the public's vital interests (art. 22)"),
    )  # fmt: skip
    # Responsibility on record (决策责任).
    undertaking_official = models.CharField(_("official of the undertaking department"),
                                            max_length=100)  # fmt: skip
    reviewing_official = models.CharField(_("reviewing official"), max_length=100)
    deciding_leader = models.CharField(_("leader who decides"), max_length=100)
    status = models.CharField(
        _("status"), max_length=12, choices=DecisionStatus.choices, default=S.PREPARING
    )
    adopted_on = models.DateField(pgettext_lazy("major decision", "adopted on"), null=True,
                                  blank=True)  # fmt: skip
    published_on = models.DateField(pgettext_lazy("major decision", "published on"), null=True,
                                    blank=True)  # fmt: skip
    publication_channel = models.CharField(_("publication channel"), max_length=200, blank=True)
    ended_on = models.DateField(_("implementation ended on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("major administrative decision")
        verbose_name_plural = _("major administrative decisions")
        ordering = ["-updated_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="preparing") | Q(adopted_on__isnull=False),
                name="major_decision_adopted_dated",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["preparing", "adopted"]) | Q(published_on__isnull=False),
                name="major_decision_published_dated",
            ),
            models.CheckConstraint(
                condition=Q(published_on__isnull=True)
                | Q(published_on__gte=models.F("adopted_on")),
                name="major_decision_published_after_adoption",
            ),
        ]
        indexes = [
            models.Index(fields=["division", "status"], name="majordec_division_status_idx"),
            models.Index(fields=["adopted_on"], name="majordec_adopted_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def required_steps(self) -> list[Step]:
        return [s for s in STEPS if s.flag is None or getattr(self, s.flag)]


class PublicComment(models.Model):
    """A public comment period (公开征求意见, art 15): at least 30 days from the day after it
    opens (its clock is ``decisions.comment``)."""

    decision = models.ForeignKey(MajorDecision, on_delete=models.CASCADE, related_name="comments")
    opened_on = models.DateField(_("opened on"))
    days = models.PositiveSmallIntegerField(_("comment period (days)"))
    closes_on = models.DateField(_("comments until"))
    channel = models.CharField(_("where it was published"), max_length=200)
    closed_on = models.DateField(pgettext_lazy("major decision", "closed on"), null=True,
                                 blank=True)  # fmt: skip
    opinions_count = models.PositiveIntegerField(_("opinions received"), null=True, blank=True)
    summary = models.TextField(_("summary of the opinions"), blank=True)
    adoption = models.TextField(_("how the opinions were taken"), blank=True)

    class Meta:
        verbose_name = _("public comment period")
        verbose_name_plural = _("public comment periods")
        ordering = ["opened_on", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(days__gte=1), name="decision_comment_days"),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=models.F("opened_on")),
                name="decision_comment_closed_after_opening",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.decision} · {self.opened_on}"


class Hearing(models.Model):
    """A hearing (听证会, art 18): its materials sent to the participants at least 7 days
    before it is held."""

    decision = models.ForeignKey(MajorDecision, on_delete=models.CASCADE, related_name="hearings")
    materials_sent_on = models.DateField(_("materials sent on"))
    held_on = models.DateField(_("held on"))
    place = models.CharField(pgettext_lazy("major decision", "place"), max_length=200)
    participants = models.TextField(_("participants"))
    summary = models.TextField(_("summary of the opinions"))
    adoption = models.TextField(_("how the opinions were taken"))

    class Meta:
        verbose_name = _("hearing")
        verbose_name_plural = _("hearings")
        ordering = ["held_on", "id"]

    def __str__(self) -> str:
        return f"{self.decision} · {self.held_on}"


class ExpertArgumentation(models.Model):
    """Expert argumentation (专家论证, arts 19-21)."""

    class Form(models.TextChoices):
        MEETING = "meeting", _("argumentation meeting")
        WRITTEN = "written", _("written opinions")
        INSTITUTION = "institution", _("professional institution")

    decision = models.ForeignKey(MajorDecision, on_delete=models.CASCADE, related_name="experts")
    held_on = models.DateField(_("held on"))
    form = models.CharField(_("form of the argumentation"), max_length=12, choices=Form.choices)
    experts = models.TextField(_("experts and institutions"))
    opinions = models.TextField(_("opinions"))
    adoption = models.TextField(_("how the opinions were taken"), blank=True)

    class Meta:
        verbose_name = _("expert argumentation")
        verbose_name_plural = _("expert argumentations")
        ordering = ["held_on", "id"]

    def __str__(self) -> str:
        return f"{self.decision} · {self.held_on}"


class RiskAssessment(models.Model):
    """A risk assessment (风险评估, arts 22-24)."""

    class Level(models.TextChoices):
        LOW = "low", _("low risk")
        MEDIUM = "medium", _("medium risk")
        HIGH = "high", _("high risk")

    decision = models.ForeignKey(MajorDecision, on_delete=models.CASCADE, related_name="risks")
    assessed_on = models.DateField(_("assessed on"))
    assessor = models.CharField(_("assessed by"), max_length=200)
    level = models.CharField(_("risk level"), max_length=8, choices=Level.choices)
    findings = models.TextField(_("risks found"))
    measures = models.TextField(_("prevention and control measures"))

    class Meta:
        verbose_name = _("risk assessment")
        verbose_name_plural = _("risk assessments")
        ordering = ["assessed_on", "id"]

    def __str__(self) -> str:
        return f"{self.decision} · {self.get_level_display()}"


class LegalityReview(models.Model):
    """A legality review (合法性审查, arts 25-28): submitted, then completed with a conclusion
    no earlier than ``earliest_on`` (the review body allowed at least 7 working days, art 26);
    its clock is ``decisions.legality``."""

    class Conclusion(models.TextChoices):
        LAWFUL = "lawful", _("lawful")
        AMEND = "amend", _("lawful after the amendments set out")
        UNLAWFUL = "unlawful", _("unlawful")

    decision = models.ForeignKey(MajorDecision, on_delete=models.CASCADE, related_name="reviews")
    submitted_on = models.DateField(_("submitted on"))
    earliest_on = models.DateField(
        _("earliest completion"), help_text=_("the review body is allowed at least this long")
    )
    due_on = models.DateField(_("review due by"))
    reviewing_department = models.ForeignKey(
        "org.Department", verbose_name=_("reviewing body"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )  # fmt: skip
    completed_on = models.DateField(
        pgettext_lazy("major decision", "completed on"), null=True, blank=True
    )
    conclusion = models.CharField(
        pgettext_lazy("major decision", "conclusion"), max_length=8, choices=Conclusion.choices,
        blank=True,
    )  # fmt: skip
    legal_bases = models.TextField(pgettext_lazy("major decision", "legal bases"), blank=True)
    opinion = models.TextField(_("review opinion"), blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reviewer"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )  # fmt: skip

    class Meta:
        verbose_name = pgettext_lazy("major decision", "legality review")
        verbose_name_plural = pgettext_lazy("major decision", "legality reviews")
        ordering = ["submitted_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(completed_on__isnull=True, conclusion="")
                | Q(
                    completed_on__gte=models.F("earliest_on"),
                    conclusion__in=["lawful", "amend", "unlawful"],
                ),
                name="decision_review_completed_after_allowance",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.decision} · {self.submitted_on}"

    @property
    def on_time(self) -> bool | None:
        return None if self.completed_on is None else self.completed_on <= self.due_on


class CollectiveDiscussion(models.Model):
    """The collective discussion (集体讨论决定, arts 30-32) at the government's executive or
    plenary meeting, and what the leader decided there."""

    class MeetingKind(models.TextChoices):
        EXECUTIVE = "executive", _("executive meeting (常务会议)")
        PLENARY = "plenary", _("plenary meeting (全体会议)")

    class Outcome(models.TextChoices):
        APPROVE = "approve", pgettext_lazy("major decision", "approved")
        REJECT = "reject", _("not approved")
        AMEND = "amend", _("to be amended")
        AGAIN = "again", _("to be discussed again")
        SHELVE = "shelve", _("shelved")

    decision = models.ForeignKey(
        MajorDecision, on_delete=models.CASCADE, related_name="discussions"
    )
    meeting_kind = models.CharField(
        pgettext_lazy("major decision", "meeting"), max_length=12, choices=MeetingKind.choices
    )
    meeting_name = models.CharField(_("meeting name"), max_length=200)
    held_on = models.DateField(_("held on"))
    members_total = models.PositiveSmallIntegerField(_("members"))
    members_present = models.PositiveSmallIntegerField(_("members present"))
    attendance = models.TextField(_("attendance"), blank=True)
    outcome = models.CharField(_("decision of the meeting"), max_length=8,
                               choices=Outcome.choices)  # fmt: skip
    minutes = models.TextField(_("minutes"), blank=True)

    class Meta:
        verbose_name = _("collective discussion")
        verbose_name_plural = _("collective discussions")
        ordering = ["held_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(members_present__lte=models.F("members_total")),
                name="decision_discussion_present_within_members",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.decision} · {self.meeting_name}"


class ImplementationReport(models.Model):
    """A report on the implementation (执行情况) by the undertaking department."""

    decision = models.ForeignKey(
        MajorDecision, on_delete=models.CASCADE, related_name="implementation_reports"
    )
    reported_on = models.DateField(_("reported on"))
    progress = models.TextField(_("implementation"))
    problems = models.TextField(_("problems and proposals"), blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reported by"), on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip

    class Meta:
        verbose_name = _("implementation report")
        verbose_name_plural = _("implementation reports")
        ordering = ["reported_on", "id"]

    def __str__(self) -> str:
        return f"{self.decision} · {self.reported_on}"


class Evaluation(models.Model):
    """A post-decision evaluation (决策后评估, arts 35-37)."""

    class Recommendation(models.TextChoices):
        CONTINUE = "continue", _("continue")
        CHANGE = "change", _("change the decision")
        SUSPEND = "suspend", _("suspend the implementation")
        STOP = "stop", _("stop the implementation")

    decision = models.ForeignKey(
        MajorDecision, on_delete=models.CASCADE, related_name="evaluations"
    )
    evaluated_on = models.DateField(pgettext_lazy("major decision", "evaluated on"))
    evaluator = models.CharField(pgettext_lazy("major decision", "evaluated by"), max_length=200)
    third_party = models.BooleanField(_("by a third party"), default=False)
    public_opinion = models.BooleanField(_("the public's opinion heard"), default=False)
    conclusion = models.TextField(pgettext_lazy("major decision", "conclusion"))
    recommendation = models.CharField(_("recommendation"), max_length=8,
                                      choices=Recommendation.choices)  # fmt: skip

    class Meta:
        verbose_name = _("post-decision evaluation")
        verbose_name_plural = _("post-decision evaluations")
        ordering = ["evaluated_on", "id"]

    def __str__(self) -> str:
        return f"{self.decision} · {self.evaluated_on}"


class ImplementationChange(models.Model):
    """The decision body suspends, resumes, changes or stops the implementation (arts 38-39),
    or records that it is completed (a project built, a scheme carried out)."""

    class Kind(models.TextChoices):
        SUSPEND = "suspend", _("suspend the implementation")
        RESUME = "resume", _("resume the implementation")
        CHANGE = "change", _("change the decision")
        STOP = "stop", _("stop the implementation")
        COMPLETE = "complete", _("implementation completed")

    decision = models.ForeignKey(MajorDecision, on_delete=models.CASCADE, related_name="changes")
    kind = models.CharField(pgettext_lazy("major decision", "kind"), max_length=8,
                            choices=Kind.choices)  # fmt: skip
    decided_on = models.DateField(_("decided on"))
    reason = models.TextField(_("reason"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip

    class Meta:
        verbose_name = _("change of implementation")
        verbose_name_plural = _("changes of implementation")
        ordering = ["decided_on", "id"]

    def __str__(self) -> str:
        return f"{self.decision} · {self.get_kind_display()}"
