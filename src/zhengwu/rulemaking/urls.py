from django.urls import path

from zhengwu.rulemaking import views

app_name = "rulemaking"

urlpatterns = [
    # The public.
    path("", views.public_list, name="public_list"),
    path("documents/<int:pk>/", views.public_document, name="public_document"),
    path("cleanups/", views.public_cleanups, name="public_cleanups"),
    # The staff.
    path("registry/", views.registry, name="registry"),
    path("registry/export.xlsx", views.registry_export, name="registry_export"),
    path("registry/new/", views.document_new, name="document_new"),
    path("registry/<int:pk>/", views.document, name="document"),
    path("registry/<int:pk>/files/<int:attachment_id>/", views.attachment, name="attachment"),
    path("registry/<int:pk>/<slug:action>/", views.document_action, name="document_action"),
    path("cleanups/office/", views.campaigns, name="campaigns"),
    path("cleanups/office/<int:pk>/", views.campaign, name="campaign"),
]
