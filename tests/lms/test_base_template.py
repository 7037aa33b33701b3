import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

PAGES = ["/", "/en/", "/comptes/login/", "/comptes/signup/", "/comptes/password/reset/"]


def assets(html: str) -> list[str]:
    return re.findall(r'(?:src|href)="(/static/[^"]+)"', html)


@pytest.mark.django_db
@pytest.mark.parametrize("url", PAGES)
def test_every_page_has_lang_a_skip_link_and_landmarks(client, url):
    html = client.get(url).content.decode()
    assert re.search(r'<html lang="(fr|en)">', html)
    body = html[html.index("<body>") :]
    first_link = re.search(r"<a [^>]*>", body).group(0)
    assert 'class="skip-link"' in first_link and 'href="#contenu"' in first_link
    assert '<main id="contenu"' in html
    assert "<header" in html and "<footer" in html
    assert html.count("<h1") == 1


@pytest.mark.django_db
@pytest.mark.parametrize("url", PAGES)
def test_no_page_loads_anything_from_another_host(client, url):
    html = client.get(url).content.decode()
    external = re.findall(r'(?:src|href|action)="((?:https?:)?//[^"]+)"', html)
    assert external == []
    for path in assets(html):
        text = Path(finders.find(path.removeprefix(settings.STATIC_URL))).read_text()
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", text)
        assert "@import" not in text


@pytest.mark.django_db
@pytest.mark.parametrize("url", PAGES)
def test_page_weight_before_content_stays_under_50_kb(client, url):
    html = client.get(url).content
    weight = len(html)
    for path in assets(html.decode()):
        weight += Path(finders.find(path.removeprefix(settings.STATIC_URL))).stat().st_size
    assert weight < 50 * 1024, f"{url} weighs {weight} bytes"


def test_the_stylesheet_gives_a_visible_focus_style():
    css = Path(finders.find("css/site.css")).read_text()
    assert re.search(r":focus-visible\s*\{[^}]*outline:\s*3px solid", css)
    assert ".skip-link:focus" in css
    assert "font-face" not in css


@pytest.mark.django_db
def test_account_menu_for_a_logged_in_person(client, learner):
    client.force_login(learner)
    html = client.get("/").content.decode()
    assert 'href="/comptes/mon-compte/"' in html
    assert 'action="/comptes/logout/"' in html
    assert "Administration" not in html


@pytest.mark.django_db
def test_account_menu_offers_the_admin_to_authors(client, author):
    client.force_login(author)
    assert 'href="/admin/"' in client.get("/").content.decode()


@pytest.mark.django_db
def test_password_rules_are_linked_to_the_password_field(client):
    html = client.get("/comptes/signup/").content.decode()
    assert 'aria-describedby="id_password1_helptext"' in html
    assert re.search(r'<div class="helptext" id="id_password1_helptext"><ul>', html)
    assert "<p>" not in html[html.index('id="id_password1_helptext"') - 300 :][:300]


@pytest.mark.django_db
def test_the_icon_is_our_own_so_no_browser_asks_for_a_missing_one(client):
    html = client.get("/").content.decode()
    icon = re.search(r'<link rel="icon" href="([^"]+)"', html)
    assert icon and icon.group(1).startswith("/static/")
    assert finders.find("favicon.svg")
