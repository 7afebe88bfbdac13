"""A power's public flowchart (权力运行流程图), drawn as SVG from its process definition.

``render_flowchart`` returns a standalone SVG document as a string: pure Python, no browser-side
library, no system package. Every text that comes from the catalog is escaped.

The layout:

- the flow runs from top to bottom: a start node, one row per level of the process graph
  (``ProcessGraph.levels()``), an end node;
- one swim lane (column) per responsible department, or per role when a stage names only a role;
  a stage sits in its lane, and stages of one row that share a lane sit side by side in it;
- the edges of the graph are drawn as orthogonal arrows: down from a stage, along a track in the
  gap under its row, down into the next stage. An edge that skips rows runs down the lane's
  margin (where no node ever sits) so it never crosses a node;
- clock-excluded stages have a dashed border and say "不计入办理时限" (not by colour alone);
  co-review stages are tinted; a legend explains both.

The output depends only on the input: same stages, same string.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any
from xml.sax.saxutils import escape

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zhengwu.catalog.process import build_graph

FONT_FAMILY = "Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, SimHei, sans-serif"


# The fixed words of the chart. The public flowchart is a Chinese document; these stay together
# so that they can move into the translation catalogue in one place.
class _Words:
    """The chart's fixed words, translated when they are drawn (Simplified Chinese by default)."""

    _msgids = {
        "start": _("Start"),
        "end": _("Completed"),
        "chart": _("flowchart"),
        "default_title": _("Power operation flowchart"),
        "working_days": _("{n} working days"),
        "calendar_days": _("{n} calendar days"),
        "excluded": _("Not counted in the time limit"),
        "co_review": _("Parallel co-review"),
        "simultaneous": _("At the same time"),
        "unassigned": _("No department assigned"),
        "department": _("Department {id}"),
        "legend_excluded": _(
            "Dashed box: a stage not counted in the time limit (such as a hearing, expert review, "
            "inspection or testing)"
        ),
        "legend_parallel": _("Stages side by side in one row are handled at the same time"),
        "legend_arrow": _("Arrow: the order of handling"),
        "arrow": " → ",
        "enumeration": pgettext_lazy("list separator", ", "),
    }

    def __getitem__(self, key: str) -> str:
        return str(self._msgids[key])


WORDS = _Words()

# Colours. Every text colour is used only on the backgrounds it is paired with here, and each pair
# has a contrast ratio of at least 4.5:1 (WCAG AA); tests/catalog/test_flowchart.py checks it.
INK = "#1a1a1a"
MUTED_INK = "#3d3d3d"
EXCLUDED_INK = "#7a3e00"
WHITE = "#ffffff"
STAGE_STROKE = "#1f4e79"
PARALLEL_FILL = "#e6effa"
EXCLUDED_FILL = "#fff6e0"
TERMINAL_FILL = "#1f4e79"
LANE_FILLS = ("#f5f7fa", "#fbfcfd")
LANE_HEADER_FILL = "#dfe7f0"
LANE_LINE = "#b8c4d1"
EDGE_INK = "#4d4d4d"
TEXT_ON_BACKGROUND = [
    (INK, WHITE),  # stage names, title, legend
    (INK, PARALLEL_FILL),
    (INK, EXCLUDED_FILL),
    (INK, LANE_HEADER_FILL),  # lane labels
    (MUTED_INK, WHITE),  # time limits
    (MUTED_INK, PARALLEL_FILL),
    (MUTED_INK, EXCLUDED_FILL),
    (EXCLUDED_INK, EXCLUDED_FILL),  # "不计入办理时限"
    (EXCLUDED_INK, WHITE),
    (WHITE, TERMINAL_FILL),  # start and end
]

# Sizes, in pixels (user units).
FONT = 14  # stage names, lane labels
SMALL = 12  # time limits, legend
TITLE = 18
LINE = 19  # line height at FONT
SMALL_LINE = 17  # line height at SMALL
MARGIN = 20
PAD_X = 12  # inside a node
PAD_Y = 9
NAME_MAX = 10 * FONT  # a stage name wraps beyond ten Chinese characters
NODE_MIN = 112
NODE_GAP = 16  # between nodes of one lane in one row
LANE_PAD = 22  # a lane's margin; nodes never sit there, long edges run there
GUTTER = 8  # distance of the first long edge from the lane's border
GUTTER_STEP = 5
TERMINAL_H = 34
TERMINAL_MIN = 88
GAP_MIN = 44  # between two rows
TRACK_STEP = 12  # between two horizontal tracks in one gap
HEADER_PAD = 8
LANE_TOP_PAD = 16
LANE_BOTTOM_PAD = 16
LEGEND_GAP = 16
LEGEND_SWATCH_W = 36
LEGEND_SWATCH_H = 20

_CLOSING = set("，。、；：？！）》」』】〕”’,.;:?!)]}")
_OPENING = set("（《「『【〔“‘([{")
_CONTROL = re.compile("[\x00-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


# Text ---------------------------------------------------------------------------------------


def _clean(text: Any) -> str:
    """One line of text that XML accepts: control characters become spaces, runs collapse."""
    return " ".join(_CONTROL.sub(" ", str(text if text is not None else "")).split())


def _char_width(char: str, size: float) -> float:
    return size * (1.0 if unicodedata.east_asian_width(char) in ("W", "F") else 0.6)


def text_width(text: str, size: float = FONT) -> float:
    """Estimated width of ``text``: 1em per CJK (wide) character, 0.6em per other character."""
    return sum(_char_width(char, size) for char in text)


def _greedy(text: str, limit: float, size: float) -> list[str]:
    """Lines of at most ``limit`` wide, never starting with closing or ending with opening marks."""
    lines: list[str] = []
    line = ""
    width = 0.0
    for char in text:
        w = _char_width(char, size)
        if line and width + w > limit:
            carry = ""
            if char in _CLOSING and len(line) > 1:  # 避头: keep the mark with the word before
                carry, line = line[-1], line[:-1]
            while len(line) > 1 and line[-1] in _OPENING:  # 避尾
                carry, line = line[-1] + carry, line[:-1]
            lines.append(line.rstrip())
            line = (carry + char).lstrip()
            width = text_width(line, size)
        else:
            line += char
            width += w
    if line:
        lines.append(line)
    return lines or [""]


def wrap(text: str, limit: float, size: float = FONT, max_lines: int | None = None) -> list[str]:
    """``text`` over as few lines of at most ``limit`` as it needs, balanced in length.

    With ``max_lines``, the last line allowed ends in "…" when the text does not fit.
    """
    if text_width(text, size) <= limit:
        return [text]
    count = len(_greedy(text, limit, size))
    if max_lines is not None and count > max_lines:
        lines = _greedy(text, limit, size)[: max_lines - 1]
        rest = text[sum(len(line) for line in lines) :].strip()
        cut = ""
        for char in rest:
            if text_width(cut + char + "…", size) > limit:
                break
            cut += char
        return [*lines, cut.rstrip() + "…"]
    # Balance: the narrowest limit that still gives the same number of lines.
    target = text_width(text, size) / count
    while target < limit:
        lines = _greedy(text, target, size)
        if len(lines) <= count:
            return lines
        target += size * 0.5
    return _greedy(text, limit, size)


def _num(value: float) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _attr(value: Any) -> str:
    return '"' + escape(_clean(value), {'"': "&quot;"}) + '"'


def _tag(name: str, attrs: dict[str, Any], content: str | None = None) -> str:
    rendered = "".join(
        f" {key}={_attr(_num(value) if isinstance(value, float | int) else value)}"
        for key, value in attrs.items()
        if value is not None
    )
    if content is None:
        return f"<{name}{rendered}/>"
    return f"<{name}{rendered}>{content}</{name}>"


def _text_block(
    lines: list[tuple[str, int, int, str]], cx: float, top: float, anchor: str = "middle"
) -> str:
    """A ``<text>`` of lines (text, size, line height, colour) stacked from ``top``."""
    spans = []
    y = top
    for text, size, height, colour in lines:
        baseline = y + (height - size) / 2 + size * 0.86
        spans.append(
            _tag(
                "tspan",
                {"x": cx, "y": baseline, "font-size": size, "fill": colour},
                escape(text),
            )
        )
        y += height
    return _tag("text", {"text-anchor": anchor}, "".join(spans))


# Input --------------------------------------------------------------------------------------


def _inputs(version_or_stages: Any, title: str | None) -> tuple[list[Any], str, str]:
    """The stages, the power's name (or the given title) and the word for the limit's days."""
    days = WORDS["working_days"]
    # Looked up on the class: a related manager of an unsaved instance raises on access.
    if hasattr(type(version_or_stages), "stages") and hasattr(version_or_stages, "name"):
        version = version_or_stages
        stages = list(version.stages.select_related("department"))
        if getattr(version, "day_kind", "working") == "calendar":
            days = WORDS["calendar_days"]
        name = title if title is not None else version.name
    else:
        stages = list(version_or_stages)
        name = title
    return stages, _clean(name), days


def _heading(name: str) -> str:
    if not name:
        return WORDS["default_title"]
    return name if name.endswith(WORDS["chart"]) else name + WORDS["chart"]


def _role_label(role: str) -> str:
    try:
        from zhengwu.org.roles import Role

        return str(Role(role).label)
    except (ValueError, ImportError):
        return role


def _lane_of(stage: Any, department_names: dict[int, str]) -> tuple[tuple[str, str], str]:
    """The key and the label of the lane a stage sits in."""
    department = getattr(stage, "department", None)
    department_id = getattr(stage, "department_id", None)
    if department_id is None and department is not None:
        department_id = getattr(department, "pk", None) or getattr(department, "id", None)
    department_name = _clean(getattr(department, "name", "")) if department is not None else ""
    if department_id is not None:
        label = (
            department_name
            or _clean(department_names.get(department_id, ""))
            or WORDS["department"].format(id=department_id)
        )
        return ("department", str(department_id)), label
    if department_name:
        return ("department", department_name), department_name
    role = _clean(getattr(stage, "role", ""))
    if role:
        return ("role", role), _clean(_role_label(role)) or role
    return ("none", ""), WORDS["unassigned"]


# Layout -------------------------------------------------------------------------------------


@dataclass
class _Lane:
    key: tuple[str, str]
    label: str
    slots: int = 1
    label_lines: list[str] = field(default_factory=list)
    x: float = 0.0
    w: float = 0.0
    gutters: dict[str, int] = field(default_factory=lambda: {"left": 0, "right": 0})

    @property
    def right(self) -> float:
        return self.x + self.w


@dataclass
class _Node:
    key: str
    row: int
    lines: list[tuple[str, int, int, str]]
    w: float
    h: float
    lane: _Lane | None = None
    x: float = 0.0
    y: float = 0.0
    full_name: str = ""

    @property
    def cx(self) -> float:
        return self.x + self.w / 2


@dataclass
class _Edge:
    source: str
    target: str
    track_out: int | None = None  # track in the gap under the source's row
    track_in: int | None = None  # track in the gap above the target's row (long edges)
    gutter: float | None = None


def _stage_lines(stage: Any, days: str) -> tuple[list[tuple[str, int, int, str]], str, bool]:
    name = _clean(stage.name) or _clean(stage.code)
    name_lines = wrap(name, NAME_MAX, FONT, max_lines=2)
    truncated = len(_greedy(name, NAME_MAX, FONT)) > len(name_lines)
    lines = [(line, FONT, LINE, INK) for line in name_lines]
    if getattr(stage, "limit_days", None) is not None:
        lines.append((days.format(n=stage.limit_days), SMALL, SMALL_LINE, MUTED_INK))
    if getattr(stage, "clock_excluded", False):
        lines.append((WORDS["excluded"], SMALL, SMALL_LINE, EXCLUDED_INK))
    return lines, name, truncated


def _describe(stage: Any, lane: str, days: str) -> str:
    details = [lane]
    if getattr(stage, "limit_days", None) is not None:
        details.append(days.format(n=stage.limit_days))
    if getattr(stage, "clock_excluded", False):
        details.append(WORDS["excluded"])
    return f"{_clean(stage.name) or _clean(stage.code)}（{'，'.join(details)}）"


def render_flowchart(
    version_or_stages: Any,
    *,
    title: str | None = None,
    department_names: dict[int, str] | None = None,
    id_prefix: str = "flow",
) -> str:
    """The public flowchart of a process definition, as a standalone SVG document.

    ``version_or_stages`` is a ``PowerVersion`` (its stages are read, its name is the title) or a
    sequence of stage-like objects (``code``, ``name``, ``kind``, ``department_id``, ``role``,
    ``limit_days``, ``clock_excluded``, ``parallel_group``, ``after``, optionally ``department``
    with a ``name``). ``title`` is the power's name ("流程图" is appended). ``department_names``
    names the lanes of stages whose ``department`` is not at hand.

    ``id_prefix`` starts the ids inside the SVG (title, description, arrow head), so several
    charts can sit inline on one page.

    Raises ``ValidationError`` when the stages form a cycle (``ProcessGraph.levels``).
    """
    prefix = re.sub(r"[^A-Za-z0-9_-]", "-", id_prefix) or "flow"
    title_id, desc_id, arrow_id = f"{prefix}-title", f"{prefix}-desc", f"{prefix}-arrow"
    stages, power_name, days = _inputs(version_or_stages, title)
    names = department_names or {}
    heading = _heading(power_name)
    graph = build_graph(stages)
    levels = graph.levels()
    by_code = {stage.code: stage for stage in stages}

    # Lanes, in the order their first stage comes.
    lanes: dict[tuple[str, str], _Lane] = {}
    lane_of_stage: dict[str, _Lane] = {}
    for level in levels:
        per_lane: dict[tuple[str, str], int] = {}
        for code in level:
            key, label = _lane_of(by_code[code], names)
            lane = lanes.setdefault(key, _Lane(key=key, label=label))
            lane_of_stage[code] = lane
            per_lane[key] = per_lane.get(key, 0) + 1
            lane.slots = max(lane.slots, per_lane[key])

    # Stage nodes: one width for all, a height per row.
    stage_lines = {code: _stage_lines(stage, days) for code, stage in by_code.items()}
    widest = max(
        (
            text_width(text, size)
            for lines, _name, _cut in stage_lines.values()
            for text, size, _h, _c in lines
        ),
        default=0.0,
    )
    node_w = max(NODE_MIN, math.ceil(widest) + 2 * PAD_X)

    nodes: dict[str, _Node] = {}
    last_row = len(levels) + 1
    for index, level in enumerate(levels, start=1):
        for code in level:
            lines, name, truncated = stage_lines[code]
            height = 2 * PAD_Y + sum(h for _t, _s, h, _c in lines)
            nodes[code] = _Node(
                key=code,
                row=index,
                lines=lines,
                w=node_w,
                h=height,
                lane=lane_of_stage[code],
                full_name=name if truncated else "",
            )
    for key, row in (("start", 0), ("end", last_row)):
        word = WORDS[key]
        width = max(TERMINAL_MIN, math.ceil(text_width(word)) + 4 * PAD_X)
        nodes[key] = _Node(
            key=key, row=row, lines=[(word, FONT, LINE, WHITE)], w=width, h=TERMINAL_H
        )

    # Horizontal layout: lane widths, then the total width.
    for lane in lanes.values():
        content = lane.slots * node_w + (lane.slots - 1) * NODE_GAP
        lane.label_lines = wrap(lane.label, content, FONT)
        widest_label = max(text_width(line) for line in lane.label_lines)
        lane.w = max(content, math.ceil(widest_label)) + 2 * LANE_PAD
    lanes_w = sum(lane.w for lane in lanes.values()) if lanes else node_w + 2 * LANE_PAD
    legend = [
        ("excluded", WORDS["legend_excluded"]),
        ("parallel", WORDS["legend_parallel"]),
        ("arrow", WORDS["legend_arrow"]),
    ]
    legend_w = LEGEND_SWATCH_W + 10 + max(text_width(text, SMALL) for _k, text in legend)
    inner_w = max(lanes_w, math.ceil(legend_w))
    title_lines = wrap(heading, max(inner_w, 24 * TITLE), TITLE)
    inner_w = max(inner_w, math.ceil(max(text_width(line, TITLE) for line in title_lines)))
    width = inner_w + 2 * MARGIN

    x = MARGIN + (inner_w - lanes_w) / 2
    lanes_left = x
    for lane in lanes.values():
        lane.x = x
        x += lane.w

    for level in levels:
        groups: dict[tuple[str, str], list[str]] = {}
        for code in level:
            groups.setdefault(lane_of_stage[code].key, []).append(code)
        for key, codes in groups.items():
            lane = lanes[key]
            block = len(codes) * node_w + (len(codes) - 1) * NODE_GAP
            left = lane.x + (lane.w - block) / 2
            for i, code in enumerate(codes):
                nodes[code].x = left + i * (node_w + NODE_GAP)
    for key, row_codes in (
        ("start", levels[0] if levels else []),
        ("end", levels[-1] if levels else []),
    ):
        if row_codes:
            left = min(nodes[c].x for c in row_codes)
            right = max(nodes[c].x + nodes[c].w for c in row_codes)
            centre = (left + right) / 2
        else:
            centre = lanes_left + lanes_w / 2
        nodes[key].x = centre - nodes[key].w / 2

    # Edges and their tracks.
    successors: dict[str, list[str]] = {code: [] for code in by_code}
    edges: list[_Edge] = [_Edge("start", code) for code in (levels[0] if levels else [])]
    for before, after in graph.edges():
        successors[before].append(after)
        edges.append(_Edge(before, after))
    sinks = [code for level in levels for code in level if not successors[code]]
    edges.extend(_Edge(code, "end") for code in sinks)
    if not levels:
        edges.append(_Edge("start", "end"))

    tracks = [0] * (last_row + 1)  # tracks used in the gap under each row
    short: dict[int, list[_Edge]] = {}
    for edge in edges:
        source, target = nodes[edge.source], nodes[edge.target]
        if target.row - source.row == 1:
            short.setdefault(source.row, []).append(edge)
    for row, row_edges in short.items():
        for bus in _buses(row_edges):
            if all(abs(nodes[e.source].cx - nodes[e.target].cx) < 0.5 for e in bus):
                continue  # straight down: no horizontal part
            for edge in bus:
                edge.track_out = tracks[row]
            tracks[row] += 1
    for edge in edges:
        source, target = nodes[edge.source], nodes[edge.target]
        if target.row - source.row > 1:
            lane = source.lane
            assert lane is not None  # only stages have successors more than a row down
            # The margin nearer the stage (so long edges of side-by-side stages do not cross),
            # or, for a stage in the middle of its lane, the one towards the target.
            centre = lane.x + lane.w / 2
            if abs(source.cx - centre) >= 0.5:
                side = "right" if source.cx > centre else "left"
            else:
                side = "right" if target.cx >= source.cx else "left"
            offset = GUTTER + GUTTER_STEP * lane.gutters[side]
            lane.gutters[side] += 1
            edge.gutter = lane.right - offset if side == "right" else lane.x + offset
            edge.track_out = tracks[source.row]
            tracks[source.row] += 1
            edge.track_in = tracks[target.row - 1]
            tracks[target.row - 1] += 1

    # Vertical layout.
    y = MARGIN
    title_top = y
    y += len(title_lines) * (TITLE + 8) + 8
    lanes_top = y
    header_h = max((len(lane.label_lines) for lane in lanes.values()), default=1) * LINE
    header_h += 2 * HEADER_PAD
    y += header_h + LANE_TOP_PAD
    gap_top: list[float] = []
    gap_h: list[float] = []
    for row in range(last_row + 1):
        row_nodes = [node for node in nodes.values() if node.row == row]
        row_h = max(node.h for node in row_nodes)
        for node in row_nodes:
            node.y = y
            node.h = row_h if node.key not in ("start", "end") else node.h
        y += row_h
        gap_top.append(y)
        gap_h.append(max(GAP_MIN, TRACK_STEP * (tracks[row] + 1)))
        if row < last_row:
            y += gap_h[row]
    lanes_bottom = y + LANE_BOTTOM_PAD
    legend_top = lanes_bottom + LEGEND_GAP
    height = legend_top + len(legend) * (LEGEND_SWATCH_H + 8) - 8 + MARGIN

    def track_y(row: int, track: int) -> float:
        return gap_top[row] + gap_h[row] * (track + 1) / (tracks[row] + 1)

    # Drawing.
    parts: list[str] = []
    parts.append(_tag("rect", {"width": width, "height": height, "fill": WHITE}))
    parts.append(
        _tag(
            "g",
            {"class": "heading", "font-weight": "bold"},
            _text_block(
                [(line, TITLE, TITLE + 8, INK) for line in title_lines], width / 2, title_top
            ),
        )
    )

    lane_parts = []
    for index, lane in enumerate(lanes.values()):
        body = [
            _tag(
                "rect",
                {
                    "x": lane.x,
                    "y": lanes_top,
                    "width": lane.w,
                    "height": lanes_bottom - lanes_top,
                    "fill": LANE_FILLS[index % 2],
                    "stroke": LANE_LINE,
                },
            ),
            _tag(
                "rect",
                {
                    "x": lane.x,
                    "y": lanes_top,
                    "width": lane.w,
                    "height": header_h,
                    "fill": LANE_HEADER_FILL,
                    "stroke": LANE_LINE,
                },
            ),
            _text_block(
                [(line, FONT, LINE, INK) for line in lane.label_lines],
                lane.x + lane.w / 2,
                lanes_top
                + HEADER_PAD
                + (header_h - 2 * HEADER_PAD - len(lane.label_lines) * LINE) / 2,
            ),
        ]
        lane_parts.append(
            _tag(
                "g",
                {"class": "lane", "data-lane": lane.label, "font-weight": "bold"},
                "".join(body),
            )
        )
    parts.append(_tag("g", {"class": "lanes"}, "".join(lane_parts)))

    edge_parts = []
    for edge in edges:
        source, target = nodes[edge.source], nodes[edge.target]
        x1, y1 = source.cx, source.y + source.h
        x2, y2 = target.cx, target.y
        if edge.gutter is not None:
            assert edge.track_out is not None and edge.track_in is not None
            out_y = track_y(source.row, edge.track_out)
            in_y = track_y(target.row - 1, edge.track_in)
            d = (
                f"M{_num(x1)} {_num(y1)}V{_num(out_y)}H{_num(edge.gutter)}"
                f"V{_num(in_y)}H{_num(x2)}V{_num(y2)}"
            )
        elif edge.track_out is not None and abs(x1 - x2) >= 0.5:
            bus_y = track_y(source.row, edge.track_out)
            d = f"M{_num(x1)} {_num(y1)}V{_num(bus_y)}H{_num(x2)}V{_num(y2)}"
        else:
            d = f"M{_num(x2)} {_num(y1)}V{_num(y2)}"
        classes = "edge"
        if edge.source == "start" or edge.target == "end":
            classes += " terminal"
        edge_parts.append(
            _tag(
                "path",
                {
                    "class": classes,
                    "data-from": edge.source,
                    "data-to": edge.target,
                    "d": d,
                    "marker-end": f"url(#{arrow_id})",
                },
            )
        )
    parts.append(
        _tag(
            "g",
            {"class": "edges", "fill": "none", "stroke": EDGE_INK, "stroke-width": "1.5"},
            "".join(edge_parts),
        )
    )

    node_parts = []
    for key in ("start", *[code for level in levels for code in level], "end"):
        node = nodes[key]
        if key in ("start", "end"):
            body = _tag(
                "rect",
                {
                    "x": node.x,
                    "y": node.y,
                    "width": node.w,
                    "height": node.h,
                    "rx": node.h / 2,
                    "fill": TERMINAL_FILL,
                },
            ) + _text_block(node.lines, node.cx, node.y + (node.h - LINE) / 2)
            node_parts.append(_tag("g", {"class": f"terminal {key}", "font-weight": "bold"}, body))
            continue
        stage = by_code[key]
        classes = ["stage"]
        fill = WHITE
        if getattr(stage, "kind", "") == "co_review":
            classes.append("parallel")
            fill = PARALLEL_FILL
        excluded = bool(getattr(stage, "clock_excluded", False))
        if excluded:
            classes.append("excluded")
            fill = EXCLUDED_FILL
        content_h = sum(h for _t, _s, h, _c in node.lines)
        body = (
            (_tag("title", {}, escape(node.full_name)) if node.full_name else "")
            + _tag(
                "rect",
                {
                    "x": node.x,
                    "y": node.y,
                    "width": node.w,
                    "height": node.h,
                    "rx": 6,
                    "fill": fill,
                    "stroke": STAGE_STROKE,
                    "stroke-width": 2 if excluded else 1.5,
                    "stroke-dasharray": "6 4" if excluded else None,
                },
            )
            + _text_block(node.lines, node.cx, node.y + (node.h - content_h) / 2)
        )
        node_parts.append(
            _tag(
                "g",
                {"class": " ".join(classes), "data-code": stage.code, "data-lane": node.lane.label},
                body,
            )
        )
    parts.append(_tag("g", {"class": "nodes"}, "".join(node_parts)))

    legend_parts = []
    for index, (kind, text) in enumerate(legend):
        top = legend_top + index * (LEGEND_SWATCH_H + 8)
        if kind == "arrow":
            mid = top + LEGEND_SWATCH_H / 2
            swatch = _tag(
                "path",
                {
                    "d": f"M{MARGIN} {_num(mid)}H{MARGIN + LEGEND_SWATCH_W - 2}",
                    "fill": "none",
                    "stroke": EDGE_INK,
                    "stroke-width": "1.5",
                    "marker-end": f"url(#{arrow_id})",
                },
            )
        else:
            swatch = _tag(
                "rect",
                {
                    "x": MARGIN,
                    "y": top,
                    "width": LEGEND_SWATCH_W,
                    "height": LEGEND_SWATCH_H,
                    "rx": 4,
                    "fill": EXCLUDED_FILL if kind == "excluded" else PARALLEL_FILL,
                    "stroke": STAGE_STROKE,
                    "stroke-width": 2 if kind == "excluded" else 1.5,
                    "stroke-dasharray": "6 4" if kind == "excluded" else None,
                },
            )
        label = _text_block(
            [(text, SMALL, LEGEND_SWATCH_H, INK)],
            MARGIN + LEGEND_SWATCH_W + 10,
            top,
            anchor="start",
        )
        legend_parts.append(_tag("g", {"class": f"legend-{kind}"}, swatch + label))
    parts.append(_tag("g", {"class": "legend"}, "".join(legend_parts)))

    steps = [WORDS["start"]]
    for level in levels:
        described = [_describe(by_code[code], lane_of_stage[code].label, days) for code in level]
        if len(level) == 1:
            steps.append(described[0])
        else:
            co_review = all(getattr(by_code[code], "kind", "") == "co_review" for code in level)
            prefix = WORDS["co_review"] if co_review else WORDS["simultaneous"]
            steps.append(f"{prefix}：{WORDS['enumeration'].join(described)}")
    steps.append(WORDS["end"])
    description = WORDS["arrow"].join(steps)

    marker = _tag(
        "marker",
        {
            "id": arrow_id,
            "viewBox": "0 0 10 10",
            "refX": 10,
            "refY": 5,
            "markerWidth": 7,
            "markerHeight": 7,
            "markerUnits": "strokeWidth",
            "orient": "auto",
        },
        _tag("path", {"d": "M0 0L10 5L0 10z", "fill": EDGE_INK, "stroke": "none"}),
    )
    svg_attrs = {
        "xmlns": "http://www.w3.org/2000/svg",
        "role": "img",
        "aria-labelledby": f"{title_id} {desc_id}",
        "class": "flowchart",
        "viewBox": f"0 0 {_num(width)} {_num(height)}",
        "width": width,
        "height": height,
        "font-family": FONT_FAMILY,
        "font-size": FONT,
    }
    return (
        _tag(
            "svg",
            svg_attrs,
            _tag("title", {"id": title_id}, escape(heading))
            + _tag("desc", {"id": desc_id}, escape(description))
            + _tag("defs", {}, marker)
            + "".join(parts),
        )
        + "\n"
    )


def _buses(edges: list[_Edge]) -> list[list[_Edge]]:
    """Edges between two rows grouped into the horizontal lines ("buses") they can share.

    A set of sources all joined to a set of targets shares one line (a fork, a join, or all to
    all). Otherwise each source gets its own line, so a line never suggests an edge that is not
    there.
    """
    parent: dict[str, str] = {}

    def find(key: str) -> str:
        while parent.setdefault(key, key) != key:
            key = parent[key]
        return key

    for edge in edges:
        parent[find("s:" + edge.source)] = find("t:" + edge.target)
    components: dict[str, list[_Edge]] = {}
    for edge in edges:
        components.setdefault(find("s:" + edge.source), []).append(edge)
    buses: list[list[_Edge]] = []
    for component in components.values():
        sources = list(dict.fromkeys(e.source for e in component))
        targets = list(dict.fromkeys(e.target for e in component))
        if len(component) == len(sources) * len(targets):
            buses.append(component)
        else:
            buses.extend([e for e in component if e.source == s] for s in sources)
    return buses
