"""Issue 15: where SQLite serves the demo, search behaves like PostgreSQL's full-text search
(FTS5: words and their stems, accents ignored, titles ranked first), not a substring match."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from opportunities.search_sqlite import fts_query

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    folder = tmp_path_factory.mktemp("sqlite-search")
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_ENV", "REDIS_URL"}}
    env.update(
        DATABASE_URL=f"sqlite:///{folder / 'demo.sqlite3'}",
        MEDIA_ROOT=str(folder / "media"),
        CELERY_TASK_ALWAYS_EAGER="1",
    )
    done = subprocess.run(
        [sys.executable, "tests/opportunities/sqlite_search.py"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    summary = json.loads(done.stdout.strip().splitlines()[-1])
    assert summary["vendor"] == "sqlite"
    return summary["results"]


def test_words_and_their_stems_match_and_titles_rank_first(results):
    # "translated" in the audit's summary is a stem of "translation": both match, the one
    # with the word in its title first; the draft is never found.
    assert results["translation"] == ["Translation of a guide", "Accessibility audit"]
    assert results["translated"] == ["Translation of a guide", "Accessibility audit"]


def test_accents_and_case_do_not_matter(results):
    assert results["electricite"] == ["Translation of a guide"]
    assert results["ÉLECTRICITÉ"] == ["Translation of a guide"]
    # The title outranks a word in the body.
    assert results["accessibilité"] == ["Accessibility audit", "Plain-language editing"]


def test_phrases_alternatives_and_exclusions_read_like_websearch(results):
    assert results['"twelve pages"'] == ["Translation of a guide"]
    assert sorted(results["guide or audit"]) == ["Accessibility audit", "Translation of a guide"]
    assert results["translation -guide"] == ["Accessibility audit"]


def test_a_fragment_of_a_word_is_not_a_match_and_odd_input_is_no_error(results):
    assert results["trans"] == []  # a word search, like PostgreSQL's; LIKE found all three
    assert results["-guide"] == []
    assert results["'\"(*)"] == []


@pytest.mark.parametrize(
    ("typed", "expression"),
    [
        ("audit", '"audit"'),
        ('web "plain language" -draft', '"web" AND "plain language" NOT "draft"'),
        ("guide OR audit form", '("guide" OR "audit") AND "form"'),
        ('NEAR(a b) "unclosed', '"NEAR" AND "a" AND "b" AND "unclosed"'),
        ("*** ---", ""),
    ],
)
def test_what_people_type_becomes_a_safe_fts5_expression(typed, expression):
    assert fts_query(typed) == expression
