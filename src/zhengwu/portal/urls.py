from django.urls import path

from zhengwu.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("service-network/", views.service_network, name="service_network"),
]
