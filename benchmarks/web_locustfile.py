"""The load of the web benchmark: one page, requested again and again with no wait.

Started by ``benchmarks/bench_web.py`` as ``locust --headless`` (never imported: locust patches
the standard library with gevent). The page comes from the environment: ``ZHENGWU_BENCH_PATH``
(path and query), ``ZHENGWU_BENCH_NAME`` (its name in the statistics) and
``ZHENGWU_BENCH_EXPECT`` (text the answer must contain, or the request counts as failed).
Each simulated user keeps its cookies, as a browser does.
"""

import os

from locust import FastHttpUser, constant, task

PATH = os.environ["ZHENGWU_BENCH_PATH"]
NAME = os.environ.get("ZHENGWU_BENCH_NAME", PATH)
EXPECT = os.environ.get("ZHENGWU_BENCH_EXPECT", "").encode()


class Visitor(FastHttpUser):
    wait_time = constant(0)

    @task
    def page(self):
        with self.client.get(PATH, name=NAME, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
            elif EXPECT and EXPECT not in (response.content or b""):
                response.failure("the answer lacks the expected content")
