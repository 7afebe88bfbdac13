"""How the supervision room names and opens enforcement objects."""

import pytest
from django.urls import reverse

from tests.enforcement.world import build_world, file_case
from zhengwu.enforcement import links

pytestmark = pytest.mark.django_db


def test_alerts_about_case_files_and_certificates_link_to_their_pages():
    w = build_world()
    case_file = file_case(w, number="多住建罚〔2026〕7号")
    label, url = links.case_file_links([str(case_file.pk)])[str(case_file.pk)]
    assert "多住建罚〔2026〕7号" in label and url == reverse(
        "enforcement:case_file", args=[case_file.pk]
    )
    certificate = w.officials[0].certificates.get()
    label, url = links.certificate_links([str(certificate.pk)])[str(certificate.pk)]
    assert certificate.number in label
    assert url == reverse("enforcement:official", args=[w.officials[0].pk])
