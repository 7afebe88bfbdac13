"""Law study and exams in the back office: shown, never edited by hand — every change goes
through the services (the workbench's pages), so each one is audited."""

from __future__ import annotations

from django.contrib import admin

from zhengwu.lawstudy.models import (
    Exam,
    ExamParticipation,
    ExamResult,
    ExamUnit,
    StudySession,
    TrainingCourse,
)
from zhengwu.workdays.admin import ReadOnlyAdminMixin


class ReadOnly(ReadOnlyAdminMixin, admin.ModelAdmin):
    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]


@admin.register(StudySession)
class StudySessionAdmin(ReadOnly):
    list_display = ["held_on", "kind", "topic", "attendee_count"]
    list_filter = ["kind"]
    search_fields = ["topic", "laws"]


@admin.register(TrainingCourse)
class TrainingCourseAdmin(ReadOnly):
    list_display = ["title", "kind", "starts_on", "hours", "participant_count"]
    list_filter = ["kind"]
    search_fields = ["title"]


@admin.register(ExamUnit)
class ExamUnitAdmin(ReadOnly):
    list_display = ["name", "kind", "department", "is_active"]
    list_filter = ["kind"]
    search_fields = ["name"]


class ParticipationInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = ExamParticipation
    fields = ["unit", "eligible", "participants", "passed"]
    readonly_fields = fields
    extra = 0


@admin.register(Exam)
class ExamAdmin(ReadOnly):
    list_display = ["title", "kind", "year", "held_on", "status"]
    list_filter = ["kind", "status"]
    inlines = [ParticipationInline]


@admin.register(ExamResult)
class ExamResultAdmin(ReadOnly):
    list_display = ["full_name", "exam", "unit", "score", "passed"]
    list_filter = ["passed"]
    exclude = ["id_number"]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields if f.name != "id_number"]
