"""Read scenarios for `make bench`: each request picks one of the scenario's paths at random
(BENCH_PATHS, separated by |), with a session cookie for the signed-in scenarios.

Without BENCH_RATE every user asks again as soon as it is answered (the server's capacity);
with it, the users together ask BENCH_RATE requests a second (a load below capacity, where
the latency a visitor sees is measured: see bench/run.py)."""

import os
import random

from locust import FastHttpUser, constant, constant_throughput, task

PATHS = os.environ.get("BENCH_PATHS", "/bench/bare").split("|")
SESSION = os.environ.get("BENCH_SESSION", "")  # a signed-in scenario's session cookie
RATE = float(os.environ.get("BENCH_RATE") or 0)  # requests a second, all users together
USERS = int(os.environ.get("BENCH_USERS") or 1)


class Visitor(FastHttpUser):
    wait_time = constant_throughput(RATE / USERS) if RATE else constant(0)

    @task
    def read(self):
        path = random.choice(PATHS)  # noqa: S311 - load generation, not security
        headers = {"Cookie": f"sessionid={SESSION}"} if SESSION else None
        self.client.get(path, name="page", headers=headers)
