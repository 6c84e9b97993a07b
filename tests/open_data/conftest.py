import json

import pytest
from jsonschema import Draft4Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from open_data.ocds import SCHEMA_DIR

SCHEMA_BASE = "https://standard.open-contracting.org/schema/1__1__5/"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture(scope="session")
def ocds_validator():
    """validate(kind, data): check against the official OCDS 1.1.5 schema, offline."""
    schemas = {path.name: json.loads(path.read_text()) for path in SCHEMA_DIR.glob("*.json")}
    registry = Registry().with_resources(
        (SCHEMA_BASE + name, Resource.from_contents(schema, default_specification=DRAFT4))
        for name, schema in schemas.items())

    def validate(kind: str, data: dict) -> None:
        validator = Draft4Validator(schemas[f"{kind}-schema.json"], registry=registry,
                                    format_checker=FormatChecker())
        errors = sorted(validator.iter_errors(data), key=lambda e: list(e.path))
        assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])

    return validate
