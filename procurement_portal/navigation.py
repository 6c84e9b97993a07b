"""The role-aware navigation: each person sees the places their roles let them use.

Each app adds its entries here.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import Role


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    roles: frozenset[str] | None  # None: everyone signed in; empty: everyone, even visitors

    @property
    def url(self) -> str:
        return reverse(self.url_name)


ITEMS = [
    NavItem(_("Opportunities"), "opportunity_list", frozenset()),
    NavItem(_("Planned purchases"), "planned_list", frozenset()),
    NavItem(_("Vendors"), "vendor_list", frozenset()),
    NavItem(_("Dashboard"), "dashboard", frozenset()),
    NavItem(_("Open data"), "open_data_index", frozenset()),
    NavItem(_("My business"), "my_business", frozenset({Role.VENDOR_MEMBER})),
    NavItem(_("My proposals"), "my_proposals", frozenset({Role.VENDOR_MEMBER})),
    NavItem(
        _("Evaluations"),
        "evaluation_workspace",
        frozenset({Role.EVALUATOR, Role.BUYER, Role.PROCUREMENT_OFFICER}),
    ),
    NavItem(
        _("Verifications"),
        "verification_queue",
        frozenset({Role.PROCUREMENT_OFFICER, Role.SITE_ADMIN}),
    ),
    NavItem(
        _("Workspace"),
        "buyer_workspace",
        frozenset({Role.BUYER, Role.PROCUREMENT_OFFICER, Role.SITE_ADMIN}),
    ),
    NavItem(
        _("Contracts"),
        "contract_list",
        frozenset(
            {
                Role.VENDOR_MEMBER,
                Role.BUYER,
                Role.PROCUREMENT_OFFICER,
                Role.FINANCE,
                Role.CARD_HOLDER,
                Role.SITE_ADMIN,
            }
        ),
    ),
    NavItem(_("Payments to make"), "payment_queue", frozenset({Role.CARD_HOLDER})),
    NavItem(
        _("Blocked payments"),
        "payment_blocked_queue",
        frozenset({Role.PROCUREMENT_OFFICER, Role.SITE_ADMIN}),
    ),
    NavItem(_("Purchase cards"), "card_list", frozenset({Role.FINANCE, Role.SITE_ADMIN})),
    NavItem(_("My account"), "account_dashboard", None),
    NavItem(_("Audit log"), "audit_list", frozenset({Role.PROCUREMENT_OFFICER, Role.SITE_ADMIN})),
    NavItem(_("Roles"), "role_list", frozenset({Role.PROCUREMENT_OFFICER, Role.SITE_ADMIN})),
    NavItem(_("Contract terms"), "contract_terms", frozenset({Role.SITE_ADMIN})),
    NavItem(_("Administration"), "admin:index", frozenset({Role.SITE_ADMIN})),
]


def navigation_for(user) -> list[NavItem]:
    if not user.is_authenticated:
        return [item for item in ITEMS if item.roles == frozenset()]
    return [
        item
        for item in ITEMS
        if item.roles is None or item.roles == frozenset() or item.roles & user.roles
    ]
