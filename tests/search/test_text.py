"""Tokenising and query parsing (no database)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from zhengwu.search.text import document, grams, normalise, parse_query, words


def test_traditional_becomes_simplified_and_full_width_becomes_ascii():
    assert normalise("政府資訊公開") == "政府资讯公开"
    assert normalise("多倫縣規範性文件") == "多伦县规范性文件"
    assert normalise("ＡＢＣ１２３號") == "abc123号"
    assert normalise("多伦县危房改造") == "多伦县危房改造"  # Simplified text is left as it is


def test_grams_are_bigrams_then_the_last_character_of_each_run():
    assert grams("多伦县2012年") == "多伦 伦县 县 2012 年"
    assert grams("多政发〔2012〕78号") == "多政 政发 发 2012 78 号"
    assert grams("工作，。！") == "工作 作"
    assert grams("") == ""


def test_words_are_jieba_words_of_two_characters_or_more():
    out = words("开展危房改造工作的通知").split()
    assert "危房" in out and "改造" in out and "工作" in out and "通知" in out
    assert "的" not in out


def test_a_document_puts_number_and_keywords_with_the_title():
    title_grams, _title_words, body_grams, _body_words = document(
        "关于做好供热工作的通知", "多政发〔2012〕78号", "供热", "正文內容"
    )
    assert "2012" in title_grams.split() and "78" in title_grams.split()
    assert body_grams == "正文 文内 内容 容"  # 內 normalised to 内


def test_a_traditional_query_is_also_read_with_taiwan_vocabulary():
    query = parse_query("政府資訊 規範性文件")
    readings = [{t.text for t in alternatives} for alternatives in query.terms]
    assert readings == [{"政府资讯", "政府信息"}, {"规范性文件", "规范性文档"}]


def test_a_document_number_is_one_term_and_commas_split_terms():
    query = parse_query("多政发〔2012〕78号，危房改造")
    assert [alts[0].tokens for alts in query.terms] == [
        ("多政", "政发", "发", "2012", "78", "号"),
        ("危房", "房改", "改造"),
    ]
    assert query.terms[0][0].prefix and not query.terms[1][0].prefix
    assert query.terms[1][0].word == "危房改造"


def test_punctuation_only_queries_are_empty():
    assert parse_query("").empty
    assert parse_query("  ！？，。 ").empty
    assert not parse_query("县").empty


def _phrase_in(tokens: list[str], phrase: tuple[str, ...], prefix: bool) -> bool:
    n = len(phrase)
    for i in range(len(tokens) - n + 1):
        head = tokens[i : i + n - 1] == list(phrase[:-1])
        last = tokens[i + n - 1]
        if head and (last.startswith(phrase[-1]) if prefix else last == phrase[-1]):
            return True
    return False


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet="工作县政府多伦，2０A〔〕 ", min_size=1, max_size=30),
    st.integers(0, 29),
    st.integers(1, 6),
)
def test_every_substring_is_found_by_its_phrase(text, start, length):
    """The guarantee the index rests on: any piece of a document, as a query, is a phrase of
    the document's gram stream (a single character a prefix)."""
    piece = text[start : start + length].strip(" ，")
    query = parse_query(piece)
    if query.empty or len(query.terms) > 1:
        return
    term = query.terms[0][0]
    if not term.text[0].isascii() and not term.text[-1].isascii():
        stream = grams(normalise(text)).split()
        assert _phrase_in(stream, term.tokens, term.prefix), (text, piece, term)
