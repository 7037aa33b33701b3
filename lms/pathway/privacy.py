"""What the pathway engine keeps about people (the privacy registry, ``lms.privacy``)."""

from django.utils.translation import gettext_lazy as _

from lms.privacy.registry import Basis, Erasure, PersonalData, register

register(
    PersonalData(
        model="pathway.LevelCompletion",
        label=_("The levels you completed"),
        purpose=_(
            "To make your organisation eligible for a level's bursary and issue your certificate."
        ),
        basis=Basis.NECESSITY,
        retention=_(
            "As long as your account exists; once it is erased, the completion stays without "
            "your identity until the programme's accounts are closed."
        ),
        seen_by=_("You; your organisation's contact people; the DATAide team."),
        person_fields=("learner",),
        export_fields=("level", "completed_at", "rules_version", "organisation", "evidence"),
        erasure=Erasure.ANONYMISE,
        # The evidence names the records (titles, dates), not the person: it stays.
        anonymise=(),
        keep_reason=_(
            "A completion may have made an organisation eligible for a bursary: the programme "
            "must be able to show why it paid, so the completion stays, with no name."
        ),
        order=700,
    ),
    PersonalData(
        model="pathway.Certificate",
        label=_("Your certificates"),
        purpose=_("To certify a level you completed, verifiable through its public address."),
        basis=Basis.NECESSITY,
        retention=_("As long as your account exists."),
        seen_by=_("You, and whoever you give its verification address to."),
        person_fields=("completion__learner",),
        export_fields=("completion", "language", "issued_at"),
        # Its verification page would show an anonymised name: it goes.
        erasure=Erasure.DELETE,
        order=40,
    ),
    PersonalData(
        model="pathway.BursaryEligibility",
        label=_("Your organisation's bursary eligibility (changes made by staff)"),
        purpose=_("To follow which organisations are eligible for a bursary, and why."),
        basis=Basis.NECESSITY,
        retention=_("Until the programme's accounts are closed."),
        seen_by=_("The organisation's contact people; the DATAide team."),
        actor_fields=("status_changed_by",),
        erasure=Erasure.KEEP,
        keep_reason=_("The eligibility is the organisation's: it stays."),
    ),
    PersonalData(
        model="pathway.EligibilityChange",
        label=_("The history of eligibilities (changes made by staff)"),
        purpose=_("To show who changed an eligibility, when and why."),
        basis=Basis.NECESSITY,
        retention=_("Until the programme's accounts are closed."),
        seen_by=_("The DATAide team."),
        actor_fields=("changed_by",),
        erasure=Erasure.KEEP,
        keep_reason=_("The history of a bursary's eligibility must stay whole."),
    ),
    PersonalData(
        model="pathway.ReviewRequest",
        label=_("Your requests for a review of a decision"),
        purpose=_("So that the DATAide team reviews the decision and answers you."),
        basis=Basis.NECESSITY,
        retention=_("Until the programme's accounts are closed."),
        seen_by=_("You; the DATAide team."),
        person_fields=("requested_by",),
        actor_fields=("closed_by",),
        export_fields=("kind", "level", "message", "status", "created_at", "answer", "closed_at"),
        erasure=Erasure.ANONYMISE,
        anonymise=("message",),
        keep_reason=_(
            "A decision may rest on the review: the request stays, without your message."
        ),
        order=600,
    ),
)
