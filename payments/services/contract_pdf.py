"""The contract as a bilingual, tagged PDF (PDF/UA): English, then French, then the annex."""

from django.utils import timezone

from opportunities.clauses import clauses_for
from opportunities.models.criteria import CriterionStage
from procurement_portal.pdf import render_pdf


def contract_context(contract) -> dict:
    opportunity = contract.opportunity
    receipt = contract.proposal.last_receipt
    answers = receipt.content.get("answers", {}) if receipt else {}
    criteria = list(opportunity.criteria.all())
    return {
        "contract": contract,
        "opportunity": opportunity,
        "vendor": contract.vendor,
        "department": contract.department,
        "criteria": criteria,
        # What the vendor wrote: the written stage's panel criteria (nothing is written for
        # the price, a registry criterion or a demonstration).
        "annex": [
            (c, answers.get(str(c.pk), ""))
            for c in criteria
            if c.is_panel_scored and c.stage == CriterionStage.WRITTEN
        ],
        "awarded_on": timezone.localdate(contract.created_at),
        "terms": contract.terms,
        # The clauses against lock-in, in the versions fixed when the opportunity was published.
        "clauses": [clause for _kind, clause in clauses_for(opportunity)],
        "languages": ["en", "fr"],
    }


def contract_pdf_bytes(contract) -> bytes:
    return render_pdf(
        "pdf/contract.html",
        contract_context(contract),
        language="en",
        title=f"{contract.number} — Contract / Contrat",
    )
