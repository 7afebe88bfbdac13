import pytest

from zhengwu.catalog.process import validate_process
from zhengwu.catalog.selectors import catalog_stats, published_versions
from zhengwu.common.audit import audit_verify
from zhengwu.demo.registry import DemoContext, demo_load


@pytest.mark.django_db
def test_demo_catalog_has_the_seed_reports_figures():
    demo_load(DemoContext(report=lambda _m: None), only=["org", "catalog"])
    stats = catalog_stats()
    by_kind = stats["by_kind"]
    # 257 licensing, 56 other approvals, 21 public services, 98 fees by 44 bodies.
    assert [by_kind[k] for k in ("licensing", "other_approval", "public_service", "fee")] == [
        257,
        56,
        21,
        98,
    ]
    assert stats["implementing_bodies"] == 44
    # 903 penalties, 29 confirmations, 44 compulsions, 29 levies, 10 rulings, 34 others.
    assert [
        by_kind[k] for k in ("penalty", "confirmation", "compulsion", "levy", "ruling", "other")
    ] == [903, 29, 44, 29, 10, 34]
    assert stats["enforcement_bodies"] == {"statutory": 10, "authorised": 9, "entrusted": 9}
    assert stats["service_centre"] == 334 and stats["service_centre_departments"] == 29
    assert stats["total"] == sum(by_kind.values()) == 432 + 1049
    names = set(published_versions().values_list("name", flat=True))
    assert {
        "食品经营许可",
        "个体工商户设立登记",
        "建筑工程施工许可",
        "医疗机构执业登记",
        "城镇污水排入排水管网许可",
    } <= names
    for version in published_versions().filter(kind="licensing").prefetch_related("stages")[:60]:
        validate_process(list(version.stages.all()), legal_limit_days=version.legal_limit_days)
    assert audit_verify().ok
