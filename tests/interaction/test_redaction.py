"""The redaction of a message before publication: every kind of personal data, and what stays."""

from __future__ import annotations

import pytest

from zhengwu.interaction.redaction import personal_data_found, redact


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Names after 姓名 / 我叫 / 联系人, up to where the sentence goes on.
        ("我叫王建国今年五十岁，家住北山村。", "我叫×××今年五十岁，家住北山村。"),
        ("我叫王芳。请问低保怎么申请？", "我叫×××。请问低保怎么申请？"),
        ("我叫李明想咨询医保报销。", "我叫×××想咨询医保报销。"),
        ("姓名：巴特尔 住址：大北沟镇", "姓名：××× 住址：大北沟镇"),
        ("联系人：乌日娜，谢谢。", "联系人：×××，谢谢。"),
        # 18-digit ID numbers, with a final X too; other long numbers (a bank card).
        ("身份证152531195806150024。", "身份证***。"),
        ("身份证号码15253119580615002X已提交", "身份证号码***已提交"),
        ("银行卡6222021234567890123", "银行卡***"),
        # Mobile numbers, written in several ways.
        ("手机13904791234", "手机***"),
        ("请拨 139 0479 1234 或 +86 13904791234 或 139-0479-1234", "请拨 *** 或 *** 或 ***"),
        # Landlines with an area code, and a local number after a telephone word.
        ("座机0479-4522345", "座机***"),
        ("电话（0479）4522345转801", "电话***"),
        ("办公室04794522345", "办公室***"),
        ("家里电话4522345，晚上打", "家里电话***，晚上打"),
        # E-mail addresses.
        ("邮箱 wang.jianguo@163.com 联系", "邮箱 *** 联系"),
        # Plate numbers: ordinary, new-energy, with a dot, lower case.
        ("车牌蒙H·12345被扣", "车牌***被扣"),
        ("我的车蒙HD12345和冀g67890", "我的车***和***"),
    ],
)
def test_personal_data_is_masked(text, expected):
    assert redact(text) == expected


def test_ordinary_numbers_dates_and_words_stay():
    text = "2026年10月8日起，投资12000000元，修路3.5公里，编号TS2026000123，电话费100元。"
    assert redact(text) == text
    assert personal_data_found(text) == []


def test_the_writers_own_name_is_masked_everywhere():
    text = "马秀英反映：马秀英的房屋登记被拖延。请回复马女士。"
    assert (
        redact(text, names=["马秀英", " ", "马"]) == "×××反映：×××的房屋登记被拖延。请回复马女士。"
    )


def test_a_whole_message():
    text = (
        "我叫马秀英，身份证152531195806150024，手机13904791234，邮箱ma@example.cn，"
        "车牌蒙H·A1234。今年在县医院住院，医保报销比例是多少？"
    )
    assert redact(text, names=["马秀英"]) == (
        "我叫×××，身份证***，手机***，邮箱***，车牌***。今年在县医院住院，医保报销比例是多少？"
    )


def test_what_a_text_still_contains_is_reported_by_kind():
    assert personal_data_found("我叫王芳，电话0479-4522345，邮箱a@b.cn") == [
        "email",
        "landline",
        "name",
    ]
    assert personal_data_found("身份证152531195806150024，蒙H12345，13904791234") == [
        "id_number",
        "mobile",
        "plate",
    ]
    assert personal_data_found("马秀英来信", names=["马秀英"]) == ["name"]
    assert personal_data_found(redact("我叫王芳，手机13904791234")) == []
    assert redact("") == "" and personal_data_found("") == []
