"""Marking the query's terms in a hit's title and body, as safe HTML: every character of the
item's text is escaped, only the ``<mark>`` tags are ours."""

from __future__ import annotations

from html import escape  # Django's escape, without its lazy-string wrapper (a call per piece)

from django.utils.safestring import SafeString, mark_safe

from zhengwu.search.text import normalise


def _spans(text: str, terms: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """The text to show and the merged (start, end) spans of the terms in it.

    Terms are matched in the normalised text; when normalising kept every character in place
    (always for Simplified text) the original is shown, else the normalised text."""
    folded = normalise(text)
    shown = text if len(folded) == len(text) else folded
    found = []
    for term in terms:
        if not term:
            continue
        start = folded.find(term)
        while start != -1:
            found.append((start, start + len(term)))
            start = folded.find(term, start + len(term))
    found.sort()
    merged: list[tuple[int, int]] = []
    for start, end in found:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return shown, merged


def _html(text: str, spans: list[tuple[int, int]], start: int, end: int) -> str:
    out, at = [], start
    for s, e in spans:
        if e <= start or s >= end:
            continue
        s, e = max(s, start), min(e, end)
        out.append(escape(text[at:s]))
        out.append(f"<mark>{escape(text[s:e])}</mark>")
        at = e
    out.append(escape(text[at:end]))
    return "".join(out)


def marked(text: str, terms: list[str]) -> SafeString:
    """All of ``text`` with every occurrence of the terms marked."""
    shown, spans = _spans(text, terms)
    return mark_safe(_html(shown, spans, 0, len(shown)))  # noqa: S308 - escaped by _html


def snippet(text: str, terms: list[str], length: int = 120, before: int = 30) -> SafeString:
    """About ``length`` characters of ``text`` around the first occurrence of a term (its
    beginning when there is none), terms marked, line breaks as spaces."""
    shown, spans = _spans(" ".join(text.split("\n")), terms)
    start = max(0, spans[0][0] - before) if spans else 0
    end = min(len(shown), start + length)
    start = max(0, min(start, end - length))
    html = _html(shown, spans, start, end)
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(shown) else ""
    return mark_safe(prefix + html + suffix)  # noqa: S308 - escaped by _html
