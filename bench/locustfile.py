"""Read scenarios for `make bench`: each request picks one of the scenario's paths at random
(BENCH_PATHS, separated by |), with a session cookie for the signed-in scenarios.

Without BENCH_RATE every user asks again as soon as it is answered (the server's capacity).
With it, the users together ask BENCH_RATE requests a second, at random moments (Poisson
arrivals): a load below capacity, where the latency a visitor sees is measured (see
bench/run.py). Fixed intervals kept the 50 users in step, arriving together, and the
bare view's median rose from 5 ms with 5 users to 37 ms with 50 at the same rate."""

import os
import random
import time

import gevent
from locust import FastHttpUser, task

PATHS = os.environ.get("BENCH_PATHS", "/bench/bare").split("|")
SESSION = os.environ.get("BENCH_SESSION", "")  # a signed-in scenario's session cookie
RATE = float(os.environ.get("BENCH_RATE") or 0)  # requests a second, all users together
USERS = int(os.environ.get("BENCH_USERS") or 1)


class Visitor(FastHttpUser):
    next_at = 0.0  # when this user's next request is due (paced runs)

    def on_start(self) -> None:
        # The first request at a random moment too: all 50 at once made a queue at the start
        # that was the p95 of a 20-second run.
        if RATE:
            gevent.sleep(self.wait_time())

    def wait_time(self) -> float:
        if not RATE:
            return 0.0
        now = time.monotonic()
        # Due a random interval after the previous one was due (not after it was answered),
        # catching up at most a second after a stall.
        self.next_at = max(self.next_at, now - 1.0) + random.expovariate(RATE / USERS)  # noqa: S311
        return max(0.0, self.next_at - now)

    @task
    def read(self):
        path = random.choice(PATHS)  # noqa: S311 - load generation, not security
        headers = {"Cookie": f"sessionid={SESSION}"} if SESSION else None
        self.client.get(path, name="page", headers=headers)
