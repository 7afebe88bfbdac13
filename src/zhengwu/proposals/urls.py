from django.urls import path

from zhengwu.proposals import views

app_name = "proposals"

urlpatterns = [
    # The public: the published replies.
    path("", views.public_list, name="public_list"),
    path("replies/<int:pk>/", views.public_reply, name="public_reply"),
    # The staff.
    path("register/", views.register, name="register"),
    path("register/export.xlsx", views.register_export, name="register_export"),
    path("register/new/", views.proposal_new, name="proposal_new"),
    path("register/<int:pk>/", views.proposal, name="proposal"),
    path("register/<int:pk>/replies/<int:reply_id>/file/", views.reply_file, name="reply_file"),
    path("register/<int:pk>/<slug:action>/", views.proposal_action, name="proposal_action"),
    path("sessions/", views.sessions, name="sessions"),
    path("stats/", views.stats, name="stats"),
]
