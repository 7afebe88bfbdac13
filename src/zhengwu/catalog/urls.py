from django.urls import path

from zhengwu.catalog import views

app_name = "catalog"

urlpatterns = [
    path("", views.catalog_index, name="index"),
    path("<str:implementation_code>/", views.power_detail, name="detail"),
    path("<str:implementation_code>/guide/", views.power_guide, name="guide"),
    path("<str:implementation_code>/flowchart.svg", views.power_flowchart, name="flowchart"),
    path(
        "<str:implementation_code>/materials/<int:material_id>/<str:which>/",
        views.material_file,
        name="material_file",
    ),
]
