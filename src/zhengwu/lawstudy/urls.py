from django.urls import path

from zhengwu.lawstudy import views

app_name = "lawstudy"

urlpatterns = [
    path("", views.home, name="home"),
    path("sessions/", views.sessions, name="sessions"),
    path("sessions/<int:pk>/", views.session, name="session"),
    path("courses/", views.courses, name="courses"),
    path("courses/<int:pk>/", views.course, name="course"),
    path("units/", views.units, name="units"),
    path("exams/", views.exams, name="exams"),
    path("exams/<int:pk>/", views.exam, name="exam"),
    path("exams/<int:pk>/participation/", views.exam_participation, name="exam_participation"),
    path("exams/<int:pk>/results/", views.exam_result, name="exam_result"),
    path("exams/<int:pk>/import/", views.exam_import, name="exam_import"),
    path("exams/<int:pk>/close/", views.exam_close, name="exam_close"),
    path("exams/<int:pk>/export.xlsx", views.exam_export, name="exam_export"),
    path("export/<slug:what>.xlsx", views.export_register, name="export"),
]
