from django.urls import path

from zhengwu.disputes import views

app_name = "disputes"

urlpatterns = [
    path("", views.register, name="register"),
    path("export.xlsx", views.register_export, name="register_export"),
    path("new/", views.dispute_new, name="dispute_new"),
    path("figures/", views.figures_page, name="figures"),
    path("<int:pk>/", views.dispute, name="dispute"),
    path("<int:pk>/<slug:action>/", views.dispute_action, name="dispute_action"),
    path("campaigns/", views.campaigns, name="campaigns"),
    path("campaigns/<int:pk>/", views.campaign, name="campaign"),
]
