import time

from procurement_portal.cache import ResilientRedisCache
from tests.integration.conftest import free_port


def test_a_dead_redis_makes_misses_not_errors():
    cache = ResilientRedisCache(
        f"redis://127.0.0.1:{free_port()}/0",
        {"OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2}},
    )
    started = time.monotonic()
    assert cache.get("session", "fallback") == "fallback"
    assert cache.get_many(["a", "b"]) == {}
    assert cache.set("k", "v") is None
    assert cache.add("k", "v") is False
    assert cache.incr("attempts") == 1  # a rate-limit counter lets the request through
    assert cache.delete("k") is False
    assert time.monotonic() - started < 5
