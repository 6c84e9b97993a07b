"""What evaluators see of a proposal: its pseudonym and the submitted content, nothing else."""

from dataclasses import dataclass
from decimal import Decimal


@dataclass
class AnonymizedProposal:
    label: str
    price: Decimal | None
    answers: list  # [(criterion, text)]
    documents: list  # [(number, content_type)]
    # Registry criteria: criterion id -> the points computed at opening. Points only: the
    # claims, certifications and evidence behind them would tell who the vendor is.
    registry: dict


def anonymized(proposal, criteria) -> AnonymizedProposal:
    content = proposal.last_receipt.content  # the submitted version, never later edits
    answers = content.get("answers", {})
    price = content.get("price")
    return AnonymizedProposal(
        label=proposal.pseudonym.label,
        price=Decimal(price) if price else None,
        answers=[(c, answers.get(str(c.pk), "")) for c in criteria],
        documents=[(n, d["content_type"]) for n, d in enumerate(content.get("documents", []), 1)],
        registry=registry_points(proposal),
    )


def registry_points(proposal) -> dict[int, int]:
    return dict(proposal.registry_scores.values_list("criterion_id", "score"))


def document_file(proposal, number: int):
    """(storage name, content type, anonymous file name) of the n-th submitted document."""
    documents = proposal.last_receipt.content.get("documents", [])
    if not 1 <= number <= len(documents):  # 0 or less would index from the end
        raise IndexError(number)
    document = documents[number - 1]
    extension = {"application/pdf": "pdf", "image/png": "png"}.get(document["content_type"], "jpg")
    return (
        document["file"],
        document["content_type"],
        f"proposal-{proposal.pseudonym.label}-document-{number}.{extension}",
    )
