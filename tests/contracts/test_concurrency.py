"""Two submissions of the same contract at once (PostgreSQL: real concurrent transactions):
the row lock serialises them, the second finds the contract submitted and is refused; one
review, one clock."""

from __future__ import annotations

import datetime
import threading

import pytest
from django.db import connection, connections

from tests.contracts.factories import create, make_world
from zhengwu.common.errors import IllegalTransition
from zhengwu.contracts import services
from zhengwu.contracts.models import ContractReview
from zhengwu.workdays.models import Clock

D = datetime.date


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent transactions")
def test_two_concurrent_submissions_make_one_review():
    world = make_world()
    contract = create(world, on=D(2012, 3, 1))
    barrier = threading.Barrier(2)
    errors: list[Exception] = []

    def submit():
        try:
            barrier.wait()
            services.contract_submit(actor=world.staff, contract=contract, on=D(2012, 3, 1))
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(errors) == 1 and isinstance(errors[0], IllegalTransition)
    assert ContractReview.objects.filter(contract=contract).count() == 1
    assert Clock.objects.filter(purpose=services.REVIEW).count() == 1
