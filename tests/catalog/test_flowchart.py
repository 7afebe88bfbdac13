"""The public flowchart drawn from a process definition (no database: stage-like objects)."""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

import pytest
from django.core.exceptions import ValidationError

from zhengwu.catalog.flowchart import (
    FONT_FAMILY,
    PAD_X,
    TEXT_ON_BACKGROUND,
    render_flowchart,
    text_width,
)

SVG = "{http://www.w3.org/2000/svg}"


@dataclass
class Department:
    name: str


@dataclass
class StageStub:
    code: str
    name: str
    kind: str = "review"
    department_id: int | None = None
    role: str = ""
    limit_days: int | None = None
    clock_excluded: bool = False
    parallel_group: int | None = None
    after: list = field(default_factory=list)
    department: Department | None = None


def dept(pk: int, name: str) -> dict:
    return {"department_id": pk, "department": Department(name)}


def co_review(code: str, name: str, pk: int, department: str) -> StageStub:
    return StageStub(
        code, name, "co_review", limit_days=5, parallel_group=1, **dept(pk, department)
    )


def linear() -> list[StageStub]:
    return [
        StageStub("accept", "受理", "accept", role="window_clerk", limit_days=1),
        StageStub("review", "审查", "review", limit_days=5, **dept(1, "县市场监督管理局")),
        StageStub("inspect", "现场核查", "on_site", limit_days=3, **dept(1, "县市场监督管理局")),
        StageStub("decide", "决定", "decide", limit_days=2, **dept(1, "县市场监督管理局")),
        StageStub("deliver", "送达", "deliver", role="window_clerk", limit_days=1),
    ]


def parallel() -> list[StageStub]:
    return [
        StageStub("accept", "受理", "accept", role="window_clerk", limit_days=1),
        StageStub("review", "审查", "review", limit_days=3, **dept(1, "县发展和改革局")),
        co_review("co_plan", "规划审查", 2, "县自然资源局"),
        co_review("co_fire", "消防审查", 3, "县消防救援大队"),
        co_review("co_env", "环评审批", 4, "县生态环境分局"),
        StageStub("decide", "决定", "decide", limit_days=2, **dept(1, "县发展和改革局")),
        StageStub("deliver", "送达", "deliver", role="window_clerk", limit_days=1),
    ]


def with_hearing() -> list[StageStub]:
    stages = linear()
    hearing = StageStub("hearing", "听证", "hearing", limit_days=20, clock_excluded=True)
    hearing.department_id, hearing.department = 1, Department("县市场监督管理局")
    stages.insert(2, hearing)
    return stages


# Reading the SVG back -----------------------------------------------------------------------


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 (our own output)


def stage_nodes(root: ET.Element) -> dict[str, ET.Element]:
    return {
        g.get("data-code"): g
        for g in root.iter(f"{SVG}g")
        if g.get("class", "").split()[:1] == ["stage"]
    }


def box(g: ET.Element) -> tuple[float, float, float, float]:
    rect = g.find(f"{SVG}rect")
    return tuple(float(rect.get(k)) for k in ("x", "y", "width", "height"))


def edges(root: ET.Element) -> list[tuple[str, str]]:
    return [
        (p.get("data-from"), p.get("data-to"))
        for p in root.iter(f"{SVG}path")
        if "edge" in p.get("class", "").split()
    ]


def lanes(root: ET.Element) -> dict[str, tuple[float, float]]:
    """Lane label -> (left, right)."""
    found = {}
    for g in root.iter(f"{SVG}g"):
        if g.get("class") == "lane":
            x, _y, w, _h = box(g)
            found[g.get("data-lane")] = (x, x + w)
    return found


def text_of(element: ET.Element) -> str:
    return "".join(element.itertext())


def path_points(d: str) -> list[tuple[float, float]]:
    """The corners of an orthogonal path written with M, H and V."""
    points: list[tuple[float, float]] = []
    for command, args in re.findall(r"([MHV])([^MHV]+)", d):
        values = [float(v) for v in args.split()]
        if command == "M":
            points.append((values[0], values[1]))
        elif command == "H":
            points.append((values[0], points[-1][1]))
        else:
            points.append((points[-1][0], values[0]))
    return points


def segment_crosses_box(a, b, rect, inset: float = 1.0) -> bool:
    x, y, w, h = rect
    left, right, top, bottom = x + inset, x + w - inset, y + inset, y + h - inset
    (x1, y1), (x2, y2) = a, b
    if x1 == x2:
        return left < x1 < right and min(y1, y2) < bottom and max(y1, y2) > top
    return top < y1 < bottom and min(x1, x2) < right and max(x1, x2) > left


# Tests --------------------------------------------------------------------------------------


def test_linear_process_has_one_node_per_stage_and_edges_between_them():
    svg = render_flowchart(linear(), title="食品经营许可")
    assert svg.count('class="stage') == 5
    root = parse(svg)
    assert list(stage_nodes(root)) == ["accept", "review", "inspect", "decide", "deliver"]
    all_edges = edges(root)
    inner = [e for e in all_edges if "start" not in e and "end" not in e]
    assert inner == [
        ("accept", "review"),
        ("review", "inspect"),
        ("inspect", "decide"),
        ("decide", "deliver"),
    ]
    assert ("start", "accept") in all_edges and ("deliver", "end") in all_edges
    assert len(all_edges) == 6
    # Top to bottom, one row each.
    ys = [box(g)[1] for g in stage_nodes(root).values()]
    assert ys == sorted(ys) and len(set(ys)) == 5
    # Every edge ends in an arrow.
    assert all(
        p.get("marker-end") == "url(#flow-arrow)"
        for p in root.iter(f"{SVG}path")
        if "edge" in p.get("class", "")
    )
    assert root.find(f".//{SVG}marker[@id='flow-arrow']") is not None


def test_terminals_sit_above_the_first_and_below_the_last_stage():
    root = parse(render_flowchart(linear()))
    start = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "terminal start")
    end = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "terminal end")
    assert text_of(start) == "开始" and text_of(end) == "办结"
    nodes = stage_nodes(root)
    assert box(start)[1] + box(start)[3] < box(nodes["accept"])[1]
    assert box(end)[1] > box(nodes["deliver"])[1] + box(nodes["deliver"])[3]


def test_parallel_co_reviews_sit_side_by_side_in_their_lanes():
    root = parse(render_flowchart(parallel(), title="企业投资项目核准"))
    nodes = stage_nodes(root)
    assert len(nodes) == 7
    co = [nodes[c] for c in ("co_plan", "co_fire", "co_env")]
    assert all(g.get("class") == "stage parallel" for g in co)
    assert len({box(g)[1] for g in co}) == 1  # one row
    assert len({box(g)[0] for g in co}) == 3  # three places in it
    assert box(nodes["review"])[1] < box(co[0])[1] < box(nodes["decide"])[1]

    lane_bounds = lanes(root)
    assert set(lane_bounds) == {
        "窗口人员",
        "县发展和改革局",
        "县自然资源局",
        "县消防救援大队",
        "县生态环境分局",
    }
    for g in co:
        left, right = lane_bounds[g.get("data-lane")]
        x, _y, w, _h = box(g)
        assert left <= x and x + w <= right
    assert len({g.get("data-lane") for g in co}) == 3

    all_edges = edges(root)
    for code in ("co_plan", "co_fire", "co_env"):
        assert ("review", code) in all_edges
        assert (code, "decide") in all_edges
    assert ("review", "decide") not in all_edges

    desc = text_of(root.find(f"{SVG}desc"))
    assert "并联审查：规划审查（县自然资源局" in desc
    assert desc.index("审查（县发展和改革局") < desc.index("并联审查") < desc.index("决定（")


def test_stages_of_one_department_in_one_row_share_the_widened_lane():
    stages = parallel()
    for stage in stages[2:5]:
        stage.department_id, stage.department = 2, Department("县自然资源局")
    root = parse(render_flowchart(stages))
    nodes = stage_nodes(root)
    co = sorted((box(nodes[c]) for c in ("co_plan", "co_fire", "co_env")), key=lambda b: b[0])
    assert len({b[1] for b in co}) == 1
    for left, right in itertools.pairwise(co):
        assert left[0] + left[2] < right[0]  # no overlap
    lane_left, lane_right = lanes(root)["县自然资源局"]
    assert lane_left <= co[0][0] and co[-1][0] + co[-1][2] <= lane_right
    assert lane_right - lane_left > 3 * co[0][2]


def test_clock_excluded_stage_is_marked_by_dashes_and_words():
    root = parse(render_flowchart(with_hearing()))
    nodes = stage_nodes(root)
    hearing = nodes["hearing"]
    assert hearing.get("class") == "stage excluded"
    assert hearing.find(f"{SVG}rect").get("stroke-dasharray")
    assert "不计入办理时限" in text_of(hearing)
    assert "20个工作日" in text_of(hearing)
    for code, g in nodes.items():
        if code != "hearing":
            assert "excluded" not in g.get("class")
            assert g.find(f"{SVG}rect").get("stroke-dasharray") is None
            assert "不计入办理时限" not in text_of(g)
    legend = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "legend")
    assert "虚线框" in text_of(legend) and "不计入办理时限" in text_of(legend)
    assert any(r.get("stroke-dasharray") for r in legend.iter(f"{SVG}rect"))


def test_the_svg_is_an_accessible_scalable_document():
    svg = render_flowchart(parallel(), title="企业投资项目核准")
    root = parse(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img" and root.get("aria-labelledby") == "flow-title flow-desc"
    assert root.get("font-family") == FONT_FAMILY
    title = root.find(f"{SVG}title")
    desc = root.find(f"{SVG}desc")
    assert title.get("id") == "flow-title" and title.text == "企业投资项目核准流程图"
    assert desc.get("id") == "flow-desc"
    assert desc.text.startswith("开始 → 受理（窗口人员，1个工作日） → 审查")
    assert desc.text.endswith("送达（窗口人员，1个工作日） → 办结")
    _x, _y, width, height = (float(v) for v in root.get("viewBox").split())
    assert (width, height) == (float(root.get("width")), float(root.get("height")))
    # No style attribute (the Content-Security-Policy allows none): the site's CSS sizes it.
    assert root.get("style") is None and root.get("class") == "flowchart"
    assert "<script" not in svg and "http" not in svg.replace("http://www.w3.org/2000/svg", "")


def test_nodes_fit_the_view_and_neither_overlap_nor_are_crossed_by_edges():
    check = StageStub("check", "专家评审", "expert_review", clock_excluded=True, after=["accept"])
    # beside the review, in the lane whose later stages its long edge must go round
    check.department_id, check.department = 1, Department("县市场监督管理局")
    stages = [
        *with_hearing(),
        StageStub("notify", "抄告", "deliver", role="supervisor", after=["review"]),
        check,
    ]
    stages[-3].after = ["decide", "check"]  # deliver waits for the expert review as well
    root = parse(render_flowchart(stages))
    _x, _y, width, height = (float(v) for v in root.get("viewBox").split())
    boxes = {code: box(g) for code, g in stage_nodes(root).items()}
    for g in root.iter(f"{SVG}g"):
        if g.get("class", "").startswith("terminal"):
            boxes[g.get("class").split()[1]] = box(g)
    for x, y, w, h in boxes.values():
        assert x >= 0 and x + w <= width and y >= 0 and y + h <= height
    items = list(boxes.values())
    for i, a in enumerate(items):
        for b in items[i + 1 :]:
            apart = (
                a[0] + a[2] <= b[0]
                or b[0] + b[2] <= a[0]
                or a[1] + a[3] <= b[1]
                or b[1] + b[3] <= a[1]
            )
            assert apart, (a, b)
    long_edges = 0
    for path in root.iter(f"{SVG}path"):
        if "edge" not in path.get("class", ""):
            continue
        points = path_points(path.get("d"))
        source, target = path.get("data-from"), path.get("data-to")
        sx, sy, sw, sh = boxes[source]
        tx, ty, tw, _th = boxes[target]
        assert points[0] == (pytest.approx(sx + sw / 2), pytest.approx(sy + sh))
        assert points[-1] == (pytest.approx(tx + tw / 2), pytest.approx(ty))
        long_edges += len(points) > 4
        for a, b in itertools.pairwise(points):
            for code, rect in boxes.items():
                assert not segment_crosses_box(a, b, rect), (source, target, code)
    assert long_edges  # check → deliver and notify → end skip rows


def test_text_is_escaped_and_cleaned():
    stages = linear()
    stages[1].name = "审查 <&> \"引号\" '单'"
    stages[1].department = Department("县<局>&")
    stages[2].name = "核查\x00\x08\n第二行"
    svg = render_flowchart(stages, title="A&B <许可>")
    root = parse(svg)
    nodes = stage_nodes(root)
    assert '<&> "引号"' in text_of(nodes["review"])
    assert nodes["review"].get("data-lane") == "县<局>&"
    assert "核查 第二行" in text_of(nodes["inspect"])
    assert root.find(f"{SVG}title").text == "A&B <许可>流程图"
    assert "县<局>&" in lanes(root)
    assert "<&>" not in svg


def test_output_is_deterministic():
    first = render_flowchart(parallel(), title="企业投资项目核准")
    assert render_flowchart(parallel(), title="企业投资项目核准") == first
    assert render_flowchart(with_hearing()) == render_flowchart(with_hearing())


def test_lane_labels_come_from_departments_names_or_roles():
    stages = [
        StageStub("accept", "受理", "accept", role="window_clerk"),
        StageStub("review", "审查", department_id=5),
        StageStub("decide", "决定", role="某岗位"),
        StageStub("deliver", "送达"),
    ]
    root = parse(render_flowchart(stages, department_names={5: "县民政局"}))
    assert list(lanes(root)) == ["窗口人员", "县民政局", "某岗位", "未指定部门"]
    nodes = stage_nodes(root)
    assert "个工作日" not in text_of(nodes["review"])  # no limit, no line


def test_long_names_wrap_within_the_node():
    stages = linear()
    stages[1].name = "作出准予或不予许可的书面决定"
    stages[2].name = "组织专家评审并出具书面意见，涉及公共安全的需要另行组织听证程序后再行决定"
    root = parse(render_flowchart(stages))
    nodes = stage_nodes(root)
    for g in nodes.values():
        _x, _y, width, _h = box(g)
        for span in g.iter(f"{SVG}tspan"):
            size = float(span.get("font-size"))
            assert text_width(span.text, size) <= width - 2 * PAD_X + 0.01
    assert [s.text for s in nodes["review"].iter(f"{SVG}tspan")][:2] == [
        "作出准予或不予",
        "许可的书面决定",
    ]
    long_lines = [s.text for s in nodes["inspect"].iter(f"{SVG}tspan")]
    assert long_lines[1].endswith("…") and long_lines[2] == "3个工作日"
    # The full name stays available as the node's title and in the description.
    assert nodes["inspect"].find(f"{SVG}title").text == stages[2].name
    assert stages[2].name in root.find(f"{SVG}desc").text


def test_a_power_version_is_read_through_its_stages():
    class Stages:
        def select_related(self, *fields):
            assert fields == ("department",)
            return iter(linear())

    class Version:
        name = "个体工商户登记"
        day_kind = "calendar"
        stages = Stages()

    root = parse(render_flowchart(Version()))
    assert root.find(f"{SVG}title").text == "个体工商户登记流程图"
    assert len(stage_nodes(root)) == 5
    assert "5个自然日" in text_of(stage_nodes(root)["review"])


def test_an_empty_process_still_draws_start_to_end():
    root = parse(render_flowchart([]))
    assert stage_nodes(root) == {}
    assert edges(root) == [("start", "end")]


def test_a_cycle_is_refused():
    stages = linear()
    stages[0].after = ["deliver"]
    with pytest.raises(ValidationError):
        render_flowchart(stages)


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear_ = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear_[0] + 0.7152 * linear_[1] + 0.0722 * linear_[2]


@pytest.mark.parametrize(("ink", "paper"), TEXT_ON_BACKGROUND)
def test_text_colours_have_enough_contrast(ink, paper):
    lighter, darker = sorted((_luminance(ink), _luminance(paper)), reverse=True)
    assert (lighter + 0.05) / (darker + 0.05) >= 4.5


def test_every_text_colour_is_a_checked_pair():
    svg = render_flowchart(with_hearing() + parallel()[2:5])
    inks = set(re.findall(r'<tspan [^>]*fill="(#[0-9a-f]{6})"', svg))
    assert inks <= {ink for ink, _paper in TEXT_ON_BACKGROUND}


def test_ids_carry_the_given_prefix_so_two_charts_can_share_a_page():
    svg = render_flowchart(parallel(), title="甲", id_prefix="p-152531 01")
    root = parse(svg)
    assert root.get("aria-labelledby") == "p-152531-01-title p-152531-01-desc"
    assert 'id="flow-' not in svg and "url(#p-152531-01-arrow)" in svg
