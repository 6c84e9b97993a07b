"""Demo vendors across sizes, provinces and ownership, with verified, pending (self-declared)
and rejected claims, each with its evidence. Called by `manage.py seed_demo` after the demo
accounts exist; idempotent."""

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from procurement_portal.models import Category, Role, User
from procurement_portal.services.roles import role_grant

from .models import CertificationType, QuestionnaireVersion, Vendor
from .services.certifications import certification_add
from .services.claims import claim_reject, claim_verify
from .services.organisation import vendor_create
from .services.questionnaire import answers_save
from .services.subscriptions import subscription_save


def demo_pdf() -> bytes:
    """A one-page PDF standing in for a scanned certificate."""
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


VENDORS = [
    # owner email, legal name, operating name, business number, city, province, postal code,
    # employees, revenue band, categories, ownership, certification (slug, verified?)
    (
        "vendor@example.com",
        "Tremblay Accessibilité inc.",
        "Access Tremblay",
        "123456782",
        "Gatineau",
        "QC",
        "J8X 1A1",
        4,
        "under_500k",
        ["digital-accessibility", "digital-design"],
        {"owned_women": True},
        ("b-corp", True),
    ),
    (
        "owner@northern-lights.example.com",
        "Northern Lights Translation Ltd.",
        "",
        "987654324",
        "Whitehorse",
        "YT",
        "Y1A 1A1",
        12,
        "under_5m",
        ["services-translation"],
        {"owned_indigenous": True},
        ("ccab-cib", True),
    ),
    (
        "owner@prairie-data.example.com",
        "Prairie Data Co-op",
        "",
        "111111118",
        "Regina",
        "SK",
        "S4P 3Y2",
        35,
        "under_5m",
        ["digital-data", "digital-development"],
        {},
        ("iso-14001", False),
    ),
    (
        "owner@atlantic-events.example.com",
        "Atlantic Events and Training Inc.",
        "AET",
        "222222226",
        "Halifax",
        "NS",
        "B3H 1A1",
        140,
        "under_50m",
        ["services-events", "services-training"],
        {"owned_veteran": True},
        None,
    ),
    (
        "owner@bigco.example.com",
        "BigCo Consulting Corporation",
        "BigCo",
        "333333334",
        "Toronto",
        "ON",
        "M5V 2T6",
        2400,
        "over_50m",
        ["services-research", "digital-development"],
        {},
        ("iso-9001", True),
    ),
    # Claims a procurement officer rejected (a reason the vendor reads) or has yet to check.
    (
        "owner@fjord-design.example.com",
        "Fjord Design Studio Inc.",
        "Fjord",
        "444444442",
        "St. John's",
        "NL",
        "A1C 1A1",
        6,
        "under_500k",
        ["digital-design", "digital-accessibility"],
        {"owned_2slgbtqi": True},
        ("b-corp", "rejected"),
    ),
    (
        "owner@laurentides.example.com",
        "Services linguistiques Laurentides",
        "",
        "555555556",
        "Saint-Jérôme",
        "QC",
        "J7Z 1A1",
        9,
        "under_500k",
        ["services-translation"],
        {"owned_women": True},
        ("iso-9001", False),
    ),
    (
        "owner@cascade-dev.example.com",
        "Cascade Web Development Ltd.",
        "Cascade",
        "666666664",
        "Kelowna",
        "BC",
        "V1Y 1A1",
        18,
        "under_5m",
        ["digital-development", "digital-data"],
        {},
        ("ecologo", True),
    ),
    (
        "owner@red-river.example.com",
        "Red River Research Collective",
        "",
        "777777772",
        "Winnipeg",
        "MB",
        "R3C 1A1",
        3,
        "under_500k",
        ["services-research", "digital-design"],
        {"owned_indigenous": True},
        ("ccab-cib", False),
    ),
]
# These owners read new opportunities once a day (the demo's beat sends the digest at 11:00 UTC).
DIGESTS = {"owner@red-river.example.com": "daily", "owner@laurentides.example.com": "daily"}
# A questionnaire answer an officer rejected (the evidence did not show it).
REJECTED_ANSWER = (
    "owner@atlantic-events.example.com",
    "env-policy",
    "The file is a draft; send the policy your board adopted.",
)


def seed(*, stdout=None):
    from .demo_catalogue import seed_catalogues

    if Vendor.objects.filter(business_number=VENDORS[0][3]).exists():
        seed_catalogues()  # a demo seeded before the catalogues existed gets them too
        return
    officer = User.objects.get(email="officer@demo.gc.ca")
    version = QuestionnaireVersion.objects.current()
    today = timezone.localdate()
    for (
        email,
        legal,
        operating,
        number,
        city,
        province,
        postal,
        employees,
        revenue,
        categories,
        ownership,
        certification,
    ) in VENDORS:
        owner = User.objects.filter(email=email).first()
        if owner is None:
            owner = User.objects.create_user(email, None, full_name=legal)
            role_grant(user=owner, role=Role.VENDOR_MEMBER, actor=owner)
        vendor = vendor_create(
            actor=owner,
            categories=Category.objects.filter(slug__in=categories),
            legal_name=legal,
            operating_name=operating,
            business_number=number,
            address="100 Main Street",
            city=city,
            province=province,
            postal_code=postal,
            contact_email=email,
            employees=employees,
            revenue_band=revenue,
            serves_english=True,
            serves_french=province in {"QC", "NB", "ON"},
            payment_method="link",
            payment_link="https://pay.example.com/" + number,
            **ownership,
        )
        questions = {q.key: q for q in version.questions.all()}
        answers_save(
            vendor=vendor,
            actor=owner,
            version=version,
            values={
                questions["env-policy"].pk: "yes",
                questions["env-travel"].pk: "yes",
                questions["div-policy"].pk: "yes" if ownership else "no",
                questions["inn-user-research"].pk: "yes",
                questions["inn-practices"].pk: "iterative",
            },
            uploads={questions["env-policy"].pk: SimpleUploadedFile("policy.pdf", demo_pdf())},
        )
        if certification:
            slug, verified = certification
            claim = certification_add(
                vendor=vendor,
                actor=owner,
                kind=CertificationType.objects.get(slug=slug),
                number=f"{slug.upper()}-{number[:4]}",
                issued_on=today - timedelta(days=200),
                expires_on=today + timedelta(days=20 if slug == "b-corp" else 500),
                upload=SimpleUploadedFile(f"{slug}.pdf", demo_pdf()),
            )
            if verified == "rejected":
                claim_reject(
                    claim=claim,
                    actor=officer,
                    reason="The certificate shown has expired; upload the current "
                    "one. / Le certificat fourni est expiré.",
                )
            elif verified:
                claim_verify(claim=claim, actor=officer)
        subscription_save(
            user=owner,
            categories=Category.objects.filter(slug__in=categories),
            keywords="",
            frequency=DIGESTS.get(email, "instant"),
            is_active=True,
        )
    email, key, reason = REJECTED_ANSWER
    answer = Vendor.objects.get(members__user__email=email).answers.get(question__key=key)
    claim_reject(claim=answer, actor=officer, reason=reason)
    seed_catalogues()
    if stdout:
        stdout.write(f"Demo vendors: {Vendor.objects.count()}")
