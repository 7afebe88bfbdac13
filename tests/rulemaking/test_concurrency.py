"""Two numberings of the same issuer at once (PostgreSQL: real concurrent transactions)."""

from __future__ import annotations

import datetime
import threading

import pytest
from django.db import connection, connections

from tests.rulemaking.factories import DraftFactory, make_world
from zhengwu.rulemaking import services

D = datetime.date


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent transactions")
def test_two_concurrent_numberings_get_different_sequences():
    world = make_world()
    documents = []
    for _ in range(2):
        document = DraftFactory(world=world)
        services.document_submit_for_review(actor=world.drafter, document=document)
        services.document_review(actor=world.legal, document=document, opinion="pass",
                                 on=D(2012, 3, 1))  # fmt: skip
        services.document_adopt(actor=world.legal, document=document, meeting="常务会议",
                                on=D(2012, 3, 2))  # fmt: skip
        documents.append(document)
    barrier = threading.Barrier(2)
    errors: list[Exception] = []

    def sign(document):
        try:
            barrier.wait()
            services.document_sign(actor=world.legal, document=document, signed_by="县长",
                                   on=D(2012, 3, 5))  # fmt: skip
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=sign, args=(d,)) for d in documents]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    numbers = sorted(type(d).objects.get(pk=d.pk).document_number for d in documents)
    assert numbers == ["多政发〔2012〕1号", "多政发〔2012〕2号"]
