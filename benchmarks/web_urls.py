"""The web benchmark's urlconf: zhengwu's, plus the bare view the pages are compared with."""

from django.http import HttpResponse
from django.urls import include, path


def hello(request):
    """The cheapest Django answer: through the same middleware, no template, no query."""
    return HttpResponse("hello", content_type="text/plain; charset=utf-8")


urlpatterns = [
    path("bench/hello/", hello, name="bench_hello"),
    path("", include("zhengwu.urls")),
]
