from django.urls import include, path

from zhengwu.disclosure import views

app_name = "disclosure"

urlpatterns = [
    # The public.
    path("", views.index, name="index"),
    path("guide/", views.guide, name="guide"),
    path("category/<str:code>/", views.category, name="category"),
    path("items/<int:pk>/", views.item, name="item"),
    path("items/<int:pk>/files/<int:attachment_id>/", views.attachment, name="attachment"),
    path("requests/", include("zhengwu.disclosure.requests.urls")),
    # The disclosure office.
    path("office/", views.office, name="office"),
    path("office/new/", views.office_new, name="office_new"),
    path("office/catalog/", views.office_catalog, name="office_catalog"),
    path("office/catalog/<int:pk>/", views.office_catalog, name="office_category"),
    path("office/<int:pk>/", views.office_item, name="office_item"),
    path("office/<int:pk>/<slug:action>/", views.office_action, name="office_action"),
]
