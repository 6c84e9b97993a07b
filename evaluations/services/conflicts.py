"""Conflicts of interest that appear after the panel was formed.

At opening the portal removes, silently, any evaluator tied to a bidder (opening.py). A tie
can also appear later: the evaluator joins a bidding business (or is invited into one and
accepts), adds the bidder to their list of ties, or a bidder takes a name on that list. Each
of these calls `conflicts_recheck`, which removes the evaluator from every panel still
evaluating that bidder, with the same neutral messages as at opening. A person is never
both a member of a bidding business and on its panel.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opportunities.models import Opportunity
from procurement_portal.exceptions import TransitionNotAllowed
from procurement_portal.models import User
from procurement_portal.services.audit import audit_record
from procurement_portal.services.outbox import absolute_url, notify

from ..models import AwardDecision, PanelMember


def conflict_remove(member: PanelMember) -> None:
    """Take a conflicted evaluator off the panel, telling them and the buyer, neither of
    whom learns which bidder (called inside the caller's transaction)."""
    opportunity = member.opportunity
    member.removed_at = timezone.now()
    member.save(update_fields=["removed_at"])
    title = {"en": opportunity.title_en, "fr": opportunity.title_fr}
    notify(template="emails/panel_conflict", recipient=member.user, context={"title": title})
    notify(
        template="emails/panel_changed",
        recipient=opportunity.owner,
        context={
            "title": title,
            "removed": 1,
            "remaining": opportunity.panel.active().count(),
            "url": absolute_url("panel_manage", opportunity.owner, pk=opportunity.pk),
        },
    )


def conflict_declare(*, member: PanelMember, actor: User, note: str = "") -> PanelMember:
    """The evaluator states a conflict of interest themselves: they leave the panel at once,
    as a silent removal does, and the buyer is told who left (never which bidder: the
    evaluator's private note is shown to the buyer on the panel page only, not by email,
    and to no other evaluator). Repeating it changes nothing."""
    if member.user_id != actor.pk:
        raise TransitionNotAllowed(_("Only the evaluator declares a conflict for themselves."))
    with transaction.atomic():
        member = (
            PanelMember.objects.select_for_update()
            .select_related("opportunity__owner", "opportunity__department", "user")
            .get(pk=member.pk)
        )
        if member.removed_at:
            return member
        opportunity = member.opportunity
        if AwardDecision.objects.filter(opportunity=opportunity).exists():
            raise TransitionNotAllowed(_("The award is decided: the panel's work is over."))
        now = timezone.now()
        member.removed_at = now
        member.conflict_declared_at = now
        member.conflict_note = note.strip()
        member.save(update_fields=["removed_at", "conflict_declared_at", "conflict_note"])
        audit_record(
            actor=actor,
            action="panel.conflict_declared",
            obj=opportunity,
            department=opportunity.department,
            # The note may be sensitive: the audit keeps only whether there was one.
            details={
                "user": actor.pk,
                "chair": member.is_chair,
                "note": bool(member.conflict_note),
            },
        )
        if opportunity.owner_id != actor.pk:
            notify(
                template="emails/panel_conflict_declared",
                recipient=opportunity.owner,
                context={
                    "title": {"en": opportunity.title_en, "fr": opportunity.title_fr},
                    "evaluator": str(actor),
                    "chair": member.is_chair,
                    "remaining": opportunity.panel.active().count(),
                    "url": absolute_url("panel_manage", opportunity.owner, pk=opportunity.pk),
                },
            )
    return member


def conflicts_recheck(*, user=None, vendor=None) -> int:
    """Re-check the seats of `user` (their ties or business changed) or the panels
    evaluating `vendor` (its name changed), on evaluations not decided yet. Return how many
    evaluators were removed."""
    from .opening import has_tie

    seats = PanelMember.objects.active().filter(
        opportunity__evaluation__isnull=False, opportunity__award_decision__isnull=True
    )
    if user is not None:
        seats = seats.filter(user=user)
    if vendor is not None:
        seats = seats.filter(
            opportunity__proposals__vendor=vendor, opportunity__proposals__pseudonym__isnull=False
        )
    removed = 0
    with transaction.atomic():
        for member in (
            seats.select_related("user", "opportunity", "opportunity__owner")
            .prefetch_related("user__ties")
            .distinct()
        ):
            opportunity: Opportunity = member.opportunity
            bidders = [
                p.vendor
                for p in opportunity.proposals.exclude(pseudonym=None).select_related("vendor")
            ]
            if has_tie(member, bidders):
                conflict_remove(PanelMember.objects.select_for_update().get(pk=member.pk))
                removed += 1
    return removed
