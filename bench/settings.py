"""Settings for the load benchmark: the real settings, plus a bare view to compare with and
a header that counts the SQL queries of each request."""

from procurement_portal.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
MIDDLEWARE = ["bench.middleware.QueryCountMiddleware", *MIDDLEWARE]  # noqa: F405
