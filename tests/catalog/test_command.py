"""``zhengwu catalog import|export|stats``."""

from __future__ import annotations

import io
import json
import subprocess

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.utils.translation import override

from tests.catalog.test_spreadsheet import (
    CODES,
    build_catalog,
    cells,
    empty_catalog,
    export_bytes,
    three_bad_rows,
)
from tests.cli import migrated_env, run_zhengwu
from zhengwu.catalog.models import Power, PowerKind
from zhengwu.catalog.spreadsheet import SHEET_LEGAL_BASES, SHEET_POWERS

pytestmark = pytest.mark.django_db

KINDS = [
    "licensing",
    "other_approval",
    "penalty",
    "compulsion",
    "levy",
    "confirmation",
    "ruling",
    "benefit",
    "reward",
    "inspection",
    "public_service",
    "fee",
    "other",
]


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    with override("en"):
        call_command("catalog", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def fails(*args) -> tuple[CommandError, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with override("en"), pytest.raises(CommandError) as info:
        call_command("catalog", *args, stdout=out, stderr=err)
    return info.value, out.getvalue(), err.getvalue()


@pytest.fixture
def catalog():
    return build_catalog()


def test_export_writes_the_workbook_and_prints_counts(catalog, tmp_path):
    path = tmp_path / "catalog.xlsx"
    out, err = run("export", str(path))
    assert out.splitlines() == [
        f"Exported to {path}:",
        "  事项: 5",
        "  设定依据: 4",
        "  申请材料: 4",
        "  收费: 2",
        "  流程环节: 11",
    ]
    assert err == ""  # no progress bar for a small catalog
    assert cells(path.read_bytes()) == cells(export_bytes())


def test_import_prints_counts(catalog, tmp_path):
    path = tmp_path / "catalog.xlsx"
    path.write_bytes(export_bytes())
    empty_catalog()
    out, _err = run("import", str(path), "--dry-run")
    assert out.startswith("Dry run: no problems. An import would create 5 powers")
    assert not Power.objects.exists()
    out, _err = run("import", str(path))
    assert out.splitlines()[0] == (
        "Imported: 5 new powers, 0 new versions, 0 status changes; 0 powers unchanged."
    )
    assert "  流程环节: 11" in out.splitlines()
    assert Power.objects.count() == 5


@pytest.mark.parametrize("dry_run", [True, False])
def test_import_with_bad_rows_lists_them_and_exits_1(catalog, tmp_path, dry_run):
    bad, _rows = three_bad_rows(export_bytes())
    path = tmp_path / "bad.xlsx"
    path.write_bytes(bad)
    empty_catalog()
    error, out, _err = fails("import", str(path), *(["--dry-run"] if dry_run else []))
    assert error.returncode == 1
    assert out.splitlines() == [
        "row 4 · 事项 · 实施主体: Unknown department “多伦县不存在局”.",
        "row 5 · 事项 · 承诺时限（天）: "
        "The promised time limit (30 days) is longer than the legal one (15 days).",
        "row 13 · 流程环节 · 前置环节: Follows an unknown stage archive.",
        "3 problems, nothing was imported.",
    ]
    assert not Power.objects.exists()


def test_import_of_a_missing_file_exits_2(tmp_path):
    error, out, _err = fails("import", str(tmp_path / "none.xlsx"))
    assert error.returncode == 2 and str(error).startswith("error: ") and out == ""


def test_progress_bar_on_stderr_for_more_than_500_rows(catalog, tmp_path):
    data = export_bytes()
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    for n in range(520):
        workbook[SHEET_LEGAL_BASES].append([CODES["penalty"], f"规章{n}", None, f"第{n}条"])
    path = tmp_path / "big.xlsx"
    workbook.save(path)
    out, err = run("import", str(path), "--dry-run")
    assert out.startswith("Dry run: no problems.")
    assert "546/546" in err and "100%" in err  # 26 + 520 rows checked


def test_stats_json_has_every_key_and_adds_up(catalog):
    out, _err = run("stats", "--format", "json")
    stats = json.loads(out)
    assert {
        "by_kind",
        "implementing_bodies",
        "enforcement_bodies",
        "by_department",
        "service_centre",
        "total",
    } <= set(stats)
    assert list(stats["by_kind"]) == KINDS == [kind.value for kind in PowerKind]
    assert set(stats["enforcement_bodies"]) == {"statutory", "authorised", "entrusted"}
    assert stats["total"] == sum(stats["by_kind"].values()) == 4  # the repealed one is out
    assert stats["by_kind"]["licensing"] == 2 and stats["by_kind"]["penalty"] == 2
    assert stats["implementing_bodies"] == 2
    assert stats["enforcement_bodies"] == {"statutory": 1, "authorised": 0, "entrusted": 1}
    assert stats["service_centre"] == 2
    assert stats["by_department"]["多伦县市场监督管理局"] == 2
    assert "多伦县市场监督管理局" in out  # ensure_ascii=False
    assert out.startswith('{\n  "by_kind": {\n    "licensing": 2,')  # indent 2


def test_stats_text_is_a_readable_table(catalog):
    out, _err = run("stats", "--format", "text")
    lines = out.splitlines()
    assert lines[0] == "Powers by kind:"
    assert any(line.split() == ["administrative", "licensing", "2"] for line in lines)
    assert "Total: 4" in lines
    assert any(line.strip().startswith("多伦县市场监督管理局") for line in lines)
    assert run("stats")[0] == out  # text is the default


# --- the real command line ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def cli_env(tmp_path_factory):
    return migrated_env(tmp_path_factory.mktemp("catalog-cli"))


def cli(env, *args) -> subprocess.CompletedProcess:
    return run_zhengwu(env, "catalog", *args)


def test_cli_exit_codes(cli_env, catalog, tmp_path):
    (tmp_path / "catalog.xlsx").write_bytes(export_bytes())
    # The command line's own database has no departments: every department name is unknown.
    result = cli(cli_env, "import", str(tmp_path / "catalog.xlsx"), "--dry-run")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 16 and lines[-1].startswith("15")  # 15 problems and the summary
    assert result.stdout.count(" · 事项 · 实施主体: ") == 5
    assert result.stdout.count(" · 流程环节 · 责任部门: ") == 8
    result = cli(cli_env, "import", str(tmp_path / "missing.xlsx"))
    assert result.returncode == 2 and result.stderr.startswith("error: ")
    assert result.stderr.count("\n") == 1
    result = cli(cli_env, "stats", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["total"] == 0
    result = cli(cli_env, "export", str(tmp_path / "empty.xlsx"))
    assert result.returncode == 0, result.stderr
    sheets = cells((tmp_path / "empty.xlsx").read_bytes())
    assert [len(rows) for rows in sheets.values()] == [2, 2, 2, 2, 2]
    assert sheets[SHEET_POWERS][1][1] == "implementation_code"
