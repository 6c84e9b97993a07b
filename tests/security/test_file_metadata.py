"""Issue 18, finding 1: no identity survives in any hiding place of any accepted file type.

Each test plants the bidder's legal name, operating name and email in one place of a file,
cleans it as every upload is cleaned, and looks for them everywhere in the result (PDF
streams decompressed, archives unpacked), while the visible content stays readable."""

import io
import struct
import zipfile

import pytest
import weasyprint
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, PngImagePlugin
from pypdf import PdfReader, PdfWriter
from pypdf.annotations import FreeText, Link, Text
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    NameObject,
    RectangleObject,
    StreamObject,
    TextStringObject,
)

from procurement_portal.uploads import clean_upload

LEGAL, OPERATING, EMAIL = "Zyxwquartz Holdings Inc.", "Zyxwquartz", "jane@zyxwquartz.example"
IDENTITY = [LEGAL, OPERATING, EMAIL, "zyxwquartz"]
VISIBLE = "Our approach to the accessibility audit"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ODT = "application/vnd.oasis.opendocument.text"


def _clean(data: bytes, name: str, mime: str) -> bytes:
    cleaned = clean_upload(SimpleUploadedFile(name, data, content_type=mime))
    assert cleaned.mime == mime
    return cleaned.content.read()


def _assert_no_identity(text: str, where: str):
    for secret in IDENTITY:
        assert secret not in text, f"{secret!r} survived in {where}"


# --- PDF -------------------------------------------------------------------------------------


def _js(code):
    return DictionaryObject(
        {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject(code)}
    )


def _plant_pdf(place: str) -> bytes:
    base = weasyprint.HTML(string=f"<p>{VISIBLE}</p>").write_pdf()
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(base)))
    who = f"{LEGAL} ({OPERATING}) <{EMAIL}>"
    root = writer._root_object
    if place == "info":
        writer.add_metadata({"/Author": who, "/Title": who, "/Creator": who})
    elif place == "xmp":
        xmp = StreamObject()
        xmp.set_data(
            f'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.'
            f'org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.'
            f'org/dc/elements/1.1/"><dc:creator>{who}</dc:creator></rdf:Description>'
            f"</rdf:RDF></x:xmpmeta>".encode()
        )
        xmp.update(
            {
                NameObject("/Type"): NameObject("/Metadata"),
                NameObject("/Subtype"): NameObject("/XML"),
            }
        )
        root[NameObject("/Metadata")] = writer._add_object(xmp)
    elif place == "comment":
        note = Text(rect=(50, 550, 200, 650), text=who, open=True)
        note[NameObject("/T")] = TextStringObject(who)
        writer.add_annotation(0, note)
    elif place == "free_text":
        writer.add_annotation(0, FreeText(text=who, rect=(50, 400, 300, 450)))
    elif place == "form_field":
        field = DictionaryObject(
            {
                NameObject("/FT"): NameObject("/Tx"),
                NameObject("/T"): TextStringObject("name"),
                NameObject("/V"): TextStringObject(who),
                NameObject("/Type"): NameObject("/Annot"),
                NameObject("/Subtype"): NameObject("/Widget"),
                NameObject("/Rect"): RectangleObject([10, 700, 200, 720]),
            }
        )
        reference = writer._add_object(field)
        writer.pages[0][NameObject("/Annots")] = ArrayObject([reference])
        root[NameObject("/AcroForm")] = DictionaryObject(
            {NameObject("/Fields"): ArrayObject([reference])}
        )
    elif place == "embedded_file":
        writer.add_attachment("cv.txt", who.encode())
    elif place == "javascript":
        root[NameObject("/Names")] = DictionaryObject(
            {
                NameObject("/JavaScript"): DictionaryObject(
                    {
                        NameObject("/Names"): ArrayObject(
                            [TextStringObject("x"), writer._add_object(_js(f"app.alert('{who}')"))]
                        )
                    }
                )
            }
        )
    elif place == "open_action":
        root[NameObject("/OpenAction")] = _js(f"app.alert('{who}')")
    elif place == "page_action":
        writer.pages[0][NameObject("/AA")] = DictionaryObject(
            {NameObject("/O"): _js(f"app.alert('{who}')")}
        )
    elif place == "link_action":
        writer.add_annotation(
            0, Link(rect=(10, 10, 100, 30), url="https://zyxwquartz.example/" + EMAIL)
        )
    out = io.BytesIO()
    writer.write(out)
    data = out.getvalue()
    assert OPERATING.encode() in data or b"zyxwquartz" in data or place in {"info"}, place
    return data


def _everything_in(pdf: bytes) -> str:
    """Every string and decoded stream of every object of the file."""
    reader = PdfReader(io.BytesIO(pdf))
    seen = []
    for number in range(1, len(reader.xref_objStm) + 1000):
        try:
            obj = reader.get_object(number)
        except Exception:  # noqa: BLE001, S112 - numbers that hold no object
            continue
        if obj is None:
            continue
        if isinstance(obj, StreamObject):
            try:
                seen.append(obj.get_data().decode("latin-1"))
            except Exception:  # noqa: BLE001, S110 - an image stream it cannot decode
                pass
        seen.append(repr(obj))
    seen.append(repr(reader.metadata))
    return "\n".join(seen)


PDF_PLACES = [
    "info",
    "xmp",
    "comment",
    "free_text",
    "form_field",
    "embedded_file",
    "javascript",
    "open_action",
    "page_action",
    "link_action",
]


@pytest.mark.parametrize("place", PDF_PLACES)
def test_pdf_keeps_no_identity_and_stays_readable(place):
    cleaned = _clean(_plant_pdf(place), "proposal.pdf", "application/pdf")
    _assert_no_identity(_everything_in(cleaned), f"PDF {place}")
    reader = PdfReader(io.BytesIO(cleaned))
    root = reader.trailer["/Root"]
    for key in ["/Names", "/OpenAction", "/AA", "/AcroForm", "/Metadata"]:
        assert key not in root, (place, key)
    for page in reader.pages:
        assert "/Annots" not in page and "/AA" not in page, place
    assert not reader.attachments
    # Evaluators can still select and read the text.
    assert VISIBLE in " ".join(reader.pages[0].extract_text().split())


# --- Images ----------------------------------------------------------------------------------


def _segment(marker: int, payload: bytes) -> bytes:
    return b"\xff" + bytes([marker]) + struct.pack(">H", len(payload) + 2) + payload


def _plant_jpeg(place: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(buffer, "JPEG")
    jpeg = buffer.getvalue()
    who = f"{LEGAL} {OPERATING} {EMAIL}".encode()
    if place == "exif":
        exif = Image.Exif()
        exif[0x013B] = who.decode()  # Artist
        exif[0x8298] = who.decode()  # Copyright
        segment = _segment(0xE1, b"Exif\x00\x00" + exif.tobytes())
    elif place == "xmp":
        segment = _segment(
            0xE1,
            b"http://ns.adobe.com/xap/1.0/\x00<x:xmpmeta><dc:creator>"
            + who
            + b"</dc:creator></x:xmpmeta>",
        )
    elif place == "iptc":
        record = b"\x1c\x02\x50" + struct.pack(">H", len(who)) + who  # By-line
        segment = _segment(
            0xED, b"Photoshop 3.0\x008BIM\x04\x04\x00\x00" + struct.pack(">I", len(record)) + record
        )
    else:  # the comment (COM) segment
        segment = _segment(0xFE, who)
    planted = jpeg[:2] + segment + jpeg[2:]
    assert OPERATING.encode() in planted
    return planted


@pytest.mark.parametrize("place", ["exif", "xmp", "iptc", "comment"])
def test_jpeg_keeps_no_identity(place):
    cleaned = _clean(_plant_jpeg(place), "photo.jpg", "image/jpeg")
    _assert_no_identity(cleaned.decode("latin-1"), f"JPEG {place}")
    image = Image.open(io.BytesIO(cleaned))
    assert image.size == (40, 30)
    assert not {"exif", "xmp", "photoshop", "comment"} & set(image.info)


@pytest.mark.parametrize("chunk", ["tEXt", "zTXt", "iTXt", "eXIf"])
def test_png_keeps_no_identity(chunk):
    info = PngImagePlugin.PngInfo()
    who = f"{LEGAL} {OPERATING} {EMAIL}"
    if chunk == "tEXt":
        info.add_text("Author", who)
    elif chunk == "zTXt":
        info.add_text("Comment", who, zip=True)
    elif chunk == "iTXt":
        info.add_itxt("Description", who)
    else:
        exif = Image.Exif()
        exif[0x013B] = who
        info.add(b"eXIf", exif.tobytes())
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "blue").save(buffer, "PNG", pnginfo=info)
    cleaned = _clean(buffer.getvalue(), "scan.png", "image/png")
    _assert_no_identity(cleaned.decode("latin-1"), f"PNG {chunk}")
    image = Image.open(io.BytesIO(cleaned))
    assert image.size == (40, 30)
    assert not image.info.get("Author") and not image.text


# --- Office files ----------------------------------------------------------------------------

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _zip(files: dict[str, str], first: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if first:
            archive.writestr(zipfile.ZipInfo(first), files.pop(first))
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _docx() -> bytes:
    who = f"{LEGAL} ({OPERATING}) {EMAIL}"
    return _zip(
        {
            "[Content_Types].xml": (
                '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.'
                'org/package/2006/content-types"><Default Extension="rels" ContentType="application'
                '/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
                'ContentType="application/xml"/><Override PartName="/word/document.xml" '
                'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.'
                'document.main+xml"/></Types>'
            ),
            "_rels/.rels": (
                '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
                'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="'
                f'{REL}/officeDocument" Target="word/document.xml"/></Relationships>'
            ),
            "word/document.xml": (
                f'<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body><w:p><w:r><w:t>'
                f'{VISIBLE}</w:t></w:r><w:ins w:id="1" w:author="{who}"><w:r><w:t>more</w:t></w:r>'
                f'</w:ins><w:del w:id="2" w:author="{who}"><w:r><w:delText>{who}</w:delText></w:r>'
                '</w:del><w:r><w:commentReference w:id="0"/></w:r></w:p></w:body></w:document>'
            ),
            "word/comments.xml": (
                f'<?xml version="1.0" encoding="UTF-8"?><w:comments {W}><w:comment w:id="0" '
                f'w:author="{who}"><w:p><w:r><w:t>{who}</w:t></w:r></w:p></w:comment></w:comments>'
            ),
            "docProps/core.xml": (
                '<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas'
                '.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.'
                f'org/dc/elements/1.1/"><dc:creator>{who}</dc:creator><cp:lastModifiedBy>{who}'
                "</cp:lastModifiedBy></cp:coreProperties>"
            ),
            "docProps/app.xml": (
                '<?xml version="1.0" encoding="UTF-8"?><Properties xmlns="http://schemas.'
                'openxmlformats.org/officeDocument/2006/extended-properties"><Company>'
                f"{who}</Company></Properties>"
            ),
            "docProps/custom.xml": f'<?xml version="1.0"?><Properties><p>{who}</p></Properties>',
            "customXml/item1.xml": f'<?xml version="1.0"?><root>{who}</root>',
        }
    )


def _xlsx() -> bytes:
    from openpyxl import Workbook
    from openpyxl.comments import Comment

    workbook = Workbook()
    workbook.properties.creator = LEGAL
    workbook.properties.lastModifiedBy = EMAIL
    workbook.properties.title = OPERATING
    sheet = workbook.active
    sheet["A1"] = VISIBLE
    sheet["A1"].comment = Comment(f"{OPERATING} {EMAIL}", LEGAL)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _odt() -> bytes:
    who = f"{LEGAL} ({OPERATING}) {EMAIL}"
    office = (
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"'
    )
    return _zip(
        {
            "mimetype": ODT,
            "META-INF/manifest.xml": (
                '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:'
                'oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:'
                f'full-path="/" manifest:media-type="{ODT}"/><manifest:file-entry manifest:full-'
                'path="content.xml" manifest:media-type="text/xml"/><manifest:file-entry manifest:'
                'full-path="meta.xml" manifest:media-type="text/xml"/></manifest:manifest>'
            ),
            "content.xml": (
                f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {office}>'
                f"<office:body><office:text><text:p>{VISIBLE}<office:annotation><dc:creator>{who}"
                f"</dc:creator><text:p>{who}</text:p></office:annotation></text:p>"
                '<text:tracked-changes><text:changed-region text:id="c1"><text:deletion>'
                f"<office:change-info><dc:creator>{who}</dc:creator></office:change-info>"
                "</text:deletion></text:changed-region></text:tracked-changes>"
                "</office:text></office:body></office:document-content>"
            ),
            "meta.xml": (
                f'<?xml version="1.0" encoding="UTF-8"?><office:document-meta {office}>'
                f"<office:meta><meta:initial-creator>{who}</meta:initial-creator><dc:creator>{who}"
                "</dc:creator></office:meta></office:document-meta>"
            ),
        },
        first="mimetype",
    )


@pytest.mark.parametrize("kind", ["docx", "xlsx", "odt"])
def test_office_files_keep_no_identity(kind):
    data, mime = {"docx": (_docx, DOCX), "xlsx": (_xlsx, XLSX), "odt": (_odt, ODT)}[kind]
    data = data()
    cleaned = _clean(data, f"proposal.{kind}", mime)
    with zipfile.ZipFile(io.BytesIO(cleaned)) as archive:
        texts = {name: archive.read(name).decode("utf-8", "replace") for name in archive.namelist()}
    for name, text in texts.items():
        _assert_no_identity(text, f"{kind} {name}")
    assert any(VISIBLE in text for text in texts.values()), "the content is kept"


@pytest.mark.django_db
def test_evaluators_download_the_cleaned_file(client, department, settings, tmp_path):
    """End to end: a bidder's PDF with a sticky note naming them, downloaded by an
    evaluator, carries no identity, and its text is still there."""
    settings.MEDIA_ROOT = tmp_path
    from evaluations.models import PanelMember, Pseudonym
    from evaluations.services.scoring import attest_no_conflict

    opportunity, evaluators = _opened_with_file(department)
    member = PanelMember.objects.get(user=evaluators[0])
    attest_no_conflict(member=member, actor=evaluators[0])
    label = Pseudonym.objects.get(opportunity=opportunity).label
    client.force_login(evaluators[0])
    response = client.get(f"/en/evaluations/{opportunity.pk}/proposals/{label}/documents/1/")
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    _assert_no_identity(_everything_in(body), "the downloaded PDF")
    assert VISIBLE in " ".join(PdfReader(io.BytesIO(body)).pages[0].extract_text().split())


def _opened_with_file(department):
    from evaluations.services.opening import evaluation_open
    from evaluations.services.panel import panel_add
    from opportunities.services.lifecycle import opportunity_close
    from opportunities.services.proposals import (
        proposal_attach,
        proposal_save,
        proposal_start,
        proposal_submit,
    )
    from procurement_portal.models import Role
    from tests.factories import make_user
    from tests.opportunities.factories import past_deadline, published
    from tests.vendors.factories import make_vendor

    buyer = make_user(Role.BUYER, department=department)
    opportunity = published(owner=buyer)
    evaluators = [make_user(Role.EVALUATOR, department=department) for _ in range(2)]
    for index, evaluator in enumerate(evaluators):
        panel_add(opportunity=opportunity, actor=buyer, user=evaluator, is_chair=index == 0)
    owner = make_vendor(legal_name=LEGAL, operating_name=OPERATING).members.get().user
    proposal = proposal_start(opportunity=opportunity, actor=owner)
    proposal_save(
        proposal=proposal,
        actor=owner,
        price=5000,
        answers={c.pk: "A plan" for c in opportunity.criteria.filter(is_price=False)},
    )
    proposal_attach(
        proposal=proposal,
        actor=owner,
        upload=SimpleUploadedFile(
            "plan.pdf", _plant_pdf("comment"), content_type="application/pdf"
        ),
    )
    proposal_submit(proposal=proposal, actor=owner)
    past_deadline(opportunity)
    opportunity_close(opportunity=opportunity)
    evaluation_open(opportunity=opportunity)
    return opportunity, evaluators
