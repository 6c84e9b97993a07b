"""Every notification, in both languages, has a text part and an accessible HTML part."""

import re

import pytest

from tests.email_samples import ROOT, SAMPLE, email_prefixes, render

pytestmark = pytest.mark.django_db


def test_every_name_our_templates_use_has_a_sample():
    given = {"site_name", "subject", "body_html"}  # render_message adds these
    missing = set()
    for path in (ROOT / "templates" / "emails").glob("*"):
        source = path.read_text()
        tags = re.sub(r"\"[^\"]*\"", '""', " ".join(re.findall(r"\{%(.*?)%\}", source)))
        # Names a template binds itself: {% blocktranslate with x=... %}, {% for x in %},
        # {% get_current_language as x %}.
        bound = set(re.findall(r"\b(\w+)=", tags)) | set(re.findall(r"for (\w+) in", tags))
        bound |= set(re.findall(r"\bas (\w+)", tags))
        values = set(re.findall(r"\w+=(\w+)", tags)) | set(re.findall(r"in (\w+)", tags))
        shown = set(re.findall(r"\{\{\s*(\w+)", source)) - bound
        missing |= (values | shown) - set(SAMPLE) - given - {"True", "False"}
    assert missing == set()


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("prefix", email_prefixes())
def test_email_has_text_and_html_parts(prefix, language):
    email = render(prefix, language)
    assert email.subject.strip() and "\n" not in email.subject
    assert email.extra_headers["Content-Language"] == language
    text = email.body
    assert text.strip() and "{{" not in text and "{%" not in text
    assert len(email.alternatives) == 1
    html, mimetype = email.alternatives[0]
    assert mimetype == "text/html"
    assert f'<html lang="{language}">' in html
    assert "<title>" in html and "<main" in html and "<h1" in html
    for url in re.findall(r"https?://[^\s<>\"]+", text):
        assert f'href="{url.rstrip(".,;)")}"' in html, url  # every link of the text, clickable
    if (ROOT / "templates" / f"{prefix}_message.html").exists():
        return  # its own HTML, written for it
    # The HTML made from the text part has the same words.
    first_words = " ".join(text.split()[:3])
    from tests.french_typography import french_text_of_html

    visible = " ".join(french_text_of_html(html.replace(f'lang="{language}"', 'lang="fr"')).split())
    assert first_words in visible


def test_french_email_is_french():
    email = render("emails/question_answered", "fr")
    assert "Une question sur" in email.body and "Oui." in email.body
    assert "Yes." not in email.body
