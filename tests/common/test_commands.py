"""Tests for zhengwu.common.commands: what the registers' management commands share."""

from __future__ import annotations

import datetime
import io
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.factories import CountyFactory, TownshipFactory
from zhengwu.common.commands import RegisterCommand, fail, parse_date
from zhengwu.org.models import Division


class Demo(RegisterCommand):
    """A register's command as the apps write one: a sweep and the year's figures."""

    help = "A demo register."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        self.add_sweep_parser(sub, help="sweep the demo register")
        self.add_stats_parser(sub, division_help="the demo's division")

    def handle(self, *args, action, **options):
        if action == "sweep":
            day = parse_date(options.get("date"))
            self.stdout.write(f"swept as of {day}")
            return
        fail(f"no figures for {options['year']} ({options['format']}).")


def run_from_argv(command: RegisterCommand, *args: str) -> None:
    command.run_from_argv(["zhengwu", "demo", *args])


# ---------------------------------------------------------------------------------------------
# parse_date and fail
# ---------------------------------------------------------------------------------------------


def test_parse_date_reads_an_iso_date():
    assert parse_date("2017-03-05") == datetime.date(2017, 3, 5)


@pytest.mark.parametrize("value", [None, ""])
def test_parse_date_of_nothing_is_none(value):
    assert parse_date(value) is None


@pytest.mark.parametrize("value", ["2017-13-01", "5 March 2017", "2017-3-5x"])
def test_parse_date_refuses_what_is_not_a_date_with_status_2(value):
    with pytest.raises(CommandError) as caught:
        parse_date(value)
    assert str(caught.value) == f"error: {value!r} is not a date (YYYY-MM-DD)."
    assert caught.value.returncode == 2
    assert caught.value.__suppress_context__  # the ValueError is not chained to the refusal


def test_fail_raises_the_error_line_with_status_2():
    with pytest.raises(CommandError) as caught:
        fail("no county is loaded.")
    assert str(caught.value) == "error: no county is loaded."
    assert caught.value.returncode == 2


# ---------------------------------------------------------------------------------------------
# RegisterCommand.execute: one line on stderr and the exit status
# ---------------------------------------------------------------------------------------------


def test_a_refusal_on_the_command_line_is_one_line_on_stderr_and_status_2(capsys):
    with pytest.raises(SystemExit) as exit_:
        run_from_argv(Demo(), "stats", "--year", "2012")
    assert exit_.value.code == 2
    captured = capsys.readouterr()
    assert captured.err == "error: no figures for 2012 (text).\n"
    assert captured.out == ""


def test_a_bad_date_on_the_command_line_is_refused_with_status_2(capsys):
    with pytest.raises(SystemExit) as exit_:
        run_from_argv(Demo(), "sweep", "--date", "2017-02-30")
    assert exit_.value.code == 2
    assert capsys.readouterr().err == "error: '2017-02-30' is not a date (YYYY-MM-DD).\n"


def test_with_traceback_the_refusal_goes_up():
    with pytest.raises(CommandError, match="no figures for 2012"):
        run_from_argv(Demo(), "--traceback", "stats", "--year", "2012")


def test_called_from_code_the_refusal_goes_up():
    with pytest.raises(CommandError) as caught:
        call_command(Demo(), "stats", "--year", "2013", stdout=io.StringIO())
    assert str(caught.value) == "error: no figures for 2013 (text)."


def test_the_command_runs_without_the_system_checks():
    assert RegisterCommand.requires_system_checks == []


# ---------------------------------------------------------------------------------------------
# The sweep and stats arguments
# ---------------------------------------------------------------------------------------------


def test_the_sweep_date_is_optional():
    out = io.StringIO()
    call_command(Demo(), "sweep", stdout=out)
    assert out.getvalue() == "swept as of None\n"
    out = io.StringIO()
    call_command(Demo(), "sweep", "--date", "2012-06-01", stdout=out)
    assert out.getvalue() == "swept as of 2012-06-01\n"


def test_stats_takes_a_year_a_division_and_a_format():
    parser = Demo().create_parser("zhengwu", "demo")
    options = parser.parse_args(["stats", "--year", "2012"])
    assert (options.year, options.division, options.format) == (2012, None, "text")
    options = parser.parse_args(
        ["stats", "--year", "2012", "--division", "152531000000", "--format", "json"]
    )
    assert (options.year, options.division, options.format) == (2012, "152531000000", "json")


@pytest.mark.parametrize(
    "args",
    [
        ["stats"],  # no year
        ["stats", "--year", "twenty"],
        ["stats", "--year", "2012", "--format", "xml"],
    ],
)
def test_stats_refuses_bad_arguments(args):
    with pytest.raises(CommandError):
        call_command(Demo(), *args, stdout=io.StringIO())


def test_the_help_of_stats_and_sweep_says_what_the_app_gave(capsys):
    for args in (["stats", "--help"], ["sweep", "--help"], ["--help"]):
        with pytest.raises(SystemExit):
            run_from_argv(Demo(), *args)
    out = " ".join(capsys.readouterr().out.split())  # as wrapped to any width
    assert "the demo's division" in out
    assert "the day to sweep as (default: today), YYYY-MM-DD" in out
    assert "sweep the demo register" in out and "the figures of a year" in out


# ---------------------------------------------------------------------------------------------
# division_of
# ---------------------------------------------------------------------------------------------


@pytest.fixture
def no_home_setting(settings):
    settings.ZHENGWU_HOME_DIVISION = None


@pytest.mark.django_db
def test_division_of_a_code_or_else_the_home_county(no_home_setting):
    county = CountyFactory()
    township = TownshipFactory(parent=county)
    command = Demo()
    assert command.division_of(None) == county
    assert command.division_of("") == county
    assert command.division_of(township.code) == township
    assert command.division_of(county.parent.code) == county.parent


@pytest.mark.django_db
def test_division_of_an_unknown_code_is_refused(no_home_setting):
    CountyFactory()
    with pytest.raises(CommandError) as caught:
        Demo().division_of("999999999999")
    assert str(caught.value) == "error: no county '999999999999'."
    assert caught.value.returncode == 2
    with pytest.raises(CommandError) as caught:
        Demo().division_of("999999999999", unknown="no division {code}.")
    assert str(caught.value) == "error: no division 999999999999."


@pytest.mark.django_db
def test_division_of_keeps_to_the_levels_given(no_home_setting):
    county = CountyFactory()
    township = TownshipFactory(parent=county)
    levels = [Division.Level.COUNTY, Division.Level.TOWNSHIP]
    assert Demo().division_of(township.code, levels=levels) == township
    with pytest.raises(CommandError) as caught:
        Demo().division_of(county.parent.code, levels=levels, unknown="no county or {code!r}.")
    assert str(caught.value) == f"error: no county or {county.parent.code!r}."


@pytest.mark.django_db
def test_division_of_nothing_without_a_county_is_refused(no_home_setting):
    with pytest.raises(CommandError) as caught:
        Demo().division_of(None)
    assert str(caught.value) == "error: no county is loaded."
    with pytest.raises(CommandError) as caught:
        Demo().division_of(None, missing="no county is set up yet.")
    assert str(caught.value) == "error: no county is set up yet."


# ---------------------------------------------------------------------------------------------
# write_figures
# ---------------------------------------------------------------------------------------------

COUNTY = SimpleNamespace(code="152531000000", name="多伦县")


def written(fmt: str, figures: dict, **kwargs) -> str:
    out = io.StringIO()
    command = Demo(stdout=out)
    command.write_figures(COUNTY, 2012, figures, fmt, **kwargs)
    return out.getvalue()


def test_json_figures_are_one_line_with_the_division_and_year_keys_sorted():
    output = written("json", {"registered": 3, "label": "多伦", "by_kind": {"b": 1, "a": 2}})
    assert output == (
        '{"by_kind": {"a": 2, "b": 1}, "division": "152531000000", "label": "多伦", '
        '"registered": 3, "year": 2012}\n'
    )


def test_json_figures_ignore_the_text_lines():
    output = written("json", {"n": 1}, text=lambda figures: ["never"])
    assert output == '{"division": "152531000000", "n": 1, "year": 2012}\n'


def test_text_figures_are_one_key_value_line_each_in_their_order():
    assert written("text", {"registered": 3, "filing_rate": 50.0, "label": "多伦"}) == (
        "registered: 3\nfiling_rate: 50.0\nlabel: 多伦\n"
    )


def test_text_figures_may_be_the_lines_the_app_gives():
    def lines(figures):
        yield "header"
        for key in sorted(figures):
            yield f"{key} = {figures[key]}"

    assert written("text", {"b": 2, "a": 1}, text=lines) == "header\na = 1\nb = 2\n"
