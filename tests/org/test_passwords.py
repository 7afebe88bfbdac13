"""The password policy (decision 0027): at least 10 characters of three classes by default,
configurable, enforced wherever a password is set, explained field by field in Chinese."""

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from tests.factories import CitizenFactory, DepartmentFactory
from zhengwu.org import services
from zhengwu.org.passwords import CharacterClassesValidator, character_classes, password_problems

PASSWORD = "Correct-horse-9"


@pytest.mark.parametrize(
    ("password", "classes"),
    [("abcdefghij", 1), ("abcdefgh12", 2), ("Abcdefgh12", 3), ("Abcdefg#12", 4), ("密码密码12", 2)],
)
def test_character_classes_are_counted(password, classes):
    assert character_classes(password) == classes


def test_the_classes_validator_refuses_too_few_classes():
    validator = CharacterClassesValidator(min_classes=3)
    validator.validate("Abcdefgh12")
    with pytest.raises(ValidationError) as refused:
        validator.validate("abcdefgh12")
    assert refused.value.code == "password_too_simple"
    CharacterClassesValidator(min_classes=1).validate("abcdefghij")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("password", "refused"),
    [
        ("Ab1!", True),  # too short
        ("abcdefghijkl", True),  # one class
        ("abcdefgh1234", True),  # two classes
        ("12345678901234", True),  # digits only
        ("Zhengwu#2026x", False),
    ],
)
def test_the_default_policy(password, refused):
    assert bool(password_problems(password)) is refused


@pytest.mark.django_db
def test_accounts_are_not_created_with_a_password_off_the_policy():
    department = DepartmentFactory()
    with translation.override("zh-hans"), pytest.raises(ValidationError) as refused:
        services.staff_create(
            actor=None,
            username="zhao",
            full_name="赵一",
            department=department,
            roles=[],
            password="abcdefgh1234",
        )
    messages = refused.value.message_dict["password"]
    assert any("四类字符" in message for message in messages)
    user = services.staff_create(
        actor=None,
        username="zhao",
        full_name="赵一",
        department=department,
        roles=[],
        password="Zhao#Yi-2026",
    )
    assert user.check_password("Zhao#Yi-2026")


@pytest.mark.django_db
def test_a_user_changes_the_password_with_field_errors_in_chinese(client):
    user = CitizenFactory()
    client.force_login(user)
    url = reverse("password_change")
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert page.status_code == 200 and "修改密码" in page.content.decode()
    weak = client.post(
        url,
        {
            "old_password": PASSWORD,
            "new_password1": "abcdefgh1234",
            "new_password2": "abcdefgh1234",
        },
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert weak.status_code == 200
    assert "四类字符" in " ".join(weak.context["form"].errors["new_password2"])
    changed = client.post(
        url,
        {
            "old_password": PASSWORD,
            "new_password1": "Xin#Mima-2026",
            "new_password2": "Xin#Mima-2026",
        },
    )
    assert changed.status_code == 302 and changed.url == reverse("password_change_done")
    user.refresh_from_db()
    assert user.check_password("Xin#Mima-2026")


def test_the_policy_is_configurable(tmp_path):
    code = (
        "import django; django.setup();"
        "from zhengwu.org.passwords import password_problems;"
        "print(bool(password_problems('abcdefghijkl')), bool(password_problems('abcdefghijk')))"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("ZHENGWU_")}
    env.update(
        {
            "ZHENGWU_DATA_DIR": str(tmp_path),
            "DJANGO_SETTINGS_MODULE": "zhengwu.settings",
            "ZHENGWU_PASSWORD_MIN_LENGTH": "12",
            "ZHENGWU_PASSWORD_MIN_CLASSES": "1",
        }
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout.split()
    # ASVS's reading: 12 characters of any kind pass, 11 do not.
    assert out == ["False", "True"]
