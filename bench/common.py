"""What every benchmark script does first: a throwaway PostgreSQL database, migrated, and
Django set up against it in this process."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
POSTGRES = os.environ.get("BENCH_POSTGRES", "postgres://postgres:postgres@127.0.0.1:5432")


def fresh_database(name: str, **environment: str) -> dict:
    """Drop and create `name`, migrate it, set up Django; returns the environment (also
    applied to this process) for child processes."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "procurement_portal.settings",
        "DATABASE_URL": f"{POSTGRES}/{name}",
        **environment,
    }
    os.environ.update(env)
    subprocess.run(["dropdb", "--if-exists", "-h", "127.0.0.1", "-U", "postgres", name], check=True)
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", name], check=True)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=env, check=True
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    return env
