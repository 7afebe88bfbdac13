"""``zhengwu workdays``: add, between, status and load, through call_command and the real CLI.

The expected dates are worked out by hand on the 2026 schedule (国务院办公厅 notice): National
Day 10-01..10-07 off, Saturday 10-10 worked; 2027 has no official schedule in the seed, so it is
counted Monday to Friday and marked provisional.
"""

import datetime
import io
import random
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from tests.cli import migrated_env, run_zhengwu
from zhengwu.common.models import AuditEvent
from zhengwu.org.models import Division
from zhengwu.workdays import services
from zhengwu.workdays.counting import get_calendar
from zhengwu.workdays.models import CalendarYear, Clock

pytestmark = pytest.mark.django_db

# An invented 2027 schedule: New Year Fri 01-01..Sun 01-03, Spring Festival Sat 02-06..Fri 02-12,
# worked in lieu Sun 02-14 and Sat 02-20.
SCHEDULE_2027_YAML = """\
year: 2027
source: 测试用2027年安排
holidays:
  - {name: 元旦, start: 2027-01-01, end: 2027-01-03}
  - {name: 春节, start: 2027-02-06, end: 2027-02-12}
workdays: [2027-02-14, 2027-02-20]
"""
SCHEDULE_2027_CSV = """\
kind,start,end,name
holiday,2027-01-01,2027-01-03,元旦
holiday,2027-02-06,2027-02-12,春节
workday,2027-02-14,,
workday,2027-02-20,,
"""


@pytest.fixture(autouse=True)
def english():
    """Messages are checked in English here; the real CLI (below) speaks the default Chinese."""
    with translation.override("en"):
        yield


def run(*args, stdin: str | None = None, monkeypatch=None) -> str:
    out = io.StringIO()
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    call_command("workdays", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def fails(*args, stdin: str | None = None, monkeypatch=None) -> CommandError:
    with pytest.raises(CommandError) as info:
        run(*args, stdin=stdin, monkeypatch=monkeypatch)
    assert info.value.returncode == 2
    assert "\n" not in str(info.value)
    return info.value


@pytest.fixture
def league():
    return Division.objects.create(code="152500000000", name="锡林郭勒盟", level="league")


@pytest.fixture
def provisional_clock(league):
    """A disclosure request received Thu 2026-12-10: 20 working days, due in unscheduled 2027."""
    return services.clock_start(
        actor=None,
        owner=league,
        purpose="disclosure.reply",
        day_kind=Clock.DayKind.WORKING,
        started_on=datetime.date(2026, 12, 10),
        limit_days=20,
    )


# --- add ----------------------------------------------------------------------------------------


def test_add_across_national_day():
    # Wed 2026-09-30, the working day before National Day: 10-01..10-07 off;
    # 1 Thu 10-08, 2 Fri 10-09, 3 Sat 10-10 (worked in lieu), 4-8 10-12..16, 9-13 10-19..23,
    # 14-18 10-26..30, 19 Mon 11-02, 20 Tue 11-03.
    assert run("add", "2026-09-30", "20") == "2026-11-03\n"


def test_add_from_a_saturday_counts_from_the_next_working_day():
    # Sat 2026-03-07 (an ordinary weekend): 1 = Mon 2026-03-09.
    assert run("add", "2026-03-07", "1") == "2026-03-09\n"
    # Sat 2026-10-03, inside the National Day holiday: 1 = Thu 2026-10-08.
    assert run("add", "2026-10-03", "1") == "2026-10-08\n"


def test_add_zero_days_is_the_date_itself():
    assert run("add", "2026-09-30", "0") == "2026-09-30\n"
    assert run("add", "2026-03-07", "0") == "2026-03-07\n"


def test_add_into_a_year_without_a_schedule_is_provisional():
    # Thu 2026-12-10: 1 Fri 12-11, 2-6 12-14..18, 7-11 12-21..25, 12-15 12-28..31,
    # 2027 counted Monday to Friday: 16 Fri 01-01, 17-20 Mon 01-04..Thu 01-07.
    assert run("add", "2026-12-10", "20") == "2027-01-07 provisional\n"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("add", "2026-9-30", "20"), "is not a date"),
        (("add", "yesterday", "1"), "is not a date"),
        (("add", "2026-02-30", "1"), "is not a date"),
        (("add", "2026-09-30", "-5"), "cannot be negative"),
        (("add", "2026-09-30", "1.5"), "not a whole number"),
        (("add", "2003-12-31", "1"), "outside the calendar"),
        (("add", "2041-01-01", "1"), "outside the calendar"),
        (("add", "2040-12-28", "10"), "beyond the calendar's end"),
        (("add", "2026-09-30"), "add DATE N"),
        (("between", "2026-09-30", "2003-01-01"), "outside the calendar"),
    ],
)
def test_bad_input_is_one_line_error(args, expected):
    assert expected in str(fails(*args))


# --- add - (stdin) ------------------------------------------------------------------------------


def test_add_reads_lines_from_stdin(monkeypatch):
    lines = "2026-09-30 20\n\n   2026-03-07\t1\n2026-12-10 20\n"
    assert run("add", "-", stdin=lines, monkeypatch=monkeypatch) == (
        "2026-11-03\n2026-03-09\n2027-01-07 provisional\n"
    )


def test_add_stdin_stops_at_the_first_bad_line(monkeypatch):
    out = io.StringIO()
    monkeypatch.setattr(sys, "stdin", io.StringIO("2026-09-30 20\n\n2026-09-30 x\n2026-03-07 1\n"))
    with pytest.raises(CommandError) as info:
        call_command("workdays", "add", "-", stdout=out)
    assert str(info.value).startswith("line 3: ")
    assert "not a whole number" in str(info.value)
    assert info.value.returncode == 2
    assert out.getvalue() == "2026-11-03\n"  # the good lines before it


def test_add_stdin_rejects_a_line_with_more_fields(monkeypatch):
    error = fails("add", "-", stdin="2026-09-30 20 1\n", monkeypatch=monkeypatch)
    assert str(error).startswith("line 1: ")


def test_add_stdin_agrees_with_the_calendar_for_many_lines(monkeypatch):
    rng = random.Random(2026)
    first = datetime.date(2004, 1, 1)
    pairs = [
        (first + datetime.timedelta(days=rng.randrange(0, 12_700)), rng.randrange(0, 60))
        for _ in range(20_000)
    ]
    text = "".join(f"{day.isoformat()} {n}\n" for day, n in pairs)
    lines = run("add", "-", stdin=text, monkeypatch=monkeypatch).splitlines()
    assert len(lines) == 20_000
    calendar = get_calendar()
    for (day, n), line in zip(pairs, lines, strict=True):
        counted = calendar.add_workdays(day, n)
        assert line == counted.date.isoformat() + (" provisional" if counted.provisional else "")


# --- between ------------------------------------------------------------------------------------


def test_between_in_both_directions():
    # The 20 working days of test_add_across_national_day, counted back.
    assert run("between", "2026-09-30", "2026-11-03") == "20\n"
    assert run("between", "2026-11-03", "2026-09-30") == "-20\n"
    assert run("between", "2026-09-30", "2026-09-30") == "0\n"
    # After Fri 10-09 up to Sat 10-10 (worked in lieu): 1; after 09-30 up to 10-07: 0.
    assert run("between", "2026-10-09", "2026-10-10") == "1\n"
    assert run("between", "2026-09-30", "2026-10-07") == "0\n"


def test_between_into_a_year_without_a_schedule_is_provisional():
    assert run("between", "2026-12-10", "2027-01-07") == "20 provisional\n"
    assert run("between", "2027-01-07", "2026-12-10") == "-20 provisional\n"
    # Up to 2026-12-31 only official days are counted: 15, as above.
    assert run("between", "2026-12-10", "2026-12-31") == "15\n"


# --- status -------------------------------------------------------------------------------------


def test_status_lists_official_and_provisional_years_and_open_deadlines(provisional_clock):
    assert provisional_clock.due_date == datetime.date(2027, 1, 7)
    assert provisional_clock.provisional
    out = run("status")
    assert "2004–2026 chinesecalendar" in out
    assert "provisional years (counted Monday to Friday): 2027–2040" in out
    assert "open deadlines in years without a schedule: 2027 (1 clock)" in out


def test_status_without_open_provisional_deadlines():
    assert "open deadlines in years without a schedule: none" in run("status")


# --- load ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "text"), [("2027.yaml", SCHEDULE_2027_YAML), ("2027.csv", SCHEDULE_2027_CSV)]
)
def test_load_redates_the_open_clock(tmp_path, provisional_clock, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    out = run("load", str(path))
    # Thu 2026-12-10: 1-15 as before up to Thu 12-31, 01-01..03 now off (元旦),
    # 16-20 Mon 01-04..Fri 01-08.
    assert f"clock #{provisional_clock.pk}: 2027-01-07 → 2027-01-08" in out
    assert "loaded 2027" in out
    assert "holidays: 10 days (元旦, 春节)" in out
    assert "adjusted working days: 2 (2027-02-14, 2027-02-20)" in out
    assert "open clocks re-dated: 1" in out
    provisional_clock.refresh_from_db()
    assert provisional_clock.due_date == datetime.date(2027, 1, 8)
    assert not provisional_clock.provisional
    assert AuditEvent.objects.filter(action="clock_redate").count() == 1
    assert CalendarYear.objects.filter(year=2027).exists()
    assert run("add", "2026-12-10", "20") == "2027-01-08\n"
    # Sun 02-14 is now worked: after Fri 02-05 (holiday to 02-12), 1 = Sun 02-14, 2 = Mon 02-15.
    assert run("add", "2027-02-05", "2") == "2027-02-15\n"
    status = run("status")
    assert "provisional years (counted Monday to Friday): 2028–2040" in status
    assert "open deadlines in years without a schedule: none" in status


def test_load_refuses_an_adjusted_working_day_on_a_weekday(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(SCHEDULE_2027_YAML.replace("2027-02-14", "2027-02-15"), encoding="utf-8")
    assert "2027-02-15 is a weekday" in str(fails("load", str(path)))
    assert not CalendarYear.objects.filter(year=2027).exists()


def test_load_refuses_a_missing_file(tmp_path):
    assert "Cannot read" in str(fails("load", str(tmp_path / "missing.yaml")))


def test_load_refuses_broken_yaml_in_one_line(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("year: 2027\nholidays: [\n  {name: x\n", encoding="utf-8")
    assert "not valid YAML" in str(fails("load", str(path)))


# --- the real command line ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def cli_env(tmp_path_factory):
    return migrated_env(tmp_path_factory.mktemp("cli"))


def cli(env, *args, stdin: str = "") -> subprocess.CompletedProcess:
    return run_zhengwu(env, "workdays", *args, stdin=stdin, timeout=120)


def test_cli_add_prints_the_date(cli_env):
    result = cli(cli_env, "add", "2026-12-10", "20")
    assert (result.returncode, result.stdout, result.stderr) == (0, "2027-01-07 provisional\n", "")


def test_cli_add_from_stdin(cli_env):
    result = cli(cli_env, "add", "-", stdin="2026-09-30 20\n2026-03-07 1\n\n2026-12-10 20\n")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "2026-11-03\n2026-03-09\n2027-01-07 provisional\n"


def test_cli_add_from_stdin_with_a_bad_line(cli_env):
    result = cli(cli_env, "add", "-", stdin="2026-09-30 20\n2003-06-01 1\n2026-03-07 1\n")
    assert result.returncode == 2
    assert result.stdout == "2026-11-03\n"
    assert result.stderr.startswith("error: line 2: 2003-06-01 超出日历范围")
    assert result.stderr.count("\n") == 1


@pytest.mark.parametrize(
    "args",
    [
        ("add", "2026-31-12", "1"),
        ("add", "2026-09-30", "-1"),
        ("add", "2003-12-31", "1"),
        ("between", "2026-09-30", "tomorrow"),
    ],
)
def test_cli_bad_input_exits_2_with_one_line(cli_env, args):
    result = cli(cli_env, *args)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("error: ")
    assert result.stderr.count("\n") == 1, result.stderr


def test_cli_status_and_invalid_load(cli_env, tmp_path):
    status = cli(cli_env, "status")
    assert status.returncode == 0, status.stderr
    assert "2004–2026 chinesecalendar" in status.stdout
    path = tmp_path / "bad.csv"
    path.write_text(SCHEDULE_2027_CSV + "workday,2027-03-01,,\n", encoding="utf-8")
    result = cli(cli_env, "load", str(path))
    assert result.returncode == 2
    assert result.stderr.startswith("error: ") and "2027-03-01 不是周末" in result.stderr
    assert result.stderr.count("\n") == 1


@pytest.mark.parametrize(
    "content",
    [
        b"year: 2027\nholidays: 5\n",
        b"year: 2027\nworkdays: 2027-02-14\n",
        "year: 2027\nholidays:\n  - {name: 春节, start: 2027-02-06}\n".encode("gb18030"),
    ],
)
def test_load_refuses_malformed_files_in_one_line(tmp_path, content):
    path = tmp_path / "odd.yaml"
    path.write_bytes(content)
    fails("load", str(path))
    assert not CalendarYear.objects.filter(year=2027).exists()
