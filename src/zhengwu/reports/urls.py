from django.urls import path

from zhengwu.reports import views

app_name = "reports"

urlpatterns = [
    path("annual/", views.annual_list, name="annual_list"),
    path("annual/new/", views.annual_create, name="annual_create"),
    path("annual/<int:pk>/", views.annual_draft, name="annual_draft"),
    path("annual/<int:pk>/frame/", views.annual_frame, name="annual_frame"),
    path("annual/<int:pk>/blocks/<int:block_pk>/", views.annual_block, name="annual_block"),
    path("annual/<int:pk>/preview/", views.annual_preview, name="annual_preview"),
    path("annual/<int:pk>/<str:verb>/", views.annual_action, name="annual_action"),
    path("annual/<int:pk>/document/download/", views.annual_download, name="annual_download"),
]
