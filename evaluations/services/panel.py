from django.db import transaction
from django.utils.translation import gettext as _

from opportunities.models import Opportunity
from procurement_portal.exceptions import PortalError, TransitionNotAllowed
from procurement_portal.models import Role, User
from procurement_portal.services.audit import audit_record
from procurement_portal.services.outbox import absolute_url, notify

from ..models import Evaluation, PanelMember, Tie

# An evaluation panel has at least two members (the buyer may chair it).
MINIMUM_PANEL = 2


def _ensure_manages(actor: User, opportunity: Opportunity) -> None:
    if not Opportunity.objects.managed_by(actor).filter(pk=opportunity.pk).exists():
        raise TransitionNotAllowed(
            _("Only the buyer or a procurement officer of the department can change the panel.")
        )


def panel_add(
    *, opportunity: Opportunity, actor: User, user: User, is_chair: bool = False
) -> PanelMember:
    """Name an evaluator (an evaluator of the department, or the buyer, who may chair)."""
    _ensure_manages(actor, opportunity)
    started = Evaluation.objects.filter(opportunity=opportunity).exists()
    active = PanelMember.objects.active().filter(opportunity=opportunity)
    # Once started, the panel only takes a replacement: when conflicts left fewer than two,
    # or a new chair when the chair left.
    chair_wanted = is_chair and not active.filter(is_chair=True).exists()
    if started and active.count() >= MINIMUM_PANEL and not chair_wanted:
        raise TransitionNotAllowed(_("The panel is fixed once evaluation has started."))
    if not (
        user.has_role(Role.EVALUATOR, opportunity.department_id) or user.pk == opportunity.owner_id
    ):
        raise PortalError(
            _("Only evaluators of the department, or the buyer, can sit on the panel."),
            field="email",
        )
    if started:
        # A replacement after conflicts took the panel under two: check their ties now.
        from .opening import has_tie

        bidders = [
            p.vendor for p in opportunity.proposals.exclude(pseudonym=None).select_related("vendor")
        ]
        candidate = PanelMember(opportunity=opportunity, user=user)
        if has_tie(candidate, bidders):
            raise PortalError(
                _("This person cannot join the panel: choose someone else."), field="email"
            )
    with transaction.atomic():
        member, created = PanelMember.objects.get_or_create(
            opportunity=opportunity, user=user, defaults={"added_by": actor}
        )
        if is_chair and not member.is_chair:
            PanelMember.objects.filter(opportunity=opportunity).update(is_chair=False)
            member.is_chair = True
            member.save(update_fields=["is_chair"])
        if created:
            audit_record(
                actor=actor,
                action="panel.add",
                obj=opportunity,
                department=opportunity.department,
                details={"user": user.pk},
            )
            if user.pk != actor.pk:
                notify(
                    template="emails/panel_named",
                    recipient=user,
                    context={
                        "title": {"en": opportunity.title_en, "fr": opportunity.title_fr},
                        "chair": member.is_chair,
                        "started": started,
                        "closes_at": opportunity.closes_at.isoformat()
                        if opportunity.closes_at
                        else "",
                        "time_zone": opportunity.time_zone,
                        "url": absolute_url("evaluation_home", user, pk=opportunity.pk),
                    },
                )
    return member


def panel_remove(*, member: PanelMember, actor: User) -> None:
    opportunity = member.opportunity
    _ensure_manages(actor, opportunity)
    if Evaluation.objects.filter(opportunity=opportunity).exists():
        raise TransitionNotAllowed(_("The panel is fixed once evaluation has started."))
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="panel.remove",
            obj=opportunity,
            department=opportunity.department,
            details={"user": member.user_id},
        )
        member.delete()


def tie_add(*, actor: User, organisation: str, business_number: str = "") -> Tie:
    if not actor.has_role(Role.EVALUATOR) and not actor.is_government:
        raise TransitionNotAllowed(_("Only public servants keep a list of ties."))
    organisation = organisation.strip()
    if not organisation:
        raise PortalError(_("Name the organisation."), field="organisation")
    with transaction.atomic():
        tie, _created = Tie.objects.get_or_create(
            user=actor,
            organisation=organisation,
            defaults={"business_number": business_number.strip()},
        )
        # A tie to a bidder of an evaluation under way removes them, as at opening.
        from .conflicts import conflicts_recheck

        conflicts_recheck(user=actor)
    return tie


def tie_remove(*, tie: Tie, actor: User) -> None:
    if tie.user_id != actor.pk:
        raise TransitionNotAllowed(_("This is not your list."))
    tie.delete()
