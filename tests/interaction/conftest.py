import pytest


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    """The test accounts' passwords are hashed with a fast hasher (Argon2 takes a fifth of a
    second per account); logging in is not what these tests are about."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
