from django.urls import path

from zhengwu.dashboard import views

app_name = "dashboard"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("figures.xlsx", views.figures_xlsx, name="figures_xlsx"),
    path("explain/<str:key>/", views.explain, name="explain"),
]
