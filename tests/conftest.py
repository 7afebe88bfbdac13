"""Settings every test starts from."""

import pytest


@pytest.fixture(autouse=True)
def _no_second_factor_by_default(settings):
    """Tests log staff in directly (``force_login``); the second factor is tested on its own
    (``tests/org/test_otp.py``), with the roles that require it set as in production."""
    settings.ZHENGWU_OTP_REQUIRED_ROLES = []
