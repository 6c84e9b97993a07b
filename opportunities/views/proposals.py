"""A vendor's proposal: write, attach, submit (receipt), withdraw. Sealed from everyone else."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from procurement_portal.confirm import Confirmation, confirmation_page, confirmed
from procurement_portal.dates import long_datetime_in
from procurement_portal.decorators import role_required
from procurement_portal.exceptions import PortalError
from procurement_portal.forms import PortalForm, show_error
from procurement_portal.models import Role

from ..models import Opportunity, Proposal, ProposalAttachment, ProposalReceipt
from ..selectors import what_would_count
from ..services.proposals import (
    content_hash,
    has_unsubmitted_changes,
    identity_warnings,
    proposal_attach,
    proposal_detach,
    proposal_save,
    proposal_start,
    proposal_submit,
    proposal_withdraw,
    submission_problems,
    variants_of,
)

VENDOR = Role.VENDOR_MEMBER


class ProposalForm(PortalForm):
    """The whole proposal as one form: price, answers and a document to attach, so that
    attaching or removing a document saves what was typed first (nothing typed is lost)."""

    price = forms.DecimalField(
        label=gettext_lazy("Price (CAD, taxes included)"),
        required=False,
        min_value=0,
        max_digits=12,
        decimal_places=2,
    )
    file = forms.FileField(
        label=gettext_lazy("Document"),
        required=False,
        help_text=gettext_lazy(
            "PDF, PNG or JPEG, up to 10 MB. Its hidden information (author, title) is removed."
        ),
    )

    def __init__(self, *args, opportunity, proposal=None, **kwargs):
        super().__init__(*args, **kwargs)
        answers = {a.criterion_id: a.text for a in proposal.answers.all()} if proposal else {}
        if proposal:
            self.fields["price"].initial = proposal.price
        # Registry criteria are computed from the registry, and demonstration criteria are
        # scored at the demonstration: nothing to write for them.
        self.criteria = [c for c in opportunity.criteria.written() if c.is_panel_scored]
        document = self.fields.pop("file")
        for criterion in self.criteria:
            self.fields[f"c_{criterion.pk}"] = forms.CharField(
                label=str(criterion),
                required=False,
                max_length=5000,
                initial=answers.get(criterion.pk, ""),
                help_text=_(
                    "%(description)s Do not name your business: evaluation is "
                    "anonymous. 5,000 characters at most."
                )
                % {"description": criterion.local("description")},
                widget=forms.Textarea(attrs={"rows": 6}),
            )
        self.fields["file"] = document  # last: it is shown in the documents section

    def answers(self) -> dict[int, str]:
        return {c.pk: self.cleaned_data.get(f"c_{c.pk}", "") for c in self.criteria}


def _opportunity(pk: int) -> Opportunity:
    return get_object_or_404(Opportunity.objects.public().select_related("department"), pk=pk)


def _mine(request, opportunity, variant: int = 0) -> Proposal | None:
    return (
        Proposal.objects.of_vendor_member(request.user)
        .filter(opportunity=opportunity, variant_number=variant)
        .first()
    )


def _url(name: str, pk: int, variant: int, **kwargs) -> str:
    """The base proposal's page, or the same page of one of its variants."""
    if variant:
        return reverse(f"proposal_variant_{name}", kwargs={"pk": pk, "variant": variant, **kwargs})
    return reverse(f"proposal_{name}", kwargs={"pk": pk, **kwargs})


def _urls(pk: int, variant: int) -> dict[str, str]:
    return {name: _url(name, pk, variant) for name in ("edit", "submit", "withdraw", "attach")}


def _variant_rows(opportunity, proposal) -> list[tuple[int, Proposal | None, str]]:
    """(number, the variant or None, its page) for every variant the opportunity allows."""
    if not opportunity.variants_allowed or proposal is None or proposal.is_variant:
        return []
    started = {v.variant_number: v for v in variants_of(proposal)}
    return [
        (number, started.get(number), _url("edit", opportunity.pk, number))
        for number in range(1, opportunity.variants_allowed + 1)
    ]


def _check_variant(opportunity, variant: int) -> None:
    if variant and not 0 < variant <= opportunity.variants_allowed:
        raise Http404


def _no_business(request):
    messages.info(request, _("Register your business first: it is reused for every proposal."))
    return redirect("vendor_create")


@role_required(VENDOR)
def proposal_edit(request, pk: int, variant: int = 0):
    return _proposal_form(request, pk, variant)


@role_required(VENDOR)
@require_POST
def proposal_attach_view(request, pk: int, variant: int = 0):
    """The form's "Attach" button (formaction): save what was typed, then attach."""
    return _proposal_form(request, pk, variant)


@role_required(VENDOR)
@require_POST
def proposal_detach_view(request, pk: int, attachment_pk: int, variant: int = 0):
    """A "Remove" button of the form (formaction): save what was typed, then remove."""
    return _proposal_form(request, pk, variant, detach=attachment_pk)


def _proposal_form(request, pk: int, variant: int = 0, *, detach: int | None = None):
    """One form for the whole proposal (or one of its variants). Every button saves the
    price and answers first; a chosen document is attached and a removed one detached
    after that."""
    opportunity = _opportunity(pk)
    _check_variant(opportunity, variant)
    proposal = _mine(request, opportunity, variant)
    attachment = None
    if detach is not None:
        # Someone else's document answers like a missing one, business or not.
        if proposal is None:
            raise Http404
        attachment = get_object_or_404(ProposalAttachment, pk=detach, proposal=proposal)
    if not hasattr(request.user, "vendor_membership"):
        return _no_business(request)
    form = ProposalForm(
        request.POST or None, request.FILES or None, opportunity=opportunity, proposal=proposal
    )
    if request.method == "POST" and form.is_valid():
        saved = _save_all(request, form, opportunity, proposal, attachment, variant)
        if saved is not None:
            proposal = saved
            if not form.errors:
                if "submit" in request.POST:
                    return redirect(_url("submit", pk, variant))
                editing = request.resolver_match.url_name.endswith("_edit")
                return redirect(_url("edit", pk, variant) + ("" if editing else "#documents"))
    new_addenda = proposal is not None and opportunity.addenda.count() > proposal.addenda_seen
    base = proposal if not variant else _mine(request, opportunity)
    return render(
        request,
        "opportunities/proposal_form.html",
        {
            "opportunity": opportunity,
            "proposal": proposal,
            "form": form,
            "attachments": proposal.attachments.all() if proposal else [],
            "new_addenda": new_addenda,
            "receipts": proposal.receipts.all() if proposal else [],
            "unsubmitted_changes": proposal is not None and has_unsubmitted_changes(proposal),
            "variant": variant,
            "urls": _urls(pk, variant),
            "detach_urls": {
                a.pk: _url("detach", pk, variant, attachment_pk=a.pk)
                for a in (proposal.attachments.all() if proposal else [])
            },
            "variants": _variant_rows(opportunity, base),
            "base_url": _url("edit", pk, 0),
        },
    )


def _save_all(request, form, opportunity, proposal, attachment, variant=0) -> Proposal | None:
    """Save the typed values, then attach or remove. The proposal when the typed values were
    saved (a document's own error is then on the form), None when they were not."""
    try:
        proposal = proposal or proposal_start(
            opportunity=opportunity, actor=request.user, variant=variant
        )
        proposal_save(
            proposal=proposal,
            actor=request.user,
            price=form.cleaned_data["price"],
            answers=form.answers(),
        )
    except PortalError as error:
        show_error(form, error)
        return None
    upload = form.cleaned_data.get("file")
    try:
        if upload:
            proposal_attach(proposal=proposal, actor=request.user, upload=upload)
        if attachment is not None:
            proposal_detach(attachment=attachment, actor=request.user)
    except (PortalError, ValidationError) as error:  # the upload's size or real type too
        show_error(form, error)
        messages.success(request, _("Your price and answers are saved."))
        return proposal
    if upload and attachment is not None:
        done = _("Proposal saved, document attached and document removed.")
    elif upload:
        done = _("Proposal saved and document attached. It is not sent until you submit it.")
    elif attachment is not None:
        done = _("Proposal saved and document removed. It is not sent until you submit it.")
    else:
        done = _("Proposal saved. It is not sent until you submit it.")
    messages.success(request, done)
    return proposal


class DeclarationForm(PortalForm):
    """What the vendor affirms when submitting: the checkbox is the signature."""

    show_optional = False
    declaration = forms.BooleanField(
        label=gettext_lazy("I make this declaration on behalf of my business."),
        error_messages={"required": gettext_lazy("Tick the declaration to submit.")},
    )


@role_required(VENDOR)
def proposal_submit_view(request, pk: int, variant: int = 0):
    """Review before submitting: everything that is sent, the identity warnings and the
    declaration, then the submission itself."""
    opportunity = _opportunity(pk)
    _check_variant(opportunity, variant)
    proposal = _mine(request, opportunity, variant)
    if proposal is None:
        return redirect(_url("edit", pk, variant))
    form = DeclarationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            receipt = proposal_submit(proposal=proposal, actor=request.user)
        except PortalError as error:
            show_error(form, error)
        else:
            return redirect("proposal_receipt", number=receipt.number)
    written = {a.criterion_id: a.text for a in proposal.answers.all()}
    return render(
        request,
        "opportunities/proposal_submit.html",
        {
            "opportunity": opportunity,
            "proposal": proposal,
            "form": form,
            "answers": [
                (criterion, written.get(criterion.pk, ""))
                for criterion in opportunity.criteria.written()
                if criterion.is_panel_scored
            ],
            "what_counts": what_would_count(opportunity, proposal.vendor),
            "attachments": proposal.attachments.all(),
            "problems": submission_problems(proposal),
            "warnings": identity_warnings(proposal),
            "sha256": content_hash(proposal),
            "urls": _urls(pk, variant),
        },
    )


@role_required(VENDOR)
def proposal_withdraw_view(request, pk: int, variant: int = 0):
    opportunity = _opportunity(pk)
    _check_variant(opportunity, variant)
    proposal = _mine(request, opportunity, variant) or _not_found()
    if not confirmed(request):
        if not proposal.is_submitted:
            return redirect(_url("edit", pk, variant))
        return confirmation_page(
            request, withdraw_confirmation(opportunity, variant), opportunity=opportunity
        )
    try:
        proposal_withdraw(proposal=proposal, actor=request.user)
    except PortalError as error:
        show_error(request, error)
    else:
        messages.success(
            request, _("Proposal withdrawn. You can submit it again before the deadline.")
        )
    return redirect(_url("edit", pk, variant))


def withdraw_confirmation(opportunity: Opportunity, variant: int = 0) -> Confirmation:
    closes = long_datetime_in(opportunity.closes_at, opportunity.time_zone)
    return Confirmation(
        title=(
            _("Withdraw variant %(number)s of your proposal?") % {"number": variant}
            if variant
            else _("Withdraw your proposal?")
        ),
        happens=[
            _(
                "Your proposal is withdrawn: it will not be evaluated unless you submit it "
                "again before the closing date and time, %(closes)s."
            )
            % {"closes": closes},
            _(
                "Your draft (price, answers and documents) is kept, and so are your "
                "receipts, as records of what you sent."
            ),
        ],
        told=_("No one is emailed. The buyer only sees that one proposal fewer was received."),
        permanent=_(
            "The withdrawal is recorded in the audit log. If the closing time passes "
            "before you submit again, your proposal cannot be evaluated."
        ),
        button=_("Withdraw the proposal"),
        back_url=_url("edit", opportunity.pk, variant),
        back_label=_("Keep my proposal submitted"),
        danger=True,
    )


def _not_found():
    raise Http404


def _my_receipt(request, number: str) -> ProposalReceipt:
    return get_object_or_404(
        ProposalReceipt.objects.select_related("proposal__opportunity", "proposal__vendor"),
        number=number,
        proposal__in=Proposal.objects.of_vendor_member(request.user),
    )


@role_required(VENDOR)
def proposal_receipt(request, number: str):
    receipt = _my_receipt(request, number)
    opportunity = receipt.proposal.opportunity
    return render(
        request,
        "opportunities/proposal_receipt.html",
        {
            "receipt": receipt,
            "closes": long_datetime_in(opportunity.closes_at, opportunity.time_zone),
        },
    )


@role_required(VENDOR)
def proposal_receipt_pdf(request, number: str):
    receipt = _my_receipt(request, number)
    if not receipt.pdf:
        from ..services.proposals import receipt_pdf_render

        receipt_pdf_render(receipt.pk)  # the task has not run yet: render it now
        receipt.refresh_from_db()
    return FileResponse(
        receipt.pdf.open("rb"),
        as_attachment=True,
        filename=f"{receipt.number}.pdf",
        content_type="application/pdf",
    )


@role_required(VENDOR)
def my_proposals(request):
    proposals = (
        Proposal.objects.of_vendor_member(request.user)
        .select_related("opportunity", "opportunity__department", "demonstration")
        .order_by("-updated_at")
    )
    return render(request, "opportunities/my_proposals.html", {"proposals": proposals})
