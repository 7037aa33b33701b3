import re

import pytest

from tests.factories import PASSWORD

LOGIN_URL = "/comptes/login/"


def login(client, email, password):
    return client.post(LOGIN_URL, {"login": email, "password": password})


@pytest.mark.django_db
def test_login_page_asks_for_an_email_in_french(client):
    html = client.get(LOGIN_URL).content.decode()
    assert '<html lang="fr">' in html
    assert 'type="email"' in html
    assert "Mot de passe" in html
    assert "username" not in html


@pytest.mark.django_db
def test_a_person_logs_in_with_their_email_whatever_its_case(client, learner):
    response = login(client, learner.email.upper(), PASSWORD)
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == learner.pk


@pytest.mark.django_db
def test_a_wrong_password_is_refused_in_french(client, learner):
    response = login(client, learner.email, "pas-le-bon")
    assert response.status_code == 200
    assert "L’adresse courriel ou le mot de passe sont incorrects" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_failed_logins_are_throttled_even_for_the_right_password(client, learner):
    for _ in range(5):
        login(client, learner.email, "pas-le-bon")

    response = login(client, learner.email, PASSWORD)

    assert "_auth_user_id" not in client.session
    assert "Trop de tentatives" in response.content.decode()


@pytest.mark.django_db
def test_the_admin_login_is_the_sites_login(client):
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/comptes/login/?next=/admin/pages/"

    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/comptes/login/")


@pytest.mark.django_db
def test_admin_login_shares_the_same_throttle(client, author):
    for _ in range(5):
        login(client, author.email, "pas-le-bon")
    response = client.post(
        "/admin/login/?next=/admin/", {"login": author.email, "password": PASSWORD}, follow=True
    )
    assert "_auth_user_id" not in client.session
    assert response.redirect_chain[0][0].startswith("/comptes/login/")


@pytest.mark.django_db
def test_logout_ends_the_session(client, learner):
    client.force_login(learner)
    response = client.post("/comptes/logout/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_password_reset_by_email_in_french(
    client, learner, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/comptes/password/reset/", {"email": learner.email})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    body = mailoutbox[0].body
    assert "mot de passe" in body.lower()

    link = re.search(r"https?://[^/]+(/comptes/password/reset/key/\S+)", body).group(1)
    form_page = client.get(link, follow=True)
    action = form_page.redirect_chain[-1][0] if form_page.redirect_chain else link
    response = client.post(
        action, {"password1": "un-tout-nouveau-secret-77", "password2": "un-tout-nouveau-secret-77"}
    )
    assert response.status_code == 302
    learner.refresh_from_db()
    assert learner.check_password("un-tout-nouveau-secret-77")


@pytest.mark.django_db
def test_an_unknown_address_gets_no_reset_email_and_no_hint(client, mailoutbox):
    response = client.post("/comptes/password/reset/", {"email": "inconnue@exemple.test"})
    assert response.status_code == 302
    assert all("inconnue" not in m.body for m in mailoutbox if "mot de passe" in m.body)


# --- One door: every login form is the site's login ------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("prefix", ["", "/en"])
def test_wagtails_front_end_login_redirects_to_the_sites_login(client, learner, prefix):
    response = client.get(f"{prefix}/_util/login/?next=/parcours/")
    assert response.status_code == 302
    assert response["Location"] == f"{prefix}/comptes/login/?next=/parcours/"

    for _ in range(30):
        response = client.post(
            f"{prefix}/_util/login/", {"username": learner.email, "password": "pas-le-bon"}
        )
        assert response.status_code == 302
        assert response["Location"].startswith(f"{prefix}/comptes/login/")
    response = client.post(
        f"{prefix}/_util/login/", {"username": learner.email, "password": PASSWORD}
    )
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_a_private_page_sends_visitors_to_the_sites_login(client):
    from wagtail.models import PageViewRestriction

    from tests.factories import home_page

    home = home_page()
    PageViewRestriction.objects.create(page=home, restriction_type=PageViewRestriction.LOGIN)

    response = client.get(home.url)

    assert response.status_code == 302
    assert response["Location"].startswith("/comptes/login/?next=")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url, field",
    [
        ("/comptes/login/", "login"),
        ("/en/comptes/login/", "login"),
        ("/_util/login/", "username"),
        ("/en/_util/login/", "username"),
        ("/admin/login/", "username"),
    ],
)
def test_an_unconfirmed_account_cannot_log_in_through_any_door(client, url, field):
    from tests.factories import UserFactory

    person = UserFactory(verified=False, roles=["learner"])

    client.post(url, {field: person.email, "password": PASSWORD})

    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    ["/admin/password_reset/", "/admin/password_reset/done/", "/admin/password_reset/complete/"],
)
def test_the_admins_own_password_reset_is_closed(client, url):
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_the_admins_account_page_changes_no_password_or_address(client, author):
    client.force_login(author)
    html = client.get("/admin/account/").content.decode()
    assert 'name="password-old_password"' not in html
    assert 'name="name_email-email"' not in html
