"""The registers' figures against numbers worked out by hand, and the section-4 table's totals
against its parts and a direct count of the records."""

import datetime

import pytest

from tests.reconsideration.world import accept, register
from zhengwu.assessment.indicators import registered_indicators
from zhengwu.disclosure import annual_report
from zhengwu.reconsideration import figures, services
from zhengwu.reconsideration.models import LitigationCase, ReconsiderationCase

pytestmark = pytest.mark.django_db
D = datetime.date


def decided(w, *, received, decision, on, respondent=None, **kwargs):
    case = accept(w, register(w, received=received, respondent=respondent, **kwargs),
                  day=received + datetime.timedelta(days=2))  # fmt: skip
    return services.case_decide(actor=w.legal, case=case, decision_type=decision, on=on)


def suit(w, number, *, filed, after_review=None, is_disclosure=False):
    return services.litigation_register(
        actor=w.legal, defendant=w.bureau, plaintiff="某公司", court="多伦县人民法院",
        court_number=number, contested_act="行政处罚", filed_on=filed, served_on=filed,
        after_review=after_review, is_disclosure=is_disclosure,
    )  # fmt: skip


@pytest.fixture
def year_2025(w):
    """Reconsideration: 2 maintained (maintain, dismiss), 2 corrected (revoke; confirm illegal,
    about disclosure), 3 other (withdrawn, refused, and a mediation of a 2024 case), 2 pending
    at the end of 2025 (accepted in December; decided in January 2026); one of 2026 only."""
    decided(w, received=D(2025, 3, 3), decision="maintain", on=D(2025, 5, 6))
    decided(w, received=D(2025, 4, 1), decision="dismiss", on=D(2025, 6, 3))
    revoked = decided(w, received=D(2025, 5, 6), decision="revoke", on=D(2025, 7, 1))
    decided(w, received=D(2025, 6, 2), decision="confirm_illegal", on=D(2025, 7, 15),
            respondent=w.land, is_disclosure=True)  # fmt: skip
    withdrawn = accept(w, register(w, received=D(2025, 7, 1)), day=D(2025, 7, 3))
    services.case_withdraw(actor=w.legal, case=withdrawn, on=D(2025, 8, 1))
    services.case_refuse(actor=w.legal, case=register(w, received=D(2025, 8, 4)),
                         reasons="超过申请期限", on=D(2025, 8, 6))  # fmt: skip
    decided(w, received=D(2024, 12, 16), decision="mediation", on=D(2025, 1, 10))
    accept(w, register(w, received=D(2025, 12, 15)), day=D(2025, 12, 17))
    decided(w, received=D(2025, 12, 22), decision="change", on=D(2026, 1, 20))
    decided(w, received=D(2026, 2, 2), decision="revoke", on=D(2026, 3, 2))
    # Litigation: direct — maintained; revoked then appealed (pending); withdrawn (other);
    # after reconsideration — maintained, about disclosure.
    s1 = suit(w, "(2025)行初1号", filed=D(2025, 3, 10))
    services.litigation_record_hearing(actor=w.legal, case=s1, held_on=D(2025, 4, 10),
                                       head_appeared=True, head_name="刘洋")  # fmt: skip
    services.litigation_record_judgment(actor=w.legal, case=s1, result="maintain",
                                        on=D(2025, 5, 10))  # fmt: skip
    s2 = suit(w, "(2025)行初2号", filed=D(2025, 4, 1))
    services.litigation_record_judgment(actor=w.legal, case=s2, result="revoke", on=D(2025, 6, 1))
    services.litigation_appeal(actor=w.legal, case=s2, court="中院", on=D(2025, 6, 10))
    s3 = suit(w, "(2025)行初3号", filed=D(2025, 5, 1))
    services.litigation_record_hearing(actor=w.legal, case=s3, held_on=D(2025, 6, 1))
    services.litigation_record_judgment(actor=w.legal, case=s3, result="withdrawn",
                                        on=D(2025, 6, 20))  # fmt: skip
    s4 = suit(w, "(2025)行初4号", filed=D(2025, 8, 1), after_review=revoked, is_disclosure=True)
    services.litigation_record_judgment(actor=w.legal, case=s4, result="maintain",
                                        on=D(2025, 10, 1))  # fmt: skip
    return w


def direct_count(year: int) -> dict:
    """The reconsideration columns counted record by record, in Python."""
    end = D(year, 12, 31)
    row = dict.fromkeys(figures.RESULT_COLUMNS, 0)
    for case in ReconsiderationCase.objects.all():
        if case.closed_on and case.closed_on.year == year:
            if case.decision_type in ("maintain", "dismiss"):
                row["maintained"] += 1
            elif case.decision_type in ("change", "revoke", "confirm_illegal", "confirm_invalid",
                                        "order_performance"):  # fmt: skip
                row["corrected"] += 1
            else:
                row["other"] += 1
        elif case.received_on <= end and (case.closed_on is None or case.closed_on > end):
            row["pending"] += 1
    row["total"] = row["maintained"] + row["corrected"] + row["other"] + row["pending"]
    return row


def test_the_section_4_table_totals_equal_their_parts_and_a_direct_count(year_2025):
    table = figures.results_table(year_2025.county, 2025)
    assert table["reconsideration"] == {
        "maintained": 2, "corrected": 2, "other": 3, "pending": 2, "total": 9}  # fmt: skip
    assert table["litigation_direct"] == {
        "maintained": 1, "corrected": 0, "other": 1, "pending": 1, "total": 3}  # fmt: skip
    assert table["litigation_after_review"] == {
        "maintained": 1, "corrected": 0, "other": 0, "pending": 0, "total": 1}  # fmt: skip
    for group in table.values():
        assert group["total"] == sum(group[c] for c in figures.RESULT_COLUMNS[:-1])
    assert table["reconsideration"] == direct_count(2025)
    assert figures.results_table(year_2025.county, 2026)["reconsideration"] == direct_count(2026)
    # Every suit counted once: concluded in 2025 or pending at its end.
    suits = table["litigation_direct"]["total"] + table["litigation_after_review"]["total"]
    assert suits == LitigationCase.objects.filter(filed_on__year=2025).count()
    # 2024: the December case was pending at the end of 2024.
    assert figures.results_table(year_2025.county, 2024)["reconsideration"]["pending"] == 1


def test_the_disclosure_report_reads_only_the_cases_about_disclosure(year_2025):
    county = year_2025.county
    recon = annual_report._figure("reconsideration", county, 2025, None)
    assert recon == {"maintained": 0, "corrected": 1, "other": 0, "pending": 0, "total": 1}
    after = annual_report._figure("litigation_after_review", county, 2025, None)
    assert after == {"maintained": 1, "corrected": 0, "other": 0, "pending": 0, "total": 1}
    direct = annual_report._figure("litigation_direct", county, 2025, None)
    assert direct["total"] == 0


def test_annual_figures_and_the_assessment_indicator(year_2025):
    w = year_2025
    result = figures.annual_figures(w.county, 2025)
    recon, suits = result["reconsideration"], result["litigation"]
    # Received in 2025: 8 (not the cases of December 2024 and of 2026); decided: maintain,
    # dismiss, revoke, confirm illegal and the 2024 case's mediation.
    assert (recon["received"], recon["decided"], recon["corrected"]) == (8, 5, 2)
    assert (recon["refused"], recon["withdrawn"], recon["correction_rate"]) == (1, 1, 40.0)
    assert recon["decided_on_time"] == 5 and recon["on_time_rate"] == 100.0
    assert recon["by_decision"] == {"maintain": 1, "dismiss": 1, "revoke": 1,
                                    "confirm_illegal": 1, "mediation": 1}  # fmt: skip
    assert (suits["received"], suits["decided"], suits["after_review"]) == (4, 3, 1)
    assert (suits["heard"], suits["head_appeared"], suits["head_appearance_rate"]) == (2, 1, 50.0)
    assert result["table"] == figures.results_table(w.county, 2025)
    indicator = registered_indicators()["reconsideration_corrected"]
    assert (indicator.unit, indicator.higher_is_better) == ("count", False)
    assert indicator.compute(w.county, 2025) == {w.bureau.pk: 1, w.land.pk: 1}
    assert indicator.compute(w.county, 2026) == {w.bureau.pk: 2}


def test_a_year_with_no_cases_is_all_zero(w):
    result = figures.annual_figures(w.county, 2012)
    assert result["reconsideration"]["received"] == 0
    assert result["reconsideration"]["correction_rate"] is None
    assert result["litigation"]["head_appearance_rate"] is None
    for group in result["table"].values():
        assert set(group.values()) == {0}


def test_on_time_reads_the_clock_that_ended_with_the_decision(w):
    # Accepted Monday 2 February 2026: due Friday 3 April. Decided 3 April: on time.
    on_time = accept(w, register(w, received=D(2026, 1, 28)), day=D(2026, 2, 2))
    services.case_decide(actor=w.legal, case=on_time, decision_type="maintain", on=D(2026, 4, 3))
    # Decided Tuesday 7 April: late.
    late = accept(w, register(w, received=D(2026, 1, 28)), day=D(2026, 2, 2))
    services.case_decide(actor=w.legal, case=late, decision_type="maintain", on=D(2026, 4, 7))
    # Simplified (due 4 March), converted on 20 February (its 30-day clock ends on time that
    # day), then decided on 7 April, after the ordinary 60 days: late.
    converted = accept(w, register(w, received=D(2026, 1, 28)), day=D(2026, 2, 2),
                       simplified=True)  # fmt: skip
    services.case_convert_to_ordinary(actor=w.legal, case=converted, reason="案情复杂",
                                      on=D(2026, 2, 20))  # fmt: skip
    services.case_decide(actor=w.legal, case=converted, decision_type="maintain",
                         on=D(2026, 4, 7))  # fmt: skip
    recon = figures.annual_figures(w.county, 2026)["reconsideration"]
    assert (recon["decided"], recon["decided_on_time"], recon["on_time_rate"]) == (3, 1, 33.3)
