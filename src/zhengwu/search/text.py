"""Tokenising Chinese text for the search index, and parsing a query into its terms.

Both documents and queries are normalised the same way: OpenCC's Traditional→Simplified
conversion (``t2s``), Unicode NFKC (full-width letters and digits become ASCII) and lower case.
A query is also read with Taiwan's vocabulary (``tw2sp``: 資訊 → 信息) and either reading
matches.

The index keeps two token streams per field (see ``docs/decisions/0009-full-text-search.md``):

- **grams**, which guarantee recall: a run of Han characters becomes its overlapping character
  bigrams followed by its last character (``多伦县`` → ``多伦 伦县 县``), a one-character run
  becomes that character, a run of Latin letters or digits becomes one token (``2012``). A query
  term becomes a phrase over the same stream, so every text containing the term as a substring
  matches: a two-character term is one bigram, a longer one the phrase of its bigrams, a single
  character the prefix ``c*`` (each occurrence begins a bigram or ends a run);
- **words**, for ranking: jieba's search-mode segmentation (``rjieba.cut_for_search``) of the
  same text, words of two or more characters. A term that is also a jieba word of the document
  (工作 in 开展工作, not in 加工作坊) scores higher.
"""

from __future__ import annotations

import functools
import operator
import re
import unicodedata
from dataclasses import dataclass

import opencc
import rjieba

# Han ideographs (CJK Unified, Extension A, Compatibility) and Latin letters or digits; every
# other character (punctuation, spaces, symbols) separates tokens.
_RUN = re.compile(r"([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+)|([0-9a-z]+)")
_FULL_WIDTH = re.compile(r"[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\u3000]")
_HAN_WORD = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+\Z")
# Longest query kept (characters) and most terms: a search box is not a document.
_TERM_BREAK = re.compile(r"[\s,;，、；。！？!?]+")
MAX_QUERY_CHARS = 100
MAX_TERMS = 8


@functools.cache
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


@functools.cache
def _traditional() -> frozenset[str]:
    """The Han characters that OpenCC's ``t2s`` changes on their own."""
    chars = [chr(cp) for a, b in ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))
             for cp in range(a, b + 1)]  # fmt: skip
    converted = _converter("t2s").convert("\n".join(chars)).split("\n")
    return frozenset(c for c, s in zip(chars, converted, strict=True) if c != s)


def to_simplified(text: str) -> str:
    """Traditional → Simplified, character by character and by OpenCC's phrase table (text
    without any Traditional character is returned as it is, which is most of a county's)."""
    if _traditional().isdisjoint(text):
        return text
    return _converter("t2s").convert(text)


def normalise(text: str) -> str:
    """The form both documents and queries are indexed and matched in: Simplified, full-width
    letters and digits made ASCII (NFKC, only where there are some: it is slow on Han text),
    lower case."""
    text = to_simplified(text)
    if _FULL_WIDTH.search(text):
        text = unicodedata.normalize("NFKC", text)
    return text.lower()


def runs(text: str) -> list[tuple[bool, str]]:
    """The (is_han, run) pieces of already normalised ``text``, in order."""
    return [(bool(han), han or alnum) for han, alnum in _RUN.findall(text)]


def grams(text: str) -> str:
    """The gram stream of normalised ``text``, tokens separated by spaces."""
    out: list[str] = []
    for han, alnum in _RUN.findall(text):
        if alnum:
            out.append(alnum)
        elif len(han) == 1:
            out.append(han)
        else:
            out.extend(map(operator.add, han, han[1:]))
            out.append(han[-1])
    return " ".join(out)


def words(text: str) -> str:
    """jieba's search-mode words (two or more characters) of the Han runs of normalised text."""
    return " ".join(w for w in rjieba.cut_for_search(text) if len(w) > 1 and _HAN_WORD.match(w))


def document(title: str, document_number: str, keywords: str, body: str) -> tuple[str, ...]:
    """The four streams an item is indexed by: title grams, title words, body grams, body
    words. The title streams also hold the document number and the keywords."""
    head = normalise(f"{title}\n{document_number}\n{keywords}")
    text = normalise(body)
    return grams(head), words(head), grams(text), words(text)


@dataclass(frozen=True)
class Term:
    """One term of a query in one normalised reading: ``tokens``, the phrase it is in the gram
    stream (its last token a prefix when ``prefix``), and ``word``, the term itself when it is
    one run of Han characters (PostgreSQL also matches it among the words, for the ranking;
    FTS5 finds it there through the phrase itself)."""

    text: str
    tokens: tuple[str, ...]
    prefix: bool
    word: str | None


def _term(text: str) -> Term | None:
    pieces = runs(text)
    if not pieces:
        return None
    tokens: list[str] = []
    prefix = False
    for position, (han, run) in enumerate(pieces):
        last = position == len(pieces) - 1
        if not han or len(run) == 1:
            # 2012 finds 2012年 too, 78 finds 78号 (not 178); a last single Han character
            # begins a bigram or ends a run in the document
            tokens.append(run)
            prefix = last
        else:
            tokens.extend(map(operator.add, run, run[1:]))
            if not last:  # followed by a separator in the query: the run ends here
                tokens.append(run[-1])
    word = pieces[0][1] if len(pieces) == 1 and pieces[0][0] and len(pieces[0][1]) > 1 else None
    return Term(text=text, tokens=tuple(tokens), prefix=prefix, word=word)


@dataclass(frozen=True)
class Query:
    """A parsed search query: its terms, all of which must match; each term is a tuple of its
    readings (one, or two when Taiwan's vocabulary reads it differently), any of which may."""

    text: str
    terms: tuple[tuple[Term, ...], ...]

    @property
    def empty(self) -> bool:
        return not self.terms

    def highlight_terms(self) -> list[str]:
        """The normalised strings to mark in a hit's text, longest first."""
        seen = {t.text for alternatives in self.terms for t in alternatives}
        return sorted(seen, key=len, reverse=True)


def parse_query(text: str) -> Query:
    """Split the search box into terms (at spaces, commas, semicolons and sentence ends),
    normalised in one or two readings. Other punctuation stays inside a term and separates its
    runs: ``多政发〔2012〕78号`` is one term."""
    text = " ".join((text or "").split())[:MAX_QUERY_CHARS]
    terms: list[tuple[Term, ...]] = []
    for chunk in _TERM_BREAK.split(text):
        readings = [normalise(chunk)]
        taiwan = _converter("tw2sp").convert(chunk)
        if _FULL_WIDTH.search(taiwan):
            taiwan = unicodedata.normalize("NFKC", taiwan)
        taiwan = taiwan.lower()
        if taiwan != readings[0]:
            readings.append(taiwan)
        alternatives = tuple(t for t in map(_term, readings) if t is not None)
        if alternatives and alternatives not in terms:
            terms.append(alternatives)
    return Query(text=text, terms=tuple(terms[:MAX_TERMS]))


def documents(fields: list[tuple[str, str, str, str]]) -> list[tuple[str, ...]]:
    """``document`` for many items at once (title, document number, keywords, body each); run
    in worker processes by ``search.services.reindex``."""
    return [document(*f) for f in fields]
