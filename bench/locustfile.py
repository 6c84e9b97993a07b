"""Read scenarios for `make bench`: each run hits one path (BENCH_PATHS, separated by |,
chosen at random) so its figures can be compared with the bare view's."""

import os
import random

from locust import FastHttpUser, constant, task

PATHS = os.environ.get("BENCH_PATHS", "/bench/bare").split("|")


class Visitor(FastHttpUser):
    wait_time = constant(0)

    @task
    def read(self):
        path = random.choice(PATHS)  # noqa: S311 - load generation, not security
        self.client.get(path, name="page")
