"""Browser journeys: Debian's chromium driven by Playwright's sync API against pytest-django's live_server."""

import os
import re
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--lang=zh-CN", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "var" / "test-artifacts" / "e2e"
PASSWORD = "x-Passw0rd!"
# The screenshots must be readable without CJK fonts installed on the machine: the browser also looks in the fonts
# shipped for the letters (FandolHei for the pages' sans-serif text).
FONTCONFIG = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir>{fonts}</dir>
  <cachedir>{cache}</cachedir>
  <alias><family>sans-serif</family><prefer><family>FandolHei</family></prefer></alias>
  <alias><family>serif</family><prefer><family>FandolSong</family></prefer></alias>
</fontconfig>
"""

CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", function (e) {
  console.error("CSP-VIOLATION " + e.violatedDirective + " " + e.blockedURI + " at " + e.sourceFile + ":" +
                e.lineNumber);
});
"""

# Playwright's sync API runs an event loop in this thread; Django's ORM calls from the test are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def chromium(django_db_setup, django_db_blocker):
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium to run the browser journeys")
    from django.db import connections
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    before = {alias: connections[alias] for alias in connections}
    with sync_playwright() as p:
        _keep_serialized_contents(before)
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, env={**os.environ, **_fontconfig()})
        yield browser
        browser.close()


def _fontconfig():
    conf = ARTIFACTS.parent / "fonts.conf"
    conf.write_text(FONTCONFIG.format(fonts=ROOT / "letters" / "fonts", cache=ARTIFACTS.parent / "fontconfig-cache"),
                    encoding="utf-8")
    return {"FONTCONFIG_FILE": str(conf)}


def _keep_serialized_contents(before):
    """Playwright's sync API runs an event loop in this thread, so Django hands the test a new connection object.

    transaction=True tests flush the database afterwards and rely on serialized_rollback to restore the rows made
    by data migrations (e.g. the national workday calendar); the serialized copy lives on the old connection object.
    """
    from django.db import connections

    for alias, old in before.items():
        contents = getattr(old, "_test_serialized_contents", None)
        if contents is not None and connections[alias] is not old:
            connections[alias]._test_serialized_contents = contents


class Staff:
    """One browser tab acting as a member of staff; every page visited is saved as a screenshot."""

    def __init__(self, browser, base_url, prefix, viewport=None):
        self.context = browser.new_context(viewport=viewport or {"width": 1366, "height": 768}, locale="zh-CN",
                                           timezone_id="Asia/Shanghai")
        self.context.route(re.compile(r"^(?!" + re.escape(base_url) + ").*"), lambda route: route.abort())
        # Every Content-Security-Policy violation on any page is collected and fails the test (see open_as).
        self.context.add_init_script(CSP_LISTENER)
        self.page = self.context.new_page()
        self.page.set_default_timeout(10_000)
        self.csp_violations = []
        self.page.on("console", self._console)
        self.base_url, self.prefix, self.count = base_url, prefix, 0
        # Top-level page loads other than signing in and out (a POST and the page it redirects to are one load).
        self.loads, self._signing = 0, False
        self.page.on("framenavigated", self._navigated)

    def _navigated(self, frame):
        if frame == self.page.main_frame and not self._signing:
            self.loads += 1

    def _console(self, message):
        if "Content Security Policy" in message.text or message.text.startswith("CSP-VIOLATION"):
            self.csp_violations.append(message.text)

    def shot(self, name):
        self.count += 1
        self.page.screenshot(path=str(ARTIFACTS / f"{self.prefix}-{self.count:02d}-{name}.png"), full_page=True)

    def goto(self, path, name):
        response = self.page.goto(self.base_url + path)
        self.shot(name)
        return response

    def follow(self, target):
        """Click a link or submit button and wait for the page it loads: waiting for the load state alone can
        return while the old page is still showing."""
        with self.page.expect_navigation():
            (self.page.locator(target) if isinstance(target, str) else target).click()

    def login(self, username, next_path=None):
        """Sign in (not counted as a page load); with `next_path`, land there as a link in a notice would."""
        self._signing = True
        self.page.goto(self.base_url + "/accounts/login/" + (f"?next={next_path}" if next_path else ""))
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", PASSWORD)
        self.shot(f"login-{username}")
        self.follow("button[type=submit]")
        self._signing = False
        assert "/accounts/login/" not in self.page.url, f"login failed for {username}"

    def logout(self):
        self._signing = True
        self.follow("form[action$='/accounts/logout/'] button")
        self._signing = False

    def close(self):
        self.context.close()


@pytest.fixture
def open_as(chromium, live_server, request):
    tabs = []

    def make(username, *, viewport=None, next_path=None):
        name = request.node.name.removeprefix("test_")[:40]
        tab = Staff(chromium, live_server.url, f"{name}-{len(tabs) + 1}", viewport)
        tabs.append(tab)
        tab.login(username, next_path)
        return tab

    yield make
    violations = [v for tab in tabs for v in tab.csp_violations]
    for tab in tabs:
        tab.close()
    assert violations == [], "Content-Security-Policy violations:\n" + "\n".join(violations)
