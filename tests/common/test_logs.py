"""Logs never hold an ID or a mobile number in full (zhengwu.common.logs)."""

import os
import subprocess
import sys

from zhengwu.common.logs import mask_personal_data

ID = "152531196001010010"
PHONE = "13912345678"


def test_id_and_mobile_numbers_are_masked_by_shape():
    assert mask_personal_data(f"申请人 {ID}，电话 {PHONE}。") == (
        "申请人 152531********0010，电话 139****5678。"
    )
    # Other numbers stay as they are.
    assert mask_personal_data("件号 2026120400001，金额 50.00，座机 0476-4522138") == (
        "件号 2026120400001，金额 50.00，座机 0476-4522138"
    )


def test_every_configured_log_masks_the_message_and_the_traceback(tmp_path):
    code = (
        "import django, logging; django.setup()\n"
        f"logging.getLogger('zhengwu.cases').warning('applicant %s phone %s', '{ID}', '{PHONE}')\n"
        "try:\n"
        f"    raise ValueError('bad id {ID}')\n"
        "except ValueError:\n"
        "    logging.getLogger('django.request').exception('failed')\n"
        f"logging.getLogger('django.server').info('\"GET /track?phone={PHONE} HTTP/1.1\" 200')\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("ZHENGWU_")}
    env.update({"ZHENGWU_DATA_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "zhengwu.settings"})
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    logged = done.stderr
    assert "applicant 152531********0010 phone 139****5678" in logged
    assert "bad id 152531********0010" in logged and "Traceback" in logged
    assert "/track?phone=139****5678" in logged
    assert ID not in logged and PHONE not in logged
