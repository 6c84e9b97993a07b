"""Identity warnings: what in a proposal would tell evaluators who wrote it.

Evaluation is anonymous, so before submitting a vendor is warned when its answers, the
names of its files or the text of its documents mention the business: its legal name with
or without the legal suffix ("Inc.", "ltée", "s.e.n.c."), its operating name, the full
names of its members, its website and email domains (not public webmail), its phone number
or its business number.

Names are compared on normalised text — case-folded, accents stripped, punctuation and
spaces collapsed — and on whole words only, so "Lumen" is found in "LUMEN's team" and
"lumen.ca" but not in "illuminate". Numbers are compared on their digits: a phone number
on its last ten, a business number on its nine (with or without a program account such as
"RT0001"). A warning never stops a submission.
"""

import functools
import io
import logging
import re
import unicodedata
from dataclasses import dataclass, field
from urllib.parse import urlparse

logger = logging.getLogger(__name__)

# Legal-form suffixes, normalised (see `normalise`): stripped from the end of a name, as
# often as they repeat ("Tremblay & Cie ltée").
LEGAL_SUFFIXES = {
    "inc",
    "incorporated",
    "incorporee",
    "ltd",
    "limited",
    "ltee",
    "limitee",
    "corp",
    "corporation",
    "co",
    "company",
    "cie",
    "et cie",
    "and co",
    "llc",
    "llp",
    "lp",
    "plc",
    "ulc",
    "senc",
    "s e n c",
    "sencrl",
    "s e n c r l",
    "srl",
    "s r l",
    "sarl",
    "enr",
    "enrg",
    "s a",
    "sa",
    "cooperative",
    "coop",
}
# Addresses anyone can have: their domain says nothing about the business.
PUBLIC_MAIL_DOMAINS = {
    "gmail.com",
    "googlemail.com",
    "outlook.com",
    "outlook.fr",
    "hotmail.com",
    "hotmail.ca",
    "hotmail.fr",
    "live.com",
    "live.ca",
    "live.fr",
    "msn.com",
    "yahoo.com",
    "yahoo.ca",
    "yahoo.fr",
    "icloud.com",
    "me.com",
    "mac.com",
    "aol.com",
    "proton.me",
    "protonmail.com",
    "gmx.com",
    "mail.com",
    "zoho.com",
    "videotron.ca",
    "sympatico.ca",
    "bell.net",
    "rogers.com",
    "shaw.ca",
    "telus.net",
    "cogeco.ca",
    "eastlink.ca",
    "sasktel.net",
    "example.com",
}
# Shorter than this (once normalised), a name would match ordinary words.
MIN_NAME_LENGTH = 3
PHONE = re.compile(r"(?<!\d)(?:\+?1[\s.\-]*)?\(?\d{3}\)?[\s.\-]*\d{3}[\s.\-]*\d{4}(?!\d)")
BUSINESS_NUMBER = re.compile(r"(?<!\d)\d{3}[\s\-]*\d{3}[\s\-]*\d{3}(?!\d)")


def normalise(text: str) -> str:
    """Case-folded, without accents, every run of punctuation and spaces one space."""
    folded = unicodedata.normalize("NFKD", (text or "").casefold())
    bare = "".join(char for char in folded if not unicodedata.combining(char))
    return " ".join(re.sub(r"[\W_]+", " ", bare).split())


def without_legal_suffix(name: str) -> str:
    """The normalised name without its trailing legal form(s): "Lumen Conseil ltée" →
    "lumen conseil"."""
    words = normalise(name).split()
    stripped = True
    while stripped and len(words) > 1:
        stripped = False
        for size in (5, 4, 3, 2, 1):
            if len(words) > size and " ".join(words[-size:]) in LEGAL_SUFFIXES:
                words = words[:-size]
                stripped = True
                break
    return " ".join(words)


def digits(text: str) -> str:
    return "".join(char for char in text or "" if char.isdigit())


def _phone_key(text: str) -> str:
    number = digits(text)
    if len(number) == 11 and number.startswith("1"):
        number = number[1:]
    return number if len(number) == 10 else ""


def _domain(address: str) -> str:
    host = address.rsplit("@", 1)[-1].strip().lower().rstrip(".")
    return host.removeprefix("www.")


class IdentityWarning(str):
    """One warning: the word as the vendor wrote it on their profile (a plain string, as
    before), with what it is (`kind`) and where it was found (`places`)."""

    kind: str
    places: list[str]

    def __new__(cls, text: str, kind: str = "", places=()):
        warning = super().__new__(cls, text)
        warning.kind = kind
        warning.places = list(places)
        return warning


@dataclass
class Tell:
    """Something that identifies the business: shown as `label`, matched as `words`
    (normalised, whole words) or as `number` (digits)."""

    label: str
    kind: str
    words: set[str] = field(default_factory=set)
    phone: str = ""
    business_number: str = ""

    def found_in(self, raw: str, normalised: str) -> bool:
        padded = f" {normalised} "
        if any(f" {words} " in padded for words in self.words):
            return True
        if self.phone and any(_phone_key(m) == self.phone for m in PHONE.findall(raw)):
            return True
        return bool(
            self.business_number
            and any(digits(m) == self.business_number for m in BUSINESS_NUMBER.findall(raw))
        )


def _name_tell(label: str, kind: str, *, legal: bool) -> Tell | None:
    variants = {normalise(label)}
    if legal:
        variants.add(without_legal_suffix(label))
    variants = {v for v in variants if len(v.replace(" ", "")) >= MIN_NAME_LENGTH}
    if not variants:
        return None
    shown = label.strip()
    if legal:
        core = without_legal_suffix(label)
        # Show the name without its suffix when only that was written: "Quillfeather
        # Analytics" rather than "Quillfeather Analytics Ltd.".
        shown = _display_core(label, core)
    return Tell(label=shown, kind=kind, words=variants)


def _display_core(label: str, core: str) -> str:
    """The beginning of `label` (as written) that normalises to `core`."""
    for end in range(len(label), 0, -1):
        if normalise(label[:end]) == core:
            return label[:end].strip().rstrip(",.;&- ")
    return label.strip()


def vendor_tells(vendor) -> list[Tell]:
    tells: list[Tell | None] = [
        _name_tell(vendor.legal_name, "legal_name", legal=True),
        _name_tell(vendor.operating_name, "operating_name", legal=True)
        if vendor.operating_name
        else None,
    ]
    domains = {_domain(vendor.contact_email)} if vendor.contact_email else set()
    for member in vendor.members.select_related("user"):
        domains.add(_domain(member.user.email))
        if member.user.full_name:
            tells.append(_name_tell(member.user.full_name, "member_name", legal=False))
    if vendor.website:
        website = urlparse(vendor.website if "//" in vendor.website else f"//{vendor.website}")
        if website.hostname:
            tells.append(_domain_tell(_domain(website.hostname), "website"))
    for domain in sorted(domains - PUBLIC_MAIL_DOMAINS):
        tells.append(_domain_tell(domain, "email_domain"))
    if phone := _phone_key(vendor.phone):
        tells.append(Tell(label=vendor.phone.strip(), kind="phone", phone=phone))
    if len(digits(vendor.business_number)) == 9:
        tells.append(
            Tell(
                label=vendor.business_number,
                kind="business_number",
                business_number=digits(vendor.business_number),
            )
        )
    return [t for t in tells if t is not None]


def _domain_tell(domain: str, kind: str) -> Tell | None:
    if not domain or "." not in domain:
        return None
    return Tell(label=domain, kind=kind, words={normalise(domain)})


@functools.lru_cache(maxsize=256)
def _document_text(sha256: str, name: str, content_type: str) -> str:
    """The text of a stored PDF (cached by its SHA-256: the same file reads the same).
    Proposals take PDF, PNG and JPEG only; images have no text to read."""
    from django.core.files.storage import default_storage
    from pypdf import PdfReader

    if content_type != "application/pdf":
        return ""
    try:
        with default_storage.open(name, "rb") as handle:
            reader = PdfReader(io.BytesIO(handle.read()))
            return "\n".join(page.extract_text() or "" for page in reader.pages)
    except Exception:  # a damaged file is refused on upload; here it has no text
        logger.warning("Could not read the text of %s", name, exc_info=True)
        return ""


def proposal_texts(proposal) -> list[tuple[str, str]]:
    """(where, text) pairs of everything a proposal shows evaluators."""
    texts = [
        (f"answer:{answer.criterion_id}", answer.text)
        for answer in proposal.answers.all()
        if answer.text
    ]
    for attachment in proposal.attachments.all():
        texts.append((f"file_name:{attachment.pk}", attachment.display_name))
        if attachment.file:
            text = _document_text(attachment.sha256, attachment.file.name, attachment.content_type)
            if text:
                texts.append((f"document:{attachment.pk}", text))
    return texts


def find_tells(tells: list[Tell], texts: list[tuple[str, str]]) -> list[IdentityWarning]:
    """Each tell found in the texts, once, sorted, with where it was found."""
    prepared = [(where, raw, normalise(raw)) for where, raw in texts]
    found: dict[str, IdentityWarning] = {}
    for tell in tells:
        places = [where for where, raw, text in prepared if tell.found_in(raw, text)]
        if not places:
            continue
        key = normalise(tell.label) or tell.label
        if key in found:
            found[key].places.extend(p for p in places if p not in found[key].places)
        else:
            found[key] = IdentityWarning(tell.label, tell.kind, places)
    return sorted(found.values())


def identity_warnings(proposal) -> list[IdentityWarning]:
    """Words that would tell evaluators who wrote the proposal (evaluation is anonymous):
    a sorted list of strings, each also carrying `kind` and `places`."""
    return find_tells(vendor_tells(proposal.vendor), proposal_texts(proposal))
