"""Browser tests: the system Chromium, driven by Playwright, against the live test server.

Playwright's sync API marks an asyncio loop as running in the thread that drives it. In
the test's own thread that would make Django refuse ORM calls, or hand out other database
connections than the ones the test database was set up on. So one thread of its own drives
Chromium, and a test hands it what to do in the browser: `in_browser(scenario)`.

Every test here needs `django_db(transaction=True, serialized_rollback=True)`: the live
server answers from another thread, and the flush after each test would otherwise erase
what the migrations load (regions, the home page, the Wagtail site).
"""

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

CHROMIUM = Path("/usr/bin/chromium")

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


@pytest.fixture(scope="session")
def browser():
    """Chromium for the whole session, and the one thread allowed to drive it."""
    if not CHROMIUM.exists():
        pytest.skip(f"browser tests need Chromium at {CHROMIUM} (apt-get install chromium)")
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="playwright") as thread:
        playwright = thread.submit(lambda: sync_playwright().start()).result()
        chromium = thread.submit(
            playwright.chromium.launch, executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        ).result()
        yield thread, chromium
        thread.submit(chromium.close).result()
        thread.submit(playwright.stop).result()


@pytest.fixture
def in_browser(browser, live_server):
    """Run `scenario(page)` in a fresh tab (no cookies) on the live server, 1280 px wide.

    Returns what the scenario returns; its failed assertions fail the test.
    """
    thread, chromium = browser

    def in_a_new_tab(scenario):
        context = chromium.new_context(
            base_url=live_server.url, viewport={"width": 1280, "height": 800}
        )
        context.set_default_timeout(10_000)
        try:
            return scenario(context.new_page())
        finally:
            context.close()

    return lambda scenario: thread.submit(in_a_new_tab, scenario).result()
