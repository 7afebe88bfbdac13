"""The public portal's pages, its languages, its static assets and its error pages."""

from __future__ import annotations

import re
from io import StringIO
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.core.management.base import CommandError
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.signals import setting_changed
from django.urls import reverse

from zhengwu.common.management.commands.compile_locale import placeholders
from zhengwu.org.models import Division

PACKAGE_DIR = Path(settings.PACKAGE_DIR)
TEMPLATES_DIR = PACKAGE_DIR / "templates"
STATIC_DIR = PACKAGE_DIR / "static"
LOCALE_DIR = PACKAGE_DIR / "locale"
STATIC_TAG = re.compile(r"""{%\s*static\s+['"]([^'"]+)['"]\s*%}""")
EXTERNAL_URL = re.compile(r"(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}", re.IGNORECASE)


@pytest.fixture(scope="module", autouse=True)
def compiled_catalogues():
    """Build the .mo files (as `make test` does) and make Django reload its catalogues."""
    call_command("compile_locale", verbosity=0)
    # The same signal Django's override_settings sends: it empties the translation caches.
    setting_changed.send(
        sender=None, setting="LOCALE_PATHS", value=settings.LOCALE_PATHS, enter=True
    )


@pytest.fixture
def county(db, settings):
    settings.ZHENGWU_HOME_DIVISION = None
    league = Division.objects.create(code="152500000000", name="锡林郭勒盟", level="league")
    return Division.objects.create(
        code="152531000000", name="多伦县", level="county", parent=league
    )


def switch_language(client, code: str) -> None:
    response = client.post(reverse("set_language"), {"language": code, "next": "/"})
    assert response.status_code == 302


# --- Languages ----------------------------------------------------------------------------


def test_home_shows_the_county_in_simplified_chinese_by_default(client, county):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="zh-hans"' in html
    assert "多伦县人民政府" in html
    assert "锡林郭勒盟" in html
    assert "政务服务门户" in html
    assert "服务网点" in html
    assert "跳到主要内容" in html
    assert "People's Government" not in html


def test_switching_to_traditional_chinese(client, county):
    switch_language(client, "zh-hant")
    html = client.get("/").content.decode()
    assert '<html lang="zh-hant"' in html
    assert "多伦县人民政府" in html  # the county's own name is data, not translated
    assert "政務服務門戶" in html
    assert "服務網點" in html
    assert "政务服务门户" not in html


def test_switching_to_english(client, county):
    switch_language(client, "en")
    html = client.get("/").content.decode()
    assert '<html lang="en"' in html
    assert "多伦县 People's Government" in html
    assert "Service network" in html
    assert "Government affairs service portal" in html
    assert "政务服务门户" not in html


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("zh-CN,zh;q=0.9", "zh-hans"),
        ("zh-TW", "zh-hant"),
        ("zh-HK", "zh-hant"),
        ("en-US,en;q=0.9", "zh-hans"),
        ("", "zh-hans"),
    ],
)
def test_browser_chinese_script_is_honoured_but_chinese_stays_the_default(
    client, county, accept, expected
):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE=accept).content.decode()
    assert f'<html lang="{expected}"' in html


def test_language_switch_is_a_post_form_with_one_button_per_language(client, county):
    html = client.get("/").content.decode()
    form = re.search(r'<form class="language-switch".*?</form>', html, re.DOTALL).group(0)
    assert 'method="post"' in form and f'action="{reverse("set_language")}"' in form
    assert "csrfmiddlewaretoken" in form
    for code, name in (("zh-hans", "简体中文"), ("zh-hant", "繁體中文"), ("en", "English")):
        assert f'name="language" value="{code}" lang="{code}"' in form
        assert name in form
    assert 'value="zh-hans" lang="zh-hans" aria-current="true"' in form


def test_service_network_page(client, county):
    response = client.get(reverse("portal:service_network"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>服务网点</h1>" in html
    assert 'aria-current="page"' in html


# --- Accessibility markup -----------------------------------------------------------------


def test_page_has_landmarks_skip_link_and_display_settings(client, county):
    html = client.get("/").content.decode()
    body = html[html.index("<body") :]
    first_link = re.search(r"<a [^>]*>", body).group(0)
    assert 'class="skip-link"' in first_link and 'href="#main"' in first_link
    assert '<main id="main"' in html
    assert '<header class="site-header">' in html
    assert '<nav class="main-nav" aria-label="主导航">' in html
    assert '<footer class="site-footer">' in html
    assert html.count("<h1") == 1
    assert 'data-display-toggle="large-text"' in html and "大字版" in html
    assert re.search(r'<button type="button" aria-pressed="false" data-display-toggle', html)


def test_workbench_uses_the_dense_layout(client, county, django_user_model):
    user = django_user_model.objects.create_superuser("boss", password="x" * 12)
    client.force_login(user)
    response = client.get(reverse("workbench:home"))
    if response.status_code != 200:  # the workbench may require a department or role
        pytest.skip(f"workbench answered {response.status_code} for a bare superuser")
    html = response.content.decode()
    assert 'class="workbench-site"' in html
    assert "工作台" in html and "退出登录" in html


# --- Static assets --------------------------------------------------------------------------


def all_templates() -> list[Path]:
    return sorted(TEMPLATES_DIR.rglob("*.html"))


def test_every_static_asset_referenced_by_templates_is_found():
    base = (TEMPLATES_DIR / "base.html").read_text(encoding="utf-8")
    in_base = STATIC_TAG.findall(base)
    assert "zhengwu/css/zhengwu.css" in in_base
    assert "zhengwu/js/zhengwu.js" in in_base
    assert any(path.startswith("vendor/htmx-") for path in in_base)
    assert any(path.startswith("vendor/pico-") for path in in_base)
    referenced = {
        path for template in all_templates() for path in STATIC_TAG.findall(template.read_text())
    }
    assert any(path.startswith("vendor/echarts-") for path in referenced)
    missing = sorted(path for path in referenced if not finders.find(path))
    assert not missing, (
        f"not found by the staticfiles finders: {missing} "
        "(is src/zhengwu/static in STATICFILES_DIRS?)"
    )


def test_scripts_are_deferred_except_the_tiny_display_script():
    base = (TEMPLATES_DIR / "base.html").read_text(encoding="utf-8")
    for tag in re.findall(r"<script [^>]*>", base):
        assert "defer" in tag or "zhengwu/js/zhengwu.js" in tag, tag
    assert "echarts" not in base  # only pages that chart load it, through a block
    chart_partial = (TEMPLATES_DIR / "partials" / "echarts.html").read_text()
    assert "defer" in chart_partial and "vendor/echarts-" in chart_partial
    assert "{% block charts %}" in base


def test_no_template_or_house_asset_points_outside():
    sources = [*all_templates(), *(STATIC_DIR / "zhengwu").rglob("*.*")]
    offenders = {
        str(path.relative_to(PACKAGE_DIR)): EXTERNAL_URL.findall(path.read_text(encoding="utf-8"))
        for path in sources
    }
    assert not {path: urls for path, urls in offenders.items() if urls}


def test_rendered_page_loads_nothing_from_other_hosts(client, county):
    html = client.get("/").content.decode()
    urls = re.findall(r'(?:src|href|action)="([^"]*)"', html)
    assert urls
    assert [url for url in urls if re.match(r"(?:[a-z]+:)?//", url)] == []


def test_vendored_assets_carry_their_licences():
    vendor = STATIC_DIR / "vendor"
    readme = (vendor / "README.md").read_text(encoding="utf-8")
    for directory in sorted(p for p in vendor.iterdir() if p.is_dir()):
        licences = list(directory.glob("LICENSE*"))
        assert licences, f"{directory.name} has no LICENSE file"
        name, _, version = directory.name.rpartition("-")
        assert version in readme and name in readme.lower(), directory.name


# --- Error pages ----------------------------------------------------------------------------


def test_404_page_in_portal_style(client, county, settings):
    settings.DEBUG = False
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "页面不存在" in html and "返回首页" in html
    assert "多伦县人民政府" in html


def test_403_page(county):
    from django.core.exceptions import PermissionDenied
    from django.views.defaults import permission_denied

    request = RequestFactory().get("/workbench/")
    response = permission_denied(request, PermissionDenied())
    assert response.status_code == 403
    assert "无权访问" in response.content.decode()


def test_500_page_needs_no_request_and_no_database(db, django_assert_num_queries):
    from django.views.defaults import server_error

    with django_assert_num_queries(0):
        html = render_to_string("500.html")
        response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "抱歉，系统出现错误" in html
    assert "抱歉，系统出现错误" in response.content.decode()
    assert 'lang="zh-hans"' in html


def test_csrf_failure_page_is_friendly(db):
    from django.views.csrf import csrf_failure

    response = csrf_failure(RequestFactory().post("/"), reason="CSRF token missing.")
    assert response.status_code == 403
    assert "页面已过期" in response.content.decode()


# --- Translation catalogues -----------------------------------------------------------------


def test_compile_locale_check_passes():
    out = StringIO()
    call_command("compile_locale", "--check", stdout=out, stderr=StringIO())
    assert "complete and up to date" in out.getvalue()


def test_simplified_chinese_catalogue_is_fully_translated():
    po = polib.pofile(str(LOCALE_DIR / "zh_Hans" / "LC_MESSAGES" / "django.po"))
    assert po.metadata["Plural-Forms"].startswith("nplurals=1;")
    assert [e.msgid for e in po if not e.obsolete and not e.translated()] == []
    assert [e.msgid for e in po if "fuzzy" in e.flags] == []
    assert po.percent_translated() == 100
    # A few terms as Chinese government sites write them.
    strings = {e.msgid: e.msgstr for e in po}
    assert strings["window clerk"] == "窗口人员"
    assert strings["league / prefecture"] == "盟/市"
    assert strings["Staff workbench"] == "工作台"
    assert strings["zhengwu"] == "政务服务平台"
    assert strings[
        "The check character of the ID number is wrong: expected %(expected)s, got %(actual)s."
    ] == ("身份证号码校验码错误：应为 %(expected)s，实际为 %(actual)s。")


def test_traditional_catalogue_is_generated_from_the_simplified_one():
    hans = polib.pofile(str(LOCALE_DIR / "zh_Hans" / "LC_MESSAGES" / "django.po"))
    hant = polib.pofile(str(LOCALE_DIR / "zh_Hant" / "LC_MESSAGES" / "django.po"))
    assert [e.msgid for e in hant] == [e.msgid for e in hans]
    assert hant.metadata["Language"] == "zh_Hant"
    assert {e.msgid: e.msgstr for e in hant}["Service network"] == "服務網點"


def test_compile_locale_is_idempotent():
    call_command("compile_locale", stdout=StringIO())
    out = StringIO()
    call_command("compile_locale", stdout=out)
    assert out.getvalue() == ""


def test_compile_locale_on_a_small_catalogue(tmp_path, settings):
    source = tmp_path / "zh_Hans" / "LC_MESSAGES" / "django.po"
    source.parent.mkdir(parents=True)
    po = polib.POFile()
    po.metadata = {
        "Content-Type": "text/plain; charset=UTF-8",
        "Plural-Forms": "nplurals=1; plural=0;",
        "Language": "zh_Hans",
    }
    po.append(polib.POEntry(msgid="Simplified Chinese", msgstr="简体中文"))
    po.append(
        polib.POEntry(
            msgid="%(n)s days",
            msgid_plural="%(n)s days",
            msgstr_plural={0: "%(n)s 个工作日后发证"},
            flags=["python-format"],
        )
    )
    po.save(str(source))
    settings.LOCALE_PATHS = [tmp_path]

    out = StringIO()
    call_command("compile_locale", stdout=out)
    hant = polib.pofile(str(tmp_path / "zh_Hant" / "LC_MESSAGES" / "django.po"))
    assert hant.find("Simplified Chinese").msgstr == "簡體中文"
    assert hant.find("%(n)s days").msgstr_plural[0] == "%(n)s 個工作日後發證"
    assert (tmp_path / "zh_Hans" / "LC_MESSAGES" / "django.mo").exists()
    assert (tmp_path / "zh_Hant" / "LC_MESSAGES" / "django.mo").exists()
    assert "zh_Hant/LC_MESSAGES/django.po: written" in out.getvalue()
    call_command("compile_locale", "--check", stdout=StringIO())

    # An untranslated entry, a fuzzy one and a lost placeholder all fail the check.
    po.append(polib.POEntry(msgid="Untranslated"))
    po.append(polib.POEntry(msgid="Unsure", msgstr="不确定", flags=["fuzzy"]))
    po.append(polib.POEntry(msgid="Hi %(name)s", msgstr="您好", flags=["python-format"]))
    po.save(str(source))
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("compile_locale", "--check", stdout=StringIO(), stderr=err)
    problems = err.getvalue()
    assert "untranslated: 'Untranslated'" in problems
    assert "fuzzy: 'Unsure'" in problems
    assert "placeholders differ" in problems
    assert "zh_Hant/LC_MESSAGES/django.po: out of date" in problems


def test_placeholders():
    assert placeholders("%(a)s and %(b)d, 100%% sure") == ["%(a)", "%(b)"]
    assert placeholders("%s of %d") == ["%", "%"]


def test_identity_messages_read_naturally_in_both_chinese_scripts():
    from django.core.exceptions import ValidationError
    from django.utils import translation

    from zhengwu.common.identity import validate_id_number

    for language, expected in (
        ("zh-hans", "身份证号码校验码错误：应为 X，实际为 1。"),
        ("zh-hant", "身份證號碼校驗碼錯誤：應為 X，實際為 1。"),
    ):
        with translation.override(language):
            with pytest.raises(ValidationError) as info:
                validate_id_number("110105194912310021")
            assert info.value.messages == [expected]
