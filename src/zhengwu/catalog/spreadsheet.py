"""The catalog as an .xlsx workbook: how it travels between governments.

The workbook has one sheet per table:

=========  ==================================================================
事项        one row per power: its codes, status and current version's fields
设定依据    legal bases, by implementation code
申请材料    required materials (their blank form and sample files stay behind)
收费        fees
流程环节    the stages of the process definition
=========  ==================================================================

Row 1 holds the Chinese column names, row 2 the field keys; data starts on row 3. The import
finds columns by the keys of row 2, so columns may be reordered; row 1 is only read by people.
Codes are written as their values (``licensing``, ``statutory``, ``working``…), yes/no as 是/否
(TRUE/FALSE, 1/0 and yes/no are read too), dates as ``YYYY-MM-DD`` (real date cells are read too),
departments by their name (resolved among the home county, its townships and its league), the
stages a stage follows as codes joined by ``,``. Rows are ordered by implementation code, then
position, so exporting the same catalog twice gives the same cells.

The import checks every row of every sheet before it writes anything; when any row is bad it writes
nothing and returns the problems (sheet, row number as Excel shows it, column, reason).
"""

from __future__ import annotations

import datetime
import zipfile
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

import openpyxl
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, Q, QuerySet
from django.utils.translation import gettext as _
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from zhengwu.catalog import services
from zhengwu.catalog.models import (
    BodyStanding,
    Fee,
    LegalBasis,
    Material,
    Power,
    PowerKind,
    PowerVersion,
    Stage,
)
from zhengwu.catalog.process import build_graph, validate_process
from zhengwu.common.errors import DomainError
from zhengwu.org.models import Department
from zhengwu.org.selectors import divisions_under, home_county

Progress = Callable[[int, int], None]

SHEET_POWERS = "事项"
SHEET_LEGAL_BASES = "设定依据"
SHEET_MATERIALS = "申请材料"
SHEET_FEES = "收费"
SHEET_STAGES = "流程环节"

YES, NO = "是", "否"
TRUE_WORDS = {"是", "true", "yes", "y", "1", "√"}
FALSE_WORDS = {"否", "false", "no", "n", "0", "×"}

# What the import writes into the change note of a version and the reason of a status change.
IMPORT_NOTE = "导入"

HEADER_ROWS = 2
IMPORTED_STATUSES = (Power.Status.IN_FORCE, Power.Status.SUSPENDED, Power.Status.REPEALED)

TEXT, CHOICE, INT, BOOL, DEPARTMENT, DATE, DECIMAL, CODES = (
    "text",
    "choice",
    "int",
    "bool",
    "department",
    "date",
    "decimal",
    "codes",
)


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    type: str = TEXT
    required: bool = False
    choices: tuple = ()
    default: Any = None
    minimum: int = 0
    maximum: int | None = None
    max_length: int | None = None
    max_digits: int | None = None


@dataclass(frozen=True)
class Sheet:
    name: str
    columns: tuple[Column, ...]
    model: type[models.Model]
    related: str = ""  # the version's related name of a part

    @property
    def keys(self) -> list[str]:
        return [column.key for column in self.columns]

    def column(self, key: str) -> Column:
        return next(column for column in self.columns if column.key == key)


def _text(model, key: str, label: str, *, required: bool = False) -> Column:
    return Column(
        key, label, TEXT, required=required, max_length=model._meta.get_field(key).max_length
    )


def _choice(key, label, values, *, default=None, required=False) -> Column:
    return Column(key, label, CHOICE, required=required, choices=tuple(values), default=default)


def _int(key, label, *, default=None, minimum=0, maximum=2147483647) -> Column:
    return Column(key, label, INT, default=default, minimum=minimum, maximum=maximum)


CODE_COLUMN = Column(
    "implementation_code",
    "实施编码",
    TEXT,
    required=True,
    max_length=Power._meta.get_field("implementation_code").max_length,
)
POSITION_COLUMN = _int("position", "序号", maximum=32767)

POWERS = Sheet(
    SHEET_POWERS,
    (
        Column(
            "basic_code",
            "基本编码",
            TEXT,
            required=True,
            max_length=Power._meta.get_field("basic_code").max_length,
        ),
        CODE_COLUMN,
        _choice("status", "状态", IMPORTED_STATUSES, default=Power.Status.IN_FORCE),
        _text(PowerVersion, "name", "事项名称", required=True),
        _choice("kind", "事项类型", PowerKind.values, required=True),
        Column("department", "实施主体", DEPARTMENT, required=True),
        _choice("standing", "主体性质", BodyStanding.values, default=BodyStanding.STATUTORY),
        Column("entrusting_body", "委托机关", DEPARTMENT),
        _choice("level", "行使层级", PowerVersion.Level.values, default=PowerVersion.Level.COUNTY),
        Column("content", "事项内容"),
        Column("conditions", "受理条件"),
        _text(PowerVersion, "quantity_limit", "数量限制"),
        _choice("day_kind", "时限计算", ("working", "calendar"), default="working"),
        _int("legal_limit_days", "法定时限（天）"),
        _int("promised_limit_days", "承诺时限（天）"),
        _int("max_extension_days", "可延长（天）", default=0),
        _choice(
            "matter_type",
            "办件类型",
            PowerVersion.MatterType.values,
            default=PowerVersion.MatterType.PROMISED,
        ),
        _text(PowerVersion, "place", "办理地点"),
        _text(PowerVersion, "hours", "办理时间"),
        _text(PowerVersion, "consultation_channel", "咨询方式"),
        _text(PowerVersion, "supervision_channel", "监督投诉方式"),
        _text(PowerVersion, "result_name", "办理结果名称"),
        _int(
            "online_depth",
            "网办深度",
            default=PowerVersion.OnlineDepth.APPLY.value,
            minimum=min(PowerVersion.OnlineDepth.values),
            maximum=max(PowerVersion.OnlineDepth.values),
        ),
        _int("visits_required", "到现场次数", default=1, maximum=32767),
        Column("in_service_centre", "进驻政务服务中心", BOOL, default=False),
        _text(PowerVersion, "life_events", "主题（人生事件）"),
        Column("lead_department", "牵头部门", DEPARTMENT),
    ),
    PowerVersion,
)
# Columns of the powers sheet that belong to the power rather than to its version.
POWER_KEYS = ("basic_code", "implementation_code", "status")
VERSION_KEYS = tuple(key for key in POWERS.keys if key not in POWER_KEYS)

LEGAL_BASES = Sheet(
    SHEET_LEGAL_BASES,
    (
        CODE_COLUMN,
        _text(LegalBasis, "title", "法律法规名称", required=True),
        _text(LegalBasis, "issuer", "制定机关"),
        _text(LegalBasis, "article", "条款"),
        Column("excerpt", "条文内容"),
        Column("in_force_from", "施行日期", DATE),
        Column("in_force_to", "失效日期", DATE),
        POSITION_COLUMN,
    ),
    LegalBasis,
    "legal_bases",
)
MATERIALS = Sheet(
    SHEET_MATERIALS,
    (
        CODE_COLUMN,
        _text(Material, "name", "材料名称", required=True),
        _choice("form", "材料形式", Material.Form.values, default=Material.Form.ORIGINAL),
        _int("copies", "份数", default=1, maximum=32767),
        Column("required", "是否必需", BOOL, default=True),
        _text(Material, "condition", "需要条件"),
        POSITION_COLUMN,
    ),
    Material,
    "materials",
)
FEES = Sheet(
    SHEET_FEES,
    (
        CODE_COLUMN,
        _text(Fee, "item", "收费项目", required=True),
        Column(
            "amount", "金额（元）", DECIMAL, max_digits=Fee._meta.get_field("amount").max_digits
        ),
        _text(Fee, "formula", "收费标准或计算方式"),
        _text(Fee, "basis", "收费依据"),
        POSITION_COLUMN,
    ),
    Fee,
    "fees",
)
STAGES = Sheet(
    SHEET_STAGES,
    (
        CODE_COLUMN,
        _text(Stage, "code", "环节编码", required=True),
        _text(Stage, "name", "环节名称", required=True),
        _choice("kind", "环节类型", Stage.Kind.values, required=True),
        Column("department", "责任部门", DEPARTMENT),
        _text(Stage, "role", "责任岗位"),
        _int("limit_days", "环节时限（天）"),
        Column("clock_excluded", "不计入时限", BOOL),
        _int("parallel_group", "并联组", maximum=32767),
        Column("after", "前置环节", CODES),
        POSITION_COLUMN,
    ),
    Stage,
    "stages",
)
PART_SHEETS = (LEGAL_BASES, MATERIALS, FEES, STAGES)
SHEETS = (POWERS, *PART_SHEETS)


# --- export ---------------------------------------------------------------------------------


def current_versions() -> QuerySet[PowerVersion]:
    """The current (published) version of every power, whatever its status."""
    return PowerVersion.objects.filter(pk=F("power__current_id"))


def _cell(value, column: Column):
    """The cell the export writes for a model value."""
    if column.type == DEPARTMENT:
        return value.name if value is not None else None
    if column.type == BOOL:
        return YES if value else NO
    if column.type == DATE:
        return value.isoformat() if value else None
    if column.type == CODES:
        return ",".join(value) if value else None
    if value == "":
        return None
    return value


def _row(ws, values: list) -> list:
    """Cells for ``ws.append``: text is always text (never a formula), without XML-illegal chars."""
    out = []
    for value in values:
        if isinstance(value, str):
            value = ILLEGAL_CHARACTERS_RE.sub("", value)
            if value.startswith("="):
                cell = WriteOnlyCell(ws, value=value)
                cell.data_type = "s"
                value = cell
        out.append(value)
    return out


def _header(ws, sheet: Sheet) -> None:
    bold = Font(bold=True)
    for number, width in enumerate(_widths(sheet), start=1):
        ws.column_dimensions[get_column_letter(number)].width = width
    ws.freeze_panes = f"A{HEADER_ROWS + 1}"
    for values in ([c.label for c in sheet.columns], sheet.keys):
        row = []
        for value in values:
            cell = WriteOnlyCell(ws, value=value)
            cell.font = bold
            row.append(cell)
        ws.append(row)


def _widths(sheet: Sheet) -> list[int]:
    wide = {"name", "title", "content", "conditions", "excerpt", "item", "formula", "basis"}
    return [40 if c.key in wide else 16 for c in sheet.columns]


def export_catalog(
    path_or_stream, versions: QuerySet[PowerVersion] | None = None, progress: Progress | None = None
) -> dict[str, int]:
    """Write the catalog to an .xlsx workbook; return the number of rows of each sheet.

    ``versions`` defaults to the current version of every power (in force, suspended or
    repealed); pass e.g. ``selectors.published_versions()`` to export only what the public sees.
    ``progress(done, total)`` is called as the power rows are written.
    """
    versions = current_versions() if versions is None else versions
    versions = versions.select_related(
        "power", "department", "entrusting_body", "lead_department"
    ).order_by("power__implementation_code", "number")
    workbook = openpyxl.Workbook(write_only=True)
    counts: dict[str, int] = {}

    ws = workbook.create_sheet(POWERS.name)
    _header(ws, POWERS)
    rows = list(versions)
    total = len(rows)
    for done, version in enumerate(rows, start=1):
        power = version.power
        values = {key: getattr(power, key) for key in POWER_KEYS}
        values.update({key: getattr(version, key) for key in VERSION_KEYS})
        ws.append(_row(ws, [_cell(values[c.key], c) for c in POWERS.columns]))
        if progress is not None:
            progress(done, total)
    counts[POWERS.name] = total

    for sheet in PART_SHEETS:
        ws = workbook.create_sheet(sheet.name)
        _header(ws, sheet)
        parts = sheet.model.objects.filter(version__in=versions.values("pk")).select_related(
            "version__power"
        )
        if sheet is STAGES:
            parts = parts.select_related("department")
        parts = parts.order_by("version__power__implementation_code", "position", "id")
        n = 0
        for part in parts.iterator(chunk_size=2000) if rows else []:
            values = {key: getattr(part, key) for key in sheet.keys if key != CODE_COLUMN.key}
            values[CODE_COLUMN.key] = part.version.power.implementation_code
            ws.append(_row(ws, [_cell(values[c.key], c) for c in sheet.columns]))
            n += 1
        counts[sheet.name] = n
    workbook.save(path_or_stream)
    return counts


# --- import: the report ---------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """One bad cell (or row, or sheet): where it is, as Excel shows it, and what is wrong."""

    sheet: str
    row: int  # 0 when the problem is the file or a whole sheet
    column: str  # the column's Chinese name as in row 1 ("" for a whole row or sheet)
    reason: str
    key: str = ""  # the column's field key

    def __str__(self) -> str:
        """``row 12 · 事项 · 实施编码: reason`` (the parts that apply)."""
        where = [_("row %(row)s") % {"row": self.row}] if self.row else []
        where += [part for part in (self.sheet, self.column) if part]
        return f"{' · '.join(where)}: {self.reason}" if where else self.reason


@dataclass
class ImportReport:
    dry_run: bool
    problems: list[Problem] = field(default_factory=list)
    rows: int = 0  # data rows read, all sheets
    powers: int = 0  # power rows in the file
    created: int = 0  # new powers (in a dry run: that would be created)
    updated: int = 0  # existing powers given a new version
    status_changed: int = 0  # existing powers whose only change is their status
    unchanged: int = 0  # existing powers identical to the file, left alone
    parts: dict[str, int] = field(default_factory=dict)  # rows of each part sheet

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def imported(self) -> int:
        """Powers written: 0 in a dry run and whenever there is a problem."""
        if self.dry_run or self.problems:
            return 0
        return self.created + self.updated + self.status_changed

    def add(self, sheet: Sheet | str, row: int, column: Column | str | None, reason) -> None:
        name = sheet.name if isinstance(sheet, Sheet) else sheet
        if isinstance(column, Column):
            label, key = column.label, column.key
        else:
            label, key = column or "", ""
        self.problems.append(Problem(name, row, label, str(reason), key))

    def _clear_counts(self) -> None:
        self.created = self.updated = self.status_changed = self.unchanged = 0
        self.parts = {}


# --- import: reading and cleaning cells -----------------------------------------------------


class _Bad(Exception):
    """A cell that cannot be used; the message is the reason."""


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _as_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value).strip()


class _Departments:
    """Department names in the file, resolved among the home county, its townships and league."""

    def __init__(self) -> None:
        county = home_county()
        departments = Department.objects.select_related("division")
        if county is not None:
            departments = departments.filter(
                Q(division__in=divisions_under(county)) | Q(division_id=county.parent_id)
            )
        self.home_id = county.pk if county else None
        self.by_name: dict[str, list[Department]] = defaultdict(list)
        for department in departments:
            self.by_name[department.name].append(department)

    def resolve(self, name: str) -> Department:
        found = self.by_name.get(name, [])
        if len(found) > 1:
            found = [d for d in found if d.division_id == self.home_id] or found
        if not found:
            raise _Bad(_("Unknown department “%(name)s”.") % {"name": name})
        if len(found) > 1:
            raise _Bad(
                _("The department name “%(name)s” is ambiguous: it exists in %(divisions)s.")
                % {"name": name, "divisions": "、".join(sorted(d.division.name for d in found))}
            )
        return found[0]


def _clean(value, column: Column, departments: _Departments):
    """The Python value of a cell, or _Bad."""
    if _blank(value):
        if column.required:
            raise _Bad(_("This value is required."))
        if column.type in (TEXT,):
            return ""
        if column.type == CHOICE:
            return column.default if column.default is not None else ""
        if column.type == CODES:
            return []
        return column.default
    kind = column.type
    if kind == TEXT:
        text = _as_text(value)
        if column.max_length and len(text) > column.max_length:
            raise _Bad(
                _("Longer than %(max)d characters (%(length)d).")
                % {"max": column.max_length, "length": len(text)}
            )
        return text
    if kind == CHOICE:
        text = _as_text(value)
        if text not in column.choices:
            raise _Bad(
                _("Unknown value “%(value)s”; expected one of: %(choices)s.")
                % {"value": text, "choices": ", ".join(str(c) for c in column.choices)}
            )
        return text
    if kind == INT:
        number = None
        if isinstance(value, int) and not isinstance(value, bool):
            number = value
        elif isinstance(value, float) and value.is_integer():
            number = int(value)
        elif isinstance(value, str) and value.strip().lstrip("+-").isdigit():
            number = int(value.strip())
        if number is None:
            raise _Bad(_("Not a whole number: “%(value)s”.") % {"value": _as_text(value)})
        if number < column.minimum or (column.maximum is not None and number > column.maximum):
            raise _Bad(
                _("Must be between %(min)d and %(max)d.")
                % {"min": column.minimum, "max": column.maximum}
            )
        return number
    if kind == BOOL:
        if isinstance(value, bool):
            return value
        text = _as_text(value).lower()
        if text in TRUE_WORDS:
            return True
        if text in FALSE_WORDS:
            return False
        raise _Bad(_("Not yes or no (是/否): “%(value)s”.") % {"value": _as_text(value)})
    if kind == DEPARTMENT:
        return departments.resolve(_as_text(value))
    if kind == DATE:
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        try:
            text = _as_text(value)
            if len(text) != 10:
                raise ValueError(text)
            return datetime.date.fromisoformat(text)
        except ValueError:
            raise _Bad(
                _("Not a date (YYYY-MM-DD): “%(value)s”.") % {"value": _as_text(value)}
            ) from None
    if kind == DECIMAL:
        try:
            if isinstance(value, bool):
                raise InvalidOperation
            amount = Decimal(str(value).strip())
            if not amount.is_finite():
                raise InvalidOperation
        except InvalidOperation:
            raise _Bad(_("Not an amount: “%(value)s”.") % {"value": _as_text(value)}) from None
        if amount < 0:
            raise _Bad(_("An amount cannot be negative."))
        if amount != amount.quantize(Decimal("0.01")):
            raise _Bad(_("An amount has at most two decimal places."))
        amount = amount.quantize(Decimal("0.01"))
        if column.max_digits and len(amount.as_tuple().digits) > column.max_digits:
            raise _Bad(_("The amount is too large."))
        return amount
    if kind == CODES:
        text = _as_text(value).replace("，", ",").replace("、", ",")
        return [code.strip() for code in text.split(",") if code.strip()]
    raise AssertionError(kind)  # pragma: no cover


def _comparable(value):
    return value.pk if isinstance(value, Department) else value


# --- import: the plan -----------------------------------------------------------------------


@dataclass
class _Part:
    row: int
    position: int
    values: dict


@dataclass
class _StageRow:
    """What validate_process and build_graph read of a stage."""

    row: int
    code: str
    name: str
    kind: str
    department_id: int | None
    role: str
    limit_days: int | None
    clock_excluded: bool
    parallel_group: int | None
    after: list


@dataclass
class _PowerPlan:
    row: int
    code: str
    basic_code: str = ""
    status: str = Power.Status.IN_FORCE
    fields: dict = field(default_factory=dict)
    parts: dict[str, list[_Part]] = field(default_factory=lambda: defaultdict(list))
    bad: bool = False
    stages_bad: bool = False  # a stage row has a problem: the graph is not checked
    existing: Power | None = None
    action: str = "create"  # create, update, status, unchanged
    # Filled in while writing:
    power: Power | None = None
    version: PowerVersion | None = None

    def sorted_parts(self, sheet: Sheet) -> list[_Part]:
        return sorted(self.parts[sheet.related], key=lambda part: (part.position, part.row))


def _read_workbook(path_or_stream, report: ImportReport) -> dict[str, list[tuple[int, dict]]]:
    """The data rows of each sheet as (row number, {key: raw value}); header problems reported.

    A sheet that is missing or whose header is bad is left out.
    """
    workbook = openpyxl.load_workbook(path_or_stream, read_only=True, data_only=True)
    try:
        out: dict[str, list[tuple[int, dict]]] = {}
        for sheet in SHEETS:
            if sheet.name not in workbook.sheetnames:
                report.add(sheet, 0, None, _("The sheet is missing."))
                continue
            rows = workbook[sheet.name].iter_rows(values_only=True)
            labels = next(rows, ()) or ()
            keys_row = next(rows, ()) or ()
            index: dict[str, int] = {}
            header_ok = True
            for i, key in enumerate(keys_row):
                if _blank(key):
                    continue
                key = _as_text(key)
                if key not in sheet.keys:
                    label = _as_text(labels[i]) if i < len(labels) and labels[i] else key
                    report.add(sheet, 2, label, _("Unknown column “%(key)s”.") % {"key": key})
                    header_ok = False
                elif key in index:
                    report.add(sheet, 2, sheet.column(key), _("The column appears twice."))
                    header_ok = False
                else:
                    index[key] = i
            for column in sheet.columns:
                if column.key not in index:
                    report.add(
                        sheet,
                        2,
                        column,
                        _("The column is missing (row 2 holds the field keys, e.g. %(key)s).")
                        % {"key": column.key},
                    )
                    header_ok = False
            data = []
            for number, values in enumerate(rows, start=HEADER_ROWS + 1):
                if all(_blank(v) for v in values):
                    continue
                data.append(
                    (number, {k: values[i] if i < len(values) else None for k, i in index.items()})
                )
            if header_ok:
                out[sheet.name] = data
            report.rows += len(data)
        return out
    finally:
        workbook.close()


class _Validator:
    def __init__(self, sheets, report: ImportReport, progress: Progress | None, total: int):
        self.sheets = sheets
        self.report = report
        self.progress = progress
        self.total = total
        self.done = 0
        self.departments = _Departments()
        self.plans: dict[str, _PowerPlan] = {}
        self.unreadable_codes: set[str] = set()

    def tick(self) -> None:
        self.done += 1
        if self.progress is not None:
            self.progress(self.done, self.total)

    def clean_row(self, sheet: Sheet, number: int, raw: dict) -> tuple[dict, bool]:
        cleaned, ok = {}, True
        for column in sheet.columns:
            try:
                cleaned[column.key] = _clean(raw.get(column.key), column, self.departments)
            except _Bad as bad:
                self.report.add(sheet, number, column, bad)
                ok = False
        return cleaned, ok

    def run(self) -> list[_PowerPlan]:
        self.powers()
        for sheet in PART_SHEETS:
            self.parts(sheet)
        for plan in self.plans.values():
            if plan.parts[STAGES.related]:
                self.process(plan)
        self.compare_with_existing()
        self.report.problems.sort(key=lambda p: (SHEET_ORDER.get(p.sheet, -1), p.row))
        return sorted(self.plans.values(), key=lambda plan: plan.code)

    # The powers sheet.

    def powers(self) -> None:
        first_row: dict[str, int] = {}
        for number, raw in self.sheets.get(POWERS.name, []):
            self.tick()
            cleaned, ok = self.clean_row(POWERS, number, raw)
            code = cleaned.get("implementation_code")
            if not code:
                self.unreadable_codes.add(_as_text(raw.get("implementation_code")))
            if code and code in first_row:
                self.report.add(
                    POWERS,
                    number,
                    CODE_COLUMN,
                    _("Duplicate implementation code (also on row %(row)d).")
                    % {"row": first_row[code]},
                )
                continue
            promised, legal = cleaned.get("promised_limit_days"), cleaned.get("legal_limit_days")
            if promised is not None and legal is not None and promised > legal:
                self.report.add(
                    POWERS,
                    number,
                    POWERS.column("promised_limit_days"),
                    _(
                        "The promised time limit (%(promised)d days) is longer than the legal "
                        "one (%(legal)d days)."
                    )
                    % {"promised": promised, "legal": legal},
                )
                ok = False
            if (
                cleaned.get("standing") == BodyStanding.ENTRUSTED
                and "entrusting_body" in cleaned
                and cleaned["entrusting_body"] is None
            ):
                self.report.add(
                    POWERS,
                    number,
                    POWERS.column("entrusting_body"),
                    _("An entrusted organisation must name the entrusting body."),
                )
                ok = False
            if not code:
                continue
            first_row[code] = number
            self.plans[code] = _PowerPlan(
                row=number,
                code=code,
                basic_code=cleaned.get("basic_code", ""),
                status=cleaned.get("status", Power.Status.IN_FORCE),
                fields={key: cleaned[key] for key in VERSION_KEYS if key in cleaned},
                bad=not ok,
            )
        self.report.powers = len(self.plans)

    # The part sheets.

    def parts(self, sheet: Sheet) -> None:
        ordinal: dict[str, int] = defaultdict(int)
        stage_rows: dict[str, dict[str, int]] = defaultdict(dict)
        for number, raw in self.sheets.get(sheet.name, []):
            self.tick()
            cleaned, ok = self.clean_row(sheet, number, raw)
            code = cleaned.get(CODE_COLUMN.key)
            plan = self.plans.get(code) if code else None
            powers_read = POWERS.name in self.sheets
            if code and plan is None and code not in self.unreadable_codes and powers_read:
                self.report.add(
                    sheet, number, CODE_COLUMN, _("No row of the powers sheet has this code.")
                )
                ok = False
            no_amount = "amount" in cleaned and cleaned["amount"] is None
            if sheet is FEES and no_amount and cleaned.get("formula") == "":
                self.report.add(
                    sheet, number, sheet.column("amount"), _("Give an amount or a formula.")
                )
                ok = False
            if sheet is LEGAL_BASES:
                start, end = cleaned.get("in_force_from"), cleaned.get("in_force_to")
                if start and end and end < start:
                    self.report.add(
                        sheet,
                        number,
                        sheet.column("in_force_to"),
                        _("The end of validity is before the start."),
                    )
                    ok = False
            if sheet is STAGES and plan is not None and cleaned.get("code"):
                seen = stage_rows[code]
                if cleaned["code"] in seen:
                    self.report.add(
                        sheet,
                        number,
                        sheet.column("code"),
                        _("Two stages of this power have the code %(code)s (also on row %(row)d).")
                        % {"code": cleaned["code"], "row": seen[cleaned["code"]]},
                    )
                    ok = False
                else:
                    seen[cleaned["code"]] = number
            if plan is None:
                continue
            ordinal[code] += 1
            if cleaned.get("position") is None:
                cleaned["position"] = ordinal[code]
            if (
                sheet is STAGES
                and "clock_excluded" in cleaned
                and cleaned["clock_excluded"] is None
            ):
                cleaned["clock_excluded"] = cleaned.get("kind") in Stage.CLOCK_EXCLUDED_KINDS
            plan.parts[sheet.related].append(_Part(number, cleaned["position"], cleaned))
            plan.bad = plan.bad or not ok
            if sheet is STAGES and not ok:
                plan.stages_bad = True

    # The process definition of one power.

    def process(self, plan: _PowerPlan) -> None:
        parts = [
            part for part in plan.sorted_parts(STAGES) if set(STAGES.keys) <= set(part.values)
        ]  # the rows whose every cell could be read
        stages = [
            _StageRow(
                row=part.row,
                code=part.values["code"],
                name=part.values["name"],
                kind=part.values["kind"],
                department_id=_comparable(part.values["department"]),
                role=part.values["role"],
                limit_days=part.values["limit_days"],
                clock_excluded=part.values["clock_excluded"],
                parallel_group=part.values["parallel_group"],
                after=part.values["after"],
            )
            for part in parts
        ]
        codes = {stage.code for stage in stages}
        legal = plan.fields.get("legal_limit_days")
        ok = True
        for stage in stages:
            if not stage.department_id and not stage.role:
                self.report.add(
                    STAGES,
                    stage.row,
                    STAGES.column("department"),
                    _("The stage has no responsible department or role."),
                )
                ok = False
            if legal is not None and stage.limit_days is not None and stage.limit_days > legal:
                self.report.add(
                    STAGES,
                    stage.row,
                    STAGES.column("limit_days"),
                    _(
                        "The stage limit (%(days)d days) is longer than the whole time limit "
                        "(%(total)d days)."
                    )
                    % {"days": stage.limit_days, "total": legal},
                )
                ok = False
            unknown = [code for code in stage.after if code not in codes]
            if unknown:
                self.report.add(
                    STAGES,
                    stage.row,
                    STAGES.column("after"),
                    _("Follows an unknown stage %(code)s.") % {"code": "、".join(unknown)},
                )
                ok = False
            if stage.code in stage.after:
                self.report.add(
                    STAGES, stage.row, STAGES.column("after"), _("A stage cannot follow itself.")
                )
                ok = False
        if ok and not plan.stages_bad:
            stuck = _stages_in_cycle(stages)
            if stuck:
                self.report.add(
                    STAGES,
                    stuck[0].row,
                    STAGES.column("after"),
                    _("The stages %(stages)s depend on each other in a cycle.")
                    % {"stages": "、".join(stage.code for stage in stuck)},
                )
                ok = False
        if ok and not plan.stages_bad and stages:
            # What publishing will check; anything the rows above did not catch goes on the
            # power's first stage row.
            try:
                validate_process(stages, legal_limit_days=legal)
            except ValidationError as exc:
                for message in exc.messages:
                    self.report.add(STAGES, stages[0].row, None, message)
                ok = False
        plan.bad = plan.bad or not ok

    # Powers that exist already.

    def compare_with_existing(self) -> None:
        existing = {
            power.implementation_code: power
            for power in Power.objects.filter(implementation_code__in=list(self.plans))
            .select_related("current")
            .prefetch_related(*(f"current__{sheet.related}" for sheet in PART_SHEETS))
        }
        for code, plan in self.plans.items():
            power = existing.get(code)
            if power is None:
                continue
            plan.existing = power
            if plan.basic_code and plan.basic_code != power.basic_code:
                self.report.add(
                    POWERS,
                    plan.row,
                    POWERS.column("basic_code"),
                    _("This implementation code is recorded with the basic code %(code)s.")
                    % {"code": power.basic_code},
                )
                plan.bad = True
            if plan.bad:
                continue
            same = power.current is not None and _same_content(plan, power.current)
            after_publish = Power.Status.IN_FORCE if power.status == Power.Status.DRAFT else None
            state = power.status if same else (after_publish or power.status)
            if plan.status != state and plan.status not in Power.TRANSITIONS[state]:
                self.report.add(
                    POWERS,
                    plan.row,
                    POWERS.column("status"),
                    _("A power that is %(state)s cannot become %(to)s.")
                    % {
                        "state": Power.Status(state).label,
                        "to": Power.Status(plan.status).label,
                    },
                )
                plan.bad = True
                continue
            if not same:
                plan.action = "update"
            elif plan.status != power.status:
                plan.action = "status"
            else:
                plan.action = "unchanged"


SHEET_ORDER = {sheet.name: i for i, sheet in enumerate(SHEETS)}


def _stages_in_cycle(stages: list[_StageRow]) -> list[_StageRow]:
    """The stages that cannot be ordered (in a cycle or after one), in row order."""
    graph = build_graph(stages)
    try:
        graph.topological_order()
    except ValidationError:
        pass
    else:
        return []
    indegree = {s.code: len(graph.predecessors.get(s.code, [])) for s in stages}
    successors: dict[str, list[str]] = defaultdict(list)
    for before, after in graph.edges():
        successors[before].append(after)
    ready = [code for code, n in indegree.items() if n == 0]
    while ready:
        for nxt in successors[ready.pop()]:
            indegree[nxt] -= 1
            if indegree[nxt] == 0:
                ready.append(nxt)
    return [stage for stage in stages if indegree[stage.code] > 0]


def _same_content(plan: _PowerPlan, version: PowerVersion) -> bool:
    """Whether the file's row and parts say exactly what ``version`` says."""
    for key in VERSION_KEYS:
        column = POWERS.column(key)
        ours = getattr(version, f"{key}_id" if column.type == DEPARTMENT else key)
        if _comparable(plan.fields.get(key)) != ours:
            return False
    for sheet in PART_SHEETS:
        keys = [key for key in sheet.keys if key != CODE_COLUMN.key]
        theirs = [
            tuple(_comparable(part.values[key]) for key in keys)
            for part in plan.sorted_parts(sheet)
        ]
        ours = [
            tuple(
                getattr(row, f"{key}_id" if sheet.column(key).type == DEPARTMENT else key)
                for key in keys
            )
            for row in getattr(version, sheet.related).all()  # ordered by position, id
        ]
        if theirs != ours:
            return False
    return True


# --- import: writing ------------------------------------------------------------------------


class _Rollback(Exception):
    pass


def _part_objects(sheet: Sheet, plan: _PowerPlan, files: dict) -> list[models.Model]:
    rows = []
    for part in plan.sorted_parts(sheet):
        values = {k: v for k, v in part.values.items() if k != CODE_COLUMN.key}
        row = sheet.model(version=plan.version, **values)
        if sheet is MATERIALS and row.name in files:
            row.blank_form, row.sample = files[row.name]
        rows.append(row)
    return rows


def _start_version(plan: _PowerPlan, actor) -> dict:
    """The draft the plan's fields go into; the files of its materials, by material name."""
    if plan.action == "create":
        plan.power, plan.version = services.power_create(
            actor=actor,
            basic_code=plan.basic_code,
            implementation_code=plan.code,
            change_note=IMPORT_NOTE,
            **plan.fields,
        )
        return {}
    plan.power = plan.existing
    plan.version = services.power_version_draft(
        actor=actor, power=plan.existing, change_note=IMPORT_NOTE
    )
    files = {
        m.name: (m.blank_form, m.sample)
        for m in plan.version.materials.all()
        if m.blank_form or m.sample
    }
    for sheet in PART_SHEETS:
        sheet.model.objects.filter(version=plan.version).delete()
    plan.version = services.power_version_update(
        actor=actor, version=plan.version, change_note=IMPORT_NOTE, **plan.fields
    )
    return files


def _write(plans: list[_PowerPlan], actor, report: ImportReport, tick: Callable[[], None]):
    """Create or version every power, add the parts in bulk, publish, set the statuses."""
    new_parts: dict[str, list[models.Model]] = {sheet.related: [] for sheet in PART_SHEETS}
    current: _PowerPlan | None = None
    try:
        for plan in plans:
            if plan.action not in ("create", "update"):
                continue
            current = plan
            files = _start_version(plan, actor)
            for sheet in PART_SHEETS:
                new_parts[sheet.related] += _part_objects(sheet, plan, files)
        current = None
        for sheet in PART_SHEETS:
            sheet.model.objects.bulk_create(new_parts[sheet.related], batch_size=500)
            report.parts[sheet.name] = len(new_parts[sheet.related])
        for plan in plans:
            current = plan
            if plan.action in ("create", "update"):
                services.power_version_publish(actor=actor, version=plan.version)
            if plan.action in ("create", "update", "status"):
                power = Power.objects.get(pk=(plan.power or plan.existing).pk)
                if power.status != plan.status:
                    services.power_set_status(
                        actor=actor, power=power, status=plan.status, reason=IMPORT_NOTE
                    )
            tick()
    except ValidationError as exc:
        _report_write_error(report, current, exc)
        raise _Rollback from exc
    except DomainError as exc:
        _report_write_error(report, current, ValidationError(str(exc.message)))
        raise _Rollback from exc


def _report_write_error(report: ImportReport, plan: _PowerPlan | None, exc: ValidationError):
    """A check the validation did not foresee, refused by the model or a service."""
    row = plan.row if plan else 0
    if hasattr(exc, "error_dict"):
        for key, errors in exc.message_dict.items():
            column = POWERS.column(key) if key in POWERS.keys else None
            for message in errors:
                report.add(POWERS, row, column, message)
    else:
        for message in exc.messages:
            report.add(POWERS, row, None, message)


def import_catalog(
    path_or_stream, *, actor, dry_run: bool, progress: Progress | None = None
) -> ImportReport:
    """Check a catalog workbook and, unless ``dry_run`` or any row is bad, import it.

    Never raises for a bad file or bad rows: the problems are in the returned report and then
    nothing has been written. A new implementation code creates a power; an existing one gets a
    new version (its materials keep the blank forms and samples of same-named materials), unless
    the file says exactly what its current version says (then only its status may change).
    ``progress(done, total)`` counts the rows checked, then the powers written.
    """
    report = ImportReport(dry_run=dry_run)
    try:
        sheets = _read_workbook(path_or_stream, report)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        report.add(
            "", 0, None, _("The file is not an .xlsx workbook (%(error)s).") % {"error": exc}
        )
        return report
    rows = sum(len(data) for data in sheets.values())
    total = rows + (0 if dry_run else len(sheets.get(POWERS.name, [])))
    if progress is not None:
        progress(0, total)
    validator = _Validator(sheets, report, progress, total)
    plans = validator.run()
    if report.problems:
        report._clear_counts()
        return report
    for plan in plans:
        count = {"create": "created", "update": "updated", "status": "status_changed"}
        if plan.action in count:
            setattr(report, count[plan.action], getattr(report, count[plan.action]) + 1)
        else:
            report.unchanged += 1
    for sheet in PART_SHEETS:
        report.parts[sheet.name] = sum(
            len(plan.parts[sheet.related]) for plan in plans if plan.action in ("create", "update")
        )
    if dry_run:
        return report

    try:
        with transaction.atomic():
            _write(plans, actor, report, validator.tick)
    except _Rollback:
        report._clear_counts()
    if progress is not None:
        progress(total, total)
    return report


__all__ = [
    "SHEETS",
    "ImportReport",
    "Problem",
    "export_catalog",
    "import_catalog",
]
