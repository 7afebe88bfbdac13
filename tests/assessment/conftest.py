import pytest

from zhengwu.assessment.indicators import (
    Unit,
    indicator,
    register_indicator,
    unregister_indicator,
)


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# The values the fake indicators return: tests set them per department id.
FAKE_VALUES: dict[int, float | None] = {}
FAKE_COUNTS: dict[int, int] = {}


def fake_rate(division, year):
    """A fake rate of the tests: whatever FAKE_VALUES holds."""
    return dict(FAKE_VALUES)


def fake_count(division, year):
    """A fake count of the tests (lower is better)."""
    return dict(FAKE_COUNTS)


@pytest.fixture(autouse=True)
def fake_indicators():
    FAKE_VALUES.clear()
    FAKE_COUNTS.clear()
    saved = {code: indicator(code) for code in ("test_rate", "test_count")}
    register_indicator("test_rate", "测试比率", fake_rate, unit=Unit.PERCENT)
    register_indicator("test_count", "测试次数", fake_count, unit=Unit.COUNT,
                       higher_is_better=False)  # fmt: skip
    yield
    for code, ind in saved.items():
        unregister_indicator(code)
        if ind is not None:
            register_indicator(code, ind.label, ind.compute, unit=ind.unit,
                               higher_is_better=ind.higher_is_better)  # fmt: skip
