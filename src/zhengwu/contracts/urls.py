from django.urls import path

from zhengwu.contracts import views

app_name = "contracts"

urlpatterns = [
    path("", views.register, name="register"),
    path("export.xlsx", views.register_export, name="register_export"),
    path("new/", views.contract_new, name="contract_new"),
    path("<int:pk>/", views.contract, name="contract"),
    path("<int:pk>/versions/<int:number>/file/", views.version_file, name="version_file"),
    path("<int:pk>/signed-copy/", views.signed_copy, name="signed_copy"),
    path("<int:pk>/<slug:action>/", views.contract_action, name="contract_action"),
]
