"""Pages anyone can read, without an account."""

from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from procurement_portal import row_stamps
from procurement_portal.kept_pages import kept_page
from procurement_portal.listing import render_list
from procurement_portal.models import Role
from procurement_portal.page_cache import public_page
from procurement_portal.pagination import PublicCountPaginator

from ..clauses import clauses_for
from ..forms import OpportunitySearchForm, QuestionForm
from ..models import Follow, Initiative, Opportunity, OpportunityAttachment, Question
from ..search import search_opportunities
from ..selectors import what_would_count

PAGE_SIZE = 20


@public_page
def opportunity_list(request):
    form = OpportunitySearchForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    page = PublicCountPaginator(search_opportunities(data), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render_list(
        request,
        "opportunities/opportunity_list.html",
        {"form": form, "page": page},
        stamps="opportunities.opportunity",
    )


@public_page
def opportunity_detail(request, pk: int):
    # An anonymous reader's page is kept under the row's stamp, which its criteria,
    # documents, addenda, answers, initiative and award change too (opportunities/apps.py),
    # until its deadline passes (procurement_portal.kept_pages).
    return kept_page(
        request,
        lambda: [row_stamps.stamps("opportunities.opportunity", [pk])[pk]],
        lambda: _detail(request, pk),
    )


def _detail(request, pk: int):
    opportunity = get_object_or_404(
        Opportunity.objects.visible_to(request.user)
        .select_related(
            "department",
            "category",
            "category__parent",
            "initiative",
            "planned_purchase",
        )
        .prefetch_related(
            "criteria",
            "addenda",
            "attachments",
            Prefetch(
                "questions", queryset=Question.objects.published(), to_attr="published_questions"
            ),
        ),
        pk=pk,
    )
    following = (
        request.user.is_authenticated
        and Follow.objects.filter(user=request.user, opportunity=opportunity).exists()
    )
    can_manage = Opportunity.objects.managed_by(request.user).filter(pk=pk).exists()
    membership = (
        getattr(request.user, "vendor_membership", None) if request.user.is_authenticated else None
    )
    response = render(
        request,
        "opportunities/opportunity_detail.html",
        {
            "opportunity": opportunity,
            "clauses": clauses_for(opportunity),
            # Sealed: managers see how many, never what.
            # Every bid received, whatever came of it since (awarded, not awarded...).
            "proposal_count": opportunity.proposals.received().count() if can_manage else None,
            "question_form": QuestionForm(),
            "following": following,
            "can_manage": can_manage,
            # Copying makes a draft: a buyer of the department only (officers do not draft).
            "can_copy": can_manage and request.user.has_role(Role.BUYER, opportunity.department),
            # A vendor sees what its own verified claims would earn on registry criteria.
            "what_counts": what_would_count(opportunity, membership.vendor) if membership else [],
        },
    )
    # Its status on the clock changes when the deadline passes (the rest, with a write).
    closes_at = opportunity.closes_at
    return response, closes_at if closes_at and closes_at > timezone.now() else None


def attachment_download(request, pk: int, attachment_pk: int):
    opportunity = get_object_or_404(Opportunity.objects.visible_to(request.user), pk=pk)
    attachment = get_object_or_404(OpportunityAttachment, pk=attachment_pk, opportunity=opportunity)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.display_name,
        content_type=attachment.content_type,
    )


@public_page
def initiative_detail(request, pk: int):
    initiative = get_object_or_404(
        Initiative.objects.visible_to(request.user).select_related("department"), pk=pk
    )
    phases = (
        initiative.phases.public().select_related("phase_decision").order_by("published_at", "id")
    )
    return render(
        request,
        "opportunities/initiative_detail.html",
        {"initiative": initiative, "phases": phases},
    )


class OpportunityFeed(Feed):
    """Newly published opportunities, in the language of the feed's URL."""

    feed_type = Atom1Feed

    def title(self):
        return _("New micro-procurement opportunities")

    def subtitle(self):
        return _("Opportunities published on the micro-procurement portal.")

    def link(self):
        from django.urls import reverse

        return reverse("opportunity_list")

    def items(self):
        return (
            Opportunity.objects.public()
            .select_related("department")
            .order_by("-published_at", "-id")[:50]
        )

    def item_title(self, item):
        return item.local("title")

    def item_description(self, item):
        return item.local("summary")

    def item_pubdate(self, item):
        return item.published_at

    def item_author_name(self, item):
        return str(item.department)
