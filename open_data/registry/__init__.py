"""The Government of Canada proactive-disclosure registry's own table definitions.

The YAML and JSON files beside this module are copied unchanged from the registry's public
repository (see NOTICE.md). The portal reads its column lists and code lists from them, so
the datasets match the definitions field for field, and `triggers.py` re-expresses the
registry's PL/pgSQL validation triggers in Python so the tests can check every row we publish.
"""

import json
from functools import cache
from pathlib import Path

REGISTRY_DIR = Path(__file__).resolve().parent
# The registry keeps these bookkeeping columns out of the files it publishes
# (its bin/filter/filter_*.py scripts); every table's published file ends with the owner.
UNPUBLISHED = {"record_created", "record_modified", "user_modified"}
OWNER_COLUMNS = ["owner_org", "owner_org_title"]


@cache
def _table(dataset_type: str) -> dict:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with open(REGISTRY_DIR / f"{dataset_type}.yaml", encoding="utf-8") as handle:
        return yaml.load(handle, Loader=loader)  # noqa: S506 - a safe loader


def resource(name: str) -> dict:
    """A table's definition by resource name: contracts, contracts-nil, contractsa."""
    dataset_type = "contractsa" if name == "contractsa" else "contracts"
    return next(r for r in _table(dataset_type)["resources"] if r["resource_name"] == name)


def fields(name: str) -> list[dict]:
    return [f for f in resource(name)["fields"] if f["datastore_id"] not in UNPUBLISHED]


def columns(name: str) -> list[str]:
    """The columns of the registry's published file for this table, in order."""
    return [f["datastore_id"] for f in fields(name)] + OWNER_COLUMNS


def field(name: str, datastore_id: str) -> dict:
    return next(f for f in resource(name)["fields"] if f["datastore_id"] == datastore_id)


@cache
def _choices_file(path: str) -> tuple[str, ...]:
    text = (REGISTRY_DIR / path).read_text(encoding="utf-8")
    if path.endswith(".json"):
        return tuple(json.loads(text))
    import yaml

    return tuple(str(key) for key in yaml.safe_load(text))


def choices(name: str, datastore_id: str) -> tuple[str, ...]:
    """The codes a field accepts, from the definition or its choices file."""
    definition = field(name, datastore_id)
    if "choices" in definition:
        return tuple(str(code) for code in definition["choices"])
    if "choices_file" in definition:
        return _choices_file(definition["choices_file"])
    return ()


def trigger_string(name: str, key: str) -> str:
    return resource(name).get("trigger_strings", {})[key]


@cache
def organizations() -> dict[str, str]:
    """Registry organization names and their bilingual titles ("English | Français")."""
    return json.loads((REGISTRY_DIR / "organizations.json").read_text(encoding="utf-8"))
