from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from zhengwu.api import api

admin.site.site_header = _("zhengwu back office")
admin.site.site_title = _("zhengwu back office")
admin.site.index_title = _("Administration")

urlpatterns = [
    path("", include("zhengwu.portal.urls")),
    path("calendar/", include("zhengwu.workdays.urls")),
    path("catalog/", include("zhengwu.catalog.urls")),
    path("cases/", include("zhengwu.cases.urls")),
    path("workbench/", include("zhengwu.workbench.urls")),
    path("supervision/", include("zhengwu.supervision.urls")),
    path("disclosure/", include("zhengwu.disclosure.urls")),
    path("search/", include("zhengwu.search.urls")),
    path("interaction/", include("zhengwu.interaction.urls")),
    path("rules/", include("zhengwu.rulemaking.urls")),
    path("enforcement/", include("zhengwu.enforcement.urls")),
    path("reconsideration/", include("zhengwu.reconsideration.urls")),
    path("contracts/", include("zhengwu.contracts.urls")),
    path("decisions/", include("zhengwu.decisions.urls")),
    path("disputes/", include("zhengwu.disputes.urls")),
    path("proposals/", include("zhengwu.proposals.urls")),
    path("lawstudy/", include("zhengwu.lawstudy.urls")),
    path("assessment/", include("zhengwu.assessment.urls")),
    path("reports/", include("zhengwu.reports.urls")),
    path("dashboard/", include("zhengwu.dashboard.urls")),
    path("accounts/", include("zhengwu.org.urls")),
    path("api/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
