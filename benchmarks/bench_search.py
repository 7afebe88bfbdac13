"""Chinese full-text search over published government information: zhengwu's index against
Whoosh with jieba and against a LIKE scan.

The data: N items (default 200,000) from ``disclosure.corpus`` (titles and bodies of 65
families of a county's information, 200–1,500 characters each), inserted with ``bulk_create``
in publication order.

zhengwu: ``search.services.reindex`` builds the index (timed); a query is
``search.selectors.search_items(q)``: the first page of 20 hits with the total, the category
facets and the highlighted titles and snippets.
Peers, in the same run:
(a) Whoosh 2.7.4 with jieba's ``ChineseAnalyzer`` (title, document number and keywords in a
    field boosted ×10, body in another), indexed in a temporary directory; a query is parsed by
    a ``MultifieldParser`` (terms ANDed), the first 20 hits are read with the total;
(b) a LIKE scan: ``title/body/keywords/document_number LIKE '%term%'`` for every term, in the
    same database, returning the whole matching set (newest first) and its first 20 items.

Each of ~40 queries (common, rare and two-character words, several terms, document numbers,
Traditional script) is run ``--repeat`` times per engine after a warm-up; a query's latency is
the median of its runs, and p50/p95 across the queries and the ratios are reported. For every
two-character query the set zhengwu finds must equal the LIKE scan's (recall). Also measured:
rjieba vs jieba segmentation speed on the corpus.

Run: ``.venv/bin/python benchmarks/bench_search.py --items 200000`` (a new SQLite database in
a temporary directory unless ``DATABASE_URL`` is set). With ``--workdir DIR`` the database and
the Whoosh index are built in DIR and kept, with the times their builds took (``built.json``); a
later run with the same DIR and size measures the queries again without rebuilding (the build
times reported are then those of the run that built them, and say so).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: benchmarks/ is a package of the checkout
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

# Common, mid-frequency and rare words; two-character words; several terms; Traditional script.
# Document numbers are added from the generated data (they depend on N).
QUERIES = [
    "工作", "管理", "服务", "建设", "发展", "通知",
    "乡村振兴", "安全生产", "食品安全", "营商环境", "应急预案", "行政处罚", "政府采购",
    "统计公报", "养老保险", "家庭医生",
    "草原补奖", "危房改造", "两癌筛查", "雨露计划", "禁牧休牧", "沙尘暴", "那达慕", "排污许可证",
    "草原", "低保", "征地", "招聘", "预算", "供热", "疫苗", "罚款", "采购", "暴雪", "公示",
    "乡村振兴 项目", "食品 抽检 不合格", "危房改造 补助", "森林草原 应急预案",
    "政府資訊", "規範性文件", "鄉村振興", "醫療衛生", "預算",
]  # fmt: skip
TRADITIONAL = {"政府資訊", "規範性文件", "鄉村振興", "醫療衛生", "預算"}
TWO_CHAR = [q for q in QUERIES if len(q) == 2 and q.isalpha() and q not in TRADITIONAL]
TOP = 20


def _percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    if not values:
        return 0.0
    k = (len(values) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def build_world():
    from zhengwu.disclosure.catalog import catalog_create_defaults
    from zhengwu.org.models import Division

    league, _ = Division.objects.get_or_create(
        code="159900000000", defaults={"name": "基准盟", "level": "league"}
    )
    county, _ = Division.objects.get_or_create(
        code="159902000000", defaults={"name": "多伦县", "level": "county", "parent": league}
    )
    catalog_create_defaults(actor=None, division=county)
    return county


# --- the peers -------------------------------------------------------------------------------


class WhooshPeer:
    def __init__(self, directory: str):
        self.directory = directory

    def build(self, items) -> None:
        import jieba
        from jieba.analyse import ChineseAnalyzer
        from whoosh import index
        from whoosh.fields import ID, TEXT, Schema

        jieba.setLogLevel(logging.WARNING)
        analyzer = ChineseAnalyzer()
        schema = Schema(
            id=ID(stored=True, unique=True),
            title=TEXT(analyzer=analyzer, stored=True, field_boost=10.0),
            body=TEXT(analyzer=analyzer),
        )
        ix = index.create_in(self.directory, schema)
        writer = ix.writer(limitmb=512)
        for pk, title, number, keywords, body in items:
            writer.add_document(id=str(pk), title=f"{title}\n{number}\n{keywords}", body=body)
        writer.commit()
        self.ix = ix

    def open(self) -> None:
        from whoosh.qparser import AndGroup, MultifieldParser

        self.searcher = self.ix.searcher()
        self.parser = MultifieldParser(["title", "body"], self.ix.schema, group=AndGroup)

    def search(self, q: str) -> tuple[int, list[int]]:
        results = self.searcher.search(self.parser.parse(q), limit=TOP)
        return len(results), [int(hit["id"]) for hit in results]

    def close(self) -> None:
        self.searcher.close()


def like_search(q: str) -> tuple[int, list[int]]:
    """Every matching published item, newest first; the first page's rows are read."""
    from django.db import connection

    terms = q.split()
    conditions, params = [], []
    for term in terms:
        conditions.append(
            "(title LIKE %s OR body LIKE %s OR keywords LIKE %s OR document_number LIKE %s)"
        )
        params += [f"%{term}%"] * 4
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id FROM disclosure_item WHERE status = 'published' AND "
            + " AND ".join(conditions)
            + " ORDER BY published_on DESC, id DESC",
            params,
        )
        ids = [row[0] for row in cursor.fetchall()]
        if ids:
            marks = ", ".join(["%s"] * len(ids[:TOP]))
            cursor.execute(
                f"SELECT id, title FROM disclosure_item WHERE id IN ({marks})", ids[:TOP]
            )
            cursor.fetchall()
    return len(ids), ids


def zhengwu_search(q: str) -> tuple[int, list[int]]:
    from zhengwu.search.selectors import search_items

    result = search_items(q, per_page=TOP)
    return result.total, [hit.item.pk for hit in result.hits]


def zhengwu_all(q: str) -> set[int]:
    """Every item zhengwu finds for ``q`` (for the recall check)."""
    from zhengwu.disclosure.models import Category
    from zhengwu.search import backends
    from zhengwu.search.text import parse_query

    parsed = parse_query(q)
    backend = backends.backend()
    tops = tuple(Category.objects.filter(parent__isnull=True).values_list("pk", flat=True))
    everything = backends.Filters(tops, everywhere=True)
    total = backend.count(parsed, everything)
    return set(backend.dated(parsed, everything, limit=total + 1, offset=0))


def two_char_words(rows, n: int, seed: int) -> list[str]:
    """``n`` two-character Han words drawn from the items' bodies (for the recall check)."""
    import random
    import re

    rng = random.Random(seed)
    han = re.compile(r"[\u4e00-\u9fff]{2,}")
    out: list[str] = []
    for _ in range(n * 20):
        if len(out) == n or not rows:
            break
        runs = han.findall(rng.choice(rows)[4])
        if runs:
            run = rng.choice(runs)
            start = rng.randrange(len(run) - 1)
            word = run[start : start + 2]
            if word not in out and word not in TWO_CHAR:
                out.append(word)
    return out


def segmentation_speed(texts: list[str]) -> dict:
    """rjieba vs jieba, search mode, on the same texts (after a warm-up of each)."""
    import jieba
    import rjieba

    jieba.setLogLevel(logging.WARNING)
    jieba.lcut_for_search("预热")
    rjieba.cut_for_search("预热")
    chars = sum(len(t) for t in texts)
    t0 = time.perf_counter()
    for t in texts:
        rjieba.cut_for_search(t)
    rust = time.perf_counter() - t0
    t0 = time.perf_counter()
    for t in texts:
        jieba.lcut_for_search(t)
    python = time.perf_counter() - t0
    return {
        "texts": len(texts),
        "characters": chars,
        "rjieba_seconds": round(rust, 3),
        "jieba_seconds": round(python, 3),
        "rjieba_chars_per_second": round(chars / rust) if rust else None,
        "jieba_chars_per_second": round(chars / python) if python else None,
        "ratio": round(python / rust, 1) if rust else None,
    }


# --- the run ---------------------------------------------------------------------------------


def _say(message: str, progress: bool) -> None:
    if progress:
        print(message, file=sys.stderr, flush=True)


def run(
    items: int,
    *,
    seed: int = 1,
    repeat: int = 3,
    progress: bool = False,
    segmentation_sample: int = 20_000,
    recall_sample: int = 40,
    publish: int = 2_000,
    cleanup: bool = True,
    workdir: Path | None = None,
) -> dict:
    from django.db import connection

    from zhengwu.disclosure.corpus import create_items
    from zhengwu.disclosure.models import Item
    from zhengwu.search import services

    county = build_world()
    built_file = workdir / "built.json" if workdir else None
    built = json.loads(built_file.read_text()) if built_file and built_file.exists() else None
    if built and built.get("items") == items and built.get("seed") == seed:
        ids = range(built["first_id"], built["last_id"] + 1)
        insert_seconds, index_seconds = built["insert_seconds"], built["zhengwu_index_seconds"]
        whoosh_index_seconds = built["whoosh_index_seconds"]
        _say(f"  reusing the {items:,} items and both indexes built in {workdir}", progress)
    else:
        built = None
        t0 = time.perf_counter()
        ids = create_items(county, items, seed=seed)
        insert_seconds = time.perf_counter() - t0
        _say(f"  {items:,} items inserted in {insert_seconds:.1f} s", progress)

        bar = None
        if progress:
            from tqdm import tqdm

            bar = tqdm(total=items, unit="item", desc="  zhengwu index", file=sys.stderr)

        def tick(done, total):
            if bar is not None:
                bar.update(done - bar.n)

        t0 = time.perf_counter()
        indexed = services.reindex(progress=tick)
        index_seconds = time.perf_counter() - t0
        if bar is not None:
            bar.close()
        _say(f"  zhengwu index: {indexed:,} items in {index_seconds:.1f} s", progress)

    rows = list(
        Item.objects.filter(pk__in=ids).order_by("pk")
        .values_list("pk", "title", "document_number", "keywords", "body")
    )  # fmt: skip
    numbers = sorted({r[2] for r in rows if r[2]})
    queries = list(QUERIES)
    if numbers:
        step = max(1, len(numbers) // 3)
        queries += [numbers[i] for i in range(0, len(numbers), step)][:3]
        queries.append(numbers[0].split("〔")[0])  # the number's prefix alone, e.g. 多政发

    whoosh_dir = str(workdir / "whoosh") if workdir else tempfile.mkdtemp(prefix="zhengwu-whoosh-")
    peer = WhooshPeer(whoosh_dir)
    if built:
        from whoosh import index

        peer.ix = index.open_dir(whoosh_dir)
    else:
        os.makedirs(whoosh_dir, exist_ok=True)
        t0 = time.perf_counter()
        peer.build(rows)
        whoosh_index_seconds = time.perf_counter() - t0
        _say(f"  Whoosh index: {whoosh_index_seconds:.1f} s", progress)
        if built_file:
            built_file.write_text(json.dumps({
                "items": items, "seed": seed, "first_id": ids[0], "last_id": ids[-1],
                "indexes_reused": bool(built),
        "insert_seconds": round(insert_seconds, 2),
                "zhengwu_index_seconds": round(index_seconds, 2),
                "whoosh_index_seconds": round(whoosh_index_seconds, 2),
            }))  # fmt: skip
    peer.open()

    engines = {"zhengwu": zhengwu_search, "whoosh": peer.search, "like": like_search}
    latencies: dict[str, list[float]] = {name: [] for name in engines}
    per_query = []
    for q in queries:
        entry = {"query": q}
        for name, search in engines.items():
            total, _first = search(q)  # warm-up
            samples = []
            for _ in range(repeat):
                t0 = time.perf_counter()
                total, _first = search(q)
                samples.append(time.perf_counter() - t0)
            latencies[name].append(statistics.median(samples))
            entry[name] = {"total": total, "ms": round(1000 * statistics.median(samples), 2)}
        per_query.append(entry)
        _say(
            f"  {q}: "
            + ", ".join(f"{n} {entry[n]['total']} in {entry[n]['ms']} ms" for n in engines),
            progress,
        )
    publishing = publishing_throughput(county, peer, publish, seed=seed)
    _say(
        f"  publishing {publishing['items']:,} new items: zhengwu"
        f" {publishing['zhengwu_items_per_second']:,.0f} items/s, Whoosh"
        f" {publishing['whoosh_items_per_second']:,.0f} items/s",
        progress,
    )
    peer.close()

    recall = []
    for q in TWO_CHAR + two_char_words(rows, recall_sample, seed):
        ours = zhengwu_all(q)
        _total, theirs = like_search(q)
        theirs = set(theirs)
        recall.append({"query": q, "zhengwu": len(ours), "like": len(theirs),
                       "missing": len(theirs - ours), "extra": len(ours - theirs)})  # fmt: skip

    texts = [f"{r[1]}\n{r[4]}" for r in rows[:segmentation_sample]]
    segmentation = segmentation_speed(texts)

    def summary(name):
        values = latencies[name]
        return {"p50_ms": round(1000 * _percentile(values, 0.5), 2),
                "p95_ms": round(1000 * _percentile(values, 0.95), 2),
                "max_ms": round(1000 * max(values), 2)}  # fmt: skip

    stats = {name: summary(name) for name in engines}
    result = {
        "benchmark": "search",
        "workload": f"full-text search over {items:,} published items, {len(queries)} queries",
        "database": connection.vendor,
        "items": items,
        "characters": sum(len(r[1]) + len(r[4]) for r in rows),
        "indexes_reused": bool(built),
        "insert_seconds": round(insert_seconds, 2),
        "zhengwu_index_seconds": round(index_seconds, 2),
        "whoosh_index_seconds": round(whoosh_index_seconds, 2),
        "queries": len(queries),
        "repeat": repeat,
        "latency": stats,
        "ratio_p50_whoosh": _ratio(stats["whoosh"]["p50_ms"], stats["zhengwu"]["p50_ms"]),
        "ratio_p95_whoosh": _ratio(stats["whoosh"]["p95_ms"], stats["zhengwu"]["p95_ms"]),
        "ratio_p50_like": _ratio(stats["like"]["p50_ms"], stats["zhengwu"]["p50_ms"]),
        "ratio_p95_like": _ratio(stats["like"]["p95_ms"], stats["zhengwu"]["p95_ms"]),
        "per_query": per_query,
        "recall_two_char": recall,
        "recall_mismatches": sum(r["missing"] + r["extra"] for r in recall),
        "segmentation": segmentation,
        "publishing": publishing,
    }
    if not workdir:
        shutil.rmtree(whoosh_dir, ignore_errors=True)
    if cleanup:
        _cleanup(ids)
    return result


def publishing_throughput(county, peer: WhooshPeer, n: int, *, seed: int) -> dict:
    """Index ``n`` newly published items into both existing indexes, as publishing does
    (zhengwu: ``item_index`` per item, all in one transaction; Whoosh: one writer, one
    commit), then take them out again. Measured in every run, on top of the full index."""
    from django.db import transaction

    from zhengwu.disclosure.corpus import create_items
    from zhengwu.disclosure.models import Item
    from zhengwu.search.services import item_index

    ids = create_items(county, n, seed=seed + 1_000)
    items = list(Item.objects.filter(pk__in=ids).order_by("pk"))
    t0 = time.perf_counter()
    with transaction.atomic():
        for item in items:
            item_index(item)
    zhengwu_seconds = time.perf_counter() - t0

    peer.searcher.close()
    t0 = time.perf_counter()
    writer = peer.ix.writer(limitmb=512)
    for item in items:
        writer.add_document(
            id=str(item.pk),
            title=f"{item.title}\n{item.document_number}\n{item.keywords}",
            body=item.body,
        )
    writer.commit()
    whoosh_seconds = time.perf_counter() - t0

    writer = peer.ix.writer()
    for item in items:
        writer.delete_by_term("id", str(item.pk))
    writer.commit()
    peer.open()
    _cleanup(ids)
    return {
        "items": len(items),
        "zhengwu_seconds": round(zhengwu_seconds, 3),
        "whoosh_seconds": round(whoosh_seconds, 3),
        "zhengwu_items_per_second": round(len(items) / zhengwu_seconds, 1),
        "whoosh_items_per_second": round(len(items) / whoosh_seconds, 1),
    }


def table(result: dict) -> list[dict]:
    """The result as rows of the benchmarks' common table (benchmarks/table.py)."""
    from benchmarks.table import Row, dicts

    lat = result["latency"]
    size = f"{result['items']:,} items, {result['queries']} queries ({result['database']})"
    rows = []
    for name, peer in (("whoosh", "Whoosh 2.7.4 + jieba ChineseAnalyzer"),
                       ("like", "LIKE scan, same full result set")):  # fmt: skip
        for metric in ("p50", "p95"):
            rows.append(
                Row(
                    benchmark="Search",
                    workload=size,
                    metric=f"{metric} latency",
                    unit="ms",
                    zhengwu=lat["zhengwu"][f"{metric}_ms"],
                    peer_name=peer,
                    peer=lat[name][f"{metric}_ms"],
                    min_ratio=10.0 if metric == "p95" else None,
                    max_value=50.0 if metric == "p95" else None,
                    target="≥ 10×, < 50 ms" if metric == "p95" else "",
                    note=f"{result['recall_mismatches']} recall mismatches"
                    if name == "like"
                    else "",
                )
            )
    built = "the run that built the indexes" if result["indexes_reused"] else "this run"
    rows.append(
        Row(
            benchmark="Search",
            workload=f"index build, {result['items']:,} items",
            metric="indexing throughput",
            unit="items/s",
            zhengwu=result["items"] / result["zhengwu_index_seconds"],
            peer_name="Whoosh 2.7.4 + jieba ChineseAnalyzer",
            peer=result["items"] / result["whoosh_index_seconds"],
            higher_is_better=True,
            note=f"measured by {built}",
        )
    )
    pub = result["publishing"]
    rows.append(
        Row(
            benchmark="Search",
            workload=f"publishing {pub['items']:,} new items into the full index",
            metric="indexing throughput",
            unit="items/s",
            zhengwu=pub["zhengwu_items_per_second"],
            peer_name="Whoosh 2.7.4 + jieba ChineseAnalyzer",
            peer=pub["whoosh_items_per_second"],
            higher_is_better=True,
        )
    )
    return dicts(rows)


def _ratio(peer: float, ours: float) -> float | None:
    return round(peer / ours, 1) if ours else None


def _cleanup(ids: range) -> None:
    from django.db import transaction

    from zhengwu.disclosure.models import Item
    from zhengwu.search.services import item_remove

    with transaction.atomic():
        for item in Item.objects.filter(pk__in=ids).only("pk"):
            item_remove(item)
        Item.objects.filter(pk__in=ids).delete()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=200_000, help="published items")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of each query")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--recall-sample",
        type=int,
        default=40,
        help="two-character words drawn from the corpus for the recall check",
    )
    parser.add_argument("--json", type=Path, help="also write the result here")
    parser.add_argument(
        "--workdir", type=Path, help="build (or reuse) the database and the Whoosh index here"
    )
    args = parser.parse_args(argv)

    if args.workdir:
        args.workdir.mkdir(parents=True, exist_ok=True)
    workdir = (
        str(args.workdir.resolve()) if args.workdir else tempfile.mkdtemp(prefix="zhengwu-bench-")
    )
    os.environ.setdefault("ZHENGWU_DATA_DIR", workdir)
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhengwu.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    result = run(
        args.items,
        seed=args.seed,
        repeat=args.repeat,
        recall_sample=args.recall_sample,
        progress=True,
        cleanup=False,
        workdir=args.workdir.resolve() if args.workdir else None,
    )
    lat = result["latency"]
    print(f"{result['workload']} on {result['database']}")
    print(
        f"  data: {result['items']:,} items, {result['characters']:,} characters;"
        f" inserted in {result['insert_seconds']:.1f} s"
    )
    print(
        f"  index build: zhengwu {result['zhengwu_index_seconds']:.1f} s,"
        f" Whoosh+jieba {result['whoosh_index_seconds']:.1f} s"
        + (" (measured by the run that built them)" if result["indexes_reused"] else "")
    )
    for name, label in (("zhengwu", "zhengwu (FTS)"), ("whoosh", "Whoosh + jieba"),
                        ("like", "LIKE scan")):  # fmt: skip
        print(
            f"  {label:15} p50 {lat[name]['p50_ms']:8.2f} ms   p95 {lat[name]['p95_ms']:8.2f} ms"
            f"   max {lat[name]['max_ms']:8.2f} ms"
        )
    print(
        f"  ratios: Whoosh/zhengwu p50 {result['ratio_p50_whoosh']}×, p95"
        f" {result['ratio_p95_whoosh']}×; LIKE/zhengwu p50 {result['ratio_p50_like']}×, p95"
        f" {result['ratio_p95_like']}×"
    )
    print(
        f"  recall on {len(result['recall_two_char'])} two-character queries against the LIKE"
        f" scan: {result['recall_mismatches']} mismatches"
    )
    seg = result["segmentation"]
    print(
        f"  segmentation (search mode, {seg['characters']:,} characters): rjieba"
        f" {seg['rjieba_seconds']} s, jieba {seg['jieba_seconds']} s: {seg['ratio']}×"
    )
    pub = result["publishing"]
    print(
        f"  publishing {pub['items']:,} new items: zhengwu {pub['zhengwu_items_per_second']:,.0f}"
        f" items/s, Whoosh {pub['whoosh_items_per_second']:,.0f} items/s"
    )
    result["table"] = table(result)
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=2, default=str))
    return 0 if result["recall_mismatches"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
