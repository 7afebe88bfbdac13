"""``zhengwu decisions stats``."""

from __future__ import annotations

import datetime
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tests.decisions.factories import adopted, make_world

pytestmark = pytest.mark.django_db


def test_stats_prints_the_figures_of_the_year():
    world = make_world()
    adopted(world, start=datetime.date(2025, 3, 2), publish_on=datetime.date(2025, 6, 2),
            hearing=True)  # fmt: skip
    out = StringIO()
    call_command("decisions", "stats", "--year", "2025", "--division", world.county.code,
                 "--format", "json", stdout=out)  # fmt: skip
    body = json.loads(out.getvalue())
    assert (body["adopted"], body["with_hearing"], body["published"]) == (1, 1, 1)
    out = StringIO()
    call_command("decisions", "stats", "--year", "2025", "--division", world.county.code,
                 stdout=out)  # fmt: skip
    assert "adopted: 1" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("decisions", "stats", "--year", "2025", "--division", "000000000000")
