"""Disclosure requests, included at ``/disclosure/requests/`` in the ``disclosure`` namespace."""

from django.urls import path

from zhengwu.disclosure.requests import views

urlpatterns = [
    # The public and the applicant (portal).
    path("apply/", views.request_apply, name="request_apply"),
    path("submitted/<str:number>/", views.request_submitted, name="request_submitted"),
    path("track/", views.request_track, name="request_track"),
    path("mine/", views.request_mine, name="request_mine"),
    path("mine/<str:number>/", views.request_my, name="request_my"),
    path("reply/<str:number>.docx", views.request_reply_download, name="request_reply_download"),
    # The office (workbench).
    path("", views.request_list, name="request_list"),
    path("intake/", views.request_intake, name="request_intake"),
    path("<str:number>/", views.request_detail, name="request_detail"),
    path("<str:number>/<slug:action>/", views.request_action, name="request_action"),
]
