"""Request middleware: session limits and the choice of language."""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib.auth import logout
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

LOGIN_TIME_KEY = "zhengwu_login_at"


class SessionTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            started = request.session.get(LOGIN_TIME_KEY)
            if started is None:
                request.session[LOGIN_TIME_KEY] = now
            elif now - int(started) > settings.ZHENGWU_SESSION_ABSOLUTE_SECONDS:
                logout(request)
        return self.get_response(request)


class LanguageMiddleware(LocaleMiddleware):
    """Simplified Chinese unless the visitor chose otherwise.

    A language picked with the switch (the language cookie) wins. Otherwise the browser's
    Accept-Language is honoured only between the Chinese scripts (zh-TW, zh-HK → Traditional):
    a county portal opened in a browser set to English still opens in Chinese.
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = translation.get_language_from_request(request)
        if not (chosen and translation.check_for_language(chosen)) and not language.startswith(
            "zh"
        ):
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
