"""Where an alert about something other than a case leads: each module that starts clocks on its
own objects registers how to name and link them, so the supervision room can open a disclosure
request or a complaint as it opens a case."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

# object_type → function(list of object ids) → {object id: (label, url)}
_LINKERS: dict[str, Callable[[list[str]], dict[str, tuple[str, str]]]] = {}


def register_object_link(
    object_type: str, linker: Callable[[list[str]], dict[str, tuple[str, str]]]
) -> None:
    _LINKERS[object_type] = linker


def attach_object_links(alerts: Iterable) -> None:
    """Give each alert without a case an ``object_link`` (label, url), one query per type."""
    alerts = list(alerts)
    by_type: dict[str, list] = defaultdict(list)
    for alert in alerts:
        alert.object_link = None
        if alert.case_id is None and alert.object_type in _LINKERS:
            by_type[alert.object_type].append(alert)
    for object_type, group in by_type.items():
        links = _LINKERS[object_type](sorted({a.object_id for a in group}))
        for alert in group:
            alert.object_link = links.get(alert.object_id)
