from django.urls import path

from zhengwu.reconsideration import views

app_name = "reconsideration"

urlpatterns = [
    # The public.
    path("", views.public_guide, name="guide"),
    path("apply/", views.public_apply, name="apply"),
    path("track/", views.public_track, name="track"),
    # The staff.
    path("office/", views.register, name="register"),
    path("office/export.xlsx", views.register_export, name="export"),
    path("office/new/", views.case_new, name="case_new"),
    path("office/stats/", views.stats, name="stats"),
    path("office/<int:pk>/", views.case, name="case"),
    path("office/<int:pk>/files/<int:attachment_id>/", views.attachment, name="attachment"),
    path("office/<int:pk>/<slug:action>/", views.case_action, name="case_action"),
    path("suits/", views.suits, name="suits"),
    path("suits/new/", views.suit_new, name="suit_new"),
    path("suits/<int:pk>/", views.suit, name="suit"),
    path("suits/<int:pk>/<slug:action>/", views.suit_action, name="suit_action"),
]
