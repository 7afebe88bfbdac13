"""Query counts of the law-study registers: study sessions, training courses, exam units,
exams, one exam's participation and results, their XLSX exports and the API lists."""

from __future__ import annotations

import datetime
from itertools import count

import pytest
from django.test import Client

from tests.factories import DepartmentFactory
from tests.lawstudy.world import build_world, id_number
from tests.querycount import assert_constant_queries, covers
from zhengwu.lawstudy import services
from zhengwu.lawstudy.models import ExamUnit

pytestmark = pytest.mark.django_db
D = datetime.date
_n = count(1)


@pytest.fixture
def w():
    return build_world()


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def study_sessions(w):
    def grow(n):
        topics = []
        for _ in range(n):
            i = next(_n)
            session = services.session_record(
                actor=w.legal, division=w.county, kind="standing_meeting",
                held_on=D(2025, 3, 1 + i % 28), topic=f"第{i}次学法专题",
                laws=[f"法律{i}", "行政许可法"], lecturer=f"讲师{i}", attendee_count=20,
            )  # fmt: skip
            topics.append(session.topic)
        return topics

    return grow


def training_courses(w):
    def grow(n):
        titles = []
        for _ in range(n):
            i = next(_n)
            course = services.course_record(
                actor=w.legal, division=w.county, title=f"第{i}期执法培训班",
                organiser=f"主办单位{i}", kind="enforcement", starts_on=D(2025, 4, 1),
                ends_on=D(2025, 4, 3), hours=16, participant_count=30,
            )  # fmt: skip
            titles.append(course.title)
        return titles

    return grow


def exam_units(w):
    def grow(n):
        names = []
        for _ in range(n):
            i = next(_n)
            department = DepartmentFactory(division=w.county, name=f"多伦县考试局{i}")
            unit = services.unit_register(actor=w.legal, division=w.county, name=department.name,
                                          kind="administrative", department=department)  # fmt: skip
            names.append(unit.name)
        return names

    return grow


def law_exams(w):
    def grow(n):
        titles = []
        for _ in range(n):
            i = next(_n)
            exam = services.exam_create(actor=w.legal, division=w.county, kind="enforcement",
                                        year=2025, title=f"第{i}次专项考试",
                                        held_on=D(2025, 6, 1))  # fmt: skip
            titles.append(exam.title)
        return titles

    return grow


def participation(w):
    def grow(n):
        names = []
        units = exam_units(w)
        for name in units(n):
            unit = ExamUnit.objects.get(division=w.county, name=name)
            services.participation_record(actor=w.legal, exam=w.exam, unit=unit, eligible=30,
                                          participants=28, passed=27)  # fmt: skip
            names.append(name)
        return names

    return grow


def results(w):
    def grow(n):
        names = []
        for _ in range(n):
            i = next(_n)
            unit = w.finance_unit if i % 2 else w.housing_unit
            result = services.result_record(actor=w.legal, exam=w.exam, full_name=f"考生{i}",
                                            id_number=id_number(i), unit=unit,
                                            score=60 + i % 40)  # fmt: skip
            names.append(result.full_name)
        return names

    return grow


@covers("lawstudy:sessions")
def test_sessions(w):
    assert_constant_queries(client_for(w.legal), "/lawstudy/sessions/", study_sessions(w))


@covers("/api/lawstudy/sessions")
def test_api_sessions(w):
    assert_constant_queries(client_for(w.legal), "/api/lawstudy/sessions", study_sessions(w))


@covers("lawstudy:courses")
def test_courses(w):
    assert_constant_queries(client_for(w.legal), "/lawstudy/courses/", training_courses(w))


@covers("/api/lawstudy/courses")
def test_api_courses(w):
    assert_constant_queries(client_for(w.legal), "/api/lawstudy/courses", training_courses(w))


@covers("lawstudy:export")
@pytest.mark.parametrize("what", ["sessions", "courses"])
def test_register_export(w, what):
    grow = study_sessions(w) if what == "sessions" else training_courses(w)
    assert_constant_queries(client_for(w.legal), f"/lawstudy/export/{what}.xlsx", grow)


@covers("lawstudy:units")
def test_units(w):
    assert_constant_queries(client_for(w.legal), "/lawstudy/units/", exam_units(w))


@covers("lawstudy:exams")
def test_exams(w):
    assert_constant_queries(client_for(w.legal), "/lawstudy/exams/", law_exams(w))


@covers("/api/lawstudy/exams")
def test_api_exams(w):
    assert_constant_queries(client_for(w.legal), "/api/lawstudy/exams", law_exams(w))


@covers("lawstudy:exam")
@pytest.mark.parametrize("rows", ["participation", "results"])
def test_an_exams_page(w, rows):
    grow = participation(w) if rows == "participation" else results(w)
    assert_constant_queries(client_for(w.legal), f"/lawstudy/exams/{w.exam.pk}/", grow)


@covers("lawstudy:exam_export")
@pytest.mark.parametrize("rows", ["participation", "results"])
def test_an_exams_export(w, rows):
    grow = participation(w) if rows == "participation" else results(w)
    assert_constant_queries(client_for(w.legal), f"/lawstudy/exams/{w.exam.pk}/export.xlsx", grow)


@covers("/api/lawstudy/exams/{exam_id}/participation")
def test_api_participation(w):
    url = f"/api/lawstudy/exams/{w.exam.pk}/participation"
    assert_constant_queries(client_for(w.legal), url, participation(w))
