"""The demo guide (demo mode only, 404 otherwise): each role, its one-click sign-in, and the
things worth trying with links to the seeded stage. It reads the journeys seeded by
payments/demo_journey.py, so it sits at the payments layer (it links to open data by URL)."""

from typing import Any

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from evaluations.models import AwardDecision
from opportunities.models import Opportunity, PlannedPurchase
from procurement_portal.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_TOTP_SECRET
from procurement_portal.models import Department, Role
from procurement_portal.views.demo import demo_only

from ..demo_journey import journey_opportunity


def _link(label, url_name=None, *, url=None, only=None, **kwargs):
    """A thing to try; None when its seeded object is missing (the item is left out).
    `only`: the one demo account it is for, when the role has several."""
    if url is None:
        if url_name is None or any(value is None for value in kwargs.values()):
            return None
        url = reverse(url_name, kwargs=kwargs or None)
    return {"label": label, "url": url, "only": only}


def _pk(obj):
    return obj.pk if obj is not None else None


def _stages() -> dict:
    """The seeded objects the guide links to, by journey key."""
    stage = {
        key: journey_opportunity(key)
        for key in [
            "closing",
            "workshop",
            "consensus",
            "awarded",
            "in-delivery",
            "paid",
            "blocked",
            "complete",
            "discovery",
            "tie-break",
            "variants",
            "shortlist",
        ]
    }
    objects: dict[str, Any] = {"opportunity": stage}
    awarded = stage["awarded"]
    objects["contract_to_sign"] = getattr(awarded, "contract", None) if awarded else None
    in_delivery = stage["in-delivery"]
    contract = getattr(in_delivery, "contract", None) if in_delivery else None
    objects["delivery_contract"] = contract
    objects["delivery"] = contract.deliveries.order_by("-pk").first() if contract else None
    blocked = stage["blocked"]
    blocked_contract = getattr(blocked, "contract", None) if blocked else None
    objects["blocked_request"] = (
        getattr(blocked_contract, "payment_request", None) if blocked_contract else None
    )
    paid_contract = getattr(stage["paid"], "contract", None) if stage["paid"] else None
    objects["paid_request"] = (
        getattr(paid_contract, "payment_request", None) if paid_contract else None
    )
    lost = (
        blocked.proposals.filter(vendor__members__user__email="vendor@example.com").first()
        if blocked
        else None
    )
    objects["debrief"] = lost
    objects["open_with_questions"] = Opportunity.objects.filter(
        title_en__startswith="Accessibility audit"
    ).first()
    objects["open_plan"] = PlannedPurchase.objects.filter(
        title_en__startswith="Plain-language review"
    ).first()
    objects["draft"] = (
        Opportunity.objects.filter(status="draft", owner__email="buyer@demo.gc.ca")
        .order_by("pk")
        .first()
    )
    objects["copied_draft"] = Opportunity.objects.filter(
        status="draft", title_en="Renewal form: accessibility audit"
    ).first()
    objects["discovery_contract"] = (
        getattr(stage["discovery"], "contract", None) if stage["discovery"] else None
    )
    objects["complete_contract"] = (
        getattr(stage["complete"], "contract", None) if stage["complete"] else None
    )
    objects["complete_award"] = (
        AwardDecision.objects.filter(opportunity=stage["complete"]).first()
        if stage["complete"]
        else None
    )
    return objects


def _roles(objects) -> list[dict]:
    stage = objects["opportunity"]
    closing = stage["closing"]
    request = objects["blocked_request"]
    delivery = objects["delivery"]
    contract = objects["delivery_contract"]
    return [
        {
            "key": "visitor",
            "title": _("Visitor (no account)"),
            "role": None,
            "items": [
                _link(
                    _(
                        "Watch an opportunity close by itself a few minutes after the demo "
                        "started (its deadline for questions has passed already, while "
                        "proposals are still accepted), then see its evaluation open"
                    ),
                    "opportunity_detail",
                    pk=_pk(closing),
                ),
                _link(_("Search the open opportunities in English or French"), "opportunity_list"),
                _link(
                    _(
                        "Read an award notice: winner, amount, proposals from SMEs, and here "
                        "a tie for first settled by the portal’s recorded random draw"
                    ),
                    "award_notice",
                    pk=_pk(stage["tie-break"] or stage["complete"]),
                ),
                _link(
                    _(
                        "Read a planned purchase before its call: preliminary study, "
                        "retro-planning, social and environmental aspects"
                    ),
                    "planned_detail",
                    pk=_pk(objects["open_plan"]),
                ),
                _link(
                    _(
                        "See the dashboard (how much each department spends with its most-used "
                        "vendors) and download every OCDS release"
                    ),
                    url=reverse("dashboard") + "?period=all#concentration-title",
                ),
                _link(
                    _(
                        "Find vendors by what they sell: a service in French within a budget "
                        "of $5,000"
                    ),
                    url=reverse("vendor_list")
                    + "?item_kind=service&item_language=fr&max_price=5000",
                ),
            ],
        },
        {
            "key": "vendor",
            "title": _("Vendor"),
            "role": Role.VENDOR_MEMBER,
            "items": [
                _link(
                    _("Sign the contract you were awarded (a bilingual PDF)"),
                    "contract_detail",
                    pk=_pk(objects["contract_to_sign"]),
                ),
                _link(
                    _("Read the debrief of a proposal that did not win"),
                    "debrief",
                    pk=_pk(objects["debrief"]),
                ),
                _link(
                    _(
                        "Ask a question, or bid on an open opportunity and see what your "
                        "verified claims would earn"
                    ),
                    "opportunity_detail",
                    pk=_pk(objects["open_with_questions"]),
                ),
                _link(
                    _("Answer a buyer's questions to the market, privately, before the call"),
                    "planned_detail",
                    pk=_pk(objects["open_plan"]),
                ),
                _link(
                    _("Read the buyer’s assessment of your work and answer it once"),
                    "contract_detail",
                    pk=_pk(objects["discovery_contract"]),
                ),
                _link(
                    _(
                        "Your business: the common questionnaire, its evidence and your "
                        "catalogue of products and services"
                    ),
                    "my_business",
                ),
            ],
        },
        {
            "key": "buyer",
            "title": _("Buyer"),
            "role": Role.BUYER,
            "items": [
                _link(
                    _(
                        "Publish a draft copied from the accessibility audit with “Copy to a "
                        "new draft”: choose its clauses (intellectual property, open-source "
                        "licence, data, privacy); the checklist shows what is missing"
                    ),
                    "opportunity_edit",
                    pk=_pk(objects["copied_draft"] or objects["draft"]),
                    only="buyer@demo.gc.ca",
                ),
                _link(
                    _("Answer the question a vendor asked"),
                    "question_list",
                    pk=_pk(objects["open_with_questions"]),
                    only="buyer@demo.gc.ca",
                ),
                _link(
                    _(
                        "Read the market's private answers to a planned purchase in one place, "
                        "note what you learned, and turn it into a draft"
                    ),
                    "planned_answers",
                    pk=_pk(objects["open_plan"]),
                    only="buyer@demo.gc.ca",
                ),
                _link(
                    _("Review a delivery and certify receipt"),
                    "delivery_review",
                    pk=_pk(contract),
                    delivery_pk=_pk(delivery),
                    only="buyer@demo.gc.ca",
                ),
                _link(
                    _("Assess the vendor’s performance on a complete contract"),
                    "contract_detail",
                    pk=_pk(objects["complete_contract"]),
                    only="buyer@demo.gc.ca",
                ),
                _link(
                    _(
                        "As the second department’s buyer: the panel of an opportunity at "
                        "consensus, to award once the chair reveals the bidders"
                    ),
                    "panel_manage",
                    pk=_pk(stage["consensus"]),
                    only="buyer-tbs@demo.gc.ca",
                ),
            ],
        },
        {
            "key": "evaluator",
            "title": _("Evaluator"),
            "role": Role.EVALUATOR,
            "items": [
                _link(
                    _(
                        "As chair, a two-stage evaluation: the shortlisted vendors' "
                        "demonstrations, one still to score, and the combined ranking (the "
                        "others stay anonymous)"
                    ),
                    "evaluation_ranking",
                    pk=_pk(stage["shortlist"]),
                    only="evaluator@demo.gc.ca",
                ),
                _link(
                    _(
                        "Finish scoring the workshop proposals (blind: others' scores appear "
                        "after yours)"
                    ),
                    "evaluation_home",
                    pk=_pk(stage["workshop"]),
                ),
                _link(
                    _("As chair, lock the consensus and reveal who wrote each proposal"),
                    "evaluation_home",
                    pk=_pk(stage["consensus"]),
                    only="evaluator@demo.gc.ca",
                ),
                _link(
                    _(
                        "A ranking where one vendor's base proposal and its variant were "
                        "scored on their own (variants are named only after the reveal)"
                    ),
                    "evaluation_ranking",
                    pk=_pk(stage["variants"]),
                    only="evaluator@demo.gc.ca",
                ),
                _link(
                    _("After it closes, score the opportunity that closed during the demo"),
                    "evaluation_home",
                    pk=_pk(closing),
                    only="evaluator@demo.gc.ca",
                ),
            ],
        },
        {
            "key": "card_holder",
            "title": _("Card holder"),
            "role": Role.CARD_HOLDER,
            "items": [
                _link(_("Payment requests waiting for you"), "payment_queue"),
                _link(
                    _(
                        "A payment blocked by the split-purchase guardrail: read what each check "
                        "found"
                    ),
                    "payment_request",
                    pk=_pk(request),
                ),
                _link(
                    _("A payment you recorded: card, amount, authorization code"),
                    "payment_request",
                    pk=_pk(objects["paid_request"]),
                ),
                _link(
                    _("A vendor’s past performance, seen only by public servants"),
                    "vendor_detail",
                    pk=_pk(getattr(objects["discovery_contract"], "vendor", None)),
                ),
            ],
        },
        {
            "key": "officer",
            "title": _("Procurement officer"),
            "role": Role.PROCUREMENT_OFFICER,
            "items": [
                _link(_("Blocked payments waiting for your decision"), "payment_blocked_queue"),
                _link(
                    _("Override the blocked guardrail with a written reason"),
                    "payment_request",
                    pk=_pk(request),
                ),
                _link(
                    _("Verify or reject vendors' claims and their evidence"), "verification_queue"
                ),
                _link(_("The audit log: every state change, who and when"), "audit_list"),
                _link(_("Grant government roles"), "role_list"),
            ],
        },
        {
            "key": "finance",
            "title": _("Finance"),
            "role": Role.FINANCE,
            "items": [
                _link(_("Register or change purchase cards and their limits"), "card_list"),
                _link(_("Spending per card and month"), "finance_spending"),
                _link(
                    _("Download the reconciliation export (CSV)"),
                    "finance_reconciliation",
                    fmt="csv",
                ),
            ],
        },
        {
            "key": "site_admin",
            "title": _("Site administrator"),
            "role": Role.SITE_ADMIN,
            "items": [
                _link(_("Edit the standard contract terms"), "contract_terms"),
                _link(
                    _("Export opportunities, awards and payments in the admin"),
                    url=reverse("admin:index"),
                ),
                _link(_("The open data: OCDS, proactive disclosure, cards"), "open_data_index"),
            ],
        },
    ]


@demo_only
def demo_guide(request):
    roles = _roles(_stages())
    french = get_language() == "fr"
    acronyms = {
        d.slug: (d.acronym_fr if french else d.acronym_en) or d.slug.upper()
        for d in Department.objects.all()
    }
    for role in roles:
        role["items"] = [item for item in role["items"] if item]
        accounts: dict[str, dict] = {}
        for email, name, held, department in DEMO_ACCOUNTS:
            if role["role"] is not None and held == role["role"]:
                account = accounts.setdefault(
                    email, {"email": email, "name": name, "departments": []}
                )
                if department:
                    account["departments"].append(acronyms.get(department, department))
        role["accounts"] = list(accounts.values())
    return render(
        request,
        "payments/demo_guide.html",
        {
            "roles": roles,
            "password": DEMO_PASSWORD,
            "totp_secret": DEMO_TOTP_SECRET,
            "mailbox_url": reverse("demo_mailbox"),
        },
    )
