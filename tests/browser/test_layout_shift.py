"""Nothing moves while the page loads: the cumulative layout shift (CLS) that Chromium
measures stays under 0.1, the "good" threshold of Core Web Vitals, on every page that carries
the GC Design System header (it hydrates after the HTML is drawn)."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.opportunities.factories import published

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Chromium reports each shift as a `layout-shift` performance entry; CLS is the sum of those
# not caused by the person's own input (entries are buffered from the start of the load).
COLLECT_SHIFTS = """
() => new Promise(resolve => {
  const shifts = [];
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) {
      if (!entry.hadRecentInput) shifts.push({
        value: entry.value,
        sources: (entry.sources || []).map(s => [
          s.node ? s.node.nodeName + '.' + (s.node.className || '') : '?',
          s.previousRect.y, s.previousRect.height, s.currentRect.y, s.currentRect.height,
        ].join(' ')),
        time: entry.startTime,
      });
    }
  }).observe({type: 'layout-shift', buffered: true});
  setTimeout(() => resolve(shifts), 1000);
})
"""

PAGES = [
    "home",
    "opportunity_list",
    "opportunity_detail",
    "vendor_list",
    "planned_list",
    "dashboard",
]


# A wide screen in English and a phone in French: the header's layouts differ most there.
@pytest.mark.parametrize(("width", "language"), [(1280, "en"), (360, "fr")])
def test_pages_do_not_shift_while_loading(live_server, browser, language, width):
    opportunity = published()
    with translation.override(language):
        urls = [
            reverse(name, args=[opportunity.pk] if name == "opportunity_detail" else [])
            for name in PAGES
        ]
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    measured = {}
    for url in urls:
        page.goto(live_server.url + url, wait_until="load")
        page.wait_for_function("customElements.get('gcds-header') !== undefined")
        shifts = page.evaluate(COLLECT_SHIFTS)
        measured[url] = (round(sum(s["value"] for s in shifts), 3), shifts)
    context.close()
    shifting = {url: figures for url, figures in measured.items() if figures[0] >= 0.1}
    assert not shifting, f"CLS ≥ 0.1 at {width} px: {shifting}"
