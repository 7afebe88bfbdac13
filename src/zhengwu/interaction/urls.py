from django.urls import path

from zhengwu.interaction import views

app_name = "interaction"

urlpatterns = [
    # The portal.
    path("", views.index, name="index"),
    path("write/<slug:kind>/", views.submit, name="submit"),
    path("sent/<str:number>/", views.submitted, name="submitted"),
    path("track/", views.track, name="track"),
    path("mine/", views.mine, name="mine"),
    path("mine/<str:number>/", views.my_message, name="my_message"),
    # The workbench.
    path("inbox/", views.inbox, name="inbox"),
    path("inbox/<str:number>/", views.message_page, name="message"),
    path("inbox/<str:number>/<slug:action>/", views.action, name="action"),
    # A published message (numbers start with ZX, TS or XX, never with the words above).
    path("<str:number>/", views.detail, name="detail"),
]
