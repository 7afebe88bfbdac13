from django.urls import include, path

app_name = "disclosure"

urlpatterns = [
    path("requests/", include("zhengwu.disclosure.requests.urls")),
]
