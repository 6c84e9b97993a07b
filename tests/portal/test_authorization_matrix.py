"""Authorization matrix: every URL pattern × every role → the expected status; and every
object-bearing URL with another department's and another business's object, which must
answer exactly as a missing id does (`test_foreign_objects_answer_like_missing_ones`).

A URL pattern with no row fails `test_every_url_pattern_has_a_row`, so a new view cannot ship
without saying who may use it. Each issue adds its rows to ROWS.
"""

from dataclasses import dataclass, field

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from procurement_portal.models import Role, RoleAssignment
from tests.conftest import MATRIX_ROLES
from tests.factories import DepartmentFactory, make_user

ROLE_KEYS = list(MATRIX_ROLES)


@dataclass
class Row:
    expect: dict  # role key -> status; "default" for the others
    method: str = "get"
    kwargs: object = None  # dict, or a callable(objects) -> dict
    data: dict = field(default_factory=dict)

    def status_for(self, role_key: str) -> int:
        return self.expect.get(role_key, self.expect["default"])


PUBLIC = {"default": 200}
SIGNED_IN = {"anonymous": 302, "default": 200}
VISITORS_ONLY = {"anonymous": 200, "default": 302}  # allauth sends signed-in people onwards
OFFICERS = {"anonymous": 302, "officer": 200, "site_admin": 200, "default": 403}
SITE_ADMINS = {"site_admin": 200, "default": 302}

ROWS: dict[str, Row] = {
    # procurement_portal
    "healthz": Row(PUBLIC),
    "service_status": Row(PUBLIC),
    "set_language": Row({"default": 302}, method="post", data={"language": "fr"}),
    "home": Row(PUBLIC),
    "account_dashboard": Row(SIGNED_IN),
    "audit_list": Row(OFFICERS),
    "role_list": Row(OFFICERS),
    "role_revoke": Row(
        {"anonymous": 302, "officer": 302, "site_admin": 302, "default": 403},
        method="post",
        kwargs=lambda objects: {"pk": objects["assignment"].pk},
    ),
    # The demo's pages exist only in demo mode (issue 14); the matrix runs without it.
    "demo_sign_in": Row({"default": 404}, method="post", data={"email": "buyer@demo.gc.ca"}),
    "demo_mailbox": Row({"default": 404}),
    "demo_mail": Row({"default": 404}, kwargs={"name": "20260101T000000000000-1-0.eml"}),
    "demo_guide": Row({"default": 404}),
    # allauth: accounts
    "account_login": Row(VISITORS_ONLY),
    # /fr/accounts/... redirects to the French path; in English nothing else is there.
    "account_english_path": Row({"default": 404}, kwargs={"rest": "nowhere/"}),
    "account_signup": Row(VISITORS_ONLY),
    "account_logout": Row({"anonymous": 302, "default": 200}),
    "account_inactive": Row(PUBLIC),
    "account_reauthenticate": Row(SIGNED_IN),
    "account_email": Row(SIGNED_IN),
    "account_email_verification_sent": Row(PUBLIC),
    "account_change_password": Row(SIGNED_IN),
    "account_set_password": Row({"default": 302}),
    "account_reset_password": Row(PUBLIC),
    "account_reset_password_done": Row(PUBLIC),
    "account_reset_password_from_key": Row(PUBLIC, kwargs={"uidb36": "zz", "key": "bad-key"}),
    "account_reset_password_from_key_done": Row(PUBLIC),
    "account_confirm_login_code": Row({"default": 302}),
    "account_confirm_email": Row(PUBLIC, kwargs={"key": "not-a-real-key"}),
    # allauth: multi-factor authentication
    "mfa_index": Row(SIGNED_IN),
    "mfa_authenticate": Row({"default": 302}),
    "mfa_reauthenticate": Row({"anonymous": 302, "vendor": 302, "default": 200}),
    # Activating or regenerating asks for a fresh sign-in first (reauthentication): 302.
    "mfa_activate_totp": Row({"default": 302}),
    "mfa_deactivate_totp": Row({"anonymous": 302, "vendor": 404, "default": 302}),
    "mfa_view_recovery_codes": Row({"anonymous": 302, "default": 404}),
    "mfa_generate_recovery_codes": Row({"default": 302}),
    "mfa_download_recovery_codes": Row({"anonymous": 302, "default": 404}),
}

# Opportunities (issue 3). Management URLs use an opportunity of *another* buyer of the same
# department: that buyer gets 404, the department's officer and the site admin get through.
VENDORS = {"anonymous": 302, "vendor": 200, "default": 403}
VENDOR_POSTS = {"anonymous": 302, "vendor": 302, "default": 403}
BUYERS = {"anonymous": 302, "buyer": 200, "default": 403}
MANAGERS = {"anonymous": 302, "buyer": 200, "officer": 200, "site_admin": 200, "default": 403}
OTHERS_OBJECT = {"anonymous": 302, "officer": 200, "site_admin": 200, "buyer": 404, "default": 403}
OTHERS_OBJECT_POST = {**OTHERS_OBJECT, "officer": 302, "site_admin": 302}
PLANNED_MANAGERS = {"anonymous": 302, "buyer": 200, "officer": 200, "default": 403}
PLANNED_MANAGERS_POST = {"anonymous": 302, "buyer": 302, "officer": 302, "default": 403}


def _pk(key):
    return lambda objects: {"pk": objects[key].pk}


ROWS.update(
    {
        "opportunity_list": Row(PUBLIC),
        "opportunity_feed": Row(PUBLIC),
        "opportunity_detail": Row(PUBLIC, kwargs=_pk("open")),
        "attachment_download": Row(
            PUBLIC, kwargs=lambda o: {"pk": o["open"].pk, "attachment_pk": o["attachment"].pk}
        ),
        "initiative_detail": Row(PUBLIC, kwargs=_pk("initiative")),
        "planned_list": Row(PUBLIC),
        "planned_detail": Row(PUBLIC, kwargs=_pk("planned")),
        "opportunity_follow": Row(VENDOR_POSTS, method="post", kwargs=_pk("open")),
        "question_create": Row(VENDORS, kwargs=_pk("open")),
        "planned_respond": Row(
            VENDOR_POSTS, method="post", kwargs=_pk("planned"), data={"interested": "on"}
        ),
        "buyer_workspace": Row(MANAGERS),
        "opportunity_create": Row(BUYERS),
        "planned_create": Row(BUYERS),
        "initiative_create": Row(BUYERS),
        "opportunity_edit": Row(OTHERS_OBJECT, kwargs=_pk("draft")),
        "opportunity_publish": Row(OTHERS_OBJECT, kwargs=_pk("draft")),
        # Department templates (issue 16): shared by the department's buyers and officers.
        "template_list": Row(MANAGERS),
        "template_create": Row(OTHERS_OBJECT, kwargs=_pk("open")),
        "template_edit": Row(MANAGERS, kwargs=_pk("template")),
        "template_use": Row(
            {"anonymous": 302, "buyer": 302, "default": 403}, method="post", kwargs=_pk("template")
        ),
        # Copying makes a draft: buyers only; another buyer's opportunity answers 404.
        "opportunity_copy": Row(
            {"anonymous": 302, "buyer": 404, "default": 403}, method="post", kwargs=_pk("open")
        ),
        "attachment_upload": Row(OTHERS_OBJECT, method="post", kwargs=_pk("draft")),
        # The document buttons post the whole draft form (issue 12): an empty one shows the
        # form again with its errors.
        "attachment_delete": Row(
            OTHERS_OBJECT,
            method="post",
            kwargs=lambda o: {"pk": o["draft"].pk, "attachment_pk": o["draft_attachment"].pk},
        ),
        "opportunity_cancel": Row(OTHERS_OBJECT, kwargs=_pk("open")),
        "question_list": Row(OTHERS_OBJECT, kwargs=_pk("open")),
        "question_answer": Row(
            OTHERS_OBJECT, kwargs=lambda o: {"pk": o["open"].pk, "question_pk": o["question"].pk}
        ),
        "addendum_create": Row(OTHERS_OBJECT, kwargs=_pk("open")),
        "phase_decision": Row(OTHERS_OBJECT, kwargs=_pk("complete_phase")),
        "next_phase": Row(OTHERS_OBJECT_POST, method="post", kwargs=_pk("complete_phase")),
        # Planned purchases are managed by any buyer or officer of the department.
        "planned_publish": Row(
            {"anonymous": 302, "buyer": 302, "officer": 302, "default": 403},
            method="post",
            kwargs=_pk("planned"),
        ),
        "planned_convert": Row(
            {"anonymous": 302, "buyer": 302, "officer": 302, "default": 403},
            method="post",
            kwargs=_pk("planned"),
        ),
        # Issue 16: the department's buyers and officers edit a planned purchase and read the
        # market's private answers; an empty post shows the page again with its errors.
        "planned_edit": Row(PLANNED_MANAGERS, kwargs=_pk("planned")),
        "planned_answers": Row(PLANNED_MANAGERS, kwargs=_pk("planned")),
        "planned_document_add": Row(PLANNED_MANAGERS, method="post", kwargs=_pk("planned")),
        "planned_milestone_add": Row(PLANNED_MANAGERS, method="post", kwargs=_pk("planned")),
        "market_question_add": Row(PLANNED_MANAGERS, method="post", kwargs=_pk("planned")),
        "planned_document_remove": Row(
            PLANNED_MANAGERS_POST,
            method="post",
            kwargs=lambda o: {"pk": o["planned"].pk, "document_pk": o["planned_document"].pk},
        ),
        "planned_milestone_remove": Row(
            PLANNED_MANAGERS_POST,
            method="post",
            kwargs=lambda o: {"pk": o["planned"].pk, "milestone_pk": o["planned_milestone"].pk},
        ),
        "market_question_remove": Row(
            PLANNED_MANAGERS_POST,
            method="post",
            kwargs=lambda o: {"pk": o["planned"].pk, "question_pk": o["market_question"].pk},
        ),
        "planned_document_download": Row(
            PUBLIC,
            kwargs=lambda o: {"pk": o["planned"].pk, "document_pk": o["planned_document"].pk},
        ),
    }
)

# Vendors (issue 4). The matrix vendor has no business yet (it registers one); objects belong
# to another vendor.
NO_BUSINESS = {"anonymous": 302, "vendor": 404, "default": 403}
VERIFIERS = {"anonymous": 302, "officer": 200, "site_admin": 200, "default": 403}
ROWS.update(
    {
        "vendor_list": Row(PUBLIC),
        "vendor_detail": Row(PUBLIC, kwargs=_pk("vendor")),
        "my_business": Row({"anonymous": 302, "vendor": 302, "default": 403}),
        "vendor_create": Row(VENDORS),
        "vendor_edit": Row(NO_BUSINESS),
        "questionnaire": Row({"anonymous": 302, "vendor": 302, "default": 403}),
        "certification_add": Row(NO_BUSINESS),
        "member_invite": Row(NO_BUSINESS, method="post", data={"email": "x@example.com"}),
        "member_leave": Row(NO_BUSINESS, method="post"),
        "member_change": Row(
            NO_BUSINESS, method="post", kwargs=lambda o: {"member_pk": o["vendor"].members.get().pk}
        ),
        "subscription_edit": Row(VENDORS),
        # The catalogue (issue 17): the business's own items only.
        "catalogue_item_add": Row(NO_BUSINESS),
        "catalogue_item_edit": Row(NO_BUSINESS, kwargs=_pk("catalogue_item")),
        "catalogue_item_remove": Row(NO_BUSINESS, method="post", kwargs=_pk("catalogue_item")),
        "invitation_accept": Row(SIGNED_IN, kwargs=lambda o: {"token": o["invitation"].token}),
        # Evidence is private: whoever may not read it is told it does not exist (issue 18).
        "evidence_download": Row({**VERIFIERS, "default": 404}, kwargs=_pk("evidence")),
        "verification_queue": Row(VERIFIERS),
        "claim_decide": Row(
            {**VERIFIERS, "officer": 302, "site_admin": 302},
            method="post",
            kwargs=lambda o: {"kind": "certification", "pk": o["certification"].pk},
            data={"decision": "verify"},
        ),
    }
)

# Proposals (issue 5). Sealed: only the bidding business's members; the matrix vendor has no
# business, and the receipt belongs to another business.
ROWS.update(
    {
        "proposal_edit": Row({"anonymous": 302, "vendor": 302, "default": 403}, kwargs=_pk("open")),
        "proposal_submit": Row(
            {"anonymous": 302, "vendor": 302, "default": 403}, kwargs=_pk("open")
        ),
        "proposal_withdraw": Row(NO_BUSINESS, method="post", kwargs=_pk("open")),
        "proposal_attach": Row(
            {"anonymous": 302, "vendor": 302, "default": 403}, method="post", kwargs=_pk("open")
        ),
        "proposal_detach": Row(
            NO_BUSINESS,
            method="post",
            kwargs=lambda o: {"pk": o["open"].pk, "attachment_pk": o["proposal_document"].pk},
        ),
        "proposal_receipt": Row(NO_BUSINESS, kwargs=lambda o: {"number": o["receipt"].number}),
        "proposal_receipt_pdf": Row(NO_BUSINESS, kwargs=lambda o: {"number": o["receipt"].number}),
        "my_proposals": Row(VENDORS),
        # Variants (issue 16): the open opportunity accepts none, so even a business gets 404.
        "proposal_variant_edit": Row(
            NO_BUSINESS, kwargs=lambda o: {"pk": o["open"].pk, "variant": 1}
        ),
        "proposal_variant_submit": Row(
            NO_BUSINESS, kwargs=lambda o: {"pk": o["open"].pk, "variant": 1}
        ),
        "proposal_variant_withdraw": Row(
            NO_BUSINESS, method="post", kwargs=lambda o: {"pk": o["open"].pk, "variant": 1}
        ),
        "proposal_variant_attach": Row(
            NO_BUSINESS, method="post", kwargs=lambda o: {"pk": o["open"].pk, "variant": 1}
        ),
        "proposal_variant_detach": Row(
            NO_BUSINESS,
            method="post",
            kwargs=lambda o: {
                "pk": o["open"].pk,
                "variant": 1,
                "attachment_pk": o["proposal_document"].pk,
            },
        ),
    }
)

# Evaluations (issue 5): public servants only; the matrix evaluator is on no panel.
SERVANTS = {
    "anonymous": 302,
    "evaluator": 200,
    "buyer": 200,
    "officer": 200,
    "site_admin": 200,
    "default": 403,
}
NOT_ON_PANEL = {
    "anonymous": 302,
    "evaluator": 404,
    "buyer": 404,
    "officer": 404,
    "site_admin": 404,
    "default": 403,
}
ROWS.update(
    {
        "evaluation_workspace": Row(SERVANTS),
        "evaluation_ties": Row(SERVANTS),
        "evaluation_tie_remove": Row({**NOT_ON_PANEL}, method="post", kwargs=_pk("tie")),
        "panel_manage": Row(OTHERS_OBJECT, kwargs=_pk("open")),
        "panel_member_remove": Row(
            OTHERS_OBJECT_POST,
            method="post",
            kwargs=lambda o: {"pk": o["open"].pk, "member_pk": o["panel_member"].pk},
        ),
        "evaluation_home": Row(NOT_ON_PANEL, kwargs=_pk("open")),
        "evaluation_proposal": Row(
            NOT_ON_PANEL, kwargs=lambda o: {"pk": o["open"].pk, "label": "K7"}
        ),
        "evaluation_document": Row(
            NOT_ON_PANEL, kwargs=lambda o: {"pk": o["open"].pk, "label": "K7", "number": 1}
        ),
        "evaluation_ranking": Row(NOT_ON_PANEL, kwargs=_pk("open")),
        "evaluation_award": Row(OTHERS_OBJECT, kwargs=_pk("open")),
        "debrief": Row(NO_BUSINESS, kwargs=lambda o: {"pk": o["receipt"].proposal_id}),
        "evaluation_score_sheet": Row(NOT_ON_PANEL, kwargs=_pk("open")),
        "evaluation_consensus": Row(
            NOT_ON_PANEL, kwargs=lambda o: {"pk": o["open"].pk, "label": "K7"}
        ),
        "evaluation_demonstration": Row(
            NOT_ON_PANEL, kwargs=lambda o: {"pk": o["open"].pk, "label": "K7"}
        ),
    }
)

# Contracts and payments (issue 6). The contract belongs to a colleague buyer and to another
# business; the department's card holders, officers and finance follow it.
READERS = {
    "anonymous": 302,
    "card_holder": 200,
    "officer": 200,
    "finance": 200,
    "site_admin": 200,
    "default": 404,
}
FINANCE_ONLY = {"anonymous": 302, "finance": 200, "site_admin": 200, "default": 403}
ROWS.update(
    {
        "contract_list": Row(SIGNED_IN),
        "contract_detail": Row(READERS, kwargs=_pk("contract")),
        "contract_pdf": Row(READERS, kwargs=_pk("contract")),
        "contract_accept": Row(NO_BUSINESS, kwargs=_pk("contract")),
        "delivery_create": Row(NO_BUSINESS, kwargs=_pk("contract")),
        "delivery_review": Row(
            OTHERS_OBJECT,
            kwargs=lambda o: {"pk": o["contract"].pk, "delivery_pk": o["delivery"].pk},
        ),
        "delivery_file": Row(
            READERS, kwargs=lambda o: {"pk": o["contract"].pk, "file_pk": o["delivery_file"].pk}
        ),
        "contract_terms": Row({"anonymous": 302, "site_admin": 200, "default": 403}),
        "payment_request_create": Row(OTHERS_OBJECT, kwargs=_pk("contract")),
        # Issue 17: the contract is not complete yet, so the managers are sent back to it.
        "assessment_create": Row(OTHERS_OBJECT_POST, kwargs=_pk("contract")),
        "assessment_respond": Row(NO_BUSINESS, kwargs=_pk("contract")),
        # Officers are sent on to their queue of blocked payments (issue 12).
        "payment_queue": Row(
            {
                "anonymous": 302,
                "card_holder": 200,
                "officer": 302,
                "site_admin": 302,
                "default": 403,
            }
        ),
        "payment_blocked_queue": Row(OFFICERS),
        "payment_request": Row(READERS, kwargs=_pk("payment_request")),
        "payment_request_correct": Row(OTHERS_OBJECT, kwargs=_pk("payment_request")),
        "payment_request_cancel": Row(OTHERS_OBJECT, kwargs=_pk("payment_request")),
        # The matrix card holder holds no card of the department: told so, sent back.
        "payment_request_refer": Row(
            {"anonymous": 302, "card_holder": 302, "default": 403},
            method="post",
            kwargs=_pk("payment_request"),
        ),
        "payment_override": Row(
            {"anonymous": 302, "officer": 200, "site_admin": 200, "default": 403},
            method="post",
            kwargs=_pk("payment_request"),
        ),
        "payment_confirm": Row(NO_BUSINESS, method="post", kwargs=_pk("payment")),
        "payment_receipt": Row(READERS, kwargs=_pk("payment")),
        "card_list": Row(FINANCE_ONLY),
        "card_create": Row({"anonymous": 302, "finance": 200, "default": 403}),
        "card_edit": Row(FINANCE_ONLY, kwargs=_pk("card")),
        "finance_spending": Row(FINANCE_ONLY),
        "finance_reconciliation": Row(FINANCE_ONLY, kwargs={"fmt": "csv"}),
    }
)

# Open data (issue 7): public, read-only.
ROWS.update(
    {
        "ocds_bulk": Row(PUBLIC),
        "ocds_release_package": Row(PUBLIC, kwargs=lambda o: {"ocid": o["ocid"]}),
        "ocds_record_package": Row(PUBLIC, kwargs=lambda o: {"ocid": o["ocid"]}),
        "open_data_contracts": Row(PUBLIC),
        "open_data_contracts_nil": Row(PUBLIC),
        "open_data_contractsa": Row(PUBLIC),
        "open_data_index": Row(PUBLIC),
        "award_notice": Row(PUBLIC, kwargs=lambda o: {"pk": o["contract"].opportunity_id}),
        "dashboard": Row(PUBLIC),
        "dashboard_chart": Row(PUBLIC, kwargs={"name": "published"}),
        "dashboard_data": Row(PUBLIC, kwargs={"name": "spending"}),
    }
)

# The Django admin: one row for the whole namespace, checked on its index and every list.
ADMIN_NAMESPACE = "admin"


def url_patterns():
    """(key, pattern) for every URL pattern; key is the namespaced name or the route."""
    found = []

    def walk(patterns, namespace, prefix):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                ns = pattern.namespace
                walk(
                    pattern.url_patterns,
                    f"{namespace}:{ns}" if namespace and ns else ns or namespace,
                    prefix + str(pattern.pattern),
                )
            elif isinstance(pattern, URLPattern):
                name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
                found.append((name or prefix + str(pattern.pattern), namespace))

    walk(get_resolver().url_patterns, None, "")
    return found


def test_every_url_pattern_has_a_row():
    missing = [
        key for key, namespace in url_patterns() if key not in ROWS and namespace != ADMIN_NAMESPACE
    ]
    assert missing == [], f"add authorization-matrix rows for: {missing}"


@pytest.fixture
def objects(db, department):
    return build_objects(department)


def build_objects(department):
    """One of each object a URL names, in `department`, belonging to a business of its own."""
    from django.core.files.base import ContentFile

    from opportunities.models import Initiative, OpportunityAttachment, OpportunityStatus
    from opportunities.services.department_templates import template_save_from
    from opportunities.services.planned import planned_create, planned_publish
    from opportunities.services.questions import question_ask
    from tests.opportunities.factories import published, ready_draft

    other = make_user(Role.EVALUATOR, department=department)
    colleague = make_user(Role.BUYER, department=department)  # owns the objects below
    vendor = make_user(Role.VENDOR_MEMBER)
    draft = ready_draft(owner=colleague)
    open_opportunity = published(owner=colleague)

    def attach(opportunity):
        return OpportunityAttachment.objects.create(
            opportunity=opportunity,
            file=ContentFile(b"%PDF-1.4 test", name="terms.pdf"),
            display_name="terms.pdf",
            content_type="application/pdf",
            size=13,
            uploaded_by=colleague,
        )

    initiative = Initiative.objects.create(
        department=department, owner=colleague, name_en="Benefits finder", name_fr="Chercheur"
    )
    complete_phase = ready_draft(owner=colleague, initiative=initiative, phase="discovery")
    complete_phase.status = OpportunityStatus.COMPLETE  # the payment services come later
    complete_phase.save(update_fields=["status"])
    planned = planned_create(
        actor=colleague, department=department, title_en="Chairs", need_en="Ergonomic chairs"
    )
    from procurement_portal.models import Category
    from tests.vendors.factories import make_vendor, pdf_upload
    from vendors.models import CertificationType
    from vendors.services.catalogue import catalogue_item_save
    from vendors.services.certifications import certification_add
    from vendors.services.members import member_invite

    business = make_vendor()
    business_owner = business.members.get().user
    certification = certification_add(
        vendor=business,
        actor=business_owner,
        kind=CertificationType.objects.get(slug="b-corp"),
        number="B-1",
        issued_on=timezone.localdate(),
        expires_on=None,
        upload=pdf_upload(),
    )
    from opportunities.services.proposals import (
        proposal_attach,
        proposal_save,
        proposal_start,
        proposal_submit,
    )

    proposal = proposal_start(opportunity=open_opportunity, actor=business_owner)
    proposal_save(
        proposal=proposal,
        actor=business_owner,
        price=100,
        answers={c.pk: "Answer" for c in open_opportunity.criteria.all()},
    )
    document = proposal_attach(proposal=proposal, actor=business_owner, upload=pdf_upload())
    from django.core.files.storage import default_storage

    from evaluations.services.panel import panel_add, tie_add
    from payments.models import DeliveryFile
    from tests.payments.factories import card_for, past_payment, quick_contract, quick_request
    from tests.vendors.factories import PDF

    contract, _ = quick_contract(department, buyer=colleague, vendor=business)
    contract.pdf = default_storage.save("contracts/matrix.pdf", ContentFile(PDF))
    contract.save(update_fields=["pdf"])
    delivery = contract.deliveries.create(note="Done", submitted_by=business_owner)
    delivery_file = DeliveryFile.objects.create(
        delivery=delivery,
        file=default_storage.save("deliveries/matrix.pdf", ContentFile(PDF)),
        name="report.pdf",
        content_type="application/pdf",
        size=len(PDF),
        sha256="0" * 64,
    )
    payment_request, _ = quick_request(department, buyer=colleague, vendor=business)
    from evaluations.models import AwardDecision
    from open_data.ocds import ocid_for

    AwardDecision.objects.create(
        opportunity=contract.opportunity,
        kind="top",
        proposal=contract.proposal,
        decided_by=colleague,
    )
    card = card_for(department)
    return {
        "contract": contract,
        "delivery": delivery,
        "delivery_file": delivery_file,
        "ocid": ocid_for(open_opportunity.pk),
        "payment_request": payment_request,
        "card": card,
        "payment": past_payment(
            department, card, amount="100", paid_on=timezone.localdate(), vendor=business
        ),
        "panel_member": panel_add(
            opportunity=open_opportunity, actor=colleague, user=colleague, is_chair=True
        ),
        "tie": tie_add(actor=other, organisation="Someone else's tie"),
        "receipt": proposal_submit(proposal=proposal, actor=business_owner),
        "proposal_document": document,
        "vendor": business,
        "catalogue_item": catalogue_item_save(
            vendor=business,
            actor=business_owner,
            kind="service",
            name_en="Audit",
            name_fr="Audit",
            description_en="An audit.",
            description_fr="Un audit.",
            category=Category.objects.filter(parent__isnull=False).first(),
            price_min=100,
            price_max=200,
            languages="both",
        ),
        "certification": certification,
        "evidence": certification.evidence,
        "invitation": member_invite(
            vendor=business, actor=business_owner, email="invitee@example.com"
        ),
        "assignment": RoleAssignment.objects.get(user=other, role=Role.EVALUATOR),
        "draft": draft,
        "open": open_opportunity,
        "attachment": attach(open_opportunity),
        "draft_attachment": attach(draft),
        "question": question_ask(opportunity=open_opportunity, actor=vendor, text="When?"),
        "initiative": initiative,
        "complete_phase": complete_phase,
        "planned": planned_publish(planned=planned, actor=colleague),
        "template": template_save_from(
            opportunity=draft, actor=colleague, name_en="Audit", name_fr="Audit"
        ),
        **_planned_parts(planned, colleague),
    }


def _planned_parts(planned, buyer):
    """A preliminary study, a milestone and a question to the market (issue 16)."""
    from opportunities.services.planned import (
        market_question_add,
        planned_document_add,
        planned_milestone_add,
    )
    from tests.vendors.factories import pdf_upload

    return {
        "planned_document": planned_document_add(
            planned=planned, actor=buyer, kind="marketStudies", upload=pdf_upload()
        ),
        "planned_milestone": planned_milestone_add(
            planned=planned,
            actor=buyer,
            kind="call",
            title_en="Call published",
            title_fr="Appel publié",
            due_date=timezone.localdate(),
        ),
        "market_question": market_question_add(
            planned=planned, actor=buyer, text_en="Who?", text_fr="Qui?"
        ),
    }


def _request(client, row: Row, name: str, objects):
    kwargs = row.kwargs(objects) if callable(row.kwargs) else (row.kwargs or {})
    url = reverse(name, kwargs=kwargs)
    return getattr(client, row.method)(url, row.data)


@pytest.mark.django_db
@pytest.mark.parametrize("role_key", ROLE_KEYS)
def test_matrix(user_with_role, objects, role_key):
    """Every row as one role. Each request runs in a savepoint rolled back after it, with a
    fresh client, so what one request changes (a revoked role, a language cookie) never
    reaches the next: one world of objects per role instead of one per URL (as 1,000
    separate tests the matrix took about 9 minutes of the suite)."""
    user = user_with_role(role_key)
    problems = []
    for name in sorted(ROWS):
        row = ROWS[name]
        try:
            with transaction.atomic():
                client = Client()
                if user is not None:
                    client.force_login(user)
                status = _request(client, row, name, objects).status_code
                transaction.set_rollback(True)
        except Exception as error:  # noqa: BLE001 - report every row, not the first crash
            problems.append(f"{name}: raised {error!r}")
            continue
        if status != row.status_for(role_key):
            problems.append(f"{name}: {status}, expected {row.status_for(role_key)}")
    assert problems == [], f"as {role_key}: " + "; ".join(problems)


def admin_urls():
    return ["admin:index"] + sorted(
        key
        for key, namespace in url_patterns()
        if namespace == ADMIN_NAMESPACE and key.endswith("_changelist")
    )


@pytest.mark.django_db
@pytest.mark.parametrize("role_key", ROLE_KEYS)
def test_admin_is_for_site_admins_only(client_as, role_key):
    client = client_as(role_key)
    for name in admin_urls():
        response = client.get(reverse(name))
        expected = SITE_ADMINS.get(role_key, SITE_ADMINS["default"])
        assert response.status_code == expected, f"{name} as {role_key}: {response.status_code}"


@pytest.mark.django_db
def test_an_officer_cannot_revoke_in_another_department(client):
    officer = make_user(Role.PROCUREMENT_OFFICER)
    stranger = make_user(Role.BUYER, department=DepartmentFactory())
    assignment = RoleAssignment.objects.get(user=stranger, role=Role.BUYER)
    client.force_login(officer)
    response = client.post(reverse("role_revoke", kwargs={"pk": assignment.pk}))
    assert response.status_code == 404
    assert RoleAssignment.objects.filter(pk=assignment.pk).exists()


# Issue 18: every object-bearing URL, tried with another department's and another business's
# object, answers exactly as for an id that does not exist (403 or 404, or the sign-in
# redirect). Public objects are public everywhere; site admins see every department.
MISSING_INT = 987_654


def _missing(kwargs: dict) -> dict:
    missing = {}
    for key, value in kwargs.items():
        if isinstance(value, int):
            missing[key] = MISSING_INT
        elif key in {"token", "number", "ocid"}:
            missing[key] = "missing-" + "0" * 8
        else:
            missing[key] = value
    return missing


# What anyone may do with a public object, wherever it belongs (follow or ask about a
# published opportunity, bid on it, answer a published planned purchase), and invitations,
# whose unguessable token is the permission: not existence leaks.
ANYONE_ON_PUBLIC_OBJECTS = {
    "opportunity_follow",
    "question_create",
    "planned_respond",
    "proposal_edit",
    "proposal_submit",
    "proposal_attach",
    "invitation_accept",
}
# Managing a public object of another department: refused (its existence is public).
MANAGING_PUBLIC_OBJECTS = {"planned_publish", "planned_convert"}
# Businesses belong to no department: any department's procurement officers verify their
# claims and read the evidence (the verification queue is shared).
ACROSS_DEPARTMENTS = {"officer": {"claim_decide", "evidence_download"}}


def _public(row: Row) -> bool:
    return row.status_for("anonymous") == 200


@pytest.mark.django_db
@pytest.mark.parametrize("role_key", [key for key in ROLE_KEYS if key != "site_admin"])
def test_foreign_objects_answer_like_missing_ones(client_as, role_key):
    foreign = build_objects(DepartmentFactory())
    client = client_as(role_key)
    problems = []
    checked = 0
    for name, row in sorted(ROWS.items()):
        if (
            not callable(row.kwargs)
            or _public(row)
            or name in ANYONE_ON_PUBLIC_OBJECTS
            or name in ACROSS_DEPARTMENTS.get(role_key, ())
        ):
            continue
        kwargs = row.kwargs(foreign)
        answers = []
        for candidate in (kwargs, _missing(kwargs)):
            url = reverse(name, kwargs=candidate)
            answers.append(getattr(client, row.method)(url, row.data).status_code)
        foreign_status, missing_status = answers
        allowed = {302, 403, 404} if role_key == "anonymous" else {403, 404}
        if name in MANAGING_PUBLIC_OBJECTS:
            if foreign_status not in allowed:
                problems.append(f"{name}: foreign {foreign_status}")
        elif foreign_status != missing_status or foreign_status not in allowed:
            problems.append(f"{name}: foreign {foreign_status}, missing {missing_status}")
        checked += 1
    assert checked > 40
    assert problems == [], f"as {role_key}: " + "; ".join(problems)
