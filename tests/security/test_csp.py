"""The Content-Security-Policy: on every HTML response, site and admin, with this
response's nonce, never 'unsafe-eval'; every inline script the admin writes carries the
nonce; the video players' hosts only where a video is embedded."""

import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import UserFactory, course_page, module_page, webinar_page

pytestmark = pytest.mark.django_db

VIDEO_HOSTS = ("https://www.youtube-nocookie.com", "https://player.vimeo.com")


def policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {
        part.split()[0]: part.split()[1:] for part in (p.strip() for p in header.split(";")) if part
    }


def nonce_of(response) -> str:
    found = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"])
    assert found, response["Content-Security-Policy"]
    return found.group(1)


def assert_strict(response):
    directives = policy(response)
    assert directives["default-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'none'"]
    assert directives["form-action"] == ["'self'"]
    assert any(v.startswith("'nonce-") for v in directives["script-src"])
    assert "'unsafe-inline'" not in directives["script-src"]
    header = response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in header
    assert "youtube" not in header and "vimeo" not in header
    return directives


def inline_scripts(html: str) -> list[str]:
    """The opening tags of the scripts a browser would run from the page itself."""
    return [
        tag
        for tag in re.findall(r"<script\b[^>]*>", html)
        if "src=" not in tag and "application/json" not in tag
    ]


@pytest.mark.parametrize(
    "url", ["/", "/en/", "/comptes/login/", "/comptes/signup/", "/comptes/password/reset/"]
)
def test_site_pages_carry_a_strict_policy_with_a_nonce(client, url):
    response = client.get(url)
    assert response.status_code == 200
    directives = assert_strict(response)
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["style-src"] == ["'self'"]


def test_each_response_draws_its_own_nonce(client):
    assert nonce_of(client.get("/")) != nonce_of(client.get("/"))


def test_a_learners_pages_carry_the_policy(client, learner):
    client.force_login(learner)
    for url in ["/", reverse("account_email"), reverse("account_change_password")]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_strict(response)


@pytest.fixture
def superuser(db):
    return UserFactory(is_superuser=True, is_staff=True, first_name="Aïcha", last_name="Benali")


def test_the_admin_and_its_page_editor_carry_the_policy_and_nonce_every_inline_script(
    client, superuser
):
    webinar = webinar_page(sessions=[{"starts_at": "2026-03-03T14:00:00-05:00"}])
    module = module_page(course_page())
    client.force_login(superuser)
    for url in [
        "/admin/",
        f"/admin/pages/{webinar.pk}/edit/",  # sessions (an inline panel), dates and times
        f"/admin/pages/{module.pk}/edit/",  # StreamField, choosers
        "/admin/documents/",
        "/admin/images/",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        directives = assert_strict(response)
        # Wagtail writes style="" attributes: the admin, and only the admin, allows them.
        assert "'unsafe-inline'" in directives["style-src"]
        assert "blob:" in directives["img-src"]  # the multiple image upload's previews
        assert directives["frame-ancestors"] == ["'none'"]
        nonce = nonce_of(response)
        scripts = inline_scripts(response.content.decode())
        assert all(f'nonce="{nonce}"' in tag for tag in scripts), (url, scripts)
    # The editor's inline panel and date pickers are among them.
    html = client.get(f"/admin/pages/{webinar.pk}/edit/").content.decode()
    assert "new InlinePanel" in html and "initDateTimeChooser" in html


def test_the_preview_may_be_framed_by_the_admin_only(client, superuser):
    module = module_page(course_page())
    client.force_login(superuser)
    response = client.get(f"/admin/pages/{module.pk}/edit/preview/")
    assert policy(response)["frame-ancestors"] == ["'self'"]


def test_video_hosts_are_framed_only_where_a_video_is_embedded(client, learner):
    course = course_page()
    plain = module_page(course, week=1)
    with_video = module_page(
        course,
        week=1,
        body=[
            (
                "embed",
                {"url": "https://www.youtube.com/watch?v=aqz-KE-bpKQ", "title": "Démonstration"},
            )
        ],
    )
    client.force_login(learner)
    assert "youtube" not in client.get(plain.url).get("Content-Security-Policy", "")
    response = client.get(with_video.url)
    assert response.status_code == 200
    assert "youtube-nocookie.com/embed/aqz-KE-bpKQ" in response.content.decode()
    frames = policy(response)["frame-src"]
    assert set(VIDEO_HOSTS) <= set(frames)
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]


def test_the_webinars_external_copy_frames_its_player_only_there(client, learner):
    webinar = webinar_page(replay_embed_url="https://vimeo.com/76979871")
    client.force_login(learner)
    response = client.get(webinar.url)
    assert "https://player.vimeo.com" in policy(response)["frame-src"]
    assert "vimeo" not in client.get("/").get("Content-Security-Policy")


def test_the_admin_asks_nothing_of_wagtail_org():
    assert settings.WAGTAIL_ENABLE_UPDATE_CHECK is False


def test_the_choosers_modals_hold_no_inline_script(client, superuser):
    """A modal's HTML arrives inside another page, whose nonce it does not know: an
    inline script there would not run. Wagtail's choosers send none."""
    client.force_login(superuser)
    for url in ["/admin/documents/chooser/", "/admin/images/chooser/", "/admin/choose-page/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert inline_scripts(json.loads(response.content)["html"]) == [], url


def test_no_template_writes_what_the_policy_would_block():
    """An inline script without the nonce, an inline event handler (onclick=…) or a
    style="" attribute would be blocked on the site: none is written (e-mails aside, which
    no browser tab shows under the policy)."""
    root = Path(__file__).resolve().parents[2]
    folders = [root / "templates", *(root / app / "templates" for app in ("lms", "courses"))]
    found = []
    for folder in folders:
        for path in folder.rglob("*.html"):
            name = path.relative_to(root).as_posix()
            if "/email/" in name:
                continue
            text = path.read_text()
            for tag in re.findall(r"<script\b[^>]*>", text):
                if "src=" not in tag and "nonce=" not in tag and "application/json" not in tag:
                    found.append(f"{name}: {tag}")
            found += [f"{name}: {m}" for m in re.findall(r"<[^>]*\s(?:on\w+|style)=[^>]*>", text)]
    assert found == []
