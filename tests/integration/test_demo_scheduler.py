"""The demo's periodic work runs by itself: `scripts/demo.sh worker` (what `make demo` starts
next to the web server) runs Celery beat and a worker on kombu's filesystem broker, with no
Redis. An opportunity whose deadline passes while it runs is closed, its evaluation opened and
the buyer emailed, without anyone acting."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from evaluations.models import Evaluation
from opportunities.models import Opportunity, OpportunityStatus
from opportunities.services.proposals import proposal_save, proposal_start, proposal_submit
from tests.opportunities.factories import published
from tests.vendors.factories import make_vendor

from .conftest import ROOT, wait_for

pytestmark = [pytest.mark.integration]


def test_a_deadline_passing_in_the_demo_closes_and_opens_evaluation(
    process_env, processes, tmp_path
):
    opportunity = published()
    bidder = make_vendor().members.get().user
    proposal = proposal_start(opportunity=opportunity, actor=bidder)
    proposal_save(
        proposal=proposal,
        actor=bidder,
        price=opportunity.max_budget,
        answers={c.pk: "Our approach." for c in opportunity.criteria.all() if not c.is_price},
    )
    proposal_submit(proposal=proposal, actor=bidder)
    # The deadline comes a few seconds after the demo's scheduler starts.
    Opportunity.objects.filter(pk=opportunity.pk).update(
        closes_at=timezone.now() + timedelta(seconds=4)
    )

    demo_dir = tmp_path / "demo"
    env = {
        **process_env,
        "PORTAL_DEMO_DIR": str(demo_dir),
        "PORTAL_DEMO_BEAT_SECONDS": "2",
        "PY": str(Path(ROOT) / ".venv" / "bin" / "python"),
    }
    env.pop("EMAIL_BACKEND")  # the demo's own mailbox
    if not Path(env["PY"]).exists():
        import sys

        env["PY"] = sys.executable
    processes.start("demo-worker", [str(ROOT / "scripts" / "demo.sh"), "worker"], env)

    def opened():
        opportunity.refresh_from_db()
        return (
            opportunity.status == OpportunityStatus.UNDER_EVALUATION
            and Evaluation.objects.filter(opportunity=opportunity).exists()
        )

    try:
        wait_for(opened, timeout=90, interval=1)
    except TimeoutError:
        pytest.fail(
            f"not opened (status {opportunity.status}):\n" + processes.log("demo-worker")[-4000:]
        )
    assert opportunity.closed_at >= opportunity.closes_at
    proposal.refresh_from_db()
    assert proposal.pseudonym.label
    # The closing email reached the demo mailbox (a file), delivered by the worker.
    mails = wait_for(lambda: [p.read_text() for p in (demo_dir / "mail").glob("*.eml")], timeout=30)
    assert any(opportunity.owner.email in mail for mail in mails)
