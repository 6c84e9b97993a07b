"""PDF documents (receipts, contracts) rendered with WeasyPrint.

Only the project's own static files may be fetched while rendering: a URL in user-written
text (Markdown, answers) can never make the server read another file or call the network
(see CVE-2025-68616 for why fetchers matter).
"""

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlparse

import pydyf
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML
from weasyprint.pdf import tags as weasyprint_tags
from weasyprint.urls import URLFetcher, URLFetcherResponse

STATIC_ROOT_DIR = (Path(settings.BASE_DIR) / "static").resolve()


class StaticFilesOnly(URLFetcher):
    def fetch(self, url, headers=None):
        parsed = urlparse(url)
        if parsed.scheme != "file":
            raise ValueError(f"blocked while rendering a PDF: {url}")
        path = Path(unquote(parsed.path)).resolve()
        if not path.is_relative_to(STATIC_ROOT_DIR) or not path.is_file():
            raise ValueError(f"blocked while rendering a PDF: {url}")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(
            url, body=path.read_bytes(), headers={"Content-Type": content_type}
        )


def _tag_languages(build_box_tree):
    """WeasyPrint (checked up to 70.0, the newest release) writes the document's language to
    the catalogue but drops `lang` on inner elements, so a screen reader reads the French half
    of a bilingual contract with English rules. Its structure tree is built by the recursive
    `_build_box_tree`; this wrapper gives `/Lang` to the structure element of any HTML element
    that carries a `lang` attribute (PDF/UA, ISO 14289-1 7.2; WCAG technique PDF19).
    tests/portal/test_pdf_languages.py fails if an upgrade changes that function."""

    def build(box, *args, **kwargs):
        element = getattr(box, "element", None)
        lang = element.get("lang") if element is not None else None
        wanted = lang and getattr(box, "element_tag", None) not in ("html", "body")
        for structure_element in build_box_tree(box, *args, **kwargs):
            if wanted and "Lang" not in structure_element:
                structure_element["Lang"] = pydyf.String(lang)
            yield structure_element

    build.portal_tags_languages = True  # type: ignore[attr-defined]
    return build


if not getattr(weasyprint_tags._build_box_tree, "portal_tags_languages", False):
    weasyprint_tags._build_box_tree = _tag_languages(weasyprint_tags._build_box_tree)


def render_pdf(template: str, context: dict, *, language: str, title: str) -> bytes:
    """Render an HTML template to a tagged PDF (PDF/UA) in the given language."""
    with translation.override(language):
        html = render_to_string(
            template, {**context, "LANGUAGE_CODE": language, "document_title": title}
        )
    document = HTML(
        string=html, base_url=STATIC_ROOT_DIR.as_uri() + "/", url_fetcher=StaticFilesOnly()
    )
    return document.write_pdf(pdf_variant="pdf/ua-1")
