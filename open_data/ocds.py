"""Open Contracting Data Standard 1.1: releases, packages and records for our opportunities.

Only public facts go in: the tender as published, the award (winner, amount, date, number of
tenderers), the contract and its payments. Never the content of other proposals, evaluator
names, self-identification data or card details.
"""

import json
from datetime import datetime, time
from functools import cache
from pathlib import Path

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

OCDS_VERSION = "1.1"
LICENCE_URL = "https://open.canada.ca/en/open-government-licence-canada"
SCHEMA_DIR = Path(__file__).resolve().parent / "schema"
CURRENCY = "CAD"
# Extensions our releases use, declared in every package by the address of the exact version
# shipped in open_data/schema/extensions/ (parties' details.scale: micro, sme, large; the
# tender's submissionTerms.variantPolicy when variants are accepted).
EXTENSIONS = [
    "https://raw.githubusercontent.com/open-contracting-extensions/"
    "ocds_partyDetails_scale_extension/152cd9fb74e021e537b17d84420615acf7dec032/extension.json",
    "https://raw.githubusercontent.com/open-contracting-extensions/"
    "ocds_submissionTerms_extension/449ade63333a50f1e8cd2b0704c0a3c5e329a8a8/extension.json",
]
# The folder of open_data/schema/extensions/ that holds each extension's shipped copy.
EXTENSION_FOLDERS = {
    "ocds_partyDetails_scale_extension": "partyScale",
    "ocds_submissionTerms_extension": "submissionTerms",
}
# Our category tree's top level → OCDS mainProcurementCategory.
MAIN_CATEGORY = {"goods": "goods", "services": "services", "digital": "services"}


@cache
def release_schema() -> dict:
    return json.loads((SCHEMA_DIR / "release-schema.json").read_text())


def ocid_for(opportunity_id: int) -> str:
    return f"{settings.PORTAL_OCID_PREFIX}-{opportunity_id}"


def absolute(path: str) -> str:
    return settings.PORTAL_BASE_URL.rstrip("/") + path


def publisher() -> dict:
    return {"name": settings.PORTAL_OCDS_PUBLISHER, "uri": settings.PORTAL_BASE_URL}


def _iso(moment) -> str | None:
    return moment.isoformat() if moment else None


def _value(amount) -> dict | None:
    return None if amount is None else {"amount": float(amount), "currency": CURRENCY}


def _department_party(department) -> dict:
    return {
        "id": f"department-{department.slug}",
        "name": department.name_en,
        "name_fr": department.name_fr,
        "roles": ["buyer", "procuringEntity", "payer"],
    }


def _scale(vendor) -> str:
    size = vendor.size
    return "micro" if size == "micro" else "large" if size == "large" else "sme"


def _vendor_party(vendor) -> dict:
    # What the directory shows the public, and what proactive disclosure publishes: the
    # name, the province and the size. Never the business number, the street or city of a
    # possibly one-person business, or ownership self-identification.
    return {
        "id": f"vendor-{vendor.pk}",
        "name": vendor.legal_name,
        "address": {"region": vendor.province, "countryName": "Canada"},
        "roles": ["supplier", "tenderer", "payee"],
        "details": {"scale": _scale(vendor)},
    }


def _pruned(value):
    """Drop empty values (None, "", [], {}) at every level: OCDS asks publishers to omit a
    field rather than publish it empty (libcoveocds reports each one)."""
    if isinstance(value, dict):
        kept = {key: _pruned(item) for key, item in value.items()}
        return {key: item for key, item in kept.items() if item not in (None, "", [], {})}
    if isinstance(value, list):
        items = [_pruned(item) for item in value]
        return [item for item in items if item not in (None, "", [], {})]
    return value


def _ref(party: dict) -> dict:
    return {"id": party["id"], "name": party["name"]}


def _tender_status(opportunity) -> str:
    from opportunities.models import OpportunityStatus as S

    if opportunity.status == S.CANCELLED:
        return "cancelled"
    if opportunity.status in {S.PUBLISHED, S.CLOSED, S.UNDER_EVALUATION}:
        return "active"
    return "complete"


def _criteria(opportunity, language: str) -> str:
    def listed(criteria) -> str:
        return "; ".join(
            f"{getattr(c, f'name_{language}') or c.name_en} {c.weight}%" for c in criteria
        )

    written = listed(opportunity.criteria.written())
    if not opportunity.has_demonstration:
        return written
    # Two stages: OCDS 1.1 has no field for a second stage's criteria (the secondStage
    # extension only counts candidates), so both stages and their weights are said here.
    demonstration = listed(opportunity.criteria.demonstration())
    if language == "fr":
        return (
            f"Proposition écrite ({opportunity.written_weight} %) : {written}. "
            f"Démonstration ({opportunity.demonstration_weight} %) : {demonstration}"
        )
    return (
        f"Written proposal ({opportunity.written_weight}%): {written}. "
        f"Demonstration ({opportunity.demonstration_weight}%): {demonstration}"
    )


def _clause_documents(opportunity) -> list[dict]:
    """The clauses against lock-in fixed at publishing (intellectual property, open-source
    licence, data ownership, privacy), as contract schedules: "any document which contains
    additional terms [...] related to the contract" (OCDS documentType codelist). The id is
    the clause's versioned reference; the open-source licence's SPDX identifier is named."""
    from opportunities.clauses import clauses_for

    if opportunity.is_draft:
        return []
    documents = []
    for _label, clause in clauses_for(opportunity):
        description_en, description_fr = clause.body_en, clause.body_fr
        if clause.spdx:
            description_en += f" (SPDX: {clause.spdx})"
            description_fr += f" (SPDX\u00a0: {clause.spdx})"
        documents.append(
            {
                "id": clause.reference,
                "documentType": "contractSchedule",
                "title": f"{clause.get_kind_display_en()}: {clause.title_en}",
                "title_fr": f"{clause.get_kind_display_fr()}\u00a0: {clause.title_fr}",
                "description": description_en,
                "description_fr": description_fr,
                "datePublished": _iso(opportunity.published_at),
            }
        )
    return documents


def build_release(opportunity, *, tag: str, release_id: str, date) -> dict:
    """The public state of the contracting process now, as one OCDS release.

    It changes only when a service announces a public change (tests/open_data/
    test_release_per_change.py checks that the last release always equals a fresh build)."""
    from opportunities.models import OpportunityStatus, ProposalStatus

    EVALUATING = {OpportunityStatus.CLOSED, OpportunityStatus.UNDER_EVALUATION}  # noqa: N806

    ocid = ocid_for(opportunity.pk)
    buyer = _department_party(opportunity.department)
    parties = [buyer]
    category = opportunity.category.parent or opportunity.category if opportunity.category else None
    tender = {
        "id": str(opportunity.pk),
        "title": opportunity.title_en,
        "title_fr": opportunity.title_fr,
        "description": opportunity.summary_en,
        "description_fr": opportunity.summary_fr,
        "status": _tender_status(opportunity),
        "procuringEntity": _ref(buyer),
        "value": _value(opportunity.max_budget),
        "procurementMethod": "open",
        "procurementMethodDetails": "Open call for micro-procurement",
        "procurementMethodDetails_fr": "Appel ouvert de micro-acquisition",
        "awardCriteria": "ratedCriteria",
        "awardCriteriaDetails": _criteria(opportunity, "en"),
        "awardCriteriaDetails_fr": _criteria(opportunity, "fr"),
        "submissionMethod": ["electronicSubmission"],
        "tenderPeriod": {
            "startDate": _iso(opportunity.published_at),
            "endDate": _iso(opportunity.closes_at),
        },
        # Questions are taken from publishing until their own deadline, before closing.
        "enquiryPeriod": {
            "startDate": _iso(opportunity.published_at),
            "endDate": _iso(opportunity.questions_deadline),
        },
        "amendments": [
            {
                "id": str(a.number),
                "date": _iso(a.created_at),
                "description": a.text_en,
                "description_fr": a.text_fr,
            }
            for a in opportunity.addenda.order_by("number")
        ],
    }
    if opportunity.variants_allowed:
        # Only when accepted, so the releases of every other opportunity stay as they were.
        tender["submissionTerms"] = {"variantPolicy": "allowed"}
        tender["submissionMethodDetails"] = (
            f"Besides its base proposal, each tenderer may submit up to "
            f"{opportunity.variants_allowed} variant(s), each evaluated on its own."
        )
        tender["submissionMethodDetails_fr"] = (
            f"En plus de sa proposition de base, chaque soumissionnaire peut présenter jusqu’à "
            f"{opportunity.variants_allowed} variante(s), évaluée(s) chacune séparément."
        )
    clauses = _clause_documents(opportunity)
    if clauses:
        tender["documents"] = clauses
    if opportunity.has_demonstration:
        # The secondStage extension is not in the portal's schema: the shortlist is said in
        # words, after the variants sentence if there is one.
        details = {
            "": f"The top {opportunity.shortlist_size} written proposal(s) are shortlisted "
            f"and invited to a demonstration or interview.",
            "_fr": f"Les {opportunity.shortlist_size} meilleures propositions écrites sont "
            f"présélectionnées et invitées à une démonstration ou à une entrevue.",
        }
        for suffix, text in details.items():
            key = f"submissionMethodDetails{suffix}"
            tender[key] = f"{tender[key]} {text}" if key in tender else text
    if category is not None and category.slug in MAIN_CATEGORY:
        tender["mainProcurementCategory"] = MAIN_CATEGORY[category.slug]
    if opportunity.closed_at and opportunity.status not in EVALUATING:
        # Published with the outcome (award or cancellation), the next public change after
        # closing: closing and opening the evaluation change nothing else in the release.
        # Tenderers, not proposals: a business's variants do not make it several tenderers.
        tender["numberOfTenderers"] = (
            opportunity.proposals.exclude(
                status__in=[ProposalStatus.DRAFT, ProposalStatus.WITHDRAWN]
            )
            .values("vendor_id")
            .distinct()
            .count()
        )
    release = {
        "ocid": ocid,
        "id": release_id,
        "date": _iso(date),
        "tag": [tag],
        "initiationType": "tender",
        "language": "en",
        "buyer": _ref(buyer),
        "parties": parties,
        "planning": _planning(opportunity.planned_purchase),
        "tender": tender,
    }
    decision = getattr(opportunity, "award_decision", None)
    if decision is not None and decision.proposal_id:
        supplier = _vendor_party(decision.proposal.vendor)
        parties.append(supplier)
        award_id = f"{ocid}-award-1"
        release["awards"] = [
            {
                "id": award_id,
                "title": opportunity.title_en,
                "title_fr": opportunity.title_fr,
                "status": "active",
                "date": _iso(decision.decided_at),
                "value": _value(opportunity.awarded_amount),
                "suppliers": [_ref(supplier)],
                **_award_description(opportunity, decision.proposal),
            }
        ]
        contract = getattr(opportunity, "contract", None)
        # A contract is published once the vendor has signed it (the "contract" release):
        # until then it is only the award's draft, created just after the award release.
        if contract is not None and contract.accepted_at:
            release["contracts"] = [_contract(contract, opportunity, award_id, buyer, supplier)]
    return _pruned(release)


def _award_description(opportunity, proposal) -> dict:
    """What OCDS has no field of its own for, in the award's description, in both
    languages: the winning variant, and a tie broken by the portal's draw."""
    parts = [part for part in (_variant_awarded(proposal), _tie_break(opportunity)) if part]
    if not parts:
        return {}
    return {key: " ".join(part[key] for part in parts) for key in ("description", "description_fr")}


def _tie_break(opportunity) -> dict:
    """A tie for first broken by the portal's draw, in the award's description (OCDS has no
    field of its own for it): the tied pseudonyms, the method and the seed, enough for anyone
    to re-run the draw (docs/tie-break.md)."""
    draw = getattr(opportunity, "tie_break_draw", None)
    if draw is None:
        return {}
    texts = {}
    for language in ("en", "fr"):
        with translation.override(language):
            texts[language] = _(
                "Eligible proposals %(labels)s tied for first place. The portal drew the "
                "winner, %(winner)s, at random. Method %(method)s: the proposal with the "
                "smallest HMAC-SHA256 of its pseudonym, keyed with the seed, wins. "
                "Seed: %(seed)s."
            ) % {
                "labels": ", ".join(draw.labels),
                "winner": draw.winner_label,
                "method": draw.method,
                "seed": draw.seed,
            }
    return {"description": texts["en"], "description_fr": texts["fr"]}


def _variant_awarded(proposal) -> dict:
    """The award names the variant when the winning proposal is one (OCDS has no field of
    its own for it: the award's description says it)."""
    if not proposal.variant_number:
        return {}
    number = proposal.variant_number
    return {
        "description": f"Awarded to variant {number} of the supplier's proposal.",
        "description_fr": f"Attribuée à la variante {number} de la proposition du fournisseur.",
    }


def _rationale(planned, language: str) -> str:
    """The need, then its social and environmental aspects (OCDS 1.1 has no field of its
    own for them: the rationale of the purchase is where they are read)."""
    from opportunities.services.planned import ASPECT_HEADINGS

    def text(name):
        return getattr(planned, f"{name}_{language}") or (
            getattr(planned, f"{name}_en") if language == "en" else ""
        )

    social, environmental = ASPECT_HEADINGS[language]
    parts = [text("need")]
    for heading, name in ((social, "social_aspects"), (environmental, "environmental_aspects")):
        if text(name):
            colon = "\u00a0:" if language == "fr" else ":"  # « Aspects sociaux : »
            parts.append(f"{heading}{colon} {text(name)}")
    return "\n\n".join(part for part in parts if part)


def _document_url(planned, document) -> str:
    # The same address whatever language the buyer was browsing in when it was published.
    with translation.override("en"):
        return absolute(
            reverse(
                "planned_document_download", kwargs={"pk": planned.pk, "document_pk": document.pk}
            )
        )


def _planning(planned) -> dict | None:
    """The planned purchase the call came from (projet d'achat): its need and aspects, its
    budget, its preliminary studies and its retro-planning. Only what was public on the
    planned purchase's page; never the market's answers or the buyer's notes."""
    if planned is None:
        return None
    return {
        "rationale": _rationale(planned, "en"),
        "rationale_fr": _rationale(planned, "fr"),
        "budget": {
            "description": "Rough budget announced with the planned purchase",
            "description_fr": "Budget approximatif annoncé avec le projet d’achat",
            "amount": _value(planned.rough_budget),
        }
        if planned.rough_budget is not None
        else None,
        "documents": [
            {
                "id": f"planned-document-{document.pk}",
                "documentType": document.kind,
                "title": document.display_name,
                "url": _document_url(planned, document),
                "datePublished": _iso(max(document.uploaded_at, planned.published_at))
                if planned.published_at
                else _iso(document.uploaded_at),
                "format": document.content_type,
            }
            for document in planned.documents.all()
        ],
        "milestones": [
            {
                "id": f"planned-milestone-{milestone.pk}",
                "title": milestone.title_en,
                "title_fr": milestone.title_fr,
                "type": milestone.ocds_type,
                "code": milestone.kind,
                "dueDate": _iso(timezone.make_aware(datetime.combine(milestone.due_date, time()))),
                "status": "scheduled",
            }
            for milestone in planned.milestones.all()
        ],
    }


def _contract(contract, opportunity, award_id, buyer, supplier) -> dict:
    from opportunities.models import OpportunityStatus as S

    status = "terminated" if opportunity.status == S.COMPLETE else "active"
    data = {
        "id": contract.number,
        "awardID": award_id,
        "title": opportunity.title_en,
        "title_fr": opportunity.title_fr,
        "status": status,
        "value": _value(contract.price),
        "dateSigned": _iso(contract.accepted_at),
    }
    request = getattr(contract, "payment_request", None)
    payment = getattr(request, "payment", None) if request else None
    if payment is not None:
        data["implementation"] = {
            "transactions": [
                {
                    # Where to read more: the process's record, at an address that is the same
                    # whichever language the card holder was browsing in.
                    "id": payment.number,
                    "source": absolute(
                        reverse("ocds_record_package", kwargs={"ocid": ocid_for(opportunity.pk)})
                    ),
                    # The card payment's day, as midnight where the portal keeps its books.
                    "date": _iso(timezone.make_aware(datetime.combine(payment.paid_on, time()))),
                    "value": _value(payment.amount),
                    "payer": _ref(buyer),
                    "payee": _ref(supplier),
                }
            ]
        }
    return data


def release_package(releases: list[dict], *, uri: str) -> dict:
    return {
        "uri": uri,
        "version": OCDS_VERSION,
        "extensions": EXTENSIONS,
        "publishedDate": _iso(timezone.now()),
        "publisher": publisher(),
        "license": LICENCE_URL,
        "releases": releases,
    }


def compiled_release(releases: list[dict]) -> dict:
    import ocdsmerge

    return ocdsmerge.Merger(schema=release_schema()).create_compiled_release(releases)


def record_package(ocid: str, releases: list[dict], *, uri: str, package_uri: str) -> dict:
    linked = [
        {"url": f"{package_uri}#{r['id']}", "date": r["date"], "tag": r["tag"]} for r in releases
    ]
    record = {"ocid": ocid, "releases": linked, "compiledRelease": compiled_release(releases)}
    return {
        "uri": uri,
        "version": OCDS_VERSION,
        "extensions": EXTENSIONS,
        "publishedDate": _iso(timezone.now()),
        "publisher": publisher(),
        "license": LICENCE_URL,
        "packages": [package_uri],
        "records": [record],
    }
