"""factory_boy factories shared by the tests."""

from __future__ import annotations

import factory
from django.contrib.auth.models import Group

from zhengwu.org.models import Department, Division, ServiceCentre, User
from zhengwu.org.roles import Role

ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def make_id_number(body17: str) -> str:
    """An ID number with its ISO 7064 MOD 11-2 check character computed independently."""
    total = sum(int(c) * w for c, w in zip(body17, ID_WEIGHTS, strict=True))
    return body17 + "10X98765432"[total % 11]


class LeagueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Division
        django_get_or_create = ("code",)

    code = "152500000000"
    name = "锡林郭勒盟"
    level = Division.Level.LEAGUE


class CountyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Division
        django_get_or_create = ("code",)

    parent = factory.SubFactory(LeagueFactory)
    code = "152531000000"
    name = "多伦县"
    level = Division.Level.COUNTY


class TownshipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Division

    parent = factory.SubFactory(CountyFactory)
    code = factory.Sequence(lambda n: f"152531{100 + n:03d}000")
    name = factory.Sequence(lambda n: f"第{n}镇")
    level = Division.Level.TOWNSHIP


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department

    division = factory.SubFactory(CountyFactory)
    code = factory.Sequence(lambda n: f"d{n}")
    name = factory.Sequence(lambda n: f"多伦县第{n}局")
    kind = Department.Kind.DEPARTMENT


class ServiceCentreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceCentre

    division = factory.SubFactory(CountyFactory)
    name = factory.Sequence(lambda n: f"服务中心{n}")
    kind = ServiceCentre.Kind.COUNTY_CENTRE


class StaffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"staff{n}")
    full_name = factory.Sequence(lambda n: f"工作人员{n}")
    kind = User.Kind.STAFF
    department = factory.SubFactory(DepartmentFactory)
    password = factory.django.Password("Correct-horse-9")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.set(Group.objects.filter(name__in=[str(r) for r in extracted]))
            self.__dict__.pop("role_codes", None)


class CitizenFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"citizen{n}")
    full_name = factory.Sequence(lambda n: f"居民{n}")
    kind = User.Kind.CITIZEN
    id_number = factory.Sequence(lambda n: make_id_number(f"15253119600101{n % 1000:03d}"))
    password = factory.django.Password("Correct-horse-9")


__all__ = [
    "CitizenFactory",
    "CountyFactory",
    "DepartmentFactory",
    "LeagueFactory",
    "Role",
    "ServiceCentreFactory",
    "StaffFactory",
    "TownshipFactory",
    "make_id_number",
]
