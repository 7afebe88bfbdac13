from django.urls import path

from zhengwu.decisions import views

app_name = "decisions"

urlpatterns = [
    # The public.
    path("", views.public_list, name="public_list"),
    path("<int:pk>/", views.public_decision, name="public_decision"),
    # The staff.
    path("register/", views.register, name="register"),
    path("register/export.xlsx", views.register_export, name="register_export"),
    path("register/new/", views.decision_new, name="decision_new"),
    path("register/<int:pk>/", views.decision, name="decision"),
    path("register/<int:pk>/<slug:action>/", views.decision_action, name="decision_action"),
]
