"""The demo's journeys: each walks one opportunity through the services up to a stage (bids,
panel, close, scores, consensus, reveal, award, contract, delivery, card payment,
confirmation), so every audit entry, email and open-data release exists, as in real use.

`JOURNEYS` puts one opportunity at each stage of the journey, across two departments; the
initiative's discovery phase walks the whole way, then its go decision publishes the alpha
phase. The only shortcuts are the deadline moves of `opportunities.demo` (the publish service
rightly refuses a deadline under the minimum posting period). Called by payments/demo.py;
idempotent (each journey is skipped when its opportunity exists).
"""

import random
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.utils import timezone

from evaluations.models import AwardDecision
from evaluations.services.award import evaluation_reveal, reattest_no_conflict
from evaluations.services.consensus import consensus_record, evaluation_lock
from evaluations.services.opening import evaluation_open
from evaluations.services.panel import panel_add
from evaluations.services.scoring import attest_no_conflict, scores_save, scores_submit
from evaluations.services.shortlist import (
    demonstration_schedule,
    demonstration_score,
    shortlist_make,
)
from opportunities.demo import (
    CRITERIA,
    OPPORTUNITIES,
    _as_if_deadline_in,
    _as_if_deadline_passed,
    _draft,
    clause_fields,
)
from opportunities.models import Criterion, Opportunity
from opportunities.services.drafts import opportunity_update_draft
from opportunities.services.initiatives import initiative_create, next_phase_draft, phase_decide
from opportunities.services.lifecycle import (
    earliest_closing,
    opportunity_close,
    opportunity_publish,
)
from opportunities.services.proposals import proposal_save, proposal_start, proposal_submit
from procurement_portal.models import Category, Department, User

from .models import PurchaseCard
from .services.award import opportunity_award
from .services.contracts import contract_accept, contract_render
from .services.delivery import delivery_accept, delivery_submit
from .services.payments import payment_approve, payment_confirm_receipt, payment_request_create

# In the order of the journey; a journey stops after its `until` stage.
STAGES = [
    "published",
    "closing",
    "scoring",
    "consensus",
    "shortlisted",
    "awarded",
    "in_delivery",
    "delivery_accepted",
    "paid",
    "complete",
]


@dataclass(frozen=True)
class Bid:
    email: str  # an owner of the bidding vendor
    price: str
    score: int  # the panel's consensus score on each criterion
    answer: str
    variant: int = 0  # 1, 2…: a variant of the vendor's base proposal (listed after it)

    @property
    def key(self) -> tuple[str, int]:
        return (self.email, self.variant)


@dataclass(frozen=True)
class Journey:
    spec: dict  # the draft's fields, as in opportunities.demo.OPPORTUNITIES
    department: str
    buyer: str
    until: str
    bids: tuple[Bid, ...] = ()
    panel: tuple[str, ...] = ()  # evaluators' emails, the chair first
    card: str = "4242"  # last four digits of the card the card holder pays with
    extra: dict = field(default_factory=dict)  # e.g. initiative and phase

    @property
    def key(self) -> str:
        return self.spec["key"]

    def reaches(self, stage: str) -> bool:
        return STAGES.index(self.until) >= STAGES.index(stage)


SSC_PANEL = ("evaluator@demo.gc.ca", "evaluator2@demo.gc.ca")
TBS_PANEL = ("evaluator@demo.gc.ca", "evaluator3@demo.gc.ca")
VENDOR = "vendor@example.com"  # the demo's vendor sign-in (Access Tremblay)
NORTH = "owner@northern-lights.example.com"
PRAIRIE = "owner@prairie-data.example.com"
ATLANTIC = "owner@atlantic-events.example.com"
BIGCO = "owner@bigco.example.com"
FJORD = "owner@fjord-design.example.com"
LAURENTIDES = "owner@laurentides.example.com"
CASCADE = "owner@cascade-dev.example.com"
RED_RIVER = "owner@red-river.example.com"


def _spec(key, category, budget, title, summary, description, **extra) -> dict:
    """A bilingual draft: `title`, `summary` and `description` are (English, French)."""
    return {
        "key": key,
        "category": category,
        "max_budget": Decimal(budget),
        "title_en": title[0],
        "title_fr": title[1],
        "summary_en": summary[0],
        "summary_fr": summary[1],
        "description_en": description[0],
        "description_fr": description[1],
        "is_remote": True,
        **extra,
    }


JOURNEYS = [
    # TBS: closes a few minutes after `make demo` starts; the demo's beat closes it and opens
    # its evaluation while the visitor watches.
    Journey(
        _spec(
            "closing",
            "digital-design",
            "7500.00",
            (
                "Usability testing of a travel-claim form",
                "Essais d’utilisabilité d’un formulaire de demande de remboursement de frais",
            ),
            (
                "Run moderated usability sessions with eight public servants and report.",
                "Mener des séances d’essai modérées avec huit fonctionnaires et en rendre compte.",
            ),
            (
                "Sessions in English and French, remote, recorded with consent.",
                "Séances en français et en anglais, à distance, enregistrées avec consentement.",
            ),
        ),
        department="tbs",
        buyer="buyer-tbs@demo.gc.ca",
        until="closing",
        panel=TBS_PANEL,
        bids=(
            Bid(
                VENDOR,
                "6900.00",
                7,
                "Eight remote sessions, a findings report and a video highlight reel.",
            ),
            Bid(FJORD, "7100.00", 6, "Eight sessions with a think-aloud protocol."),
        ),
    ),
    # SSC: under evaluation; one evaluator has submitted, one has started, one has not.
    Journey(
        OPPORTUNITIES[2],
        department="ssc",
        buyer="buyer@demo.gc.ca",
        until="scoring",
        panel=("evaluator2@demo.gc.ca", "evaluator@demo.gc.ca", "evaluator3@demo.gc.ca"),
        bids=(
            Bid(
                ATLANTIC,
                "5800.00",
                8,
                "Two bilingual workshops with a trained "
                "co-facilitator and a summary of what we heard.",
            ),
            Bid(RED_RIVER, "5200.00", 7, "Two workshops using participatory methods."),
            Bid(BIGCO, "5950.00", 5, "A senior consultant facilitates both workshops."),
        ),
    ),
    # TBS: the panel has recorded consensus; the chair may lock it and reveal the bidders.
    Journey(
        _spec(
            "consensus",
            "digital-data",
            "9000.00",
            (
                "Data model for a grants reporting dashboard",
                "Modèle de données pour un tableau de bord des subventions",
            ),
            (
                "Design the data model and load scripts for a small reporting dashboard.",
                "Concevoir le modèle de données et les scripts de chargement d’un petit tableau de "
                "bord.",
            ),
            (
                "About twelve source tables; documentation in both languages.",
                "Environ douze tables sources; documentation dans les deux langues.",
            ),
        ),
        department="tbs",
        buyer="buyer-tbs@demo.gc.ca",
        until="consensus",
        panel=TBS_PANEL,
        bids=(
            Bid(CASCADE, "8400.00", 8, "A star schema, tested load scripts and a data dictionary."),
            Bid(PRAIRIE, "7900.00", 7, "A normalised model with a short guide."),
        ),
    ),
    # SSC: awarded to the demo vendor, with regret letters and debriefs; contract to sign.
    Journey(
        _spec(
            "awarded",
            "digital-accessibility",
            "6500.00",
            (
                "Accessible PDF remediation of ten forms",
                "Correction de l’accessibilité de dix formulaires PDF",
            ),
            (
                "Make ten fillable PDF forms conform to PDF/UA and WCAG 2.1 AA.",
                "Rendre dix formulaires PDF à remplir conformes à PDF/UA et aux WCAG 2.1 AA.",
            ),
            (
                "Tagged structure, reading order, form field labels and a conformance report.",
                "Balisage, ordre de lecture, étiquettes des champs et rapport de conformité.",
            ),
        ),
        department="ssc",
        buyer="buyer@demo.gc.ca",
        until="awarded",
        panel=SSC_PANEL,
        bids=(
            Bid(VENDOR, "5900.00", 9, "Manual tagging checked with two screen readers and PAC."),
            Bid(FJORD, "6100.00", 6, "Automated remediation with a manual review."),
            Bid(BIGCO, "6400.00", 5, "Remediation by our offshore team."),
        ),
    ),
    # SSC: two proposals tie for first (same scores, same price): the portal drew the winner
    # at the award; the seed and the method are on the award notice and in the OCDS award.
    Journey(
        _spec(
            "tie-break",
            "digital-accessibility",
            "4800.00",
            (
                "Alternative text for 300 website images",
                "Textes de remplacement pour 300 images du site Web",
            ),
            (
                "Write bilingual alternative text for 300 images of the departmental site.",
                "Rédiger les textes de remplacement bilingues de 300 images du site ministériel.",
            ),
            (
                "Alt text in English and French, reviewed by a screen-reader user.",
                "Textes de remplacement en anglais et en français, revus par une personne "
                "qui utilise un lecteur d’écran.",
            ),
        ),
        department="ssc",
        buyer="buyer@demo.gc.ca",
        until="awarded",
        panel=SSC_PANEL,
        bids=(
            Bid(NORTH, "4500.00", 8, "Two writers, each image checked with a screen reader."),
            Bid(ATLANTIC, "4500.00", 8, "A writer and a reviser who uses a screen reader."),
            Bid(BIGCO, "4700.00", 5, "Generated descriptions, spot-checked."),
        ),
    ),
    # SSC, variants (issue 16): up to two variants per vendor; Fjord's variant 1 (a
    # self-serve kit instead of on-site sessions) ranks first and is awarded by name.
    Journey(
        _spec(
            "variants",
            "digital-design",
            "9000.00",
            (
                "Plain-language training for a contact centre",
                "Formation au langage clair pour un centre de contact",
            ),
            (
                "Train 40 agents to write plain-language replies; variants welcome.",
                "Former 40 agents à rédiger des réponses en langage clair; variantes bienvenues.",
            ),
            (
                "Two half-day sessions and reply templates. Another format that meets the "
                "need (online, self-paced) may be proposed as a variant.",
                "Deux demi-journées de formation et des modèles de réponse. Un autre format "
                "qui répond au besoin (en ligne, à son rythme) peut être proposé en variante.",
            ),
            variants_allowed=2,
        ),
        department="ssc",
        buyer="buyer@demo.gc.ca",
        until="awarded",
        panel=SSC_PANEL,
        bids=(
            Bid(FJORD, "8200.00", 7, "Two on-site sessions with exercises from real replies."),
            Bid(FJORD, "6900.00", 9, "A self-paced online course and coaching.", variant=1),
            Bid(LAURENTIDES, "7800.00", 8, "Two virtual sessions in both official languages."),
            Bid(VENDOR, "7400.00", 6, "One full-day session with templates."),
        ),
    ),
    # SSC, shortlist then demonstration (issue 16): the top 2 written proposals are
    # shortlisted and named; Cascade demonstrated and is scored, Laurentides demonstrates
    # next week; the demo vendor was not shortlisted and has its debrief (still anonymous).
    Journey(
        _spec(
            "shortlist",
            "digital-development",
            "9500.00",
            (
                "Booking tool for a regional service centre",
                "Outil de prise de rendez-vous pour un centre de services régional",
            ),
            (
                "Configure an accessible booking tool; the top 2 proposals demonstrate it.",
                "Configurer un outil de rendez-vous accessible; les 2 meilleures propositions "
                "en font la démonstration.",
            ),
            (
                "Written proposals first; the two best are shortlisted and show the tool "
                "working in a one-hour demonstration, which counts for 40% of the final score.",
                "D’abord les propositions écrites; les deux meilleures sont présélectionnées et "
                "montrent l’outil en marche lors d’une démonstration d’une heure, qui compte "
                "pour 40\u00a0% de la note finale.",
            ),
            shortlist_size=2,
            demonstration_weight=40,
        ),
        department="ssc",
        buyer="buyer@demo.gc.ca",
        until="shortlisted",
        panel=SSC_PANEL,
        bids=(
            Bid(CASCADE, "8900.00", 8, "An open-source tool, configured and tested with users."),
            Bid(LAURENTIDES, "9200.00", 8, "A hosted tool, bilingual from day one."),
            Bid(VENDOR, "8700.00", 6, "A spreadsheet-based booking process."),
        ),
    ),
    # SSC: contract signed; the vendor delivered and the buyer has the delivery to review.
    Journey(
        _spec(
            "in-delivery",
            "services-translation",
            "3800.00",
            (
                "Translation of a plain-language privacy notice",
                "Traduction d’un avis de confidentialité en langage clair",
            ),
            (
                "Translate a 3,000-word privacy notice from English to French.",
                "Traduire un avis de confidentialité de 3 000 mots de l’anglais vers le français.",
            ),
            (
                "Certified translator; one round of revisions.",
                "Traducteur agréé; une ronde de révisions.",
            ),
        ),
        department="ssc",
        buyer="buyer@demo.gc.ca",
        until="in_delivery",
        panel=SSC_PANEL,
        bids=(
            Bid(LAURENTIDES, "3400.00", 8, "A certified translator and a reviser."),
            Bid(NORTH, "3600.00", 7, "One certified translator."),
        ),
    ),
    # SSC: paid this week to Prairie Data, not yet confirmed by the vendor.
    Journey(
        _spec(
            "paid",
            "digital-data",
            "7000.00",
            (
                "Open data quality review of procurement records",
                "Examen de la qualité des données ouvertes sur les achats",
            ),
            (
                "Check 5,000 published records against the open data standard and fix them.",
                "Vérifier 5 000 enregistrements publiés selon la norme et les corriger.",
            ),
            (
                "A corrected file and a list of the rules applied.",
                "Un fichier corrigé et la liste des règles appliquées.",
            ),
        ),
        department="ssc",
        buyer="buyer@demo.gc.ca",
        until="paid",
        panel=SSC_PANEL,
        bids=(
            Bid(
                PRAIRIE,
                "6200.00",
                9,
                "Automated checks with a manual review of every flagged record.",
            ),
            Bid(CASCADE, "6800.00", 6, "Automated checks only."),
        ),
    ),
    # SSC: delivery accepted; paying Prairie Data again within 30 days passes the threshold,
    # so the split-purchase guardrail blocks the payment until an officer decides.
    Journey(
        _spec(
            "blocked",
            "digital-data",
            "5000.00",
            (
                "Data dictionary for the procurement records",
                "Dictionnaire de données des enregistrements d’achats",
            ),
            (
                "Write the bilingual data dictionary of the corrected procurement records.",
                "Rédiger le dictionnaire de données bilingue des enregistrements corrigés.",
            ),
            (
                "One dictionary, reviewed with the data owner.",
                "Un dictionnaire, revu avec le responsable des données.",
            ),
        ),
        department="ssc",
        buyer="buyer@demo.gc.ca",
        until="delivery_accepted",
        panel=SSC_PANEL,
        bids=(
            Bid(PRAIRIE, "4500.00", 8, "We know the records: a dictionary in two weeks."),
            Bid(RED_RIVER, "4700.00", 6, "A dictionary after interviews with users."),
            # The demo vendor loses this one: a regret letter and a debrief to read.
            Bid(VENDOR, "4900.00", 6, "A dictionary with plain-language definitions."),
        ),
    ),
    # SSC: complete, paid on the small card.
    Journey(
        _spec(
            "complete",
            "services-translation",
            "2500.00",
            ("Revision of a bilingual glossary", "Révision d’un lexique bilingue"),
            (
                "Revise 400 glossary entries in both official languages.",
                "Réviser 400 entrées d’un lexique dans les deux langues officielles.",
            ),
            (
                "A revised glossary with the sources used.",
                "Un lexique révisé avec les sources utilisées.",
            ),
        ),
        department="ssc",
        buyer="buyer@demo.gc.ca",
        until="complete",
        panel=SSC_PANEL,
        card="7310",
        bids=(
            Bid(NORTH, "2300.00", 8, "Two terminologists, one per language."),
            Bid(LAURENTIDES, "2450.00", 7, "One terminologist and a reviewer."),
        ),
    ),
]


def _people(emails) -> list[User]:
    by_email = User.objects.in_bulk(list(emails), field_name="email")
    return [by_email[email] for email in emails]


def _score_round(member, user, proposals, bids, scored, rng, *, partial=False) -> None:
    """One evaluator's own scores, near the panel's later consensus (fixed random seed)."""
    attest_no_conflict(member=member, actor=user)
    for bid in bids[:1] if partial else bids:
        criteria = scored[:2] if partial else scored
        scores = {
            c.pk: (
                max(0, min(10, bid.score + rng.choice([-1, 0, 0, 1]))),
                "Meets the need; see the plan." if bid.score >= 7 else "Few details on how.",
            )
            for c in criteria
        }
        scores_save(member=member, proposal=proposals[bid.key], actor=user, scores=scores)
        if not partial:
            scores_submit(member=member, proposal=proposals[bid.key], actor=user)


def _demonstrate(opportunity, chair, chair_user, proposals, journey) -> None:
    """Shortlist; schedule each demonstration; the first is held and scored (all of them
    unless the journey stops at the demonstration stage)."""
    shortlisted = shortlist_make(member=chair, actor=chair_user)
    bids = {proposals[bid.key].pk: bid for bid in journey.bids}
    for index, demonstration in enumerate(shortlisted):
        demonstration_schedule(
            member=chair,
            actor=chair_user,
            demonstration=demonstration,
            starts_at=(timezone.now() + timedelta(days=3 + index)).replace(
                hour=15, minute=0, second=0, microsecond=0
            ),
            place="https://meet.example.gc.ca/demonstration",
            notes="One hour: 40 minutes of demonstration, then the panel's questions.",
        )
        if index and journey.until == "shortlisted":
            continue  # next week's: the visitor records its scores
        score = bids[demonstration.proposal_id].score + (1 if index == 0 else 0)
        demonstration_score(
            member=chair,
            actor=chair_user,
            proposal=demonstration.proposal,
            scores={
                c.pk: (min(score, 10), "The panel saw it work with a screen reader.")
                for c in opportunity.criteria.demonstration()
            },
        )


def walk(journey: Journey) -> Opportunity | None:
    """Walk one opportunity up to `journey.until`; None when it exists already."""
    spec = journey.spec
    if Opportunity.objects.filter(title_en=spec["title_en"]).exists():
        return None
    rng = random.Random(f"demo-{journey.key}")  # noqa: S311 - fictitious scores, not secrets
    department = Department.objects.get(slug=journey.department)
    buyer = User.objects.get(email=journey.buyer)
    opportunity = opportunity_publish(
        opportunity=_draft(buyer, department, spec, **journey.extra), actor=buyer
    )
    criteria = list(opportunity.criteria.written())
    for bid in journey.bids:
        bidder = User.objects.get(email=bid.email)
        proposal = proposal_start(opportunity=opportunity, actor=bidder, variant=bid.variant)
        proposal_save(
            proposal=proposal,
            actor=bidder,
            price=Decimal(bid.price),
            answers={c.pk: bid.answer for c in criteria if c.is_panel_scored},
        )
        proposal_submit(proposal=proposal, actor=bidder)
    evaluators = _people(journey.panel)
    members = [
        panel_add(opportunity=opportunity, actor=buyer, user=user, is_chair=index == 0)
        for index, user in enumerate(evaluators)
    ]
    if journey.until == "published":
        return opportunity
    if journey.until == "closing":
        _as_if_deadline_in(opportunity, minutes=settings.PORTAL_DEMO_CLOSES_IN_MINUTES)
        return opportunity

    _as_if_deadline_passed(opportunity)
    opportunity_close(opportunity=opportunity)
    evaluation_open(opportunity=opportunity)
    scored = [c for c in criteria if c.is_panel_scored]
    proposals = {
        (p.created_by.email, p.variant_number): p
        for p in opportunity.proposals.select_related("created_by")
    }
    if journey.until == "scoring":
        # The first evaluator has submitted, the second has started, the third has not.
        _score_round(members[0], evaluators[0], proposals, journey.bids, scored, rng)
        _score_round(members[1], evaluators[1], proposals, journey.bids, scored, rng, partial=True)
        return opportunity
    for member, user in zip(members, evaluators, strict=True):
        _score_round(member, user, proposals, journey.bids, scored, rng)
    chair, chair_user = members[0], evaluators[0]
    for bid in journey.bids:
        consensus_record(
            member=chair,
            actor=chair_user,
            proposal=proposals[bid.key],
            scores={c.pk: (bid.score, "The panel agreed on the strengths shown.") for c in scored},
        )
    if journey.until == "consensus":
        return opportunity

    evaluation_lock(member=chair, actor=chair_user)
    if opportunity.has_demonstration:
        _demonstrate(opportunity, chair, chair_user, proposals, journey)
        if journey.until == "shortlisted":
            return opportunity
    evaluation_reveal(member=chair, actor=chair_user)
    for member, user in zip(members, evaluators, strict=True):
        reattest_no_conflict(member=member, actor=user)
    decision = opportunity_award(opportunity=opportunity, actor=buyer, kind=AwardDecision.Kind.TOP)
    # Rendered now: the task queued by the award runs only when seeding commits.
    contract = contract_render(opportunity.contract.pk)
    if not journey.reaches("in_delivery"):
        return opportunity

    assert decision.proposal is not None  # awarded to the top proposal
    owner = decision.proposal.created_by
    contract_accept(
        contract=contract,
        actor=owner,
        full_name=owner.full_name,
        agreed=True,
        sha256=contract.pdf_sha256,
        ip="127.0.0.1",
    )
    delivery = delivery_submit(
        contract=contract,
        actor=owner,
        note="The work described in the contract, with our notes.",
        link=f"https://example.com/delivery/{journey.key}",
    )
    if not journey.reaches("delivery_accepted"):
        return opportunity

    delivery_accept(delivery=delivery, actor=buyer, certified_name=buyer.full_name, attest=True)
    request = payment_request_create(contract=contract, actor=buyer, amount=contract.price)
    if not journey.reaches("paid"):
        return opportunity

    holder = User.objects.get(email="cardholder@demo.gc.ca")
    card = PurchaseCard.objects.get(holder=holder, last4=journey.card)
    payment = payment_approve(
        request=request,
        actor=holder,
        card=card,
        amount=contract.price,
        paid_on=timezone.localdate(),
        authorization_code=f"DEMO{rng.randrange(1000, 9999)}",
    )
    if journey.reaches("complete"):
        payment_confirm_receipt(payment=payment, actor=owner)
    opportunity.refresh_from_db()
    return opportunity


def journey_opportunity(key: str) -> Opportunity | None:
    """The seeded opportunity of a journey (for the demo guide's links)."""
    titles = {journey.key: journey.spec["title_en"] for journey in JOURNEYS}
    titles["discovery"] = DISCOVERY
    return Opportunity.objects.filter(title_en=titles[key]).order_by("pk").first()


def seed_journeys() -> None:
    for journey in JOURNEYS:
        walk(journey)


DISCOVERY = "Discovery: benefits eligibility"


def seed_initiative(*, department, buyer) -> Opportunity | None:
    """The initiative: discovery walks the whole journey (its award, contract and payment
    stay within its budget), the go decision follows, and the alpha phase is published."""
    if Opportunity.objects.filter(title_en=DISCOVERY).exists():
        return None
    initiative = initiative_create(
        actor=buyer,
        department=department,
        name_en="Benefits eligibility finder",
        name_fr="Outil de recherche d’admissibilité aux prestations",
        description_en="Help people find which benefits they may be eligible for, in small steps.",
        description_fr="Aider les gens à trouver les prestations auxquelles ils pourraient "
        "avoir droit, par petites étapes.",
    )
    specs = {spec["key"]: spec for spec in OPPORTUNITIES}
    discovery = walk(
        Journey(
            {
                **specs["data"],
                "key": "discovery",
                "title_en": DISCOVERY,
                "title_fr": "Découverte : admissibilité aux prestations",
                "summary_en": "Interview people who apply for benefits and map where they get "
                "lost.",
                "summary_fr": "Interroger des demandeurs de prestations et repérer où ils se "
                "perdent.",
                "category": "digital-design",
            },
            department=department.slug,
            buyer=buyer.email,
            until="complete",
            panel=SSC_PANEL,
            extra={"initiative": initiative, "phase": "discovery"},
            bids=(
                Bid(
                    VENDOR,
                    "4800.00",
                    8,
                    "Twelve interviews in both languages, a journey map "
                    "and a plain-language report.",
                ),
                Bid(NORTH, "4200.00", 6, "Eight interviews and a short report of what we heard."),
            ),
        )
    )
    assert discovery is not None  # new initiative: its discovery did not exist
    phase_decide(
        opportunity=discovery,
        actor=buyer,
        decision="go",
        reasons="Twelve interviews showed a clear need; people miss benefits they are owed.",
        reasons_fr="Douze entrevues ont montré un besoin clair\u00a0: des gens ne "
        "reçoivent pas les prestations auxquelles ils ont droit.",
    )
    alpha = next_phase_draft(opportunity=discovery, actor=buyer)
    spec = {
        **specs["data"],
        "title_en": "Alpha: benefits eligibility prototype",
        "title_fr": "Alpha : prototype d’admissibilité aux prestations",
        "summary_en": "Build and test a clickable prototype with ten users.",
        "summary_fr": "Concevoir et tester un prototype cliquable avec dix utilisateurs.",
        "category": "digital-development",
    }
    fields = {
        name: value for name, value in spec.items() if name not in {"key", "category", "clauses"}
    }
    fields.update(clause_fields(spec))
    alpha = opportunity_update_draft(
        opportunity=alpha,
        actor=buyer,
        category=Category.objects.get(slug=spec["category"]),
        closes_at=earliest_closing() + timedelta(days=10),
        **fields,
    )
    for order, (en, fr, weight, minimum, is_price) in enumerate(CRITERIA):
        Criterion.objects.create(
            opportunity=alpha,
            order=order,
            name_en=en,
            name_fr=fr,
            weight=weight,
            min_score=minimum,
            is_price=is_price,
        )
    opportunity_publish(opportunity=alpha, actor=buyer)
    return discovery
