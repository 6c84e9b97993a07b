import io
import json
from pathlib import Path

import pytest
import requests
from jsonschema import Draft4Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4
from requests.adapters import HTTPAdapter
from urllib3 import HTTPResponse

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
        for name, schema in schemas.items()
    )

    def validate(kind: str, data: dict) -> None:
        validator = Draft4Validator(
            schemas[f"{kind}-schema.json"], registry=registry, format_checker=FormatChecker()
        )
        errors = sorted(validator.iter_errors(data), key=lambda e: list(e.path))
        assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])

    return validate


class _LocalFiles(HTTPAdapter):
    """A requests transport adapter that answers from files on this machine: the addresses
    of the extensions we declare are served from our shipped copies, and any other address
    is refused, so the outside validator runs with no network at all."""

    def __init__(self, routes: dict[str, Path | bytes]):
        super().__init__()
        self.routes = routes

    def send(self, request, **kwargs):
        for prefix, target in self.routes.items():
            if isinstance(target, bytes) and request.url == prefix:
                content = target
            elif isinstance(target, Path) and request.url.startswith(prefix):
                path = target / request.url[len(prefix) :]
                content = path.read_bytes() if path.is_file() else None
            else:
                continue
            raw = HTTPResponse(
                body=io.BytesIO(content or b""),
                preload_content=False,
                status=200 if content is not None else 404,
                reason="OK" if content is not None else "Not Found",
                request_url=request.url,
            )
            return self.build_response(request, raw)
        raise requests.ConnectionError(f"no network in tests: {request.url}")


def _zip(folder: Path, top: str) -> bytes:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(f"{top}/", "")
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            archive.write(path, f"{top}/{path.relative_to(folder)}")
    return buffer.getvalue()


@pytest.fixture(scope="session")
def cove():
    """cove(package) -> libcoveocds's report on one package, offline: the standard from our
    copy of the 1.1.5 schemas and code lists, the extensions from open_data/schema/extensions."""
    import zipfile

    import jsonref
    from libcoveocds.api import ocds_json_output
    from libcoveocds.config import LibCoveOCDSConfig
    from ocdsextensionregistry import util

    from open_data.ocds import EXTENSION_FOLDERS, EXTENSIONS

    # The standard as a ZIP of its repository: our schemas and code lists under schema/.
    standard = io.BytesIO()
    with zipfile.ZipFile(standard, "w") as archive:
        archive.writestr("standard-1__1__5/", "")
        for path in sorted(SCHEMA_DIR.glob("*.json")):
            archive.write(path, f"standard-1__1__5/schema/{path.name}")
        for path in sorted((SCHEMA_DIR / "codelists").glob("*.csv")):
            archive.write(path, f"standard-1__1__5/schema/codelists/{path.name}")
    # An extension declared at raw.githubusercontent.com is read from the repository's ZIP.
    routes: dict[str, Path | bytes] = {
        SCHEMA_BASE: SCHEMA_DIR,  # the record package schema's $ref to the versioned release
    }
    for url in EXTENSIONS:
        owner_repo, commit = url.split("githubusercontent.com/")[1].rsplit("/", 2)[:2]
        name = owner_repo.split("/")[1]
        folder = SCHEMA_DIR / "extensions" / EXTENSION_FOLDERS[name]
        routes[url.rsplit("/", 1)[0] + "/"] = folder
        routes[f"https://github.com/{owner_repo}/archive/{commit}.zip"] = _zip(
            folder, f"{name}-{commit}"
        )
    adapter = _LocalFiles(routes)
    for scheme in ("https://", "http://"):
        util.session.mount(scheme, adapter)
    # jsonref fetches remote $refs with requests.get: send it through the same adapter.
    jsonref.requests = util.session
    config = LibCoveOCDSConfig({"standard_zip": standard.getvalue(), "context": "api"})

    def report(package: dict) -> dict:
        return ocds_json_output(
            json_data=json.loads(json.dumps(package)),
            lib_cove_ocds_config=config,
            record_pkg="records" in package,
        )

    return report
