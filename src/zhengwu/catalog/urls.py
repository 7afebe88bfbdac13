from django.urls import path

from zhengwu.catalog import views
from zhengwu.common.cache import public_page

app_name = "catalog"

# The public catalog is the same for every anonymous visitor: cached until the catalog or the
# organisation changes (zhengwu.common.cache).
cached = public_page("catalog", "org")

urlpatterns = [
    path("", cached(views.catalog_index), name="index"),
    path("<str:implementation_code>/", cached(views.power_detail), name="detail"),
    path("<str:implementation_code>/guide/", cached(views.power_guide), name="guide"),
    path(
        "<str:implementation_code>/flowchart.svg",
        cached(views.power_flowchart),
        name="flowchart",
    ),
    path(
        "<str:implementation_code>/materials/<int:material_id>/<str:which>/",
        views.material_file,
        name="material_file",
    ),
]
