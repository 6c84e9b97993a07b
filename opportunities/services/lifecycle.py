"""State transitions of an opportunity: publish, close, cancel. One service each."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from procurement_portal.exceptions import PortalError, TransitionNotAllowed
from procurement_portal.models import User
from procurement_portal.row_stamps import row_changed
from procurement_portal.services.transitions import check_transition
from procurement_portal.templatetags.portal import money

from .. import search_sqlite
from ..clauses import clauses_to_fix
from ..models import Opportunity, OpportunityStatus, PriceEvaluation
from ..models.criteria import RUBRIC_MAX, CriterionStage
from .access import ensure_manages
from .audience import opportunity_audience
from .emails import notify_about
from .fanout import fanout_schedule
from .status import opportunity_move

S = OpportunityStatus


class PublishBlocked(PortalError):
    """Publishing refused; `problems` lists (field, message) pairs to show as a checklist."""

    def __init__(self, problems: list[tuple[str, str]]):
        super().__init__(_("The opportunity is not ready to publish."))
        self.problems = problems


def add_business_days(start: datetime, days: int) -> datetime:
    """`days` working days (Monday to Friday) after `start`, or before it when `days` is
    negative; statutory holidays are not counted out (a department can raise the minimum
    to cover them). The weekday is the one of `start`'s own time zone."""
    current = start
    step = timedelta(days=1 if days >= 0 else -1)
    remaining = abs(days)
    while remaining > 0:
        current += step
        if current.weekday() < 5:
            remaining -= 1
    return current


def default_questions_deadline(opportunity: Opportunity) -> datetime | None:
    """Closing minus PORTAL_QUESTIONS_BUSINESS_DAYS business days, at the same local time
    (counted in the opportunity's time zone, where its weekdays are)."""
    if opportunity.closes_at is None:
        return None
    local = opportunity.closes_at.astimezone(ZoneInfo(opportunity.time_zone))
    before = add_business_days(local, -settings.PORTAL_QUESTIONS_BUSINESS_DAYS)
    # Wall-clock arithmetic across a DST change: normalise through UTC.
    return before.astimezone(UTC)


def questions_deadline_problem(opportunity: Opportunity, now: datetime) -> str | None:
    deadline = opportunity.questions_close_at
    if deadline is None or opportunity.closes_at is None:
        return None
    if deadline >= opportunity.closes_at:
        return _("The deadline for questions must come before the closing time.")
    if deadline <= now:
        return _("The deadline for questions has passed: choose a later one, or leave it empty.")
    return None


def earliest_closing(now: datetime | None = None) -> datetime:
    return add_business_days(now or timezone.now(), settings.PORTAL_MIN_POSTING_BUSINESS_DAYS)


def publish_problems(opportunity: Opportunity, now: datetime | None = None):
    """Everything that stops publishing, each at its field, in the reader's language."""
    now = now or timezone.now()
    problems: list[tuple[str, str]] = []
    languages = ["en", "fr"] if settings.PORTAL_REQUIRE_BOTH_LANGUAGES else ["en"]
    labels = {"title": _("Title"), "summary": _("Summary"), "description": _("Description")}
    for name, label in labels.items():
        for language in languages:
            if not getattr(opportunity, f"{name}_{language}").strip():
                problems.append(
                    (
                        f"{name}_{language}",
                        _("%(field)s in %(language)s is missing.")
                        % {
                            "field": label,
                            "language": _("English") if language == "en" else _("French"),
                        },
                    )
                )
    if opportunity.category_id is None:
        problems.append(("category", _("Choose a category.")))
    if not opportunity.contact_email:
        problems.append(("contact_email", _("Give a contact email address.")))
    threshold = opportunity.department.micro_procurement_threshold
    if opportunity.max_budget is None:
        problems.append(("max_budget", _("Give the maximum budget.")))
    elif opportunity.max_budget > threshold:
        problems.append(
            (
                "max_budget",
                _("The budget is above the micro-procurement threshold of %(threshold)s.")
                % {"threshold": money(threshold)},
            )
        )
    if opportunity.closes_at is None:
        problems.append(("closes_at", _("Give the closing date and time.")))
    elif opportunity.closes_at < earliest_closing(now):
        problems.append(
            (
                "closes_at",
                _(
                    "The closing time must leave at least %(days)s business "
                    "days for vendors to respond."
                )
                % {"days": settings.PORTAL_MIN_POSTING_BUSINESS_DAYS},
            )
        )
    questions = questions_deadline_problem(opportunity, now)
    if questions:
        problems.append(("questions_close_at", questions))
    if (
        opportunity.expected_delivery
        and opportunity.closes_at
        and opportunity.expected_delivery < opportunity.closes_at.date()
    ):
        problems.append(("expected_delivery", _("Delivery cannot be expected before closing.")))
    problems += criteria_problems(opportunity, languages)
    return problems


def criteria_problems(opportunity: Opportunity, languages) -> list[tuple[str, str]]:
    everything = list(opportunity.criteria.all())
    criteria = [c for c in everything if c.stage == CriterionStage.WRITTEN]
    problems = stage_two_problems(opportunity, everything)
    if not [c for c in criteria if not c.is_price]:
        problems.append(("criteria", _("Add at least one evaluation criterion that is not price.")))
    elif not [c for c in criteria if c.is_panel_scored]:
        problems.append(
            (
                "criteria",
                _("Add at least one criterion scored by the panel, not only registry ones."),
            )
        )
    total = sum(c.weight for c in criteria)
    if criteria and total != 100:
        problems.append(
            (
                "criteria",
                _("The weights add up to %(total)s; they must add up to 100.") % {"total": total},
            )
        )
    price = [c for c in criteria if c.is_price]
    cap = settings.PORTAL_PRICE_WEIGHT_CAP
    if opportunity.price_evaluation == PriceEvaluation.PASS_FAIL and price:
        problems.append(
            ("criteria", _("Price is pass/fail for this opportunity: remove the price criterion."))
        )
    if opportunity.price_evaluation == PriceEvaluation.SCORED:
        if len(price) != 1:
            problems.append(("criteria", _("Price is scored: add exactly one price criterion.")))
        elif price[0].weight > cap:
            problems.append(("criteria", _("Price may weigh at most %(cap)s%%.") % {"cap": cap}))
    for criterion in everything:
        for language in languages:
            if not getattr(criterion, f"name_{language}").strip():
                problems.append(("criteria", _("Every criterion needs a name in both languages.")))
                break
        if criterion.min_score > RUBRIC_MAX:
            problems.append(
                ("criteria", _("Minimum scores are out of %(max)s.") % {"max": RUBRIC_MAX})
            )
    return list(dict.fromkeys(problems))


def stage_two_problems(opportunity: Opportunity, everything: list) -> list[tuple[str, str]]:
    """A shortlist needs demonstration criteria weighing 100 and a weight between the stages;
    a single-stage opportunity has no demonstration criteria."""
    demonstration = [c for c in everything if c.stage == CriterionStage.DEMONSTRATION]
    if not opportunity.has_demonstration:
        if demonstration:
            return [
                (
                    "shortlist_size",
                    _(
                        "Demonstration criteria need a shortlist: set how many proposals "
                        "are shortlisted, or make them written criteria."
                    ),
                )
            ]
        return []
    problems = []
    if not 1 <= opportunity.demonstration_weight <= 99:
        problems.append(
            ("demonstration_weight", _("Give the demonstration a weight from 1 to 99%."))
        )
    total = sum(c.weight for c in demonstration)
    if not demonstration:
        problems.append(("criteria", _("Add the criteria the demonstration is scored on.")))
    elif total != 100:
        problems.append(
            (
                "criteria",
                _(
                    "The weights of the demonstration criteria add up to %(total)s; they "
                    "must add up to 100."
                )
                % {"total": total},
            )
        )
    if any(c.is_price for c in demonstration):
        problems.append(("criteria", _("Price is part of the written proposal.")))
    return problems


def refresh_search_document(opportunity: Opportunity) -> None:
    """Index the public text, each language with its own dictionary (stemming, stop words)."""
    if connection.vendor != "postgresql":
        search_sqlite.index_opportunity(opportunity)  # the demo's FTS5 index
        return
    document = (
        SearchVector("title_en", weight="A", config="english")
        + SearchVector(
            "summary_en", "description_en", "deliverables_en", weight="B", config="english"
        )
        + SearchVector("title_fr", weight="A", config="french")
        + SearchVector(
            "summary_fr", "description_fr", "deliverables_fr", weight="B", config="french"
        )
    )
    Opportunity.objects.filter(pk=opportunity.pk).update(search_document=document)
    # Its search entry changed too (a trigger): what kept search results rank on.
    row_changed("opportunities.opportunity", opportunity.pk)


def _locked(opportunity: Opportunity) -> Opportunity:
    return (
        Opportunity.objects.select_for_update(of=("self",))
        .select_related("department")
        .get(pk=opportunity.pk)
    )


def opportunity_publish(*, opportunity: Opportunity, actor: User) -> Opportunity:
    with transaction.atomic():
        opportunity = _locked(opportunity)
        if opportunity.status == S.PUBLISHED:
            return opportunity  # published already: nothing to do twice
        ensure_manages(actor, opportunity)
        check_transition(opportunity, S.PUBLISHED, Opportunity.TRANSITIONS)
        problems = publish_problems(opportunity)
        if problems:
            raise PublishBlocked(problems)
        opportunity = opportunity_move(
            opportunity_id=opportunity.pk,
            to=S.PUBLISHED,
            actor=actor,
            action="opportunity.publish",
            # The clauses' versions are fixed now: later versions do not change this contract.
            fields={
                "published_at": timezone.now(),
                "questions_close_at": opportunity.questions_close_at
                or default_questions_deadline(opportunity),
                **clauses_to_fix(opportunity),
            },
        ).obj
        refresh_search_document(opportunity)
        fanout_schedule(opportunity)
        if opportunity.planned_purchase is not None:
            interested = [
                r.user
                for r in opportunity.planned_purchase.responses.filter(
                    interested=True
                ).select_related("user")
            ]
            notify_about(
                opportunity, template="emails/opportunity_published", recipients=interested
            )
    return opportunity


def opportunity_close(*, opportunity: Opportunity, actor: User | None = None) -> Opportunity:
    """Close at the deadline (the beat task calls this; never earlier: cancel instead)."""
    with transaction.atomic():
        opportunity = _locked(opportunity)
        if opportunity.status == S.CLOSED:
            return opportunity
        check_transition(opportunity, S.CLOSED, Opportunity.TRANSITIONS)
        if opportunity.closes_at is None or opportunity.closes_at > timezone.now():
            raise TransitionNotAllowed(_("An opportunity closes at its deadline, not before."))
        opportunity = opportunity_move(
            opportunity_id=opportunity.pk,
            to=S.CLOSED,
            actor=actor,
            action="opportunity.close",
            fields={"closed_at": timezone.now()},
        ).obj
        notify_about(
            opportunity, template="emails/opportunity_closed", recipients=[opportunity.owner]
        )
    return opportunity


def opportunities_close_due() -> int:
    """Close every published opportunity whose deadline has passed."""
    closed = 0
    for opportunity in Opportunity.objects.due_to_close().only("pk"):
        try:
            opportunity_close(opportunity=opportunity)
        except TransitionNotAllowed:
            continue  # cancelled between the query and the lock: nothing to close
        closed += 1
    return closed


def opportunity_cancel(
    *, opportunity: Opportunity, actor: User, reason: str, reason_fr: str = ""
) -> Opportunity:
    """`reason` in English, `reason_fr` in French: the public reason, in both languages."""
    if not reason.strip():
        raise PortalError(_("Give the public reason for cancelling."), field="reason")
    with transaction.atomic():
        opportunity = _locked(opportunity)
        if opportunity.status == S.CANCELLED:
            return opportunity
        ensure_manages(actor, opportunity)
        move = opportunity_move(
            opportunity_id=opportunity.pk,
            to=S.CANCELLED,
            actor=actor,
            action="opportunity.cancel",
            fields={
                "cancelled_at": timezone.now(),
                "cancellation_reason": reason.strip(),
                "cancellation_reason_fr": reason_fr.strip(),
            },
            details={"reason": reason.strip()},
        )
        if move.from_state != S.DRAFT:
            notify_about(
                move.obj,
                template="emails/opportunity_cancelled",
                recipients=opportunity_audience(move.obj),
                extra={"reason": {"en": reason.strip(), "fr": reason_fr.strip() or reason.strip()}},
            )
    return move.obj


def budget_within_threshold(amount: Decimal, department) -> bool:
    return amount <= department.micro_procurement_threshold
