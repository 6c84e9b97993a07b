"""Markdown to safe HTML, and bilingual field access."""

import markdown as markdown_lib
import nh3
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "ul",
    "ol",
    "li",
    "a",
    "h2",
    "h3",
    "h4",
    "blockquote",
    "code",
    "pre",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "hr",
}


def render_markdown(text: str) -> SafeString:
    """Markdown written by public servants, rendered and then sanitised (nh3): no script,
    no event handlers, no javascript: links survive."""
    html = markdown_lib.markdown(text or "", extensions=["tables", "sane_lists"])
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes={"a": {"href", "title"}, "th": {"scope"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
    return mark_safe(clean)  # noqa: S308 - sanitised by nh3 just above


class BilingualMixin:
    """`obj.local("title")` is title_fr on French pages (falling back to English), else title_en."""

    def local(self, name: str) -> str:
        english = getattr(self, f"{name}_en", "")
        if translation.get_language() == "fr":
            return getattr(self, f"{name}_fr", "") or english
        return english or getattr(self, f"{name}_fr", "")
