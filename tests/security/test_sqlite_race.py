"""Issue 18, finding 8: on SQLite (the demo database) two card holders racing get the same
"already recorded" answer as on PostgreSQL, never "database is locked"."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_card_holders_racing_on_sqlite_get_already_recorded(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_ENV", "REDIS_URL"}}
    env.update(
        DATABASE_URL=f"sqlite:///{tmp_path / 'demo.sqlite3'}", MEDIA_ROOT=str(tmp_path / "media")
    )
    result = subprocess.run(
        [sys.executable, "tests/security/sqlite_race.py"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    assert summary["vendor"] == "sqlite"
    assert summary["errors"] == []
    assert summary["payments"] == 1 and summary["paid"] == 1
    assert len(summary["refused"]) == 9
    assert all("already recorded this payment" in message for message in summary["refused"])
