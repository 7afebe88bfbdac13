"""The organisation tree: divisions, governments and departments, service centres, accounts."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from zhengwu.common.identity import CreditCodeValidator, IdNumberValidator, MobileValidator
from zhengwu.org.roles import Role


class Division(models.Model):
    """An administrative division: league/prefecture, county, township, village/community."""

    class Level(models.TextChoices):
        LEAGUE = "league", _("league / prefecture")
        COUNTY = "county", _("county")
        TOWNSHIP = "township", _("township")
        VILLAGE = "village", _("village / community")

    # Which level a division's parent must have.
    PARENT_LEVEL = {
        Level.LEAGUE: None,
        Level.COUNTY: Level.LEAGUE,
        Level.TOWNSHIP: Level.COUNTY,
        Level.VILLAGE: Level.TOWNSHIP,
    }

    code = models.CharField(
        _("division code"), max_length=12, unique=True, help_text=_("GB/T 2260 code, 12 digits")
    )
    name = models.CharField(_("name"), max_length=64)
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent division"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    is_community = models.BooleanField(
        _("urban community"), default=False, help_text=_("a community (社区) rather than a village")
    )

    class Meta:
        verbose_name = _("administrative division")
        verbose_name_plural = _("administrative divisions")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(level="league", parent__isnull=True)
                    | (~Q(level="league") & Q(parent__isnull=False))
                ),
                name="division_parent_matches_level",
            ),
            models.CheckConstraint(
                condition=Q(code__regex=r"^[0-9]{12}$"), name="division_code_12_digits"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        expected = self.PARENT_LEVEL.get(self.level)
        if expected is None and self.parent_id:
            raise ValidationError({"parent": _("A league has no parent division.")})
        if expected is not None and (self.parent is None or self.parent.level != expected):
            raise ValidationError(
                {
                    "parent": _("A %(level)s must belong to a %(parent)s.")
                    % {"level": self.get_level_display(), "parent": self.Level(expected).label}
                }
            )

    def ancestors(self) -> list[Division]:
        """This division and those above it, nearest first."""
        chain: list[Division] = []
        node: Division | None = self
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain

    @cached_property
    def county(self) -> Division | None:
        """The county this division lies in (itself for a county; None for a league)."""
        for node in self.ancestors():
            if node.level == self.Level.COUNTY:
                return node
        return None


class Department(models.Model):
    """A government, one of its working departments, or a village/community committee."""

    class Kind(models.TextChoices):
        GOVERNMENT = "government", _("people's government")
        DEPARTMENT = "department", _("working department")
        OFFICE = "office", _("government office")
        COMMITTEE = "committee", _("village / community committee")
        INSTITUTION = "institution", _("public institution or law-enforcement unit")

    division = models.ForeignKey(
        Division, verbose_name=_("division"), on_delete=models.PROTECT, related_name="departments"
    )
    code = models.CharField(_("code"), max_length=32)
    name = models.CharField(_("name"), max_length=100)
    short_name = models.CharField(_("short name"), max_length=32, blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    stationed_in_centre = models.BooleanField(
        _("stationed in the service centre"),
        default=False,
        help_text=_("handles its matters at the administrative service centre (两集中、两到位)"),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["division__code", "code"]
        constraints = [
            models.UniqueConstraint(fields=["division", "code"], name="department_code_unique"),
            models.UniqueConstraint(fields=["division", "name"], name="department_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class ServiceCentre(models.Model):
    """Where applications are taken: service centres, township halls and village agency points."""

    class Kind(models.TextChoices):
        LEAGUE_CENTRE = "league_centre", _("league administrative service centre")
        COUNTY_CENTRE = "county_centre", _("county administrative service centre")
        TOWNSHIP_HALL = "township_hall", _("township convenience service hall")
        VILLAGE_POINT = "village_point", _("village agency service point")

    LEVEL_FOR_KIND = {
        Kind.LEAGUE_CENTRE: Division.Level.LEAGUE,
        Kind.COUNTY_CENTRE: Division.Level.COUNTY,
        Kind.TOWNSHIP_HALL: Division.Level.TOWNSHIP,
        Kind.VILLAGE_POINT: Division.Level.VILLAGE,
    }

    division = models.ForeignKey(
        Division,
        verbose_name=_("division"),
        on_delete=models.PROTECT,
        related_name="service_centres",
    )
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    address = models.CharField(_("address"), max_length=200, blank=True)
    phone = models.CharField(_("telephone"), max_length=32, blank=True)
    opening_hours = models.CharField(_("opening hours"), max_length=100, blank=True)
    floor_area = models.PositiveIntegerField(_("floor area (m²)"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("service centre or point")
        verbose_name_plural = _("service centres and points")
        ordering = ["division__code", "kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["division", "name"], name="service_centre_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        expected = self.LEVEL_FOR_KIND.get(self.kind)
        if self.division_id and expected and self.division.level != expected:
            raise ValidationError(
                {
                    "division": _("A %(kind)s must be attached to a %(level)s.")
                    % {"kind": self.get_kind_display(), "level": Division.Level(expected).label}
                }
            )


class User(AbstractUser):
    """An account: staff of a department, or an applicant (natural person or organisation)."""

    class Kind(models.TextChoices):
        STAFF = "staff", _("staff")
        CITIZEN = "citizen", _("natural person")
        ORGANISATION = "organisation", _("legal person or other organisation")

    kind = models.CharField(_("account kind"), max_length=16, choices=Kind.choices)
    full_name = models.CharField(_("name"), max_length=100)
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff",
    )
    service_centre = models.ForeignKey(
        ServiceCentre,
        verbose_name=_("post (service centre or point)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="staff",
    )
    id_number = models.CharField(
        _("ID number"), max_length=18, blank=True, validators=[IdNumberValidator()]
    )
    credit_code = models.CharField(
        _("unified social credit code"),
        max_length=18,
        blank=True,
        validators=[CreditCodeValidator()],
    )
    phone = models.CharField(
        _("mobile number"), max_length=11, blank=True, validators=[MobileValidator()]
    )

    objects = UserManager()

    REQUIRED_FIELDS = ["email"]

    class Meta:
        verbose_name = _("account")
        verbose_name_plural = _("accounts")
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="staff") | Q(department__isnull=False) | Q(is_superuser=True),
                name="user_staff_has_department",
            ),
            models.CheckConstraint(
                condition=~Q(kind="citizen") | ~Q(id_number=""),
                name="user_citizen_has_id_number",
            ),
            models.CheckConstraint(
                condition=~Q(kind="organisation") | ~Q(credit_code=""),
                name="user_organisation_has_credit_code",
            ),
            models.UniqueConstraint(
                fields=["id_number"], condition=~Q(id_number=""), name="user_id_number_unique"
            ),
            models.UniqueConstraint(
                fields=["credit_code"], condition=~Q(credit_code=""), name="user_credit_code_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.full_name or self.username

    def save(self, *args, **kwargs):
        if not self.kind:
            self.kind = self.Kind.STAFF
        super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.kind == self.Kind.STAFF and not self.department_id and not self.is_superuser:
            errors["department"] = _("A staff account must belong to a department.")
        if self.kind == self.Kind.CITIZEN and not self.id_number:
            errors["id_number"] = _("A natural person's account needs an ID number.")
        if self.kind == self.Kind.ORGANISATION and not self.credit_code:
            errors["credit_code"] = _(
                "An organisation's account needs a unified social credit code."
            )
        if errors:
            raise ValidationError(errors)

    @cached_property
    def role_codes(self) -> frozenset[str]:
        if not self.is_active or self.kind != self.Kind.STAFF:
            return frozenset()
        return frozenset(self.groups.values_list("name", flat=True))

    def has_role(self, role: Role | str) -> bool:
        return str(role) in self.role_codes

    @property
    def is_applicant(self) -> bool:
        return self.kind in {self.Kind.CITIZEN, self.Kind.ORGANISATION}

    @property
    def division(self) -> Division | None:
        return self.department.division if self.department_id else None


class ApiToken(models.Model):
    """A bearer token for API clients other than the browser. Only its SHA-256 digest is stored."""

    user = models.ForeignKey(
        User, verbose_name=_("account"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=12, db_index=True)
    digest = models.CharField(_("digest"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
