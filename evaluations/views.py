"""Evaluators' pages: workspace, private ties, the panel, blind scoring. Anonymous:
proposals appear only under their pseudonyms until identities are revealed."""

from django.contrib import messages
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from opportunities.models import Opportunity
from procurement_portal.confirm import Confirmation, confirmation_page, confirmed
from procurement_portal.decorators import role_required
from procurement_portal.exceptions import PortalError
from procurement_portal.forms import show_error
from procurement_portal.models import Role, User

from .anonymized import anonymized, document_file, registry_points
from .forms import (
    ConflictForm,
    ConsensusForm,
    DemonstrationForm,
    PanelAddForm,
    ScoreForm,
    TieForm,
)
from .models import ConsensusScore, Demonstration, PanelMember, Pseudonym, ScoreSheet, Tie
from .services.award import (
    debrief,
    evaluation_reveal,
    ranking_with_names,
    reattest_no_conflict,
)
from .services.bidders import revealed_names
from .services.conflicts import conflict_declare
from .services.consensus import consensus_record, evaluation_lock
from .services.panel import panel_add, panel_remove, tie_add, tie_remove
from .services.ranking import rank
from .services.scoring import (
    attest_no_conflict,
    labelled_sheets,
    own_scores_submitted,
    scores_save,
    scores_submit,
    seat,
    visible_sheets,
)
from .services.shortlist import demonstration_schedule, demonstration_score, shortlist_make

BLIND_RANKING = gettext_lazy(
    "The ranking and the score sheet appear once you have submitted your own scores for "
    "every proposal."
)
PUBLIC_SERVANTS = (Role.EVALUATOR, Role.BUYER, Role.PROCUREMENT_OFFICER, Role.SITE_ADMIN)
MANAGERS = (Role.BUYER, Role.PROCUREMENT_OFFICER, Role.SITE_ADMIN)


@role_required(*PUBLIC_SERVANTS)
def workspace(request):
    seats = (
        PanelMember.objects.active()
        .filter(user=request.user)
        .select_related("opportunity", "opportunity__evaluation")
        .order_by("-added_at")
    )
    rows = []
    for member in seats:
        total = Pseudonym.objects.filter(opportunity=member.opportunity).count()
        done = ScoreSheet.objects.filter(member=member).exclude(submitted_at=None).count()
        rows.append((member, done, total))
    return render(request, "evaluations/workspace.html", {"rows": rows})


@role_required(*PUBLIC_SERVANTS)
def ties(request):
    form = TieForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            tie_add(actor=request.user, **form.cleaned_data)
        except PortalError as error:
            show_error(form, error)
        else:
            messages.success(request, _("Added to your private list."))
            return redirect("evaluation_ties")
    return render(
        request,
        "evaluations/ties.html",
        {"form": form, "ties": Tie.objects.filter(user=request.user)},
    )


@role_required(*PUBLIC_SERVANTS)
@require_POST
def tie_delete(request, pk: int):
    tie = get_object_or_404(Tie, pk=pk, user=request.user)
    tie_remove(tie=tie, actor=request.user)
    messages.success(request, _("Removed from your list."))
    return redirect("evaluation_ties")


def _managed(request, pk):
    return get_object_or_404(Opportunity.objects.managed_by(request.user), pk=pk)


@role_required(*MANAGERS)
def panel_manage(request, pk: int):
    opportunity = _managed(request, pk)
    form = PanelAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = User.objects.filter(email__iexact=form.cleaned_data["email"]).first()
        if user is None:
            form.add_error("email", _("No account uses this address."))
        else:
            try:
                panel_add(
                    opportunity=opportunity,
                    actor=request.user,
                    user=user,
                    is_chair=form.cleaned_data["is_chair"],
                )
            except PortalError as error:
                show_error(form, error)
            else:
                messages.success(request, _("Panel updated."))
                return redirect("panel_manage", pk=pk)
    members = opportunity.panel.select_related("user")
    return render(
        request,
        "evaluations/panel.html",
        {"opportunity": opportunity, "form": form, "members": members},
    )


@role_required(*MANAGERS)
@require_POST
def panel_member_remove(request, pk: int, member_pk: int):
    opportunity = _managed(request, pk)
    member = get_object_or_404(PanelMember, pk=member_pk, opportunity=opportunity)
    try:
        panel_remove(member=member, actor=request.user)
    except PortalError as error:
        show_error(request, error)
    return redirect("panel_manage", pk=pk)


def _seat(request, pk):
    opportunity = get_object_or_404(Opportunity.objects.select_related("evaluation"), pk=pk)
    try:
        return opportunity, seat(request.user, opportunity)
    except PortalError:
        raise Http404 from None


@role_required(*PUBLIC_SERVANTS)
def evaluation_home(request, pk: int):
    opportunity, member = _seat(request, pk)
    if request.method == "POST" and "attest" in request.POST:
        attest_no_conflict(member=member, actor=request.user)
        messages.success(request, _("Thank you. You can now score the proposals."))
        return redirect("evaluation_home", pk=pk)
    if request.method == "POST" and "reattest" in request.POST:
        try:
            reattest_no_conflict(member=member, actor=request.user)
        except PortalError as error:
            show_error(request, error)
        else:
            messages.success(request, _("Thank you for confirming."))
        return redirect("evaluation_home", pk=pk)
    conflict_form = ConflictForm(request.POST if "declare" in request.POST else None)
    if request.method == "POST" and "declare" in request.POST and conflict_form.is_valid():
        try:
            conflict_declare(
                member=member, actor=request.user, note=conflict_form.cleaned_data["note"]
            )
        except PortalError as error:
            show_error(conflict_form, error)
        else:
            messages.success(
                request,
                _(
                    "You declared a conflict of interest and left the panel. The buyer is "
                    "told; no bidder is named."
                ),
            )
            return redirect("evaluation_workspace")
    pseudonyms = Pseudonym.objects.filter(opportunity=opportunity)
    submitted = set(
        ScoreSheet.objects.filter(member=member)
        .exclude(submitted_at=None)
        .values_list("proposal_id", flat=True)
    )
    return render(
        request,
        "evaluations/evaluation_home.html",
        {
            "opportunity": opportunity,
            "member": member,
            "submitted": submitted,
            "pseudonyms": pseudonyms,
            "vendors": revealed_names(opportunity),
            "opened": hasattr(opportunity, "evaluation"),
            "conflict_form": conflict_form,
            "decided": hasattr(opportunity, "award_decision"),
        },
    )


def _proposal(opportunity, label):
    pseudonym = get_object_or_404(
        Pseudonym.objects.select_related("proposal"), opportunity=opportunity, label=label
    )
    return pseudonym.proposal


@role_required(*PUBLIC_SERVANTS)
def proposal_score(request, pk: int, label: str):
    opportunity, member = _seat(request, pk)
    proposal = _proposal(opportunity, label)
    criteria = list(opportunity.criteria.written().panel_scored())
    sheet = ScoreSheet.objects.filter(member=member, proposal=proposal).first()
    form = ScoreForm(request.POST or None, criteria=criteria, sheet=sheet)
    if request.method == "POST" and form.is_valid():
        try:
            scores_save(member=member, proposal=proposal, actor=request.user, scores=form.scores())
            if "submit" in request.POST:
                scores_submit(member=member, proposal=proposal, actor=request.user)
        except PortalError as error:
            show_error(form, error)
        else:
            messages.success(
                request, _("Scores submitted.") if "submit" in request.POST else _("Scores saved.")
            )
            return redirect("evaluation_proposal", pk=pk, label=label)
    return render(
        request,
        "evaluations/proposal_score.html",
        {
            "opportunity": opportunity,
            "member": member,
            "form": form,
            "sheet": sheet,
            "proposal": anonymized(proposal, opportunity.criteria.written()),
            "criteria": criteria,
            "vendor": revealed_names(opportunity).get(proposal.pk),
            "others": labelled_sheets(member, visible_sheets(member, proposal)),
        },
    )


@role_required(*PUBLIC_SERVANTS)
def proposal_document(request, pk: int, label: str, number: int):
    opportunity, member = _seat(request, pk)
    proposal = _proposal(opportunity, label)
    try:
        name, content_type, filename = document_file(proposal, number)
    except IndexError:
        raise Http404 from None
    return FileResponse(
        default_storage.open(name, "rb"),
        as_attachment=True,
        filename=filename,
        content_type=content_type,
    )


@role_required(*PUBLIC_SERVANTS)
def consensus(request, pk: int, label: str):
    opportunity, member = _seat(request, pk)
    proposal = _proposal(opportunity, label)
    if not own_scores_submitted(member, proposal):
        # Blind scoring: the others' sheets and the chair's consensus come after one's own.
        messages.info(
            request,
            _(
                "Submit your own scores for this proposal first: the other "
                "evaluators' scores and the consensus appear after that."
            ),
        )
        return redirect("evaluation_proposal", pk=pk, label=label)
    criteria = list(opportunity.criteria.written().panel_scored())
    existing = {c.criterion_id: c for c in ConsensusScore.objects.filter(proposal=proposal)}
    form = ConsensusForm(request.POST or None, criteria=criteria, existing=existing)
    if request.method == "POST" and form.is_valid():
        try:
            consensus_record(
                member=member, actor=request.user, proposal=proposal, scores=form.scores()
            )
        except PortalError as error:
            show_error(form, error)
        else:
            messages.success(request, _("Consensus recorded."))
            return redirect("evaluation_ranking", pk=pk)
    sheets = (
        ScoreSheet.objects.filter(proposal=proposal, member__removed_at=None)
        .exclude(submitted_at=None)
        .select_related("member__user")
        .prefetch_related("scores__criterion")
        .order_by("member__added_at", "member_id")
    )
    return render(
        request,
        "evaluations/consensus.html",
        {
            "opportunity": opportunity,
            "member": member,
            "form": form,
            "label": label,
            "vendor": revealed_names(opportunity).get(proposal.pk),
            "sheets": labelled_sheets(member, sheets),
            "registry": [
                (criterion, registry_points(proposal).get(criterion.pk))
                for criterion in opportunity.criteria.registry()
            ],
        },
    )


@role_required(*PUBLIC_SERVANTS)
def ranking(request, pk: int):
    opportunity, member = _seat(request, pk)
    if request.method == "POST" and member.is_chair and not confirmed(request):
        # Locking, shortlisting and revealing cannot be undone: the buttons lead here first.
        if "reveal" in request.POST:
            confirmation = _reveal_confirmation(opportunity)
        elif "shortlist" in request.POST:
            confirmation = _shortlist_confirmation(opportunity)
        else:
            confirmation = _lock_confirmation(pk)
        return confirmation_page(request, confirmation, opportunity=opportunity)
    if request.method == "POST":
        try:
            if "shortlist" in request.POST:
                chosen = shortlist_make(member=member, actor=request.user)
                messages.success(request, _shortlisted_message(opportunity, len(chosen)))
            elif "reveal" in request.POST:
                evaluation_reveal(member=member, actor=request.user)
                messages.success(
                    request,
                    _(
                        "Identities are revealed. Each evaluator now "
                        "confirms again that they have no conflict."
                    ),
                )
            else:
                evaluation_lock(member=member, actor=request.user)
                messages.success(request, _("Consensus scores are locked."))
        except PortalError as error:
            show_error(request, error)
        return redirect("evaluation_ranking", pk=pk)
    blind = not own_scores_submitted(member)
    evaluation = getattr(opportunity, "evaluation", None)
    two_stages = bool(evaluation and evaluation.names_shown and opportunity.has_demonstration)
    return render(
        request,
        "evaluations/ranking.html",
        {
            "opportunity": opportunity,
            "member": member,
            "blind": blind,
            "rows": [] if blind else ranking_with_names(opportunity),
            # The demonstration's columns appear from the shortlist on.
            "criteria": list(
                opportunity.criteria.all() if two_stages else opportunity.criteria.written()
            ),
            "two_stages": two_stages,
            "named": bool(evaluation and evaluation.names_shown),
            # Drawn at the award, after the reveal: nothing here an evaluator may not see.
            "draw": getattr(opportunity, "tie_break_draw", None),
        },
    )


def _lock_confirmation(pk: int) -> Confirmation:
    return Confirmation(
        title=_("Lock the consensus scores?"),
        happens=[
            _("The consensus scores of every proposal are locked and the ranking is final."),
            _("Then the chair can reveal who wrote each proposal, and the buyer can award."),
        ],
        told=_("No one is emailed. The panel sees on this page that the scores are locked."),
        permanent=_("Locked consensus scores cannot be changed, by the panel or anyone else."),
        button=_("Lock the consensus scores"),
        back_url=reverse("evaluation_ranking", kwargs={"pk": pk}),
        back_label=_("Back to the ranking"),
    )


def _shortlisted_message(opportunity, count: int) -> str:
    if count > opportunity.shortlist_size:
        return _(
            "%(count)s proposals are shortlisted: proposals tied at the cut-off are all "
            "shortlisted. The others are told and can read their debrief."
        ) % {"count": count}
    return ngettext(
        "%(count)s proposal is shortlisted. The others are told and can read their debrief.",
        "%(count)s proposals are shortlisted. The others are told and can read their debrief.",
        count,
    ) % {"count": count}


def _shortlist_confirmation(opportunity) -> Confirmation:
    return Confirmation(
        title=ngettext(
            "Shortlist the top-ranked proposal?",
            "Shortlist the top %(count)s proposals?",
            opportunity.shortlist_size,
        )
        % {"count": opportunity.shortlist_size},
        happens=[
            ngettext(
                "The top proposal of the locked ranking is shortlisted; proposals tied at the "
                "cut-off are all shortlisted.",
                "The top %(count)s proposals of the locked ranking are shortlisted; proposals "
                "tied at the cut-off are all shortlisted.",
                opportunity.shortlist_size,
            )
            % {"count": opportunity.shortlist_size},
            _(
                "The panel sees the names of the shortlisted businesses only, to invite them "
                "to a demonstration. The others stay anonymous."
            ),
        ],
        told=_(
            "The businesses not shortlisted are emailed that their proposal goes no further, "
            "with a link to their debrief."
        ),
        permanent=_("The shortlist cannot be changed, and the written scores stay locked."),
        button=_("Shortlist the top proposals"),
        back_url=reverse("evaluation_ranking", kwargs={"pk": opportunity.pk}),
        back_label=_("Back to the ranking"),
        extra=[("shortlist", "1")],
    )


def _reveal_confirmation(opportunity) -> Confirmation:
    pk = opportunity.pk
    if opportunity.has_demonstration:
        return Confirmation(
            title=_("Lock the demonstration scores?"),
            happens=[
                _(
                    "The demonstration scores are locked and the final ranking combines both "
                    "stages with the published weights."
                ),
                _(
                    "Each evaluator must confirm again that they have no conflict of interest "
                    "before the buyer can award."
                ),
            ],
            told=_("No one is emailed. The vendors learn the result at the award."),
            permanent=_("Locked demonstration scores cannot be changed."),
            button=_("Lock the demonstration scores"),
            back_url=reverse("evaluation_ranking", kwargs={"pk": pk}),
            back_label=_("Back to the ranking"),
            extra=[("reveal", "1")],
        )
    return Confirmation(
        title=_("Reveal who wrote each proposal?"),
        happens=[
            _("Every panel member sees the name of the business behind each proposal."),
            _(
                "Each evaluator must confirm again that they have no conflict of interest "
                "before the buyer can award."
            ),
        ],
        told=_(
            "No one is emailed. The reveal is recorded in the audit log with your name "
            "and the time."
        ),
        permanent=_("Anonymity ends for this evaluation: the names cannot be hidden again."),
        button=_("Reveal who wrote each proposal"),
        back_url=reverse("evaluation_ranking", kwargs={"pk": pk}),
        back_label=_("Back to the ranking"),
        extra=[("reveal", "1")],
    )


@role_required(*PUBLIC_SERVANTS)
def demonstration(request, pk: int, label: str):
    """A shortlisted proposal's demonstration: the chair schedules it and records the
    panel's consensus on the demonstration criteria; the panel sees both."""
    opportunity, member = _seat(request, pk)
    # The chair types the time in the opportunity's zone, and everyone reads it there.
    with timezone.override(opportunity.time_zone):
        return _demonstration(request, opportunity, member, label)


def _demonstration(request, opportunity: Opportunity, member: PanelMember, label: str):
    pk = opportunity.pk
    proposal = _proposal(opportunity, label)
    invitation = get_object_or_404(Demonstration, proposal=proposal)  # shortlisted only
    criteria = list(opportunity.criteria.demonstration())
    existing = {c.criterion_id: c for c in ConsensusScore.objects.filter(proposal=proposal)}
    scheduling = request.method == "POST" and "schedule" in request.POST
    scoring = request.method == "POST" and "score" in request.POST
    schedule_form = DemonstrationForm(
        request.POST if scheduling else None,
        prefix="when",
        opportunity=opportunity,
        initial={
            "starts_at": invitation.starts_at,
            "place": invitation.place,
            "notes": invitation.notes,
        },
    )
    score_form = ConsensusForm(
        request.POST if scoring else None, criteria=criteria, existing=existing, prefix="score"
    )
    form = schedule_form if scheduling else score_form
    if (scheduling or scoring) and form.is_valid():
        try:
            if scheduling:
                demonstration_schedule(
                    member=member,
                    actor=request.user,
                    demonstration=invitation,
                    **schedule_form.cleaned_data,
                )
                messages.success(request, _("Demonstration scheduled. The vendor is emailed."))
            else:
                demonstration_score(
                    member=member,
                    actor=request.user,
                    proposal=proposal,
                    scores=score_form.scores(),
                )
                messages.success(request, _("Demonstration scores recorded."))
        except PortalError as error:
            show_error(form, error)
        else:
            return redirect("evaluation_demonstration", pk=pk, label=label)
    return render(
        request,
        "evaluations/demonstration.html",
        {
            "opportunity": opportunity,
            "member": member,
            "label": label,
            "vendor": revealed_names(opportunity).get(proposal.pk),
            "invitation": invitation,
            "schedule_form": schedule_form,
            "score_form": score_form,
            "scores": [(c, existing.get(c.pk)) for c in criteria],
            "open": opportunity.evaluation.is_shortlisted,
        },
    )


@role_required(Role.VENDOR_MEMBER)
def debrief_view(request, pk: int):
    from opportunities.models import Proposal

    proposal = get_object_or_404(
        Proposal.objects.of_vendor_member(request.user).select_related("opportunity"), pk=pk
    )
    # After the award; a proposal not shortlisted has its debrief from the shortlist on.
    if not hasattr(proposal.opportunity, "award_decision") and not (
        proposal.opportunity.has_demonstration
        and proposal.has_debrief
        and not hasattr(proposal, "demonstration")
    ):
        raise Http404
    return render(
        request, "evaluations/debrief.html", {"proposal": proposal, "debrief": debrief(proposal)}
    )


@role_required(*PUBLIC_SERVANTS)
def score_sheet_csv(request, pk: int):
    """The anonymized score sheet: pseudonyms, consensus points and totals, nothing else."""
    from django.http import HttpResponse

    from procurement_portal.exports import neutralise

    opportunity, member = _seat(request, pk)
    if not own_scores_submitted(member):
        messages.info(request, BLIND_RANKING)
        return redirect("evaluation_ranking", pk=pk)
    criteria = list(opportunity.criteria.written())
    # Anonymized until the reveal; after it, each row also names the business.
    vendors = revealed_names(opportunity)
    lines: list[list[object]] = [
        [
            _("Proposal"),
            *([_("Vendor")] if vendors else []),
            *[str(c) for c in criteria],
            _("Total"),
            _("Rank"),
            _("Screened out"),
        ]
    ]
    for row in rank(opportunity):
        lines.append(
            [
                row.label,
                *([str(vendors.get(row.proposal_id, ""))] if vendors else []),
                *[row.points.get(c.pk, "") for c in criteria],
                row.total,
                row.rank or "",
                ", ".join(str(r) for r in row.screened_out),
            ]
        )
    safe = [[neutralise(str(cell)) for cell in line] for line in lines]
    if request.GET.get("format") == "xlsx":
        import io

        from openpyxl import Workbook

        workbook = Workbook()
        sheet = workbook.active
        sheet.title = "Scores"
        for line in safe:
            sheet.append(line)
        binary = io.BytesIO()
        workbook.save(binary)
        response = HttpResponse(
            binary.getvalue(),
            content_type=("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        )
        response["Content-Disposition"] = f'attachment; filename="scores-{opportunity.pk}.xlsx"'
        return response
    import csv
    import io

    buffer = io.StringIO()
    csv.writer(buffer).writerows(safe)
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="scores-{opportunity.pk}.csv"'
    return response
