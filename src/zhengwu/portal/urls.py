from django.urls import path

from zhengwu.common.cache import public_page
from zhengwu.portal import views

app_name = "portal"

# Both pages show the county and its service network only: cached for anonymous visitors until
# the organisation changes (zhengwu.common.cache).
cached = public_page("org")

urlpatterns = [
    path("", cached(views.home), name="home"),
    path("service-network/", cached(views.service_network), name="service_network"),
]
