from django.urls import path

from zhengwu.cases import views
from zhengwu.common.cache import public_page

app_name = "cases"

urlpatterns = [
    # The applicant (portal).
    path("apply/<str:implementation_code>/", views.apply, name="apply"),
    path("submitted/<str:number>/", views.submitted, name="submitted"),
    # The empty look-up form is the same for every anonymous visitor (the look-up itself is a
    # POST, never cached): cached until the organisation changes (zhengwu.common.cache).
    path("track/", public_page("org")(views.track), name="track"),
    path("mine/", views.my_cases, name="mine"),
    path("mine/<str:number>/", views.my_case, name="my_case"),
    path("mine/<str:number>/supply/", views.supply, name="supply"),
    path("mine/<str:number>/withdraw/", views.withdraw, name="withdraw"),
    path("mine/<str:number>/rate/", views.rate, name="rate"),
    # The staff (workbench).
    path("intake/", views.intake, name="intake"),
    path("tasks/", views.task_list, name="tasks"),
    path("<str:number>/", views.case_page, name="case"),
    path(
        "<str:number>/materials/<int:material_id>/",
        views.material_download,
        name="material",
    ),
    path("<str:number>/tasks/<int:task_id>/opinion/", views.task_action, name="task_opinion"),
    path("<str:number>/<slug:action>/", views.case_action, name="action"),
]
