import sqlite3
from pathlib import Path

import pytest
from django.contrib.auth.models import Group

from tests.cli import run_zhengwu, zhengwu_env
from zhengwu.common.audit import audit_verify
from zhengwu.demo.registry import DemoContext, demo_is_loaded, demo_load
from zhengwu.org.models import Department, Division, ServiceCentre, User
from zhengwu.org.roles import Role
from zhengwu.org.selectors import home_county, service_network


@pytest.mark.django_db
def test_demo_county_is_modelled_on_the_seed():
    messages = []
    ctx = demo_load(DemoContext(report=messages.append), only=["org", "catalog"])
    county = home_county()
    assert county.name == "多伦县" and county.parent.name == "锡林郭勒盟"
    assert Division.objects.filter(level="township", parent=county).count() == 4
    assert Division.objects.filter(level="village", parent__parent=county).count() == 64
    assert Department.objects.filter(division=county, stationed_in_centre=True).count() == 29
    network = service_network(county)
    assert network == {
        "league_centre": 0,
        "county_centre": 1,
        "township_hall": 4,
        "village_point": 64,
    }
    # one demo account per role, each able to log in
    for role in Role:
        assert User.objects.filter(groups=Group.objects.get(name=role.value)).exists(), role
    assert {a.username for a in ctx.accounts} >= {"clerk", "admin", "citizen", "enterprise"}
    assert any("demo accounts" in m for m in messages)
    assert audit_verify().ok


@pytest.mark.django_db
def test_every_township_division_has_its_government_and_hall():
    demo_load(DemoContext(report=lambda _m: None), only=["org", "catalog"])
    for township in Division.objects.filter(level="township"):
        assert township.departments.filter(kind=Department.Kind.GOVERNMENT).count() == 1
        assert township.service_centres.filter(kind=ServiceCentre.Kind.TOWNSHIP_HALL).count() == 1
    for village in Division.objects.filter(level="village"):
        assert village.service_centres.count() == 1
        assert village.code.startswith(village.parent.code[:9])


@pytest.mark.django_db
def test_demo_command_is_rerunnable_and_audit_verify_detects_tampering(tmp_path: Path):
    env = zhengwu_env(tmp_path, DATABASE_URL=f"sqlite:///{tmp_path / 'demo.sqlite3'}")
    first = run_zhengwu(env, "demo", "--no-serve")
    assert first.returncode == 0, first.stderr
    assert "http://127.0.0.1:8000/" in first.stdout and "clerk" in first.stdout
    second = run_zhengwu(env, "demo", "--no-serve")
    assert second.returncode == 0 and "keeping it" in second.stdout

    db = sqlite3.connect(tmp_path / "demo.sqlite3")
    assert db.execute("SELECT count(*) FROM org_division").fetchone()[0] == 1 + 1 + 4 + 64
    assert (tmp_path / "secret_key").exists()

    ok = run_zhengwu(env, "audit", "verify")
    assert ok.returncode == 0 and "intact" in ok.stdout
    event_id = db.execute("SELECT min(id) FROM common_auditevent").fetchone()[0]
    db.execute("UPDATE common_auditevent SET reason = 'tampered' WHERE id = ?", (event_id,))
    db.commit()
    broken = run_zhengwu(env, "audit", "verify")
    assert broken.returncode != 0
    assert f"event id {event_id}" in broken.stderr


@pytest.mark.django_db
def test_demo_is_loaded_flag():
    assert not demo_is_loaded()
    demo_load(DemoContext(report=lambda _m: None), only=["org", "catalog"])
    assert demo_is_loaded()
