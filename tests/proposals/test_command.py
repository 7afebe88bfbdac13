"""``zhengwu proposals stats``."""

from __future__ import annotations

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from tests.proposals.factories import assigned, make_world, replied

pytestmark = pytest.mark.django_db
D = datetime.date


def run(*args) -> str:
    out = io.StringIO()
    call_command("proposals", *args, stdout=out)
    return out.getvalue()


def test_stats_text_and_json():
    world = make_world()
    replied(world, title="一", on=D(2012, 5, 2))
    replied(world, session=world.cppcc, title="二", on=D(2012, 6, 18))  # late
    assigned(world, title="三", co=False)
    with translation.override("zh-hans"):
        text = run("stats", "--year", "2012")
    assert "办理人大代表建议 2 件、政协委员提案 1 件" in text
    assert "答复率 66.7%" in text and "按期答复 1 件（33.3%）" in text
    figures = json.loads(run("stats", "--year", "2012", "--format", "json"))
    assert (figures["deputies"], figures["cppcc"], figures["replied"]) == (2, 1, 2)
    assert figures["reply_rate"] == 66.7


def test_bad_input_is_refused():
    make_world()
    with pytest.raises(CommandError):
        run("stats", "--year", "1800")
    with pytest.raises(CommandError):
        run("stats", "--year", "2012", "--division", "999999999999")
