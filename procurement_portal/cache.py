"""A Redis cache that degrades instead of failing.

Redis holds the cache and the session copies (the database holds the sessions themselves,
`cached_db`). When Redis is down, a page must still work: reads miss, writes are skipped,
and the database answers. Without this, every request would fail with a connection error
while Redis restarts (found by the Redis-outage fault drill)."""

import logging

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)
UNAVAILABLE = (RedisConnectionError, RedisTimeoutError, OSError)


class OneClientPerPool(RedisCacheClient):
    """Django builds a new `redis.Redis` for every cache call, and redis-py fills a dict of
    about 170 response callbacks in each one: about 0.2 ms of Python per call, paid some 20
    times by a list page (docs/benchmarks.md). A `redis.Redis` is safe to share between
    threads (it takes a connection from its pool for each command), so keep one per pool."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients: dict[int, object] = {}

    def get_client(self, key=None, *, write=False):
        # Django's own private helpers, which django-stubs does not describe.
        pool = self._get_connection_pool(write)  # type: ignore[attr-defined]
        client = self._clients.get(id(pool))
        if client is None:
            client = self._client(connection_pool=pool)  # type: ignore[attr-defined]
            self._clients[id(pool)] = client
        return client


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = OneClientPerPool

    def _guard(self, operation: str, default, call, *args, **kwargs):
        try:
            return call(*args, **kwargs)
        except UNAVAILABLE as error:
            logger.warning("cache unavailable for %s: %s", operation, error)
            return default

    def get(self, key, default=None, version=None):
        return self._guard("get", default, super().get, key, default, version)

    def get_many(self, keys, version=None):
        return self._guard("get_many", {}, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._guard("has_key", False, super().has_key, key, version)

    def set(self, key, value, timeout=None, version=None):  # noqa: A003 - Django's API
        return self._guard("set", None, super().set, key, value, timeout, version)

    def add(self, key, value, timeout=None, version=None):
        return self._guard("add", False, super().add, key, value, timeout, version)

    def set_many(self, data, timeout=None, version=None):
        return self._guard("set_many", list(data), super().set_many, data, timeout, version)

    def touch(self, key, timeout=None, version=None):
        return self._guard("touch", False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._guard("delete", False, super().delete, key, version)

    def delete_many(self, keys, version=None):
        return self._guard("delete_many", None, super().delete_many, keys, version)

    def incr(self, key, delta=1, version=None):
        # A rate-limit counter that cannot count lets the request through.
        return self._guard("incr", delta, super().incr, key, delta, version)
