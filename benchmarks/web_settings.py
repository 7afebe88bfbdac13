"""Settings of the web benchmark's server (``benchmarks/bench_web.py``): zhengwu's own, with a
urlconf that adds a bare Django view beside the real pages, and no debug mode."""

import os

from zhengwu.settings import *  # noqa: F403
from zhengwu.settings import CACHES

ROOT_URLCONF = "benchmarks.web_urls"
# Debug mode would record every query of every request in memory and slow every page down.
DEBUG = False
# A shared cache (Redis) gets a prefix of its own per run, so that no page cached by an earlier
# run against another database is ever served.
CACHES["default"]["KEY_PREFIX"] = os.environ.get("ZHENGWU_BENCH_CACHE_PREFIX", "zhengwu-bench")
