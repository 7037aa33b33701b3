"""Every route of the project, walked as anonymous, Zoé (a learner, the owner of every
record the walk asks for), a learner of another organisation, the facilitator of
another cohort, an author and programme staff, with the real ids of Zoé's records
(``world.py``).

``ROUTES`` says, for each route, who reaches it and with what answer; ``INTERNALS``
lists the few routes left out, each with its reason. A route added to the URL
configuration without an entry in one of them fails ``test_every_route_has_an_entry``
with its name. For each role the walk asserts the status of a GET (and of a POST for
the routes a form posts to, for the roles it must refuse), that a refused visitor is
sent to the login or answered 403/404, and that Zoé's name and address appear only in
the answers of the roles that may see them.
"""

import html
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.security.world import OWNER_EMAIL, OWNER_NAME, ROLES, build_world

#: Sent to the login page. (410: a link that is not, or no longer, the visitor's.)
LOGIN = "login"
#: Answers what the walk may not see (a 403 for a role without the permission, a 404 for
#: a record that is not theirs); anything else is a bug.
DENIED = {403, 404, 410, LOGIN}


@dataclass
class Route:
    url: Callable  # world records -> the address, with the ids of Zoé's records
    get: dict  # role -> status of a GET (LOGIN for a redirection to the login)
    post: dict = field(default_factory=dict)  # role -> status of a POST with no data
    sees: frozenset = frozenset({"learner"})  # roles that may read Zoé's name or address
    why: str = ""


def everyone(status, **others) -> dict:
    """``status`` for every role but ``others``' (None: that role is not walked)."""
    found = {role: others.get(role, status) for role in ROLES}
    return {role: value for role, value in found.items() if value is not None}


def signed_in(status=200, **others) -> dict:
    """Anyone logged in (each about themselves); anonymous people go to the login."""
    return {"anonymous": LOGIN, **everyone(status, **others)} | {"anonymous": LOGIN}


#: The facilitators' screens on Zoé's cohort: its facilitators (not the walk's, who
#: facilitates another cohort: a 404) and staff; no learner, no author.
COHORT_SCREEN = {
    "anonymous": LOGIN, "learner": 403, "other_learner": 403, "other_facilitator": 404,
    "author": 403, "staff": 200,
}  # fmt: skip
#: Zoé's organisation's records, reached by her (and her colleagues) only.
OWN_RECORD = {
    "anonymous": LOGIN, "learner": 200, "other_learner": 404, "other_facilitator": 404,
    "author": 404, "staff": 404,
}  # fmt: skip
#: A write by a learner for her own organisation: anyone else without one is refused.
OWN_WRITE = {"anonymous": LOGIN, "other_facilitator": 404, "author": 404, "staff": 404}
#: Read by the cohort's own facilitators only (the walk's is another cohort's): 404 for all.
FACILITATORS_OWN = everyone(404, anonymous=LOGIN)
COMMITTEE = everyone(404, anonymous=LOGIN)
STAFF_ONLY = everyone(404, anonymous=LOGIN, staff=200)
STAFF = frozenset({"learner", "staff"})


def page(name, *args) -> Callable:
    return lambda r: reverse(name, args=[a(r) if callable(a) else a for a in args])


ROUTES: dict[str, Route] = {
    # --- The project --------------------------------------------------------------
    "healthz": Route(lambda r: "/healthz", everyone(200)),
    "media": Route(
        lambda r: "/media/documents/nothing.pdf", everyone(404),
        why="uploaded media: public files by design, no personal data (lms/media.py)",
    ),
    "set_language": Route(lambda r: reverse("set_language"), everyone(302)),
    "wagtail_serve": Route(
        lambda r: r.module.url, everyone(200), post=everyone(302),
        why="a module: its feedback form posts here (a 302 to log in or back to the page)",
    ),
    "wagtaildocs_serve": Route(lambda r: "/documents/999999/rien.pdf", everyone(404)),
    # --- Accounts -------------------------------------------------------------------
    "accounts_profile": Route(page("accounts_profile"), signed_in()),
    "accounts_join_requests": Route(
        page("accounts_join_requests"),
        signed_in(other_facilitator=403, author=403, staff=403),
        post={"anonymous": LOGIN, "other_facilitator": 403, "author": 403, "staff": 403},
        why="an organisation's contacts decide its join requests",
    ),
    "accounts_organisation_suggestions": Route(
        lambda r: reverse("accounts_organisation_suggestions") + "?q=ailleurs", everyone(200),
        why="the sign-up form's suggestions: organisations' names, no person",
    ),
    "account_login": Route(page("account_login"), everyone(302, anonymous=200)),
    "account_signup": Route(page("account_signup"), everyone(302, anonymous=200)),
    "account_email": Route(page("account_email"), signed_in()),
    "account_change_password": Route(page("account_change_password"), signed_in()),
    "account_reset_password": Route(page("account_reset_password"), everyone(200)),
    # --- Webinars ---------------------------------------------------------------------
    "webinars_replay_progress": Route(
        lambda r: reverse("webinars_replay_progress", args=[r.session.webinar_id]),
        everyone(405), post=everyone(400, anonymous=403),
        why="the replay's script posts progress as JSON: refused without it",
    ),
    "webinars_session_list": Route(
        page("webinars_session_list"),
        {**COHORT_SCREEN, "other_facilitator": 200},
        why="each facilitator lists the sessions of their own cohorts",
    ),
    "webinars_session_attendance": Route(
        page("webinars_session_attendance", lambda r: r.session.pk),
        COHORT_SCREEN, post=COHORT_SCREEN | {"staff": 200}, sees=STAFF,
    ),
    "webinars_import_detail": Route(
        page("webinars_import_detail", lambda r: r.attendance_import.pk),
        COHORT_SCREEN, sees=STAFF,
    ),
    "webinars_session_ics": Route(
        page("webinars_session_ics", lambda r: r.session.pk), everyone(200),
        why="a session's calendar file: its time and title, nobody's data",
    ),
    # --- Cohorts ----------------------------------------------------------------------
    "cohorts_list": Route(
        page("cohorts_list"), {**COHORT_SCREEN, "other_facilitator": 200},
        why="each facilitator lists their own cohorts",
    ),
    "cohorts_grid": Route(page("cohorts_grid", lambda r: r.cohort.pk), COHORT_SCREEN, sees=STAFF),
    "cohorts_grid_export": Route(
        page("cohorts_grid_export", lambda r: r.cohort.pk), COHORT_SCREEN, sees=STAFF
    ),
    "cohorts_grid_export_xlsx": Route(
        page("cohorts_grid_export_xlsx", lambda r: r.cohort.pk), COHORT_SCREEN, sees=STAFF
    ),
    "cohorts_attendance_export": Route(
        page("cohorts_attendance_export", lambda r: r.cohort.pk), COHORT_SCREEN, sees=STAFF
    ),
    "cohorts_attendance_export_xlsx": Route(
        page("cohorts_attendance_export_xlsx", lambda r: r.cohort.pk), COHORT_SCREEN, sees=STAFF
    ),
    "cohorts_organisation": Route(
        page("cohorts_organisation", lambda r: r.cohort.pk, lambda r: r.organisation.pk),
        COHORT_SCREEN, sees=STAFF,
    ),
    "cohorts_message": Route(
        page("cohorts_message", lambda r: r.cohort.pk),
        everyone(404, anonymous=LOGIN, staff=200),
        post=everyone(404, anonymous=LOGIN, staff=200),
        why="the cohort's facilitators and staff write to its learners (an empty form: 200)",
    ),
    "cohorts_message_list": Route(
        page("cohorts_message_list", lambda r: r.cohort.pk),
        everyone(404, anonymous=LOGIN, staff=200), sees=STAFF,
    ),
    # --- Pathway ----------------------------------------------------------------------
    "pathway_dashboard": Route(page("pathway_dashboard"), signed_in()),
    "pathway_certificate_verify": Route(
        page("pathway_certificate_verify", lambda r: r.certificate.token), everyone(200),
        sees=frozenset(ROLES),
        why="the certificate's public check: whoever holds the unguessable token (printed "
        "on the certificate by its holder) reads the holder's name, by design",
    ),
    "pathway_certificate_pdf": Route(
        page("pathway_certificate_pdf", lambda r: r.certificate.token), OWN_RECORD,
    ),
    # --- Self-assessment --------------------------------------------------------------
    "assessment_home": Route(page("assessment_home"), signed_in(302)),
    "assessment_round_open": Route(
        page("assessment_round_open"), everyone(405), post=OWN_WRITE,
    ),
    "assessment_result": Route(page("assessment_result", lambda r: r.round.pk), OWN_RECORD),
    "assessment_round_close": Route(
        page("assessment_round_close", lambda r: r.round.pk), everyone(405),
        post=OWN_WRITE | {"other_learner": 404},
    ),
    "assessment_result_csv": Route(
        page("assessment_result_csv", lambda r: r.round.pk), OWN_RECORD
    ),
    "assessment_result_pdf": Route(
        page("assessment_result_pdf", lambda r: r.round.pk), OWN_RECORD
    ),
    "assessment_take_start": Route(
        page("assessment_take_start"), everyone(405), post=OWN_WRITE
    ),
    "assessment_step": Route(
        page("assessment_step", 1), signed_in(302, other_facilitator=404, author=404, staff=404),
        post=OWN_WRITE,
        why="the person's own take in her own organisation's round (none started: sent to "
        "the questionnaire's page)",
    ),
    "assessment_take": Route(page("assessment_take", lambda r: r.take.pk), OWN_RECORD),
    "assessment_sharing": Route(page("assessment_sharing"), everyone(405), post=OWN_WRITE),
    "assessment_shared": Route(
        page("assessment_shared", lambda r: r.cohort.pk, lambda r: r.organisation.pk),
        FACILITATORS_OWN,
    ),
    "assessment_staff": Route(page("assessment_staff"), STAFF_ONLY, why="aggregates only"),
    # --- Transition plan ----------------------------------------------------------------
    "plan_edit": Route(
        page("plan_edit"), signed_in(other_facilitator=404, author=404, staff=404),
        post=OWN_WRITE, why="each learner edits her own organisation's plan",
    ),
    "plan_share": Route(page("plan_share"), everyone(405, anonymous=LOGIN), post=OWN_WRITE),
    "plan_draft_pdf": Route(
        page("plan_draft_pdf"), signed_in(other_facilitator=404, author=404, staff=404)
    ),
    "plan_compare": Route(page("plan_compare"), OWN_RECORD),
    "plan_version": Route(page("plan_version", 1), OWN_RECORD),
    "plan_version_pdf": Route(page("plan_version_pdf", 1), OWN_RECORD),
    "plan_shared": Route(
        page("plan_shared", lambda r: r.cohort.pk, lambda r: r.organisation.pk), FACILITATORS_OWN
    ),
    # --- Selection ----------------------------------------------------------------------
    "selection_call": Route(
        page("selection_call", lambda r: r.call.pk), everyone(200), why="a call is public"
    ),
    "selection_call_apply": Route(
        page("selection_call_apply", lambda r: r.call.pk),
        everyone(405, anonymous=LOGIN),
        post=OWN_WRITE,
    ),
    "selection_application": Route(
        page("selection_application", lambda r: r.application.pk), OWN_RECORD,
        post=OWN_WRITE | {"other_learner": 404},
    ),
    "selection_decision_review": Route(
        page("selection_decision_review", lambda r: r.application.pk),
        everyone(405, anonymous=LOGIN),
        post=everyone(404, anonymous=LOGIN), why="only once decided, by its contacts",
    ),
    "selection_committee": Route(page("selection_committee"), STAFF_ONLY),
    "selection_committee_application": Route(
        page("selection_committee_application", lambda r: r.application.pk), COMMITTEE
    ),
    "selection_committee_declaration": Route(
        page("selection_committee_declaration", lambda r: r.application.pk), COMMITTEE,
        post=COMMITTEE,
    ),
    "selection_committee_review": Route(
        page("selection_committee_review", lambda r: r.application.pk), COMMITTEE,
        post=COMMITTEE,
    ),
    "selection_committee_consolidated": Route(
        page("selection_committee_consolidated", lambda r: r.application.pk), STAFF_ONLY,
        sees=STAFF,
    ),
}  # fmt: skip

ROUTES |= {
    # --- Privacy ----------------------------------------------------------------------
    "privacy_page": Route(page("privacy_page"), everyone(200), why="the public privacy page"),
    "privacy_consents": Route(
        page("privacy_consents"), signed_in(), post={"anonymous": LOGIN},
        why="each person's own consents",
    ),
    "privacy_consent_change": Route(
        page("privacy_consent_change"), everyone(405, anonymous=LOGIN),
        post={"anonymous": LOGIN},
    ),
    "privacy_my_data": Route(page("privacy_my_data"), signed_in()),
    "privacy_export_ask": Route(
        page("privacy_export_ask"), everyone(405, anonymous=LOGIN), post={"anonymous": LOGIN}
    ),
    "privacy_export_download": Route(
        page("privacy_export_download", lambda r: r.export_secret),
        everyone(410, anonymous=LOGIN, learner=200),
        post=everyone(410, anonymous=LOGIN, learner=200),
        why="Zoé's link: for anyone else the link is gone (410), the same as an expired one; "
        "she is asked her password again (200, no password: the form again)",
    ),
    "privacy_erasure_ask": Route(
        page("privacy_erasure_ask"), everyone(405, anonymous=LOGIN), post={"anonymous": LOGIN}
    ),
    "privacy_erasure_cancel": Route(
        page("privacy_erasure_cancel"), everyone(405, anonymous=LOGIN),
        post=everyone(404, anonymous=LOGIN, learner=None),
        why="only a pending erasure of one's own can be cancelled",
    ),
}  # fmt: skip

#: Routes the walk leaves out, and why.
INTERNALS = {
    "account_logout": "ends the walker's own session",
    "account_inactive": "allauth: a static notice",
    "account_reauthenticate": "allauth: asks the walker's own password",
    "account_request_reauthentication_code": "allauth: login by code, turned off",
    "account_confirm_reauthentication_code": "allauth: login by code, turned off",
    "account_confirm_login_code": "allauth: login by code, turned off",
    "account_email_verification_sent": "allauth: a static notice",
    "account_set_password": "allauth: for accounts without a password (none here)",
    "account_confirm_email": "allauth: a signed key, tested in tests/accounts",
    "account_reset_password_done": "allauth: a static notice",
    "account_reset_password_from_key": "allauth: a signed key, tested by allauth",
    "account_reset_password_from_key_done": "allauth: a static notice",
    "wagtailcore_login": "Wagtail's front-end login, shadowed by a redirection to ours",
    "wagtailcore_login_redirect": "a redirection to the site's login",
    "wagtailcore_authenticate_with_password": "Wagtail's password-protected pages: none",
    "wagtaildocs_authenticate_with_password": "Wagtail's password-protected documents: none",
}


#: Answers that must show Zoé's name: proof that the walk's records are hers.
SHOWN = [
    ("accounts_profile", "learner"),
    ("cohorts_grid", "staff"),
    ("cohorts_attendance_export", "staff"),
    ("webinars_import_detail", "staff"),
    ("pathway_certificate_verify", "anonymous"),
]


def project_routes() -> dict[str, str]:
    """Every named route outside the Wagtail admin (``/admin/``), name -> pattern."""
    found = {}

    def walk(patterns, prefix=""):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                if str(pattern.pattern) == "admin/":
                    continue  # Wagtail's admin: its own permissions, tested by Wagtail
                walk(pattern.url_patterns, route)
            elif isinstance(pattern, URLPattern) and not route.startswith("admin/"):
                found[pattern.name or route] = route

    walk(get_resolver().url_patterns)
    return found


def test_every_route_has_an_entry():
    routes = project_routes()

    missing = sorted(set(routes) - set(ROUTES) - set(INTERNALS))
    assert not missing, f"Routes without an entry in ROUTES or INTERNALS: {missing}"
    stale = sorted((set(ROUTES) | set(INTERNALS)) - set(routes))
    assert not stale, f"Entries for routes that no longer exist: {stale}"
    assert not set(ROUTES) & set(INTERNALS)


def body(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return html.unescape(content.decode(errors="replace"))


def answered(response, expected) -> str | None:
    """What is wrong with ``response`` against ``expected``, or None."""
    if expected == LOGIN:
        if response.status_code != 302 or not response["Location"].startswith(
            reverse("account_login")
        ):
            return f"{response.status_code} {response.get('Location', '')}, not sent to log in"
        return None
    if response.status_code != expected:
        return f"{response.status_code} instead of {expected}"
    return None


@pytest.mark.django_db
def test_every_route_answers_each_role_as_its_entry_says():
    world = build_world()
    records = world.records
    clients = {}
    for role, person in world.people.items():
        clients[role] = Client()
        if person is not None:
            clients[role].force_login(person)

    problems = []
    for name, route in ROUTES.items():
        assert set(route.get) == set(ROLES), name
        url = route.url(records)
        for role in ROLES:
            for method, expected in (("GET", route.get[role]), ("POST", route.post.get(role))):
                if expected is None:
                    continue
                client = clients[role]
                response = client.get(url) if method == "GET" else client.post(url, {})
                wrong = answered(response, expected)
                if wrong:
                    problems.append(f"{name} {method} {url} as {role}: {wrong}")
                if role not in route.sees:
                    text = body(response)
                    if OWNER_NAME in text or OWNER_EMAIL in text:
                        problems.append(f"{name} {method} {url} as {role}: shows Zoé")

    # The records are really Zoé's and the check really reads them: where a role may
    # see her, her name is there.
    for name, role in SHOWN:
        response = clients[role].get(ROUTES[name].url(records))
        assert OWNER_NAME in body(response), (name, role)

    assert not problems, "\n".join(problems)


def test_refused_answers_are_refusals():
    """Every expectation of a refusal is a login, a 403 or a 404: no 200 hides in them."""
    for name, route in ROUTES.items():
        for role, expected in {**route.get, **route.post}.items():
            assert expected in DENIED | {200, 302, 400, 405}, (name, role, expected)
