"""``zhengwu report annual`` and ``zhengwu report explain``: JSON, text, the Word document, and
bad input refused with one ``error:`` line and exit status 2."""

from __future__ import annotations

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.cli import run_zhengwu, zhengwu_env
from tests.disputes.factories import make_world, register
from zhengwu.disputes import services
from zhengwu.reports.annual import annual_figures, figure_keys

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def world(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    world = make_world()
    for found, outcome in ((D(2012, 3, 3), D(2012, 3, 9)), (D(2012, 4, 1), None)):
        dispute = register(world, found_on=found, accepted_on=found)
        if outcome:
            services.dispute_succeed(
                actor=world.township_staff, dispute=dispute, agreement_form="oral", on=outcome
            )
    return world


def run(*args) -> str:
    out = io.StringIO()
    call_command("report", *args, stdout=out)
    return out.getvalue()


def refused(*args) -> str:
    with pytest.raises(CommandError) as info:
        run(*args)
    assert info.value.returncode == 2
    message = str(info.value)
    assert message.startswith("error: ") and "\n" not in message
    return message


def test_annual_json_has_every_key_sorted_and_equals_the_figures(world):
    text = run("annual", "--year", "2012", "--format", "json")
    data = json.loads(text)
    assert list(data) == sorted(data)  # sort_keys
    assert set(data) == {
        "year", "division", "cases", "service_centre", "catalog", "enforcement",
        "normative_documents", "contracts_reviewed", "proposals", "disputes", "disclosure",
        "training", "reconsideration", "litigation",
    }  # fmt: skip
    assert data == annual_figures(world.county, 2012)
    assert data["disputes"] == {"found": 2, "mediated": 1, "success_rate": 50.0}
    assert data["division"] == world.county.code
    # Chinese is written as it is (ensure_ascii=False) — the default text is JSON, too.
    assert json.loads(run("annual", "--year", "2012")) == data
    township = json.loads(
        run("annual", "--year", "2012", "--division", world.township.code, "--format", "json")
    )
    assert township["division"] == world.township.code
    assert township["disputes"]["found"] == 2  # the township's own disputes


def test_annual_text_lists_every_section(world):
    text = run("annual", "--year", "2012", "--format", "text")
    lines = text.splitlines()
    assert lines[0] == f"{world.county.name} ({world.county.code}), 2012"
    assert "disputes:" in lines
    assert "  found: 2" in lines and "  success_rate: 50.0%" in lines
    assert "  reply_rate: —" in lines  # no proposals: no rate
    assert "  bodies:" in lines and "    statutory: 0" in lines
    assert "contracts_reviewed: 0" in lines
    # One line per figure, plus the title and the section headings.
    headings = 12 - 1 + 2  # the sections less contracts_reviewed, plus bodies and acts
    assert len(lines) == 1 + headings + len(figure_keys())


def test_annual_refuses_bad_input(world, tmp_path):
    assert "not a year" in refused("annual", "--year", "20x2")
    assert "between" in refused("annual", "--year", "1800")
    assert "no division '999'" in refused("annual", "--year", "2012", "--division", "999")
    assert ".docx" in refused("annual", "--year", "2012", "--out", str(tmp_path / "a.pdf"))


def test_annual_out_writes_the_word_document(world, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    path = tmp_path / "report.docx"
    text = run("annual", "--year", "2012", "--out", str(path))
    assert text.startswith(f"{path}: ")
    assert path.read_bytes()[:2] == b"PK"  # a zip: the document itself is tested in test_document


def test_explain_text_and_json(world):
    text = run("explain", "disputes.mediated", "--year", "2012")
    lines = text.splitlines()
    assert lines[0] == "disputes.mediated = 1"
    assert any(line.startswith("  model: disputes.Dispute (") for line in lines)
    assert "  date: found_on from 2012-01-01 to 2012-12-31" in lines
    assert "  records: 1" in lines
    data = json.loads(run("explain", "disputes.found", "--year", "2012", "--format", "json",
                          "--limit", "1"))  # fmt: skip
    assert (data["figure"], data["count"], len(data["records"])) == (2, 2, 1)
    assert data["records"][0]["date"] == "2012-03-03"
    rate = json.loads(run("explain", "disputes.success_rate", "--year", "2012", "--format", "json"))
    assert rate["kind"] == "rate" and rate["figure"] == 50.0
    assert rate["denominator"]["key"] == "disputes.found" and rate["denominator"]["value"] == 2
    assert rate["numerator"]["value"] == 1
    text = run("explain", "disputes.success_rate", "--year", "2012")
    assert "  denominator: disputes.found = 2" in text.splitlines()


def test_explain_refuses_bad_input(world):
    message = refused("explain", "disputes.nope", "--year", "2012")
    assert "unknown figure 'disputes.nope'" in message and "cases.accepted" in message
    assert "not a year" in refused("explain", "disputes.found", "--year", "x")
    assert "--limit" in refused("explain", "disputes.found", "--year", "2012", "--limit", "-1")
    assert "no division" in refused(
        "explain", "disputes.found", "--year", "2012", "--division", "1"
    )


def test_the_real_command_exits_2_with_one_error_line(tmp_path):
    env = zhengwu_env(tmp_path)
    for args in (["annual", "--year", "20x2"], ["explain", "cases.accepted", "--year", "20x2"]):
        result = run_zhengwu(env, "report", *args)
        assert result.returncode == 2, result.stderr
        assert result.stderr.strip().splitlines() == ["error: '20x2' is not a year."]
        assert result.stdout == ""
