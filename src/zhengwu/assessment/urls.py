from django.urls import path

from zhengwu.assessment import views

app_name = "assessment"

urlpatterns = [
    path("", views.schemes, name="schemes"),
    path("new/", views.scheme_new, name="scheme_new"),
    path("<int:pk>/", views.scheme, name="scheme"),
    path("<int:pk>/edit/", views.scheme_edit, name="scheme_edit"),
    path("<int:pk>/indicators/new/", views.node_form, name="node_new"),
    path("<int:pk>/indicators/<int:node_id>/", views.node_form, name="node_edit"),
    path("<int:pk>/indicators/<int:node_id>/delete/", views.node_delete, name="node_delete"),
    path("<int:pk>/run/<slug:action>/", views.scheme_run, name="scheme_run"),
    path("<int:pk>/ranking.xlsx", views.ranking_export, name="ranking_export"),
    path("<int:pk>/scorecards.xlsx", views.scorecards_export, name="scorecards_export"),
    path("<int:pk>/units/<int:unit_id>/", views.scorecard, name="scorecard"),
    path("<int:pk>/units/<int:unit_id>/score/<int:node_id>/", views.score_form, name="score"),
    path("<int:pk>/units/<int:unit_id>/evidence/<int:score_id>/", views.evidence, name="evidence"),
]
