from django.urls import path

from zhengwu.enforcement import views

app_name = "enforcement"

urlpatterns = [
    # Public pages.
    path("", views.index, name="index"),
    path("bodies/<int:pk>/", views.body_public, name="body"),
    path("certificate/", views.certificate_lookup, name="certificate_lookup"),
    # Staff pages.
    path("office/", views.office, name="office"),
    path("office/bodies/", views.bodies, name="office_bodies"),
    path("office/bodies/<int:pk>/", views.body, name="office_body"),
    path("office/bodies/<int:pk>/<str:action>/", views.body_action, name="office_body_action"),
    path("office/officials/", views.officials, name="officials"),
    path("office/officials/<int:pk>/", views.official, name="official"),
    path("office/officials/<int:pk>/<str:action>/", views.official_action, name="official_action"),
    path("office/cases/", views.case_files, name="case_files"),
    path("office/cases/new/<int:body_pk>/", views.case_file_new, name="case_file_new"),
    path("office/cases/<int:pk>/", views.case_file, name="case_file"),
    path("office/cases/<int:pk>/<str:action>/", views.case_file_action, name="case_file_action"),
    path("office/filings/", views.filings, name="filings"),
    path("office/campaigns/", views.campaigns, name="campaigns"),
    path("office/campaigns/<int:pk>/", views.campaign, name="campaign"),
    path("office/campaigns/<int:pk>/<str:action>/", views.campaign_action, name="campaign_action"),
    path("office/export/<str:registry>.xlsx", views.export_registry, name="export"),
]
