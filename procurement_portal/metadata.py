"""Remove everything but the content from uploads: metadata, comments, revisions, scripts.

Evidence and proposal files may name their author (evaluation must stay anonymous) and
privacy demands we keep no more than the content. Debian's `mat2` does the cleaning (a
well-kept tool that knows each format's hiding places):

- PDF: its lightweight mode re-renders every page into a new PDF (cairo) that keeps the text
  selectable, leaving behind the Info dictionary, XMP, annotations (comments, sticky notes),
  form fields, embedded files, JavaScript and every action; we then check with pypdf that
  none of those came back and drop them if they did;
- images (JPEG, PNG): re-encoded without EXIF, XMP, IPTC, comment segments or text chunks;
- Office files (docx, xlsx, odt): docProps and meta.xml, comments, tracked changes, custom
  XML and anything mat2 does not know (`--unknown-members omit`); mat2 keeps an OpenDocument
  text's comments (office:annotation, with their author), so we remove those ourselves.

`mat2` is a system package (`apt-get install mat2`, installed by `make demo` / `make test`
through scripts/ensure-system-packages.sh, and in the Dockerfile); a system check reports
it missing.
"""

import io
import shutil
import subprocess
import tempfile
import xml.etree.ElementTree as ET  # noqa: S405 - expat limits entity expansion (>= 2.4)
import zipfile
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject

EXTENSIONS = {
    "application/pdf": "pdf",
    "image/png": "png",
    "image/jpeg": "jpg",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/vnd.oasis.opendocument.text": "odt",
}
MAT2_TIMEOUT_SECONDS = 60
# What a PDF may carry besides its pages' content: none of it survives.
PDF_CATALOG_KEYS = [
    "/Metadata",
    "/Names",
    "/OpenAction",
    "/AA",
    "/AcroForm",
    "/Outlines",
    "/StructTreeRoot",
    "/PieceInfo",
    "/Perms",
    "/URI",
    "/SpiderInfo",
]
PDF_PAGE_KEYS = ["/Annots", "/AA", "/Metadata", "/PieceInfo", "/B", "/Thumb"]


def mat2_path() -> str | None:
    return shutil.which("mat2")


def _unreadable(error=None) -> ValidationError:
    return ValidationError(
        _("This file could not be read: it may be damaged. Save or export it again, then add it."),
        code="unreadable",
    )


def strip_metadata(upload, mime: str) -> ContentFile:
    """A clean copy of the upload; a file we cannot read is refused with a clear message."""
    data = upload.read()
    upload.seek(0)
    extension = EXTENSIONS.get(mime)
    if extension is None:
        raise _unreadable()
    cleaned = _mat2(data, extension, lightweight=extension == "pdf")
    if extension == "odt":
        try:
            cleaned = _odt_without_annotations(cleaned)
        except Exception as error:  # a damaged archive or XML
            raise _unreadable() from error
    if extension == "pdf":
        try:
            cleaned = _pdf_without_active_content(cleaned)
        except Exception as error:  # pypdf raises many kinds for damaged files
            raise _unreadable() from error
    return ContentFile(cleaned)


def _mat2(data: bytes, extension: str, *, lightweight: bool) -> bytes:
    mat2 = mat2_path()
    if mat2 is None:  # the system check says so at start; never store an uncleaned file
        raise RuntimeError("mat2 is not installed (apt-get install mat2)")
    with tempfile.TemporaryDirectory(prefix="portal-clean-") as folder:
        source = Path(folder) / f"upload.{extension}"
        source.write_bytes(data)
        command = [
            mat2,
            "--unknown-members",
            "omit",
            *(["--lightweight"] if lightweight else []),
            str(source),
        ]
        try:
            # A fixed program on a file name we chose: nothing of the upload is a command.
            result = subprocess.run(  # noqa: S603
                command,
                capture_output=True,
                timeout=MAT2_TIMEOUT_SECONDS,
                check=False,
                cwd=folder,
            )
        except subprocess.TimeoutExpired as error:
            raise _unreadable() from error
        target = Path(folder) / f"upload.cleaned.{extension}"
        if result.returncode != 0 or not target.exists():
            raise _unreadable()
        return target.read_bytes()


def _pdf_without_active_content(data: bytes) -> bytes:
    """What mat2's re-rendering gives back, checked: no document-level metadata, names
    (JavaScript, embedded files), actions, forms or annotations, in case a renderer ever
    carried one over."""
    reader = PdfReader(io.BytesIO(data))
    writer = PdfWriter()
    for page in reader.pages:
        writer.add_page(page)
    for page in writer.pages:
        for key in PDF_PAGE_KEYS:
            if key in page:
                del page[NameObject(key)]
    root = writer._root_object
    for key in PDF_CATALOG_KEYS:
        if key in root:
            del root[NameObject(key)]
    writer.metadata = None
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


ODF_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
ODF_ANNOTATIONS = {f"{{{ODF_OFFICE}}}annotation", f"{{{ODF_OFFICE}}}annotation-end"}


def _without_annotations(xml: bytes) -> bytes:
    for _event, (prefix, uri) in ET.iterparse(io.BytesIO(xml), events=["start-ns"]):  # noqa: S314
        ET.register_namespace(prefix, uri)  # keep the document's own prefixes
    root = ET.fromstring(xml)  # noqa: S314
    for parent in root.iter():
        for child in [c for c in parent if c.tag in ODF_ANNOTATIONS]:
            if child.tail:  # keep the text that follows the comment
                previous = list(parent).index(child) - 1
                if previous >= 0:
                    parent[previous].tail = (parent[previous].tail or "") + child.tail
                else:
                    parent.text = (parent.text or "") + child.tail
            parent.remove(child)
    return ET.tostring(root, encoding="UTF-8", xml_declaration=True)


def _odt_without_annotations(data: bytes) -> bytes:
    """Rewrite the archive with the comments of content.xml and styles.xml removed; the
    `mimetype` entry stays first and uncompressed, as OpenDocument requires."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename in {"content.xml", "styles.xml"}:
                content = _without_annotations(content)
            compression = (
                zipfile.ZIP_STORED if info.filename == "mimetype" else zipfile.ZIP_DEFLATED
            )
            target.writestr(info.filename, content, compress_type=compression)
    return out.getvalue()
