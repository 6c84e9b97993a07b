"""The buyer's workspace: their opportunities grouped by state in journey order, each with
the one thing to do next (or what it is waiting for)."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.timesince import timeuntil
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import Opportunity, OpportunityStatus
from .models.opportunities import JOURNEY

S = OpportunityStatus
ORDER = [*JOURNEY, S.CANCELLED]


@dataclass(frozen=True)
class NextAction:
    text: str
    url: str = ""  # empty: nothing to click, the opportunity waits for someone else


def _contract_url(opportunity: Opportunity, name: str = "contract_detail") -> str:
    # The contract belongs to payments (a higher layer): reached by its URL name only.
    contract = getattr(opportunity, "contract", None)
    return reverse(name, args=[contract.pk]) if contract else ""


def next_action(opportunity: Opportunity) -> NextAction:
    state = opportunity.effective_status
    if state == S.DRAFT:
        return NextAction(
            _("Complete and publish"), reverse("opportunity_edit", args=[opportunity.pk])
        )
    if state == S.PUBLISHED:
        unanswered = getattr(opportunity, "unanswered", 0)
        if unanswered:
            return NextAction(
                ngettext(
                    "%(counter)s question to answer", "%(counter)s questions to answer", unanswered
                )
                % {"counter": unanswered},
                reverse("question_list", args=[opportunity.pk]),
            )
        closes_at = opportunity.closes_at
        return NextAction(
            _("Closes in %(when)s") % {"when": timeuntil(closes_at) if closes_at else "—"}
        )
    if state == S.CLOSED:
        return NextAction(
            _("Closed: evaluation comes next"), reverse("panel_manage", args=[opportunity.pk])
        )
    if state == S.UNDER_EVALUATION:
        return NextAction(
            _("Follow the evaluation, then award"),
            reverse("evaluation_home", args=[opportunity.pk]),
        )
    if state == S.AWARDED:
        return NextAction(
            _("Waiting for the vendor to accept the contract"), _contract_url(opportunity)
        )
    if state == S.IN_DELIVERY:
        return NextAction(
            _("Review the work when the vendor delivers it"), _contract_url(opportunity)
        )
    if state == S.DELIVERY_ACCEPTED:
        return NextAction(
            _("Request the payment"), _contract_url(opportunity, "payment_request_create")
        )
    if state == S.PAID:
        return NextAction(
            _("Waiting for the vendor to confirm the payment"), _contract_url(opportunity)
        )
    if state == S.COMPLETE and opportunity.awaits_phase_decision:
        return NextAction(
            _("Record the go / no-go"), reverse("phase_decision", args=[opportunity.pk])
        )
    if state == S.COMPLETE:
        return NextAction(_("Complete: nothing left to do"))
    return NextAction(_("Cancelled: nothing left to do"))


def workspace_groups(opportunities) -> list[tuple[str, list[Opportunity]]]:
    """[(state label, [opportunity, ...]), ...] in journey order, each row with its
    `next_action`."""
    groups: dict[str, list[Opportunity]] = {}
    for opportunity in opportunities:
        opportunity.next_action = next_action(opportunity)
        groups.setdefault(opportunity.effective_status, []).append(opportunity)
    return [(str(S(state).label), groups[state]) for state in ORDER if state in groups]
