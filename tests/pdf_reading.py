"""Reading our PDFs back in tests: their text (pypdf) and their structure tree's languages."""

import io

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def document_language(data: bytes) -> str:
    return str(PdfReader(io.BytesIO(data)).trailer["/Root"].get("/Lang", ""))


def _kids(element: DictionaryObject):
    kids = element.get("/K")
    if kids is None:
        return []
    kids = kids.get_object()
    kids = kids if isinstance(kids, ArrayObject) else [kids]
    return [
        kid.get_object()
        for kid in kids
        if isinstance(kid.get_object(), DictionaryObject)
        and kid.get_object().get("/Type") == "/StructElem"
    ]


def language_parts(data: bytes) -> list[tuple[str, str, int]]:
    """(structure type, /Lang, number of descendant elements) of every element with a /Lang,
    walking the StructTreeRoot from the top."""
    reader = PdfReader(io.BytesIO(data))
    root = reader.trailer["/Root"]["/StructTreeRoot"].get_object()
    found = []

    def size(element) -> int:
        return sum(1 + size(kid) for kid in _kids(element))

    def walk(element):
        if "/Lang" in element:
            found.append((str(element["/S"]), str(element["/Lang"]), size(element)))
        for kid in _kids(element):
            walk(kid)

    for top in _kids(root) or [root["/K"].get_object()]:
        walk(top)
    return found
