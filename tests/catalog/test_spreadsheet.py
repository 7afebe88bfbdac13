"""The catalog as a workbook: export, import with every bad row reported, round trip."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.utils.translation import override

from zhengwu.catalog import services
from zhengwu.catalog.models import Fee, LegalBasis, Material, Power, PowerVersion, Stage
from zhengwu.catalog.spreadsheet import (
    SHEET_FEES,
    SHEET_LEGAL_BASES,
    SHEET_MATERIALS,
    SHEET_POWERS,
    SHEET_STAGES,
    export_catalog,
    import_catalog,
)
from zhengwu.common.models import AuditEvent
from zhengwu.org.models import Department, Division, User

pytestmark = pytest.mark.django_db

SHEETS = [SHEET_POWERS, SHEET_LEGAL_BASES, SHEET_MATERIALS, SHEET_FEES, SHEET_STAGES]

DEPARTMENTS = {
    "market": "多伦县市场监督管理局",
    "housing": "多伦县住房和城乡建设局",
    "land": "多伦县自然资源局",
    "fire": "多伦县消防救援大队",
    "farm": "多伦县农牧和科技局",
    "vet": "多伦县动物卫生监督所",
    "service": "多伦县政务服务局",
}

# --- a small catalog, built through the services ------------------------------------------------


def make_departments() -> dict[str, Department]:
    league = Division.objects.create(code="152500000000", level="league", name="锡林郭勒盟")
    county = Division.objects.create(
        code="152531000000", level="county", parent=league, name="多伦县"
    )
    return {
        key: Department.objects.create(division=county, code=key, name=name, kind="department")
        for key, name in DEPARTMENTS.items()
    }


def add_stage(version, position, code, kind, *, department=None, role="", limit=None, **extra):
    return Stage.objects.create(
        version=version,
        position=position,
        code=code,
        name={"accept": "受理", "review": "审查", "decide": "决定", "deliver": "送达"}.get(
            kind, extra.pop("name", code)
        ),
        kind=kind,
        department=department,
        role=role,
        limit_days=limit,
        clock_excluded=kind in Stage.CLOCK_EXCLUDED_KINDS,
        **extra,
    )


def build_catalog(actor=None) -> dict[str, Power]:
    """Five powers: a licence, a parallel approval, two enforcement acts, a repealed service."""
    d = make_departments()
    powers = {}

    # 1. Food business licence: four stages, two legal bases, three materials.
    power, v = services.power_create(
        actor=actor,
        basic_code="000116003000",
        implementation_code="11152531MB1A00001X4000116003000",
        name="食品经营许可",
        kind="licensing",
        department=d["market"],
        content="对从事食品销售和餐饮服务的经营者核发食品经营许可证",
        conditions="有与经营的食品品种、数量相适应的经营场所\n有食品安全管理人员",
        legal_limit_days=20,
        promised_limit_days=10,
        max_extension_days=10,
        place="多伦县政务服务中心一楼市场监管窗口",
        hours="工作日 8:30–12:00，14:30–17:30",
        consultation_channel="0479-4522001",
        supervision_channel="12345",
        result_name="食品经营许可证",
        online_depth=4,
        visits_required=0,
        in_service_centre=True,
        life_events="开办企业,餐饮",
    )
    LegalBasis.objects.create(
        version=v,
        position=1,
        title="中华人民共和国食品安全法",
        issuer="全国人民代表大会常务委员会",
        article="第三十五条",
        excerpt="国家对食品生产经营实行许可制度。",
        in_force_from=datetime.date(2015, 10, 1),
    )
    LegalBasis.objects.create(
        version=v,
        position=2,
        title="食品经营许可和备案管理办法",
        issuer="国家市场监督管理总局",
        article="第三条",
        in_force_from=datetime.date(2023, 12, 1),
        in_force_to=datetime.date(2030, 12, 31),
    )
    Material.objects.create(version=v, position=1, name="食品经营许可申请书")
    Material.objects.create(version=v, position=2, name="营业执照", form="copy", copies=1)
    Material.objects.create(
        version=v,
        position=3,
        name="授权委托书",
        form="original",
        required=False,
        condition="委托他人办理时",
    )
    add_stage(v, 1, "accept", "accept", department=d["market"], role="window_clerk", limit=1)
    add_stage(v, 2, "review", "review", department=d["market"], limit=5)
    add_stage(v, 3, "decide", "decide", department=d["market"], limit=3)
    add_stage(v, 4, "deliver", "deliver", role="window_clerk", limit=1)
    services.power_version_publish(actor=actor, version=v)
    powers["food"] = power

    # 2. Construction permit: parallel co-review by three departments, a hearing, two fees.
    power, v = services.power_create(
        actor=actor,
        basic_code="000117002000",
        implementation_code="11152531MB1A00002X4000117002000",
        name="建筑工程施工许可",
        kind="licensing",
        department=d["housing"],
        legal_limit_days=15,
        promised_limit_days=7,
        day_kind="working",
        in_service_centre=True,
        lead_department=d["housing"],
        result_name="建筑工程施工许可证",
    )
    LegalBasis.objects.create(version=v, position=1, title="中华人民共和国建筑法", article="第八条")
    Material.objects.create(version=v, position=1, name="建筑工程施工许可申请表", copies=2)
    Fee.objects.create(
        version=v, position=1, item="工本费", amount=Decimal("10.00"), basis="发改价格〔2019〕1号"
    )
    Fee.objects.create(version=v, position=2, item="城市基础设施配套费", formula="按建筑面积计")
    add_stage(v, 1, "accept", "accept", role="window_clerk", limit=1)
    add_stage(
        v, 2, "co_housing", "co_review", department=d["housing"], limit=5, parallel_group=1,
        name="住建部门审查",
    )  # fmt: skip
    add_stage(
        v, 3, "co_land", "co_review", department=d["land"], limit=5, parallel_group=1,
        name="自然资源部门审查",
    )  # fmt: skip
    add_stage(
        v, 4, "co_fire", "co_review", department=d["fire"], limit=3, parallel_group=1,
        name="消防审查",
    )  # fmt: skip
    add_stage(v, 5, "hearing", "hearing", department=d["housing"], name="听证")
    add_stage(
        v, 6, "decide", "decide", department=d["housing"], limit=2,
        after=["co_housing", "co_land", "co_fire", "hearing"],
    )  # fmt: skip
    add_stage(v, 7, "deliver", "deliver", role="window_clerk", limit=1)
    services.power_version_publish(actor=actor, version=v)
    powers["permit"] = power

    # 3. A penalty of a statutory agency: no process, one legal basis.
    power, v = services.power_create(
        actor=actor,
        basic_code="020116001000",
        implementation_code="11152531MB1A00001X0020116001000",
        name="对未取得食品经营许可从事食品经营活动的处罚",
        kind="penalty",
        department=d["market"],
    )
    LegalBasis.objects.create(
        version=v, position=1, title="中华人民共和国食品安全法", article="第一百二十二条"
    )
    services.power_version_publish(actor=actor, version=v)
    powers["penalty"] = power

    # 4. An entrusted organisation's penalty, suspended.
    power, v = services.power_create(
        actor=actor,
        basic_code="020135004000",
        implementation_code="12152531MB1B00003Y0020135004000",
        name="对未按规定进行动物防疫的处罚",
        kind="penalty",
        department=d["vet"],
        standing="entrusted",
        entrusting_body=d["farm"],
    )
    services.power_version_publish(actor=actor, version=v)
    services.power_set_status(actor=actor, power=power, status="suspended", reason="机构改革")
    powers["entrusted"] = power

    # 5. A public service, repealed.
    power, v = services.power_create(
        actor=actor,
        basic_code="090101001000",
        implementation_code="11152531MB1A00009X9090101001000",
        name="政务服务事项咨询",
        kind="public_service",
        department=d["service"],
        matter_type="instant",
        level="county",
    )
    services.power_version_publish(actor=actor, version=v)
    services.power_set_status(actor=actor, power=power, status="repealed", reason="并入12345")
    powers["repealed"] = power
    return {key: Power.objects.get(pk=power.pk) for key, power in powers.items()}


def empty_catalog() -> None:
    """Delete the catalog with raw deletes: published rows refuse saves, not deletes."""
    for model in (Stage, Fee, Material, LegalBasis):
        model.objects.all().delete()
    Power.objects.update(current=None)
    PowerVersion.objects.all().delete()
    Power.objects.all().delete()


def export_bytes(**kwargs) -> bytes:
    stream = io.BytesIO()
    export_catalog(stream, **kwargs)
    return stream.getvalue()


def cells(data: bytes) -> dict[str, list[tuple]]:
    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    try:
        return {
            name: list(workbook[name].iter_rows(values_only=True)) for name in workbook.sheetnames
        }
    finally:
        workbook.close()


def edit(data: bytes, changes: dict[tuple[str, int, str], object]) -> bytes:
    """The workbook with cells changed: (sheet, row, field key) → value."""
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    for (sheet, row, key), value in changes.items():
        ws = workbook[sheet]
        keys = [cell.value for cell in ws[2]]
        ws.cell(row=row, column=keys.index(key) + 1, value=value)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def row_of(data: bytes, sheet: str, **match) -> int:
    rows = cells(data)[sheet]
    keys = rows[1]
    for number, values in enumerate(rows[2:], start=3):
        record = dict(zip(keys, values, strict=False))
        if all(record.get(k) == v for k, v in match.items()):
            return number
    raise LookupError(match)


@pytest.fixture
def root():
    return User.objects.create_superuser(
        username="root", password="Correct-horse-9", email="", kind="staff", full_name="管理员"
    )


@pytest.fixture
def catalog(root):
    return build_catalog(actor=root)


# --- tests ---------------------------------------------------------------------------------------


CODES = {
    "food": "11152531MB1A00001X4000116003000",
    "permit": "11152531MB1A00002X4000117002000",
    "penalty": "11152531MB1A00001X0020116001000",
    "entrusted": "12152531MB1B00003Y0020135004000",
    "repealed": "11152531MB1A00009X9090101001000",
}


def problems_of(report) -> list[tuple[str, int, str, str]]:
    return [(p.sheet, p.row, p.key, p.reason) for p in report.problems]


def test_export_writes_one_sheet_per_table_with_two_header_rows(catalog):
    sheets = cells(export_bytes())
    assert list(sheets) == SHEETS
    powers = sheets[SHEET_POWERS]
    assert powers[0][:3] == ("基本编码", "实施编码", "状态")
    assert powers[1][:3] == ("basic_code", "implementation_code", "status")
    # One row per power, by implementation code, whatever its status.
    assert [row[1] for row in powers[2:]] == sorted(CODES.values())
    record = dict(zip(powers[1], powers[3], strict=False))
    assert record["implementation_code"] == CODES["food"]
    assert record["kind"] == "licensing" and record["department"] == "多伦县市场监督管理局"
    assert record["in_service_centre"] == "是" and record["online_depth"] == 4
    assert record["legal_limit_days"] == 20 and record["promised_limit_days"] == 10
    entrusted = dict(zip(powers[1], powers[6], strict=False))
    assert (entrusted["status"], entrusted["standing"], entrusted["entrusting_body"]) == (
        "suspended",
        "entrusted",
        "多伦县农牧和科技局",
    )
    stages = sheets[SHEET_STAGES]
    decide = row_of(
        export_bytes(), SHEET_STAGES, code="decide", implementation_code=CODES["permit"]
    )
    assert dict(zip(stages[1], stages[decide - 1], strict=False))["after"] == (
        "co_housing,co_land,co_fire,hearing"
    )
    hearing = next(dict(zip(stages[1], r, strict=False)) for r in stages[2:] if r[1] == "hearing")
    assert hearing["clock_excluded"] == "是"
    co_reviews = [r for r in stages[2:] if r[3] == "co_review"]
    assert [r[8] for r in co_reviews] == [1, 1, 1]  # the parallel group
    fees = [dict(zip(sheets[SHEET_FEES][1], r, strict=False)) for r in sheets[SHEET_FEES][2:]]
    assert [(f["item"], f["amount"], f["formula"]) for f in fees] == [
        ("工本费", 10, None),
        ("城市基础设施配套费", None, "按建筑面积计"),
    ]
    bases = sheets[SHEET_LEGAL_BASES]
    assert bases[3][5:7] == ("2015-10-01", None) and bases[4][5:7] == ("2023-12-01", "2030-12-31")
    # The files of materials are not exported.
    assert sheets[SHEET_MATERIALS][1] == (
        "implementation_code", "name", "form", "copies", "required", "condition", "position",
    )  # fmt: skip


def test_round_trip_gives_identical_cells(catalog, root):
    first = export_bytes()
    empty_catalog()
    assert not Power.objects.exists()
    events = AuditEvent.objects.count()

    report = import_catalog(io.BytesIO(first), actor=root, dry_run=False)

    assert report.problems == []
    assert (report.created, report.updated, report.imported) == (5, 0, 5)
    assert report.parts == {
        SHEET_LEGAL_BASES: 4,
        SHEET_MATERIALS: 4,
        SHEET_FEES: 2,
        SHEET_STAGES: 11,
    }
    second = export_bytes()
    first_cells, second_cells = cells(first), cells(second)
    assert list(first_cells) == list(second_cells) == SHEETS
    for sheet in SHEETS:
        assert first_cells[sheet] == second_cells[sheet], sheet
    # Statuses came back through the services, with the import's reason, and were audited.
    statuses = dict(Power.objects.values_list("implementation_code", "status"))
    assert statuses[CODES["entrusted"]] == "suspended" and statuses[CODES["repealed"]] == "repealed"
    assert all(p.current.number == 1 and p.current.is_published for p in Power.objects.all())
    actions = list(AuditEvent.objects.order_by("pk")[events:].values_list("action", "reason"))
    assert actions.count(("power_create", "")) == 5
    assert actions.count(("power_version_publish", "导入")) == 5
    assert ("power_set_status", "导入") in actions
    permit = Power.objects.get(implementation_code=CODES["permit"]).current
    assert permit.lead_department.name == "多伦县住房和城乡建设局"
    assert list(permit.stages.filter(parallel_group=1).values_list("code", flat=True)) == [
        "co_housing",
        "co_land",
        "co_fire",
    ]


def test_a_dry_run_writes_nothing_and_plans_the_import(catalog, root):
    data = export_bytes()
    empty_catalog()
    report = import_catalog(io.BytesIO(data), actor=root, dry_run=True)
    assert report.ok and report.imported == 0 and report.created == 5 and report.rows == 26
    assert not Power.objects.exists()


def three_bad_rows(data: bytes) -> tuple[bytes, dict[str, int]]:
    rows = {
        "department": row_of(data, SHEET_POWERS, implementation_code=CODES["food"]),
        "promised": row_of(data, SHEET_POWERS, implementation_code=CODES["permit"]),
        "after": row_of(data, SHEET_STAGES, implementation_code=CODES["permit"], code="deliver"),
    }
    bad = edit(
        data,
        {
            (SHEET_POWERS, rows["department"], "department"): "多伦县不存在局",
            (SHEET_POWERS, rows["promised"], "promised_limit_days"): 30,
            (SHEET_STAGES, rows["after"], "after"): "archive",
        },
    )
    return bad, rows


@pytest.mark.parametrize("dry_run", [True, False])
def test_three_bad_rows_import_nothing_and_are_all_reported(catalog, root, dry_run):
    bad, rows = three_bad_rows(export_bytes())
    assert rows == {"department": 4, "promised": 5, "after": 13}
    empty_catalog()
    events = AuditEvent.objects.count()

    with override("en"):
        report = import_catalog(io.BytesIO(bad), actor=root, dry_run=dry_run)
        assert problems_of(report) == [
            (SHEET_POWERS, 4, "department", "Unknown department “多伦县不存在局”."),
            (
                SHEET_POWERS,
                5,
                "promised_limit_days",
                "The promised time limit (30 days) is longer than the legal one (15 days).",
            ),
            (SHEET_STAGES, 13, "after", "Follows an unknown stage archive."),
        ]
        assert str(report.problems[0]) == (
            "row 4 · 事项 · 实施主体: Unknown department “多伦县不存在局”."
        )
    assert [p.column for p in report.problems] == ["实施主体", "承诺时限（天）", "前置环节"]
    assert report.imported == 0 and report.created == 0
    assert not Power.objects.exists() and not PowerVersion.objects.exists()
    assert AuditEvent.objects.count() == events


def test_bad_rows_leave_an_existing_catalog_untouched(catalog, root):
    bad, _rows = three_bad_rows(edit(export_bytes(), {(SHEET_POWERS, 3, "name"): "新名称"}))
    versions = PowerVersion.objects.count()
    report = import_catalog(io.BytesIO(bad), actor=root, dry_run=False)
    assert len(report.problems) == 3 and report.imported == 0
    assert PowerVersion.objects.count() == versions


def replace_rows(data: bytes, sheet: str, rows: list[dict]) -> bytes:
    """The workbook with the data rows of ``sheet`` replaced by ``rows`` (field key → value)."""
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    ws = workbook[sheet]
    keys = [cell.value for cell in ws[2]]
    ws.delete_rows(3, ws.max_row)
    for record in rows:
        ws.append([record.get(key) for key in keys])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def records(data: bytes, sheet: str) -> list[dict]:
    rows = cells(data)[sheet]
    return [dict(zip(rows[1], row, strict=False)) for row in rows[2:]]


def test_every_kind_of_bad_cell_is_reported(catalog, root):
    data = export_bytes()
    powers = records(data, SHEET_POWERS)
    food = next(r for r in powers if r["implementation_code"] == CODES["food"])
    powers += [
        {**food},  # row 8: duplicate
        {**food, "implementation_code": "X1", "kind": "permit", "legal_limit_days": "二十"},
        {**food, "implementation_code": "X2", "standing": "entrusted", "day_kind": "monthly"},
        {**food, "implementation_code": "X3", "in_service_centre": "也许", "online_depth": 7},
        {**food, "implementation_code": "X4", "status": "draft", "level": "nation"},
    ]
    data = replace_rows(data, SHEET_POWERS, powers)
    fees = [
        *records(data, SHEET_FEES),
        {"implementation_code": "NOPE", "item": "工本费", "amount": 5},
        {"implementation_code": CODES["food"], "item": "工本费"},
        {"implementation_code": CODES["food"], "item": "工本费", "amount": "-1"},
        {"implementation_code": CODES["food"], "item": "工本费", "amount": 1.234},
    ]
    data = replace_rows(data, SHEET_FEES, fees)
    food_code = {"implementation_code": CODES["food"]}
    bases = [
        *records(data, SHEET_LEGAL_BASES),
        {**food_code, "title": "x", "in_force_from": "2020-13-01"},
        {**food_code, "in_force_from": "2020-02-01", "in_force_to": "2020-01-01"},
    ]
    data = replace_rows(data, SHEET_LEGAL_BASES, bases)
    stage = {"implementation_code": CODES["penalty"], "kind": "review", "role": "reviewer"}
    stages = [
        *records(data, SHEET_STAGES),
        {**stage, "code": "a", "name": "甲", "after": "b"},
        {**stage, "code": "b", "name": "乙", "after": "a"},
        {**stage, "code": "b", "name": "乙"},
        {**stage, "implementation_code": CODES["food"], "code": "x", "name": "x", "role": None},
        {**stage, "implementation_code": CODES["food"], "code": "y", "name": "y", "limit_days": 21},
    ]
    data = replace_rows(data, SHEET_STAGES, stages)
    with override("en"):
        report = import_catalog(io.BytesIO(data), actor=root, dry_run=True)
        got = problems_of(report)
    kinds = "licensing, other_approval, penalty, compulsion, levy, confirmation, ruling, "
    kinds += "benefit, reward, inspection, public_service, fee, other"
    expected = [
        (SHEET_POWERS, 8, "implementation_code", "Duplicate implementation code (also on row 4)."),
        (SHEET_POWERS, 9, "kind", f"Unknown value “permit”; expected one of: {kinds}."),
        (SHEET_POWERS, 9, "legal_limit_days", "Not a whole number: “二十”."),
        (
            SHEET_POWERS,
            10,
            "day_kind",
            "Unknown value “monthly”; expected one of: working, calendar.",
        ),
        (
            SHEET_POWERS,
            10,
            "entrusting_body",
            "An entrusted organisation must name the entrusting body.",
        ),
        (SHEET_POWERS, 11, "online_depth", "Must be between 1 and 4."),
        (SHEET_POWERS, 11, "in_service_centre", "Not yes or no (是/否): “也许”."),
        (
            SHEET_POWERS,
            12,
            "status",
            "Unknown value “draft”; expected one of: in_force, suspended, repealed.",
        ),
        (
            SHEET_POWERS,
            12,
            "level",
            "Unknown value “nation”; expected one of: league, county, township.",
        ),
        (SHEET_LEGAL_BASES, 7, "in_force_from", "Not a date (YYYY-MM-DD): “2020-13-01”."),
        (SHEET_LEGAL_BASES, 8, "title", "This value is required."),
        (SHEET_LEGAL_BASES, 8, "in_force_to", "The end of validity is before the start."),
        (SHEET_FEES, 5, "implementation_code", "No row of the powers sheet has this code."),
        (SHEET_FEES, 6, "amount", "Give an amount or a formula."),
        (SHEET_FEES, 7, "amount", "An amount cannot be negative."),
        (SHEET_FEES, 8, "amount", "An amount has at most two decimal places."),
        (SHEET_STAGES, 16, "code", "Two stages of this power have the code b (also on row 15)."),
        (SHEET_STAGES, 17, "department", "The stage has no responsible department or role."),
        (
            SHEET_STAGES,
            18,
            "limit_days",
            "The stage limit (21 days) is longer than the whole time limit (20 days).",
        ),
    ]
    assert got == expected
    assert report.imported == 0


def test_a_cycle_of_stages_is_reported_on_its_first_row(catalog, root):
    data = export_bytes()
    stage = {"implementation_code": CODES["penalty"], "kind": "review", "role": "reviewer"}
    data = replace_rows(
        data,
        SHEET_STAGES,
        [
            *records(data, SHEET_STAGES),
            {**stage, "code": "a", "name": "甲", "after": "c"},
            {**stage, "code": "b", "name": "乙", "after": "a"},
            {**stage, "code": "c", "name": "丙", "after": "b"},
        ],
    )
    with override("en"):
        report = import_catalog(io.BytesIO(data), actor=root, dry_run=False)
        assert problems_of(report) == [
            (SHEET_STAGES, 14, "after", "The stages a、b、c depend on each other in a cycle.")
        ]


def test_sheets_columns_and_files_that_cannot_be_read(catalog, root, tmp_path):
    data = export_bytes()
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    del workbook[SHEET_FEES]
    workbook[SHEET_MATERIALS].cell(row=2, column=3, value="forma")
    stream = io.BytesIO()
    workbook.save(stream)
    with override("en"):
        report = import_catalog(io.BytesIO(stream.getvalue()), actor=root, dry_run=True)
        assert problems_of(report) == [
            (SHEET_MATERIALS, 2, "", "Unknown column “forma”."),
            (
                SHEET_MATERIALS,
                2,
                "form",
                "The column is missing (row 2 holds the field keys, e.g. form).",
            ),
            (SHEET_FEES, 0, "", "The sheet is missing."),
        ]
        assert str(report.problems[-1]) == "收费: The sheet is missing."
        text = tmp_path / "catalog.xlsx"
        text.write_text("not a workbook", encoding="utf-8")
        report = import_catalog(text, actor=root, dry_run=False)
        assert len(report.problems) == 1 and report.problems[0].row == 0
        assert report.problems[0].reason.startswith("The file is not an .xlsx workbook")


def test_importing_an_existing_code_creates_a_new_version(catalog, root):
    food = catalog["food"]
    v1 = food.current
    Material.objects.filter(version=v1, name="营业执照").update(
        blank_form="catalog/forms/营业执照说明.pdf"
    )
    v1_published = v1.published_at
    v1_materials = list(v1.materials.values_list("name", "copies", "blank_form"))
    data = export_bytes()
    row = row_of(data, SHEET_POWERS, implementation_code=CODES["food"])
    material = row_of(data, SHEET_MATERIALS, name="营业执照")
    data = edit(
        data,
        {
            (SHEET_POWERS, row, "promised_limit_days"): 5,
            (SHEET_POWERS, row, "name"): "食品经营许可（含仅销售预包装食品备案）",
            (SHEET_MATERIALS, material, "copies"): 2,
        },
    )

    report = import_catalog(io.BytesIO(data), actor=root, dry_run=False)

    assert report.ok
    assert (report.created, report.updated, report.unchanged) == (0, 1, 4)
    food.refresh_from_db()
    v2 = food.current
    assert v2.number == 2 and v2.is_published and v2.change_note == "导入"
    assert v2.promised_limit_days == 5 and v2.name.startswith("食品经营许可（含")
    licence = v2.materials.get(name="营业执照")
    assert licence.copies == 2
    assert licence.blank_form.name == "catalog/forms/营业执照说明.pdf"  # kept from version 1
    assert v2.stages.count() == 4 and v2.legal_bases.count() == 2
    # Version 1 is unchanged and still readable.
    v1 = PowerVersion.objects.get(pk=v1.pk)
    assert v1.number == 1 and v1.name == "食品经营许可" and v1.promised_limit_days == 10
    assert v1.published_at == v1_published and v1.superseded_at is not None
    assert list(v1.materials.values_list("name", "copies", "blank_form")) == v1_materials
    assert [s.code for s in v1.stages.all()] == ["accept", "review", "decide", "deliver"]
    assert food.versions.count() == 2
    assert PowerVersion.objects.filter(power=catalog["permit"]).count() == 1


def test_reimporting_the_same_catalog_changes_nothing(catalog, root):
    data = export_bytes()
    versions, events = PowerVersion.objects.count(), AuditEvent.objects.count()
    report = import_catalog(io.BytesIO(data), actor=root, dry_run=False)
    assert report.ok and report.unchanged == 5 and report.imported == 0
    assert (PowerVersion.objects.count(), AuditEvent.objects.count()) == (versions, events)


def test_a_status_change_alone_creates_no_version(catalog, root):
    data = export_bytes()
    row = row_of(data, SHEET_POWERS, implementation_code=CODES["entrusted"])
    report = import_catalog(
        io.BytesIO(edit(data, {(SHEET_POWERS, row, "status"): "in_force"})),
        actor=root,
        dry_run=False,
    )
    assert report.ok and report.status_changed == 1 and report.imported == 1
    power = Power.objects.get(implementation_code=CODES["entrusted"])
    assert power.status == "in_force" and power.versions.count() == 1
    event = AuditEvent.objects.filter(action="power_set_status").latest("pk")
    assert (event.from_state, event.to_state, event.reason) == ("suspended", "in_force", "导入")


def test_a_repealed_power_cannot_come_back_and_codes_must_agree(catalog, root):
    data = export_bytes()
    repealed = row_of(data, SHEET_POWERS, implementation_code=CODES["repealed"])
    food = row_of(data, SHEET_POWERS, implementation_code=CODES["food"])
    data = edit(
        data,
        {
            (SHEET_POWERS, repealed, "status"): "in_force",
            (SHEET_POWERS, food, "basic_code"): "999999999999",
        },
    )
    with override("en"):
        report = import_catalog(io.BytesIO(data), actor=root, dry_run=False)
        assert problems_of(report) == [
            (
                SHEET_POWERS,
                food,
                "basic_code",
                "This implementation code is recorded with the basic code 000116003000.",
            ),
            (SHEET_POWERS, repealed, "status", "A power that is repealed cannot become in force."),
        ]


def test_yes_and_no_are_read_in_several_spellings(catalog, root):
    data = export_bytes()
    rows = {
        key: row_of(data, SHEET_POWERS, implementation_code=code) for key, code in CODES.items()
    }
    data = edit(
        data,
        {
            (SHEET_POWERS, rows["food"], "in_service_centre"): "FALSE",
            (SHEET_POWERS, rows["penalty"], "in_service_centre"): True,
            (SHEET_POWERS, rows["permit"], "in_service_centre"): "TRUE",
        },
    )
    report = import_catalog(io.BytesIO(data), actor=root, dry_run=False)
    assert report.ok and report.updated == 2  # the permit was in the centre already
    centre = dict(
        PowerVersion.objects.filter(pk__in=Power.objects.values("current")).values_list(
            "power__implementation_code", "in_service_centre"
        )
    )
    assert centre[CODES["food"]] is False and centre[CODES["penalty"]] is True
    assert centre[CODES["permit"]] is True


def test_progress_is_reported_up_to_the_total(catalog, root):
    calls: list[tuple[int, int]] = []
    export_catalog(io.BytesIO(), progress=lambda done, total: calls.append((done, total)))
    assert calls[-1] == (5, 5)
    data = export_bytes()
    empty_catalog()
    calls.clear()
    import_catalog(io.BytesIO(data), actor=root, dry_run=False, progress=lambda *a: calls.append(a))
    assert calls[0] == (0, 31) and calls[-1] == (31, 31)  # 26 rows checked, 5 powers written
    assert [done for done, _total in calls] == sorted(done for done, _total in calls)


@pytest.mark.slow
def test_the_demo_catalog_round_trips():
    """The acceptance test: export the demo catalog, import it into an empty catalog, export."""
    from zhengwu.demo.registry import DemoContext, demo_load

    demo_load(DemoContext(report=lambda _message: None), only=["org", "catalog"])
    first = export_bytes()
    powers = Power.objects.filter(current__isnull=False).count()
    empty_catalog()
    report = import_catalog(io.BytesIO(first), actor=None, dry_run=False)
    assert report.problems == [] and report.created == powers
    assert cells(export_bytes()) == cells(first)


def test_text_that_looks_like_a_formula_stays_text(catalog, root):
    department = catalog["food"].current.department
    _power, version = services.power_create(
        actor=root,
        basic_code="=1+1",
        implementation_code='=HYPERLINK("http://example.invalid")',
        name="=SUM(A1:A9)",
        kind="other",
        department=department,
        content="第一行\n第二行",
    )
    services.power_version_publish(actor=root, version=version)
    data = export_bytes()
    assert any(row[3] == "=SUM(A1:A9)" for row in cells(data)[SHEET_POWERS])
    empty_catalog()
    report = import_catalog(io.BytesIO(data), actor=root, dry_run=False)
    assert report.ok
    imported = Power.objects.get(implementation_code='=HYPERLINK("http://example.invalid")')
    assert imported.basic_code == "=1+1" and imported.current.name == "=SUM(A1:A9)"
    assert imported.current.content == "第一行\n第二行"


def test_department_names_are_resolved_in_the_home_county_first(catalog, root):
    county = Division.objects.get(code="152531000000")
    towns = [
        Division.objects.create(
            code=f"1525311{n}0000", level="township", parent=county, name=f"第{n}镇"
        )
        for n in (1, 2)
    ]
    for town in towns:
        Department.objects.create(division=town, code="zx", name="综合保障中心", kind="office")
        Department.objects.create(
            division=town, code="sj", name="多伦县市场监督管理局", kind="office"
        )
    data = export_bytes()
    row = row_of(data, SHEET_POWERS, implementation_code=CODES["penalty"])
    with override("en"):
        report = import_catalog(
            io.BytesIO(edit(data, {(SHEET_POWERS, row, "department"): "综合保障中心"})),
            actor=root,
            dry_run=True,
        )
        assert problems_of(report) == [
            (
                SHEET_POWERS,
                row,
                "department",
                "The department name “综合保障中心” is ambiguous: it exists in 第1镇、第2镇.",
            )
        ]
    # The county's own department wins over the townships' namesakes.
    assert import_catalog(io.BytesIO(data), actor=root, dry_run=True).ok
