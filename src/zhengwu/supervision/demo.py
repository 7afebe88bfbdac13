"""The demo county's supervision: the fees its centre collected, and today's alerts and notices.

The seed: by the end of 2012 the county administrative service centre had collected 50 million
yuan centrally (集中收费5000万元). So every historic case approved at the county centre on a matter
with fees (``catalog.demo.COMMON_FEES`` and the generated licences' certificate fees) has its fees
charged at the standard on the day it was completed — except the charges waived (减免: public
interest projects, low-income applicants, …), chosen so that the fees charged up to 31 December 2012
come to exactly 50,000,000.00 yuan: large fees waived at random down to a small reserve, which
the waived small fees then make up exactly. Receipt numbers run per year in order of
charging. Everything is inserted in bulk and deterministic.

Then, through the services and on the current cases: one fee charged off the standard (so the
``fee_mismatch`` rule has something to show), a sweep for today (the dashboard's yellow and red
alerts), and two supervision notices by the demo supervisor — one replied by the department, one
still awaiting its reply.
"""

from __future__ import annotations

import datetime
import random
from collections import defaultdict
from decimal import Decimal

from django.db.models import Count
from django.utils import timezone

from zhengwu.cases.models import Case, Decision
from zhengwu.catalog.models import Fee
from zhengwu.common.audit import audit_record
from zhengwu.demo.registry import DemoContext
from zhengwu.org.models import ServiceCentre, User
from zhengwu.org.roles import Role
from zhengwu.org.selectors import home_county
from zhengwu.supervision import services
from zhengwu.supervision.fees import fees_collected_to
from zhengwu.supervision.models import Alert, FeeCharge, Severity
from zhengwu.supervision.sweep import sweep

COLLECTED_TO = datetime.date(2012, 12, 31)
COLLECTED = Decimal("50000000.00")
SMALL_FEE = 200  # yuan: fees up to this make up the last of the exact total
RESERVE = 1000  # yuan left for the small fees to make up

# The current case charged off the standard: (project label in cases.demo, fee item, amount).
OFF_STANDARD = ("职工宿舍楼", "人防工程易地建设费", Decimal("5000.00"))


def _receipt(year: int, serial: int) -> str:
    return f"NM{year}{serial:07d}"


def _waived(amounts: list[int], excess: int, rng: random.Random) -> set[int]:
    """The indices of the charges to waive so that exactly ``excess`` yuan is left out."""
    order = list(range(len(amounts)))
    rng.shuffle(order)
    waived: set[int] = set()
    small: dict[int, list[int]] = defaultdict(list)
    for i in order:
        if amounts[i] <= SMALL_FEE:
            small[amounts[i]].append(i)
        elif amounts[i] <= excess - RESERVE:
            waived.add(i)
            excess -= amounts[i]
    # The rest exactly, from the small fees: bounded subset sum over their denominations.
    groups = sorted(small.items())
    reachable = [True] + [False] * excess
    taken = []  # per denomination, how many of it reach each sum
    for amount, members in groups:
        used = [0] * (excess + 1)
        for total in range(amount, excess + 1):
            before = total - amount
            if not reachable[total] and reachable[before] and used[before] < len(members):
                reachable[total], used[total] = True, used[before] + 1
        taken.append(used)
    if not reachable[excess]:
        raise RuntimeError(f"The demo's small fees cannot make up the last {excess} yuan.")
    for (amount, members), used in zip(reversed(groups), reversed(taken), strict=True):
        n = used[excess]
        waived.update(members[:n])
        excess -= n * amount
    return waived


def _historic(ctx: DemoContext, county) -> dict:
    """The fees of the historic cases approved at the county centre, totalling ``COLLECTED``."""
    fees: dict[int, list[tuple[int, Decimal]]] = defaultdict(list)
    for pk, version, amount in (
        Fee.objects.filter(
            amount__isnull=False,
            version__department__division=county,
            version__in_service_centre=True,
        )
        .order_by("version_id", "position", "pk")
        .values_list("pk", "version_id", "amount")
    ):
        fees[version].append((pk, amount))
    cases = (
        Case.objects.filter(
            handling_centre__kind=ServiceCentre.Kind.COUNTY_CENTRE,
            decision=Decision.APPROVE,
            completed_on__lte=COLLECTED_TO,
            power_version_id__in=list(fees),
        )
        .order_by("pk")
        .values_list("pk", "power_version_id", "completed_on", "accepted_by_id")
    )
    charges = [
        (case, fee, amount, day, clerk)
        for case, version, day, clerk in cases
        for fee, amount in fees[version]
    ]
    if any(amount != int(amount) for _c, _f, amount, _d, _u in charges):
        raise RuntimeError("The demo's fee standards are whole yuan.")
    amounts = [int(amount) for _c, _f, amount, _d, _u in charges]
    excess = sum(amounts) - int(COLLECTED)
    if excess < 0:
        raise RuntimeError(f"The demo's cases can only be charged {sum(amounts)} yuan.")
    waived = _waived(amounts, excess, random.Random(50_000_000))  # noqa: S311 - demo data
    kept = sorted(
        (c for i, c in enumerate(charges) if i not in waived), key=lambda c: (c[3], c[0], c[1])
    )
    serials: dict[int, int] = defaultdict(int)
    rows = []
    for case, fee, amount, day, clerk in kept:
        serials[day.year] += 1
        rows.append(
            FeeCharge(
                case_id=case,
                fee_id=fee,
                amount=amount,
                standard=amount,
                receipt_number=_receipt(day.year, serials[day.year]),
                charged_on=day,
                charged_by_id=clerk,
            )
        )
    FeeCharge.objects.bulk_create(rows, batch_size=2000)
    ctx.step(f"{len(rows)} fees charged on historic cases, {len(waived)} waived")
    return {"charged": len(rows), "waived": len(waived), "cases": len({c[0] for c in kept})}


def _current(ctx: DemoContext) -> dict:
    """A fee off the standard, today's sweep, and two supervision notices."""
    users = {u.username: u for u in User.objects.filter(username__in=["clerk", "supervisor"])}
    label, item, amount = OFF_STANDARD
    case = Case.objects.select_related("department__division").get(form_data__project=label)
    today_year = timezone.localdate().year
    for n, fee in enumerate(case.power_version.fees.order_by("position"), start=1):
        services.fee_charge(
            actor=users["clerk"],
            case=case,
            fee=fee,
            amount=amount if fee.item == item else fee.amount,
            receipt_number=_receipt(today_year, n),
        )
    result = sweep()
    ctx.step(f"sweep: {result.total_raised} alerts raised, {result.total_cleared} cleared")

    supervisor = users["supervisor"]
    late = Alert.objects.filter(status=Alert.Status.OPEN, rule__code="co_review_late").first()
    replied = services.notice_issue(
        actor=supervisor,
        alert=late,
        content="该案联合审查已超过环节时限，请说明超时原因，并于限期内出具审查意见。",
    )
    replier = (
        User.objects.filter(department=replied.department, groups__name=Role.REVIEWER)
        .order_by("pk")
        .first()
    )
    services.notice_reply(
        actor=replier,
        notice=replied,
        reply="超时系承办人外出现场核查所致。已安排专人两个工作日内出具联合审查意见，"
        "并建立联合审查件每日提醒制度。",
    )
    fee_alert = Alert.objects.get(status=Alert.Status.OPEN, rule__code="fee_mismatch", case=case)
    awaiting = services.notice_issue(
        actor=supervisor,
        alert=fee_alert,
        content=f"该案{item}按{amount:.0f}元收取，与收费标准不符。"
        "请核查有无减免批准文件，说明情况并依规补收或退还。",
    )
    ctx.step(f"supervision notices {replied.number} (replied) and {awaiting.number} (awaiting)")
    colours = dict(
        Alert.objects.filter(status=Alert.Status.OPEN)
        .values_list("severity")
        .annotate(n=Count("pk"))
    )
    return {
        "open_alerts": {s: colours.get(s, 0) for s in Severity.values},
        "notices": [replied.number, awaiting.number],
    }


def load(ctx: DemoContext) -> None:
    county = home_county()
    counts = _historic(ctx, county)
    total = fees_collected_to(COLLECTED_TO)
    if total != COLLECTED:
        raise RuntimeError(f"The demo's fees to {COLLECTED_TO} are {total}, not {COLLECTED}.")
    ctx.step(f"{total:,} yuan collected by {COLLECTED_TO}")
    current = _current(ctx)
    audit_record(
        actor=None,
        action="demo_load_supervision",
        object_type="supervision.feecharge",
        object_id="*",
        detail={**counts, "collected_to_2012": str(total), **current},
        division=county,
    )
