"""What the audit log's codes mean, in the reader's language.

Services record stable codes ("opportunity.publish", "under_evaluation"); the log shows
these words instead. tests/portal/test_audit_labels.py finds every action the code records
and fails when one has no label here.
"""

from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

ACTION_LABELS = {
    "addendum.post": _("Addendum posted"),
    "attachment.add": _("Document added"),
    "attachment.remove": _("Document removed"),
    "card.create": _("Purchase card registered"),
    "card.update": _("Purchase card changed"),
    "catalogue.add": _("Catalogue item added"),
    "catalogue.change": _("Catalogue item changed"),
    "catalogue.remove": _("Catalogue item removed"),
    "certification.add": _("Certification added"),
    "claim.verified": _("Claim verified"),
    "claim.rejected": _("Claim rejected"),
    "claim.redeclared": _("Claim changed by the vendor, to be checked again"),
    "contract.accept": _("Contract accepted"),
    "contract.create": _("Contract created"),
    "contract.ready": _("Contract ready to sign"),
    "contract_terms.publish": _("Contract terms published"),
    "delivery.accept": _("Delivery accepted, receipt certified"),
    "delivery.request_changes": _("Changes requested to a delivery"),
    "delivery.submit": _("Work delivered"),
    "evaluation.attest": _("No conflict of interest attested"),
    "evaluation.consensus": _("Consensus score recorded"),
    "evaluation.demonstration_schedule": _("Demonstration scheduled"),
    "evaluation.demonstration_score": _("Demonstration scores recorded"),
    "evaluation.lock": _("Consensus locked"),
    "evaluation.open": _("Evaluation opened"),
    "evaluation.reattest": _("No conflict of interest attested again"),
    "evaluation.registry_scores": _("Registry points computed and frozen"),
    "evaluation.reveal": _("Identities revealed"),
    "evaluation.score_submit": _("Individual scores submitted"),
    "evaluation.shortlist": _("Top proposals shortlisted for a demonstration"),
    "evaluation.tie_break": _("Tie for first broken by a random draw"),
    "guardrail.override": _("Guardrail overridden"),
    "initiative.create": _("Initiative created"),
    "opportunity.award": _("Opportunity awarded"),
    "opportunity.cancel": _("Opportunity cancelled"),
    "opportunity.close": _("Opportunity closed"),
    "opportunity.copy": _("Opportunity copied to a new draft"),
    "opportunity.create": _("Opportunity drafted"),
    "opportunity.delivery_accepted": _("Opportunity: delivery accepted"),
    "opportunity.in_delivery": _("Opportunity: work under way"),
    "opportunity.paid": _("Opportunity: paid"),
    "opportunity.publish": _("Opportunity published"),
    "panel.add": _("Evaluator added to the panel"),
    "panel.conflict_declared": _("Evaluator declared a conflict of interest and left the panel"),
    "panel.remove": _("Evaluator removed from the panel"),
    "payment.approve": _("Payment made"),
    "payment.blocked": _("Payment blocked by a guardrail check"),
    "payment.cancel": _("Payment request cancelled"),
    "payment.confirm": _("Payment receipt confirmed"),
    "payment.correct": _("Payment request amount corrected"),
    "payment.request": _("Payment requested"),
    "payment.unblocked": _("Payment cleared for the card holders"),
    "performance.record": _("Vendor performance assessed"),
    "performance.respond": _("Vendor answered the performance assessment"),
    "phase.decide": _("Go / no-go decision recorded"),
    "planned.convert": _("Planned purchase turned into an opportunity"),
    "planned.create": _("Planned purchase drafted"),
    "planned.document_add": _("Preliminary study added to a planned purchase"),
    "planned.document_remove": _("Preliminary study removed from a planned purchase"),
    "planned.milestone_add": _("Milestone added to a planned purchase"),
    "planned.milestone_remove": _("Milestone removed from a planned purchase"),
    "planned.publish": _("Planned purchase published"),
    "planned.question_add": _("Question to the market asked"),
    "planned.question_remove": _("Question to the market removed"),
    "planned.update": _("Planned purchase changed"),
    "proposal.settle": _("Proposal outcome recorded"),
    "proposal.start": _("Proposal started"),
    "proposal.submit": _("Proposal submitted"),
    "proposal.unseal": _("Proposal unsealed for evaluation"),
    "proposal.withdraw": _("Proposal withdrawn"),
    "question.answer": _("Question answered"),
    "question.ask": _("Question asked"),
    "questionnaire.answer": _("Questionnaire answered"),
    "questionnaire.publish": _("Questionnaire version published"),
    "role.grant": _("Role granted"),
    "role.revoke": _("Role revoked"),
    "template.create": _("Department template saved"),
    "template.update": _("Department template changed"),
    "template.use": _("Draft started from a department template"),
    "vendor.create": _("Business registered"),
    "vendor.invite": _("Colleague invited"),
    "vendor.join": _("Colleague joined"),
    "vendor.leave": _("Member left"),
    "vendor.member_role": _("Member’s role changed"),
    "vendor.remove_member": _("Member removed"),
    "vendor.update": _("Business profile changed"),
}

UNKNOWN_STATE = pgettext_lazy("audit log", "(unknown state: %(code)s)")


def action_label(code: str) -> str:
    return str(ACTION_LABELS.get(code, code))


def state_label(object_type: str, code: str) -> str:
    """The label of a state code, from the model's own `status` choices (so it is the same
    context-specific word as on its pages)."""
    if not code:
        return ""
    try:
        field = apps.get_model(object_type)._meta.get_field("status")
    except (LookupError, ValueError, FieldDoesNotExist):
        field = None
    choices = dict(field.flatchoices) if field is not None and field.choices else {}
    if not choices and object_type == settings.AUTH_USER_MODEL.lower():
        # A person has no status: what a role grant or revoke moves is their role.
        from procurement_portal.models import Role

        choices = dict(Role.choices)
    label = choices.get(code)
    return str(label) if label is not None else str(UNKNOWN_STATE % {"code": code})


def object_type_label(object_type: str) -> str:
    try:
        return str(apps.get_model(object_type)._meta.verbose_name)
    except (LookupError, ValueError):
        return object_type
