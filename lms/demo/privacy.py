"""Demo privacy: the person in charge of the protection of personal information (the
privacy page names them) and every demo account's answer to the optional purposes, as
each would have given it at sign-up (so the review notice does not show)."""

from datetime import date

from lms.accounts.models import User
from lms.privacy.models import PrivacySettings
from lms.privacy.services import consent_answer_all


def privacy_demo_load() -> None:
    settings = PrivacySettings.load()
    settings.officer_name = "Isabelle Martel"
    settings.officer_title = (
        "Responsable de la protection des renseignements personnels, DATAide "
        "(Centraide du Grand Montréal)"
    )
    settings.officer_email = "vie-privee@dataide.test"
    settings.officer_address = "493, rue Sherbrooke Ouest\nMontréal (Québec) H3A 1B6"
    settings.policy_date = date(2026, 11, 1)
    settings.save()
    for person in User.objects.filter(is_active=True).order_by("pk"):
        # The demo learner agreed to receive the programme's news; nobody else said yes.
        given = {"news"} if person.email == "apprenante@dataide.test" else set()
        consent_answer_all(person=person, given=given)
