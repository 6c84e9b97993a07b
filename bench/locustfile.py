"""Read scenarios for `make bench`: each request picks one of the scenario's paths at random
(BENCH_PATHS, separated by |), with a session cookie for the signed-in scenarios."""

import os
import random

from locust import FastHttpUser, constant, task

PATHS = os.environ.get("BENCH_PATHS", "/bench/bare").split("|")
SESSION = os.environ.get("BENCH_SESSION", "")  # a signed-in scenario's session cookie


class Visitor(FastHttpUser):
    wait_time = constant(0)

    @task
    def read(self):
        path = random.choice(PATHS)  # noqa: S311 - load generation, not security
        headers = {"Cookie": f"sessionid={SESSION}"} if SESSION else None
        self.client.get(path, name="page", headers=headers)
