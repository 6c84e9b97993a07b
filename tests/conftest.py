import os

import pytest

# Sync Playwright drives the browser from the test thread while live_server uses the ORM.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from procurement_portal.models import Role  # noqa: E402
from tests.factories import DepartmentFactory, make_user  # noqa: E402

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# The roles of the authorization matrix, with how to make a person holding each.
MATRIX_ROLES = {
    "anonymous": None,
    "vendor": Role.VENDOR_MEMBER,
    "buyer": Role.BUYER,
    "evaluator": Role.EVALUATOR,
    "card_holder": Role.CARD_HOLDER,
    "officer": Role.PROCUREMENT_OFFICER,
    "finance": Role.FINANCE,
    "site_admin": Role.SITE_ADMIN,
}


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"),
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture
def department(db):
    return DepartmentFactory(
        slug="ssc",
        name_en="Shared Services Canada",
        name_fr="Services partagés Canada",
        registry_org="ssc-spc",
    )


@pytest.fixture
def user_with_role(db, department):
    """Factory fixture: user_with_role("buyer") -> a buyer of `department` with TOTP."""

    def make(role_key: str):
        role = MATRIX_ROLES[role_key]
        return make_user(role, department=department) if role else None

    return make


@pytest.fixture
def client_as(client, user_with_role):
    """Factory fixture: a test client signed in with the given matrix role."""

    def make(role_key: str):
        user = user_with_role(role_key)
        if user is not None:
            client.force_login(user)
        return client

    return make


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    # PBKDF2 with production iterations costs ~0.3 s per user; tests create hundreds.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _no_public_page_cache(settings):
    # Test transactions roll back without telling the cache, and test helpers move clocks
    # and rows with update(): a cached page would outlive them. The page cache has its own
    # tests (tests/portal/test_page_cache.py), which turn it on.
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0


@pytest.fixture
def public_cache_on(settings):
    """The public page cache and fragments on, as in production, in an empty cache."""
    from django.core.cache import cache

    settings.PUBLIC_PAGE_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _english_by_default():
    """Start every test in English and leave no language behind.

    A test-client request through LocaleMiddleware activates its language on this thread and
    nothing resets it, so a test after a French request would otherwise see French messages.
    """
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _reference_data(request):
    """Rows the data migrations load (categories, questionnaire, certifications).

    Transactional tests (browser, integration) empty every table when they end, which would
    leave later tests without them: put them back whenever a test uses the database.
    """
    marker = request.node.get_closest_marker("django_db")
    uses_db = marker is not None or {"db", "transactional_db"} & set(request.fixturenames)
    if not uses_db:
        return
    transactional = bool(marker and marker.kwargs.get("transaction")) or (
        "transactional_db" in request.fixturenames or "live_server" in request.fixturenames
    )
    request.getfixturevalue("transactional_db" if transactional else "db")
    from django.utils import timezone

    from opportunities.seed_data import seed_categories
    from procurement_portal.models import Category
    from vendors.models import CertificationType, QuestionnaireQuestion, QuestionnaireVersion
    from vendors.seed_data import seed_reference_data

    if not Category.objects.exists():
        seed_categories(Category)
    if not QuestionnaireVersion.objects.exists():
        seed_reference_data(
            QuestionnaireVersion, QuestionnaireQuestion, CertificationType, timezone.now()
        )
    from payments.models import ContractTerms
    from payments.seed_data import seed_terms

    seed_terms(ContractTerms)
    from opportunities.models import ContractClause
    from opportunities.seed_data import seed_clauses

    if not ContractClause.objects.exists():
        seed_clauses(ContractClause)
