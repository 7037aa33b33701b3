"""Passwords hashed with Argon2; a session renewed at login, the others ended when the
password changes or the account is erased; cookies secure in production."""

import importlib
import json
import os
import subprocess
import sys

import pytest
from django.contrib.auth.hashers import check_password, identify_hasher, make_password
from django.contrib.sessions.models import Session
from django.test import Client, override_settings

from lms.accounts.services import sessions_end
from tests.factories import PASSWORD, UserFactory

LOGIN_URL = "/comptes/login/"
ACCOUNT_URL = "/comptes/mon-compte/"
NEW_PASSWORD = "Un-nouveau-mot-de-passe-2026"


def test_the_base_settings_hash_with_argon2_first():
    base = importlib.import_module("lms.settings.base")

    assert base.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    with override_settings(PASSWORD_HASHERS=base.PASSWORD_HASHERS):
        encoded = make_password("Hélène-Desrosiers-2026")
        assert identify_hasher(encoded).algorithm == "argon2"
        assert encoded.startswith("argon2$argon2id$")
        assert check_password("Hélène-Desrosiers-2026", encoded)
        assert not check_password("helene-desrosiers-2026", encoded)


def owned_sessions(user) -> set[str]:
    return {
        s.session_key
        for s in Session.objects.all()
        if s.get_decoded().get("_auth_user_id") == str(user.pk)
    }


@pytest.mark.django_db
def test_logging_in_renews_the_session(client, learner):
    client.get(LOGIN_URL)
    session = client.session
    session["langue_vue"] = "fr"
    session.save()
    before = session.session_key
    client.cookies["sessionid"] = before

    response = client.post(LOGIN_URL, {"login": learner.email, "password": PASSWORD})

    assert response.status_code == 302
    after = client.cookies["sessionid"].value
    assert after != before
    assert not Session.objects.filter(session_key=before).exists()
    assert owned_sessions(learner) == {after}


def three_sessions(learner) -> tuple[Client, Client, Client]:
    """The learner on her laptop and her phone, someone else elsewhere."""
    laptop, phone, elsewhere = Client(), Client(), Client()
    laptop.force_login(learner)
    phone.force_login(learner)
    elsewhere.force_login(UserFactory(first_name="Zoé", last_name="Ng"))
    return laptop, phone, elsewhere


@pytest.mark.django_db
def test_a_new_password_ends_the_other_sessions_at_once(learner):
    laptop, phone, elsewhere = three_sessions(learner)

    response = laptop.post(
        "/comptes/password/change/",
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    assert response.status_code == 302
    # The phone's session is gone from the database, not only refused at its next visit.
    assert owned_sessions(learner) == {laptop.cookies["sessionid"].value}
    assert laptop.get(ACCOUNT_URL).status_code == 200
    assert phone.get(ACCOUNT_URL).status_code == 302
    assert elsewhere.get(ACCOUNT_URL).status_code == 200


@pytest.mark.django_db
def test_ending_a_persons_sessions_ends_theirs_only(learner):
    laptop, phone, elsewhere = three_sessions(learner)

    assert sessions_end(user=learner) == 2

    assert owned_sessions(learner) == set()
    assert laptop.get(ACCOUNT_URL).status_code == 302
    assert phone.get(ACCOUNT_URL).status_code == 302
    assert elsewhere.get(ACCOUNT_URL).status_code == 200
    assert sessions_end(user=learner) == 0  # twice changes nothing


PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "lms.settings.production",
    "DJANGO_SECRET_KEY": "x" * 50,
    "DJANGO_ALLOWED_HOSTS": "apprendre.exemple.org",
    "DATABASE_URL": "postgres://dataide@127.0.0.1:5432/dataide",
    "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
    "WAGTAILADMIN_BASE_URL": "https://apprendre.exemple.org",
    "EMAIL_HOST": "smtp.exemple.org",
}
NAMES = [
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_SAMESITE",
    "LANGUAGE_COOKIE_SECURE",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "PASSWORD_HASHERS",
    "SESSION_ENGINE",
]


def test_production_cookies_are_secure_http_only_and_same_site():
    script = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n) for n in {NAMES!r}}}))"
    )
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("DJANGO")}}
    env.update(PRODUCTION_ENV)
    out = subprocess.run(  # noqa: S603 - this interpreter, our own settings
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    ).stdout
    values = json.loads(out)

    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["SESSION_COOKIE_HTTPONLY"] is True
    assert values["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_SAMESITE"] == "Lax"
    assert values["LANGUAGE_COOKIE_SECURE"] is True
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_HSTS_SECONDS"] >= 31536000
    assert values["PASSWORD_HASHERS"][0].endswith("Argon2PasswordHasher")
    # Sessions live in the database, where sessions_end finds them, and in the cache,
    # which a request reads first; sessions_end deletes both (the tests above).
    assert values["SESSION_ENGINE"] == "django.contrib.sessions.backends.cached_db"
