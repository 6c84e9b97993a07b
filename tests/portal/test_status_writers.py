"""Nothing but the one mechanism writes a status: read the code's syntax tree to make sure.

Owners live in `<app>/services/status.py` and call `status_move`; everywhere else a write of
`status` (assignment, tuple assignment, setattr, update(), defaults=, create(status=...),
update_fields naming it) fails this test. Templates ask the model, never compare codes.
"""

import ast
import re
from pathlib import Path

from django.apps import apps

ROOT = Path(__file__).resolve().parents[2]
APPS = ["procurement_portal", "opportunities", "vendors", "evaluations", "payments", "open_data"]
MECHANISM = ROOT / "procurement_portal" / "services" / "transitions.py"
# A new version of the questionnaire copies each answer with its verification (a new row,
# not a move): the copy keeps the status the officer gave the unchanged answer.
CREATION_ALLOWED = {("vendors/services/questionnaire.py", "QuestionnaireAnswer")}
MODEL_NAMES = {model.__name__ for model in apps.get_models()} | {"Model"}


def _sources():
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" not in path.parts:
                yield path


def _is_status(node) -> bool:
    return isinstance(node, ast.Constant) and node.value == "status"


def _targets(node):
    for target in node.targets if isinstance(node, ast.Assign) else [node.target]:
        yield from (target.elts if isinstance(target, ast.Tuple | ast.List) else [target])


def status_writes(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    relative = path.relative_to(ROOT).as_posix()
    found = []
    for node in ast.walk(tree):
        where = f"{relative}:{getattr(node, 'lineno', '?')}"
        if isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign):
            for target in _targets(node):
                if isinstance(target, ast.Attribute) and target.attr == "status":
                    found.append(f"{where} assigns .status")
        if not isinstance(node, ast.Call):
            continue
        name = (
            node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        )
        if name == "setattr" and len(node.args) > 1 and _is_status(node.args[1]):
            found.append(f"{where} setattr(..., 'status')")
        for keyword in node.keywords:
            if keyword.arg == "status" and name in {
                "update",
                "create",
                "get_or_create",
                "update_or_create",
                "bulk_create",
            }:
                found.append(f"{where} {name}(status=...)")
            elif (
                keyword.arg == "status"
                and name in MODEL_NAMES
                and (relative, name) not in CREATION_ALLOWED
            ):
                found.append(f"{where} {name}(status=...)")
            if (
                keyword.arg in {"defaults", "create_defaults"}
                and isinstance(keyword.value, ast.Dict)
                and any(_is_status(k) for k in keyword.value.keys)
            ):
                found.append(f"{where} defaults with status")
            if (
                keyword.arg == "update_fields"
                and isinstance(keyword.value, ast.List | ast.Tuple)
                and any(_is_status(e) for e in keyword.value.elts)
            ):
                found.append(f"{where} update_fields names status")
            if (
                keyword.arg is None
                and isinstance(keyword.value, ast.Dict)
                and any(_is_status(k) for k in keyword.value.keys)
            ):
                found.append(f"{where} **{{'status': ...}}")
    return found


def test_only_the_mechanism_writes_a_status():
    writes = [w for path in _sources() if path != MECHANISM for w in status_writes(path)]
    assert writes == []


def test_the_scan_catches_each_way_of_writing(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        "o.status = 'x'\n"
        "o.status, o.at = 'x', 1\n"
        "setattr(o, 'status', 'x')\n"
        "Model.objects.filter(pk=1).update(status='x')\n"
        "Model.objects.update_or_create(pk=1, defaults={'status': 'x'})\n"
        "Model.objects.create(status='x')\n"
        "o.save(update_fields=['status'])\n"
        "Model.objects.update(**{'status': 'x'})\n"
        "Model(status='x')\n"
    )
    original = ROOT
    try:
        globals()["ROOT"] = tmp_path
        assert len(status_writes(sample)) == 9
    finally:
        globals()["ROOT"] = original


def test_owners_live_in_their_apps_status_module():
    """`status_move` is called only from `<app>/services/status.py`, with that app's models."""
    for path in _sources():
        if path == MECHANISM:
            continue
        tree = ast.parse(path.read_text())
        calls = [
            n
            for n in ast.walk(tree)
            if isinstance(n, ast.Call) and getattr(n.func, "id", "") == "status_move"
        ]
        if not calls:
            continue
        relative = path.relative_to(ROOT)
        assert relative.parts[1:] == ("services", "status.py"), relative
        # The app's own models: imported relatively from its `models` package.
        imported = {
            alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom)
            and node.level >= 1
            and (node.module or "").startswith("models")
            for alias in node.names
        }
        for call in calls:
            first = call.args[0]
            if isinstance(first, ast.Name):
                assert first.id in imported, f"{relative}: {first.id} is not this app's model"


STATUS_CODES = (
    "draft|published|closed|under_evaluation|awarded|in_delivery|delivery_accepted|"
    "paid|complete|cancelled|submitted|withdrawn|not_awarded|disqualified|converted|"
    "self_declared|verified|rejected|pending|sent|failed|accepted|changes_requested|"
    "scoring|locked|revealed|ready|preparing"
)
COMPARISON = re.compile(
    rf"""(==|!=|\bin)\s*['"]({STATUS_CODES})['"]|"""
    rf"""['"]({STATUS_CODES})['"]\s*(==|!=)"""
)


def test_templates_ask_the_model_and_never_compare_status_codes():
    offenders = []
    for path in (ROOT / "templates").rglob("*.html"):
        for number, line in enumerate(path.read_text().splitlines(), 1):
            for tag in re.findall(r"{%\s*(?:if|elif|with)\b.*?%}", line):
                if COMPARISON.search(tag):
                    offenders.append(f"{path.relative_to(ROOT)}:{number}: {tag}")
    assert offenders == []


def test_the_template_check_catches_a_comparison():
    assert COMPARISON.search('{% if opportunity.status == "draft" %}')
    assert COMPARISON.search("{% elif s == 'paid' %}")
    assert not COMPARISON.search("{% if opportunity.is_draft %}")
