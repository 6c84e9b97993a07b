"""Finance keeps the department's purchase-card registry."""

from django.db import transaction
from django.utils.translation import gettext as _

from procurement_portal.exceptions import PortalError, TransitionNotAllowed
from procurement_portal.models import Role, User
from procurement_portal.services.audit import audit_record

from ..models import PurchaseCard

FIELDS = [
    "holder",
    "last4",
    "expiry_month",
    "expiry_year",
    "single_limit",
    "monthly_limit",
    "is_active",
]


def card_save(
    *, actor: User, department, card: PurchaseCard | None = None, **fields
) -> PurchaseCard:
    """Register a card or change its limits. Only finance of the department does this."""
    if not (actor.has_role(Role.FINANCE, department) or actor.has_role(Role.SITE_ADMIN)):
        raise TransitionNotAllowed(_("Only finance of the department keeps its cards."))
    holder = fields["holder"]
    if not holder.has_role(Role.CARD_HOLDER, department):
        raise PortalError(
            _(
                "This person is not a card holder of the department. A "
                "procurement officer grants that role first."
            ),
            field="holder",
        )
    if holder.pk == actor.pk:
        raise PortalError(
            _("You cannot register or change your own card: another member of finance does it."),
            field="holder",
        )
    if fields["single_limit"] > fields["monthly_limit"]:
        raise PortalError(
            _("The single-transaction limit cannot exceed the monthly limit."), field="single_limit"
        )
    with transaction.atomic():
        before = {}
        if card is None:
            card = PurchaseCard(department=department)
        else:
            card = PurchaseCard.objects.select_for_update().get(pk=card.pk, department=department)
            before = {name: str(getattr(card, name)) for name in FIELDS}
            if card.holder_id != holder.pk and card.payments.exists():
                # The export names the holder of each payment's card: keep history true.
                raise PortalError(
                    _("Payments were made with this card: register a new card for another holder."),
                    field="holder",
                )
        for name in FIELDS:
            setattr(card, name, fields[name])
        card.full_clean()
        card.save()
        after = {name: str(getattr(card, name)) for name in FIELDS}
        audit_record(
            actor=actor,
            action="card.update" if before else "card.create",
            obj=card,
            department=department,
            details={
                name: [before.get(name), value]
                for name, value in after.items()
                if before.get(name) != value
            },
        )
    return card
