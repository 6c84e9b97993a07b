"""The HTML part of a notification, made from its text part when it has no HTML template.

Every message gets both parts: the text part is what the template says; the HTML part puts
the same words in the accessible layout of `emails/base.html` (language set, one heading,
real paragraphs, lists and links), so a new template can never send text alone.
"""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

LINK_STYLE = "color: #284162; text-decoration: underline;"
URL = re.compile(r"https?://[^\s<>\"]+")


def _inline(text: str) -> str:
    """Escape, then turn addresses into links (their text is the address: emails are often
    forwarded or printed, and the address is what the reader needs)."""
    parts: list[str] = []
    last = 0
    for match in URL.finditer(text):
        url = match.group(0).rstrip(".,;)")
        end = match.start() + len(url)
        parts.append(escape(text[last : match.start()]))
        parts.append(f'<a style="{LINK_STYLE}" href="{escape(url)}">{escape(url)}</a>')
        last = end
    parts.append(escape(text[last:]))
    return "".join(parts)


def _block(lines: list[str]) -> str:
    """One paragraph of the text part: prose lines become <p>, "- " lines a <ul>."""
    html: list[str] = []
    prose: list[str] = []
    items: list[list[str]] = []  # each item: its first line and its continuation lines
    for line in lines + [""]:  # the empty sentinel flushes what is left
        is_item = line.lstrip().startswith("- ")
        continues_item = items and line.startswith((" ", "\t")) and line.strip()
        if continues_item:
            items[-1].append(line.strip())
            continue
        if items and not is_item:
            html.append(
                "<ul>"
                + "".join("<li>" + "<br>".join(map(_inline, item)) + "</li>" for item in items)
                + "</ul>"
            )
            items = []
        if prose and (is_item or not line.strip()):
            html.append("<p>" + "<br>".join(_inline(text.strip()) for text in prose) + "</p>")
            prose = []
        if is_item:
            items.append([line.lstrip()[2:].strip()])
        elif line.strip():
            prose.append(line)
    return "".join(html)


def text_to_html(body: str) -> SafeString:
    """Paragraphs on blank lines; "- " lines as a list (an indented line continues an item)."""
    blocks = [_block(chunk.splitlines()) for chunk in re.split(r"\n\s*\n", body.strip())]
    return mark_safe("\n".join(block for block in blocks if block))  # noqa: S308 - escaped
