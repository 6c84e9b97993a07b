"""French typography rules of the Translation Bureau (*Le guide du rédacteur*, Canadian usage),
as one checker for the catalogue, pages, emails and PDF text."""

import html as html_lib
import re

import tinyhtml5

NO_BREAK = "\u00a0\u202f"
MONTHS = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
RULES = [
    # A colon that ends a label or starts an explanation has a no-break space before it
    # ("Motif :"); "14:30", "https://" and "%(x)s:%(y)s" are not followed by a space.
    ("no-break space before a colon", re.compile(rf"(?<![{NO_BREAK}]):(?=\s|$)")),
    ("no-break space after «", re.compile(rf"«(?![{NO_BREAK}])")),
    ("no-break space before »", re.compile(rf"(?<![{NO_BREAK}])»")),
    ("no space before ; ? ! (Canadian usage)", re.compile(r"\s[;?!](?=\s|$|[»)])")),
    ("1er for the first of the month", re.compile(rf"(?<![\d])1[\s{NO_BREAK}]+(?:{MONTHS})\b")),
    ("24-hour time with h (14 h 55)", re.compile(r"\b\d{1,2}:\d{2}\s?(?:a\.?m\.?|p\.?m\.?)", re.I)),
    ("spaces around h (14 h 55)", re.compile(r"\b\d{1,2}h\d{2}\b")),
    ("French time-zone abbreviation (HNE, HAE)", re.compile(r"\b(?:[ECMPAN][SD]T)\b")),
    ("a date in prose, not a raw timestamp", re.compile(r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d[.+]")),
    ("courriel, not e-mail", re.compile(r"\be-?mail\b", re.I)),
    ("typographic apostrophe (’)", re.compile(r"[A-Za-zÀ-ÿ]'[A-Za-zÀ-ÿ]")),
]


# Not prose: placeholders (%(email)s, {email}), addresses and links.
NOT_PROSE = re.compile(r"%\(\w+\)[sd]|\{\w*\}|[\w.+-]+@[\w.-]+|(?:https?|mailto):\S+")


def typography_errors(text: str, where: str = "") -> list[str]:
    text = NOT_PROSE.sub("x", text)
    errors = []
    for name, pattern in RULES:
        for match in pattern.finditer(text):
            start = max(0, match.start() - 30)
            errors.append(f"{where}: {name}: …{text[start : match.end() + 30]!r}…")
    return errors


HTML_NS = "{http://www.w3.org/1999/xhtml}"
SKIPPED = {"script", "style", "template", "code", "pre", "textarea", "select", "svg"}


def french_text_of_html(markup: str) -> str:
    """The visible French text of a page or an email: not scripts or code, not the parts in
    another language (lang="en"), not form values."""
    root = tinyhtml5.parse(markup)
    chunks: list[str] = []

    def walk_with_tails(element, french: bool):
        tag = element.tag.replace(HTML_NS, "") if isinstance(element.tag, str) else ""
        lang = element.get("lang")
        inner = lang.startswith("fr") if lang else french
        if tag in SKIPPED:
            return
        if inner and element.text:
            chunks.append(element.text)
        for child in element:
            walk_with_tails(child, inner)
            if inner and child.tail:
                chunks.append(child.tail)
        if tag in {
            "p",
            "li",
            "div",
            "br",
            "tr",
            "td",
            "th",
            "dt",
            "dd",
            "h1",
            "h2",
            "h3",
            "title",
            "option",
            "label",
            "legend",
            "button",
        }:
            chunks.append("\n")

    walk_with_tails(root, root.get("lang", "").startswith("fr"))
    return html_lib.unescape(re.sub(r"[ \t]+", " ", "".join(chunks)))
