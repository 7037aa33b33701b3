"""Browser tests: the system Chromium, driven by Playwright, against the live test server.

Playwright's sync API marks an asyncio loop as running in the thread that drives it. In
the test's own thread that would make Django refuse ORM calls, or hand out other database
connections than the ones the test database was set up on. So one thread of its own drives
Chromium, and a test hands it what to do in the browser: `in_browser(scenario)`.

Every test here needs `django_db(transaction=True, serialized_rollback=True)`: the live
server answers from another thread, and the flush after each test would otherwise erase
what the migrations load (regions, the home page, the Wagtail site).
"""

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.core.signals import request_finished, request_started
from playwright.sync_api import Error as PlaywrightError
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


class ServerQuiet:
    """Counts the live server's requests in flight, to wait until the browser is done.

    A page can still be talking to the server after the scenario returns: Wagtail's page
    editor pings its editing session and sends a beacon to release it when the tab goes.
    Such a request, answered while the test database is being flushed, writes a row that
    points at a user being deleted, and the flush fails. So the tab leaves every page, and
    the test waits until no request has been in flight for a moment.
    """

    QUIET = 0.3  # seconds without any request in flight
    LONGEST = 10.0

    def __init__(self):
        self.in_flight = 0
        self.last_change = time.monotonic()
        self.changed = threading.Condition()

    def started(self, **kwargs):
        with self.changed:
            self.in_flight += 1
            self.last_change = time.monotonic()

    def finished(self, **kwargs):
        with self.changed:
            self.in_flight = max(0, self.in_flight - 1)
            self.last_change = time.monotonic()
            self.changed.notify_all()

    def wait(self):
        give_up = time.monotonic() + self.LONGEST
        with self.changed:
            while time.monotonic() < give_up:
                quiet_for = time.monotonic() - self.last_change
                if self.in_flight == 0 and quiet_for >= self.QUIET:
                    return
                self.changed.wait(timeout=self.QUIET)


@pytest.fixture
def server_quiet():
    quiet = ServerQuiet()
    request_started.connect(quiet.started, weak=False)
    request_finished.connect(quiet.finished, weak=False)
    yield quiet
    request_started.disconnect(quiet.started)
    request_finished.disconnect(quiet.finished)


@pytest.fixture
def in_browser(browser, live_server, server_quiet):
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
            for page in context.pages:
                try:
                    page.goto("about:blank")  # unload: the page's last beacons leave now
                except PlaywrightError:
                    pass
            context.close()

    def run(scenario):
        try:
            return thread.submit(in_a_new_tab, scenario).result()
        finally:
            server_quiet.wait()

    return run
