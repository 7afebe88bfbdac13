from django.urls import path

from zhengwu.supervision import views

app_name = "supervision"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("export/alerts.xlsx", views.export_alerts, name="export_alerts"),
    path("export/efficiency.xlsx", views.export_efficiency, name="export_efficiency"),
    path("alerts/<int:pk>/", views.alert_page, name="alert"),
    path("alerts/<int:pk>/<slug:action>/", views.alert_action, name="alert_action"),
    path("cases/<str:number>/notice/", views.case_notice, name="case_notice"),
    path("notices/", views.notice_list, name="notices"),
    path("notices/<int:pk>/", views.notice_page, name="notice"),
    path("notices/<int:pk>/<slug:action>/", views.notice_action, name="notice_action"),
]
