"""Demo opportunities in every state reachable today, with questions, addenda and planned
purchases. Called by `manage.py seed_demo`; idempotent."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from procurement_portal.models import Category, Department, User
from procurement_portal.row_stamps import row_changed

from .models import CLAUSE_FIELDS, ContractClause, Criterion, Opportunity
from .services.addenda import addendum_post
from .services.copies import opportunity_copy
from .services.department_templates import template_save_from
from .services.drafts import opportunity_create_draft, opportunity_update_draft
from .services.follows import opportunity_follow
from .services.lifecycle import (
    earliest_closing,
    opportunity_cancel,
    opportunity_publish,
)
from .services.planned import (
    market_question_add,
    planned_convert,
    planned_create,
    planned_document_add,
    planned_milestone_add,
    planned_notes_save,
    planned_publish,
    planned_respond,
)
from .services.questions import question_answer, question_ask

CRITERIA = [
    ("Understanding of the need", "Compréhension du besoin", 40, 5, False),
    ("Proposed approach and plan", "Approche et plan proposés", 25, 4, False),
    ("Relevant experience", "Expérience pertinente", 15, 0, False),
    ("Price", "Prix", 20, 0, True),
]

# Issue 17: the same, with a responsible-procurement criterion computed from the registry
# (points per verified, unexpired claim type: eco-responsible, diverse-owned, innovative).
RESPONSIBLE = ("Responsible procurement", "Approvisionnement responsable", 10)
RESPONSIBLE_POINTS = {"points_eco": 4, "points_diversity": 4, "points_innovation": 2}
# Two-stage opportunities (shortlist_size > 0): the shortlisted demonstrate, scored on these.
DEMONSTRATION_CRITERIA = [
    ("Live demonstration of the tool", "Démonstration en direct de l’outil", 70),
    ("Answers to the panel's questions", "Réponses aux questions du comité", 30),
]

OPPORTUNITIES = [
    {
        "key": "accessibility",
        "category": "digital-accessibility",
        "title_en": "Accessibility audit of an online grant application",
        "title_fr": "Audit d’accessibilité d’une demande de subvention en ligne",
        "summary_en": "Test a six-page online form against WCAG 2.1 AA with assistive "
        "technologies and report the barriers found.",
        "summary_fr": "Tester un formulaire en ligne de six pages selon les WCAG 2.1 AA avec "
        "des technologies d’assistance et signaler les obstacles.",
        "description_en": "Our grant application form is used by **small non-profits** across "
        "Canada. We need an independent audit:\n\n- manual testing with "
        "screen readers (NVDA, VoiceOver)\n- keyboard-only testing\n- a "
        "prioritised report with fixes",
        "description_fr": "Notre formulaire de demande de subvention est utilisé par de **petits "
        "organismes sans but lucratif** partout au Canada. Nous avons "
        "besoin d’un audit indépendant :\n\n- essais manuels avec lecteurs "
        "d’écran (NVDA, VoiceOver)\n- essais au clavier seulement\n- un "
        "rapport priorisé avec corrections",
        "deliverables_en": "An audit report in both official languages and one debrief session.",
        "deliverables_fr": "Un rapport d’audit dans les deux langues officielles et une séance "
        "de compte rendu.",
        "max_budget": Decimal("8500.00"),
        "is_remote": True,
        "registry": True,
    },
    {
        "key": "translation",
        "category": "services-translation",
        "title_en": "Translation of a training guide for new public servants",
        "title_fr": "Traduction d’un guide de formation pour les nouveaux fonctionnaires",
        "summary_en": "Translate and revise a 40-page onboarding guide from English to French.",
        "summary_fr": "Traduire et réviser un guide d’accueil de 40 pages de l’anglais vers le "
        "français.",
        "description_en": "About 14,000 words, plain language, with a glossary we provide.",
        "description_fr": "Environ 14 000 mots, en langage clair, avec un lexique fourni.",
        "max_budget": Decimal("4200.00"),
        "is_remote": True,
    },
    {
        "key": "workshop",
        "category": "services-training",
        "title_en": "Facilitation of two user-research workshops in Moncton",
        "title_fr": "Animation de deux ateliers de recherche sur les utilisateurs à Moncton",
        "summary_en": "Plan and facilitate two half-day bilingual workshops with service users.",
        "summary_fr": "Planifier et animer deux ateliers bilingues d’une demi-journée avec des "
        "utilisateurs du service.",
        "description_en": "Workshops in March; we provide the room and recruit participants.",
        "description_fr": "Ateliers en mars; nous fournissons la salle et recrutons les "
        "participants.",
        "max_budget": Decimal("6000.00"),
        "location": "Moncton, NB",
        "registry": True,
    },
    {
        "key": "chairs",
        "category": "goods-furniture",
        "title_en": "Twelve ergonomic chairs for a regional office",
        "clauses": {
            "intellectual_property": "vendor-owns-licence",
            "open_source": "none",
            "privacy": "no-personal-information",
        },
        "title_fr": "Douze chaises ergonomiques pour un bureau régional",
        "summary_en": "Supply and deliver twelve adjustable chairs to Sherbrooke.",
        "summary_fr": "Fournir et livrer douze chaises réglables à Sherbrooke.",
        "description_en": "Chairs certified to BIFMA X5.1, delivered and assembled.",
        "description_fr": "Chaises certifiées BIFMA X5.1, livrées et assemblées.",
        "max_budget": Decimal("7200.00"),
        "location": "Sherbrooke, QC",
    },
    {
        "key": "data",
        "category": "digital-data",
        "title_en": "Clean and document a public dataset of service standards",
        "clauses": {"open_source": "apache-2-0", "data_ownership": "crown-owns-data"},
        "title_fr": "Nettoyer et documenter un jeu de données public sur les normes de service",
        "summary_en": "Tidy a spreadsheet of 2,000 rows and write its data dictionary.",
        "summary_fr": "Mettre en ordre un tableur de 2 000 lignes et rédiger son dictionnaire "
        "de données.",
        "description_en": "The result is published on the open data portal.",
        "description_fr": "Le résultat est publié sur le portail de données ouvertes.",
        "max_budget": Decimal("5000.00"),
        "is_remote": True,
    },
]


def clause_fields(spec: dict) -> dict:
    """The clauses against lock-in the buyer chose (the kinds left out take the defaults)."""
    current = ContractClause.objects.current()
    return {
        CLAUSE_FIELDS[kind]: current.get(kind=kind, option=option)
        for kind, option in spec.get("clauses", {}).items()
    }


def _draft(buyer, department, spec, **extra):
    fields = {k: v for k, v in spec.items() if k not in {"key", "category", "clauses", "registry"}}
    fields["category"] = Category.objects.get(slug=spec["category"])
    fields.update(clause_fields(spec))
    fields["closes_at"] = earliest_closing() + timedelta(days=7)
    fields["expected_delivery"] = (timezone.now() + timedelta(days=60)).date()
    opportunity = opportunity_create_draft(actor=buyer, department=department, **fields, **extra)
    for order, (en, fr, weight, minimum, is_price) in enumerate(CRITERIA):
        if spec.get("registry") and en == "Relevant experience":
            weight -= RESPONSIBLE[2]  # the responsible-procurement criterion takes 10 of 15
        Criterion.objects.create(
            opportunity=opportunity,
            order=order,
            name_en=en,
            name_fr=fr,
            weight=weight,
            min_score=minimum,
            is_price=is_price,
        )
    if spec.get("registry"):
        Criterion.objects.create(
            opportunity=opportunity,
            order=len(CRITERIA),
            name_en=RESPONSIBLE[0],
            name_fr=RESPONSIBLE[1],
            description_en="Points for each claim type verified in the vendor registry.",
            description_fr="Des points pour chaque type de déclaration vérifiée dans le "
            "registre des fournisseurs.",
            weight=RESPONSIBLE[2],
            kind="registry",
            **RESPONSIBLE_POINTS,
        )
    if opportunity.has_demonstration:
        for order, (en, fr, weight) in enumerate(DEMONSTRATION_CRITERIA, start=len(CRITERIA)):
            Criterion.objects.create(
                opportunity=opportunity, order=order, name_en=en, name_fr=fr, weight=weight, stage=2
            )
    return opportunity


def _as_if_deadline_passed(opportunity):
    # Demo only: move the deadline into the past so the closing service can run now (the
    # deadline for questions moves with it: it always comes before closing).
    Opportunity.objects.filter(pk=opportunity.pk).update(
        closes_at=timezone.now() - timedelta(hours=1),
        questions_close_at=timezone.now() - timedelta(hours=2),
    )
    row_changed("opportunities.opportunity", opportunity.pk)  # its card shows the deadline


def _as_if_deadline_in(opportunity, *, minutes: int):
    # Demo only: the opportunity was published with a normal posting period (the publish
    # service refuses less); move its deadline to a few minutes from now so a visitor watches
    # the demo's scheduler close it and open its evaluation. Its deadline for questions has
    # just passed: questions are refused while proposals are still accepted.
    Opportunity.objects.filter(pk=opportunity.pk).update(
        closes_at=timezone.now() + timedelta(minutes=minutes),
        questions_close_at=timezone.now() - timedelta(minutes=1),
    )
    row_changed("opportunities.opportunity", opportunity.pk)  # its card shows the deadline


def seed(*, stdout=None):
    if Opportunity.objects.filter(title_en=OPPORTUNITIES[0]["title_en"]).exists():
        return  # already seeded
    department = Department.objects.get(slug="ssc")
    buyer = User.objects.get(email="buyer@demo.gc.ca")
    vendor = User.objects.get(email="vendor@example.com")
    specs = {spec["key"]: spec for spec in OPPORTUNITIES}

    # Open, with questions (answered and not), an addendum and a follower.
    audit = opportunity_publish(
        opportunity=_draft(buyer, department, specs["accessibility"]), actor=buyer
    )
    opportunity_follow(opportunity=audit, actor=vendor)
    question = question_ask(
        opportunity=audit, actor=vendor, text="Can testing be done remotely, with a test account?"
    )
    question_answer(
        question=question,
        actor=buyer,
        answer_en="Yes. We will provide two test accounts on a staging site.",
        answer_fr="Oui. Nous fournirons deux comptes d’essai sur un site de préproduction.",
        question_en="Can testing be done remotely, with a test account?",
        question_fr="Les essais peuvent-ils se faire à distance, avec un compte d’essai?",
    )
    question_ask(opportunity=audit, actor=vendor, text="Does the report need to follow a template?")
    addendum_post(
        opportunity=audit,
        actor=buyer,
        text_en="The form has six pages, not five. The budget is unchanged.",
        text_fr="Le formulaire compte six pages, et non cinq. Le budget est inchangé.",
    )
    # A deadline for questions the buyer chose (three days before closing, not the default).
    translation = _draft(buyer, department, specs["translation"])
    opportunity_update_draft(
        opportunity=translation,
        actor=buyer,
        questions_close_at=translation.closes_at - timedelta(days=3),
    )
    opportunity_publish(opportunity=translation, actor=buyer)

    # A draft and a cancelled one. The workshop and every later stage are walked by
    # payments/demo_journey.py, which needs every app.
    _draft(buyer, department, specs["data"])
    chairs = opportunity_publish(
        opportunity=_draft(buyer, department, specs["chairs"]), actor=buyer
    )
    opportunity_cancel(
        opportunity=chairs,
        actor=buyer,
        reason="A standing offer now covers this furniture.",
        reason_fr="Une offre à commandes couvre maintenant ce mobilier.",
    )

    # Planned purchases: one open for comments, one already turned into a draft.
    open_plan = planned_publish(
        planned=planned_create(
            actor=buyer,
            department=department,
            title_en="Plain-language review of benefit letters",
            title_fr="Révision en langage clair de lettres de prestations",
            need_en="About 30 standard letters sent to citizens need rewriting in plain language.",
            need_fr="Environ 30 lettres types envoyées aux citoyens doivent être réécrites en "
            "langage clair.",
            rough_budget=Decimal("9000.00"),
            expected_date=(timezone.now() + timedelta(days=45)).date(),
            social_aspects_en="Letters tested with people who receive them, including "
            "people with low literacy and screen-reader users.",
            social_aspects_fr="Lettres testées avec des personnes qui les reçoivent, y compris "
            "des personnes peu alphabétisées et des utilisateurs de lecteurs d’écran.",
            environmental_aspects_en="Digital first: shorter letters mean fewer printed pages "
            "and envelopes.",
            environmental_aspects_fr="Numérique d’abord : des lettres plus courtes, c’est moins "
            "de pages imprimées et d’enveloppes.",
        ),
        actor=buyer,
    )
    _engage_the_market(open_plan, buyer, vendor)
    tbs = Department.objects.get(slug="tbs")
    tbs_buyer = User.objects.get(email="buyer-tbs@demo.gc.ca")
    tbs_plan = planned_publish(
        planned=planned_create(
            actor=tbs_buyer,
            department=tbs,
            title_en="Accessibility training for web publishers",
            title_fr="Formation en accessibilité pour les éditeurs Web",
            need_en="Two half-day sessions for 30 web publishers on accessible content.",
            need_fr="Deux séances d’une demi-journée pour 30 éditeurs Web sur le contenu "
            "accessible.",
            rough_budget=Decimal("4000.00"),
            expected_date=(timezone.now() + timedelta(days=60)).date(),
            social_aspects_en="Sessions in both official languages, accessible to "
            "participants with disabilities.",
            social_aspects_fr="Séances dans les deux langues officielles, accessibles aux "
            "participants handicapés.",
        ),
        actor=tbs_buyer,
    )
    market_question_add(
        planned=tbs_plan,
        actor=tbs_buyer,
        text_en="Would you give the sessions online, in person, or both?",
        text_fr="Donneriez-vous les séances en ligne, en personne, ou les deux?",
    )
    planned_respond(
        planned=tbs_plan,
        actor=vendor,
        interested=True,
        comment="We can give the sessions in French and in English.",
    )
    converted = planned_publish(
        planned=planned_create(
            actor=buyer,
            department=department,
            title_en="Podcast production (3 episodes)",
            title_fr="Production de balados (3 épisodes)",
            need_en="Record and edit three bilingual episodes.",
            need_fr="Enregistrer et monter trois épisodes bilingues.",
            rough_budget=Decimal("7500.00"),
            social_aspects_en="Guests from small and Indigenous businesses.",
            social_aspects_fr="Des invités d’entreprises petites et autochtones.",
            environmental_aspects_en="Recorded remotely: no travel.",
            environmental_aspects_fr="Enregistré à distance : aucun déplacement.",
        ),
        actor=buyer,
    )
    podcast_question = market_question_add(
        planned=converted,
        actor=buyer,
        text_en="Do you include transcripts in both languages?",
        text_fr="Fournissez-vous les transcriptions dans les deux langues?",
    )
    planned_respond(
        planned=converted,
        actor=vendor,
        interested=True,
        comment="",
        answers={
            podcast_question.pk: "Yes, transcripts and captions in English and French, "
            "checked by a person."
        },
    )
    planned_notes_save(
        planned=converted,
        actor=buyer,
        notes="Ask for transcripts in both languages as a deliverable: the market offers them "
        "at no extra cost.",
    )
    planned_convert(planned=converted, actor=buyer)

    # The initiative (discovery paid and complete, alpha open) is seeded by payments/demo.py:
    # its first phase walks the whole journey, which needs every app.
    if stdout:
        stdout.write(f"Demo opportunities: {Opportunity.objects.count()}")

    # The accessibility audit became the department's template for that kind of call, and a
    # buyer copied it to a new draft for another form (issue 16).
    template_save_from(
        opportunity=audit,
        actor=buyer,
        name_en="Accessibility audit of a web form",
        name_fr="Audit d’accessibilité d’un formulaire Web",
    )
    copy = opportunity_copy(opportunity=audit, actor=buyer)
    opportunity_update_draft(
        opportunity=copy,
        actor=buyer,
        title_en="Renewal form: accessibility audit",
        title_fr="Formulaire de renouvellement\u00a0: audit d’accessibilité",
    )


def _engage_the_market(planned, buyer, vendor):
    """A preliminary study, a retro-planning, questions to the market answered privately by
    three vendors, and what the buyer learned from them."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from vendors.demo import demo_pdf

    planned_document_add(
        planned=planned,
        actor=buyer,
        kind="needsAssessment",
        upload=SimpleUploadedFile(
            "letters-needs-assessment.pdf", demo_pdf(), content_type="application/pdf"
        ),
    )
    today = timezone.localdate()
    for kind, days, title_en, title_fr in [
        ("study", 7, "Needs assessment shared", "Évaluation des besoins diffusée"),
        (
            "market",
            21,
            "Answers to the questions to the market",
            "Réponses aux questions au marché",
        ),
        ("call", 45, "Call for proposals published", "Publication de l’appel de propositions"),
        ("closing", 59, "Call closes", "Clôture de l’appel"),
        ("award", 70, "Contract awarded", "Attribution du contrat"),
        ("delivery", 120, "Rewritten letters delivered", "Livraison des lettres réécrites"),
    ]:
        planned_milestone_add(
            planned=planned,
            actor=buyer,
            kind=kind,
            title_en=title_en,
            title_fr=title_fr,
            due_date=today + timedelta(days=days),
        )
    pilot = market_question_add(
        planned=planned,
        actor=buyer,
        text_en="How long would rewriting and testing 30 letters take you?",
        text_fr="Combien de temps vous faudrait-il pour réécrire et tester 30 lettres?",
    )
    testing = market_question_add(
        planned=planned,
        actor=buyer,
        text_en="How would you test the letters with the people who receive them?",
        text_fr="Comment testeriez-vous les lettres auprès des personnes qui les reçoivent?",
    )
    planned_respond(
        planned=planned,
        actor=vendor,
        interested=True,
        comment="Could the call allow a pilot on five letters first?",
        answers={
            pilot.pk: "About eight weeks, with a pilot on five letters in the first two.",
            testing.pk: "Ten short sessions, half of them with screen-reader users.",
        },
    )
    for email, comment, answers in [
        (
            "owner@laurentides.example.com",
            "Nous pouvons réviser les lettres dans les deux langues officielles.",
            {pilot.pk: "Six semaines, en français et en anglais en parallèle."},
        ),
        (
            "owner@red-river.example.com",
            "Will you test the rewritten letters with people who receive them?",
            {testing.pk: "Through community organisations, with paid participants."},
        ),
    ]:
        responder = User.objects.filter(email=email).first()
        if responder:
            planned_respond(
                planned=planned,
                actor=responder,
                interested=True,
                comment=comment,
                answers=answers,
            )
    planned_notes_save(
        planned=planned,
        actor=buyer,
        notes="Six to eight weeks is realistic. Ask for a pilot on five letters and testing "
        "with people who receive them, including screen-reader users.",
    )
