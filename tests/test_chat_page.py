"""The chat page in a real Chromium (Debian's, driven by Playwright): ask, see the answer, open the
highlighted source, follow up, and see /docs render offline."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from tests.live import ROOT

ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Offline: no background connections to Google's hosts, no sandbox (CI runs as root).
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
TIMEOUT_MS = 120_000
expect.set_options(timeout=TIMEOUT_MS)  # two cores shared with the server: answers may take seconds


@pytest.fixture(scope="module")
def browser() -> Browser:
    assert Path(CHROMIUM).exists(), "Debian's chromium is missing: `make test` installs it"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser, live_seed_server) -> Page:
    context = browser.new_context(viewport={"width": 1280, "height": 860}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(live_seed_server.url + "/")
    yield page
    context.close()


def _ask(page: Page, question: str) -> None:
    page.get_by_label("问题 Question").fill(question)
    page.keyboard.press("Enter")


def test_ask_open_the_cited_source_and_follow_up(page: Page) -> None:
    _ask(page, "苏溪镇1-11月工业总产值是多少")
    first = page.locator("#log li.assistant").nth(0)
    expect(first.locator(".answer")).to_contain_text("393亿元")
    expect(first.locator("ol.sources")).to_contain_text("393亿元")
    first.locator("button.cite").first.click()
    mark = page.locator("#source mark")
    expect(mark).to_be_visible()
    expect(mark).to_contain_text("393亿元")
    expect(page.locator("#source-title")).not_to_be_empty()

    _ask(page, "那规上产值呢？")
    second = page.locator("#log li.assistant").nth(1)
    expect(second.locator("button.cite").first).to_be_visible()
    expect(second).not_to_have_class("assistant refusal")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "chat-page.png"), full_page=True)


def test_the_page_works_from_the_keyboard_and_refusals_look_like_refusals(page: Page) -> None:
    _ask(page, "桃花镇1-11月工业总产值是多少？")
    refusal = page.locator("#log li.assistant").nth(0)
    expect(refusal).to_have_class("assistant refusal")
    expect(refusal.locator(".badge")).to_contain_text("未找到依据")
    expect(refusal.locator("button.cite")).to_have_count(0)

    _ask(page, "苏溪镇1-11月工业总产值是多少")
    cite = page.locator("#log li.assistant").nth(1).locator("button.cite").first
    expect(cite).to_be_visible()
    cite.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#source mark")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator("#source")).to_be_hidden()
    expect(page.get_by_label("问题 Question")).to_be_focused()


@pytest.mark.parametrize(("path", "operation"), [("/docs", ".opblock"), ("/redoc", "[data-section-id]")])
def test_the_api_docs_render_offline(browser: Browser, live_seed_server, path: str, operation: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    requested: list[str] = []
    # What makes the page work (scripts, styles, the schema) comes from the server itself; redoc's
    # footer logo is an image from its CDN that is simply missing offline.
    page.on(
        "request",
        lambda request: (
            requested.append(request.url)
            if request.resource_type in ("script", "stylesheet", "xhr", "fetch", "document")
            else None
        ),
    )
    page.goto(live_seed_server.url + path)
    expect(page.locator(operation).first).to_be_visible(timeout=TIMEOUT_MS)
    expect(page.locator("body")).to_contain_text("/ask")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{path.strip('/')}.png"))
    own = (live_seed_server.url, f"blob:{live_seed_server.url}")  # redoc runs a worker from a blob
    assert requested and all(url.startswith(own) for url in requested), requested
    context.close()
