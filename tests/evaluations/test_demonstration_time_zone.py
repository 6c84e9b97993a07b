"""Demonstration times, and the times of the panel's emails, are typed, shown and emailed in
the opportunity's own time zone, like its closing date, whatever the server's zone."""

from datetime import UTC

import pytest
from django.urls import reverse
from django.utils import translation

from evaluations.services.panel import panel_add
from evaluations.services.shortlist import shortlist_make
from procurement_portal.dates import long_datetime_in
from procurement_portal.models import Role
from tests.factories import make_user
from tests.opportunities.factories import published

from .factories import locked, opened
from .time_zones import NBSP, VANCOUVER, next_january_15, server_in_toronto  # noqa: F401 - a fixture

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("server_in_toronto")]

TWO_STAGES = {"shortlist_size": 2, "demonstration_weight": 40, "time_zone": VANCOUVER}


def test_the_chair_types_the_time_in_the_opportunity_zone_and_everyone_reads_it_there(
    client, department, mailoutbox, django_capture_on_commit_callbacks
):
    opportunity, buyer, evaluators, owners, members = locked(department, [6, 9, 8], **TWO_STAGES)
    chair = evaluators[0]
    shortlist_make(member=members[0], actor=chair)
    proposal = owners[1].vendor_membership.vendor.proposals.get()
    url = reverse("evaluation_demonstration", args=[opportunity.pk, proposal.pseudonym.label])
    client.force_login(chair)
    page = client.get(url).content.decode()
    assert "In the opportunity&#x27;s time zone: Pacific." in page

    day = next_january_15()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {
                "schedule": "1",
                "when-starts_at": day.strftime("%Y-%m-%dT10:00"),
                "when-place": "https://meet.example/demo",
                "when-notes": "Thirty minutes.",
            },
        )
    assert response.status_code == 302
    proposal.demonstration.refresh_from_db()
    # 10:00 in Vancouver is 18:00 UTC in January, not 15:00 UTC (10:00 in Toronto).
    assert proposal.demonstration.starts_at == day.replace(hour=18, tzinfo=UTC)

    page = client.get(url).content.decode()
    assert "10:00 a.m. PST" in page
    assert f'datetime="{day:%Y-%m-%d}T10:00-08:00"' in page
    assert f'value="{day:%Y-%m-%d}T10:00"' in page  # the form shows what was typed
    with translation.override("fr"):
        french_url = reverse(
            "evaluation_demonstration", args=[opportunity.pk, proposal.pseudonym.label]
        )
    french = client.get(french_url).content.decode()
    assert f"10{NBSP}h{NBSP}00{NBSP}HNP" in french
    assert f"Dans le fuseau horaire de l’occasion{NBSP}: Pacifique." in french

    (email,) = [m for m in mailoutbox if m.to == [owners[1].email]]
    assert "10:00 a.m. PST" in email.body and "EST" not in email.body


def test_the_french_invitation_email_is_in_the_opportunity_zone(
    department, mailoutbox, django_capture_on_commit_callbacks
):
    from evaluations.services.shortlist import demonstration_schedule

    opportunity, buyer, evaluators, owners, members = locked(department, [6, 9], **TWO_STAGES)
    owners[0].preferred_language = "fr"
    owners[0].save(update_fields=["preferred_language"])
    shortlist_make(member=members[0], actor=evaluators[0])
    proposal = owners[0].vendor_membership.vendor.proposals.get()
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        demonstration_schedule(
            member=members[0],
            actor=evaluators[0],
            demonstration=proposal.demonstration,
            starts_at=next_january_15().replace(hour=9, minute=5),
            place="Salle 2",
        )
    (email,) = mailoutbox
    assert f"9{NBSP}h{NBSP}05{NBSP}HNP" in email.body
    assert "HNE" not in email.body


def test_panel_named_and_scoring_open_emails_show_times_in_the_opportunity_zone(
    department, mailoutbox, django_capture_on_commit_callbacks
):
    buyer = make_user(Role.BUYER, department=department)
    closes = next_january_15().replace(hour=14)
    opportunity = published(owner=buyer, time_zone=VANCOUVER, closes_at=closes)
    evaluator = make_user(Role.EVALUATOR, department=department)
    with django_capture_on_commit_callbacks(execute=True):
        panel_add(opportunity=opportunity, actor=buyer, user=evaluator, is_chair=True)
    (named,) = mailoutbox
    assert "2:00 p.m. PST" in named.body and "5:00 p.m. EST" not in named.body

    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        opportunity, *_ = opened(department, time_zone=VANCOUVER)
    (scoring,) = [m for m in mailoutbox if "Scoring is open" in m.subject][:1]
    due = opportunity.evaluation.scores_due
    with translation.override("en"):
        in_vancouver = long_datetime_in(due, VANCOUVER)
        in_toronto = long_datetime_in(due, "America/Toronto")
    assert in_vancouver in scoring.body and in_toronto not in scoring.body


@pytest.mark.parametrize(
    "prefix", ["emails/demonstration_invitation", "emails/panel_named", "emails/scoring_open"]
)
def test_a_message_queued_before_the_zone_was_in_its_context_still_renders(prefix):
    """Messages stored before the change have no time_zone: the server's zone, not a crash."""
    from procurement_portal.models import OutboundMessage
    from procurement_portal.services.outbox import render_message
    from tests.email_samples import SAMPLE

    context = {key: value for key, value in SAMPLE.items() if key != "time_zone"}
    message = OutboundMessage(
        pk=1, template=prefix, context=context, language="en", to_email="marie@example.ca"
    )
    assert " ES" in render_message(message).body  # EST, the server's zone
