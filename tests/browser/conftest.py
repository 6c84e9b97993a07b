import pytest
from axe_playwright_python.sync_playwright import Axe

WCAG_21_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}


@pytest.fixture(scope="session")
def axe():
    return Axe()


@pytest.fixture
def assert_accessible(axe):
    """Run axe-core (WCAG 2.1 AA) on the current page; fail with a readable report."""

    def check(page):
        page.wait_for_load_state("networkidle")
        results = axe.run(page, options=WCAG_21_AA)
        assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"

    return check


@pytest.fixture(autouse=True)
def _pages_fail_on_console_errors(request):
    """Browser tests run against the live server; keep them marked for selection."""
    request.node.add_marker(pytest.mark.browser)


@pytest.fixture
def sign_in(live_server):
    """Sign a person in through the real pages (with the TOTP step for public servants)."""
    import time

    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    def do(page, user, language="en", password="correct-horse-battery"):
        from django.urls import reverse
        from django.utils import translation

        with translation.override(language):
            login, authenticate = reverse("account_login"), reverse("mfa_authenticate")
        page.goto(f"{live_server.url}{login}")
        page.locator("#id_login").fill(user.email)
        page.locator("#id_password").fill(password)
        page.locator("main form button[type=submit]").click()
        # The click only starts the navigation: wait until the login page is left before
        # reading where we landed, or a slow server sends us past the TOTP step.
        page.wait_for_url(lambda url: not url.endswith(login))
        if authenticate in page.url:
            # allauth accepts only the current 30-second window: never type a code that
            # expires between reading the clock and the server checking it.
            if time.time() % 30 > 25:
                time.sleep(30 - time.time() % 30 + 0.2)
            code = format_hotp_value(hotp_value(user.totp_secret, int(time.time()) // 30))
            page.locator("#id_code").fill(code)
            page.locator("main form button[type=submit]").first.click()
            page.wait_for_url(lambda url: authenticate not in url)
        page.wait_for_load_state()
        assert "/accounts/" not in page.url and "/comptes/" not in page.url, (
            f"sign-in failed at {page.url}"
        )

    return do
