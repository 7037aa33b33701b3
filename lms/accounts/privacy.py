"""What the accounts app keeps about people (the privacy registry, ``lms.privacy``)."""

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from lms.accounts.models import User
from lms.privacy.registry import Basis, Erasure, PersonalData, register

#: Days an account whose e-mail address was never confirmed is kept.
UNCONFIRMED_DAYS = 30


def purge_unconfirmed_signups(now) -> int:
    """Delete the accounts whose address was never confirmed, ``UNCONFIRMED_DAYS`` on."""
    verified = EmailAddress.objects.filter(user=OuterRef("pk"), verified=True)
    stale = User.objects.filter(
        date_joined__lt=now - timedelta(days=UNCONFIRMED_DAYS),
        last_login__isnull=True,
        is_staff=False,
        is_superuser=False,
    ).exclude(Exists(verified))
    count = 0
    for user in stale:
        user.delete()
        count += 1
    return count


register(
    PersonalData(
        model="accounts.OrganisationContact",
        label=_("Your role as your organisation's contact person"),
        purpose=_(
            "To know who speaks for the organisation: who receives the bursary notices and "
            "answers the requests to join it."
        ),
        basis=Basis.NECESSITY,
        retention=_("As long as you are its contact person."),
        seen_by=_("You; your organisation's other contact people; the DATAide team."),
        person_fields=("person",),
        erasure=Erasure.DELETE,
        order=20,
    ),
    PersonalData(
        model="accounts.OrganisationJoinRequest",
        label=_("Your requests to join an organisation"),
        purpose=_("So that the organisation, or the DATAide team, accepts or declines them."),
        basis=Basis.NECESSITY,
        retention=_("As long as your account exists."),
        seen_by=_(
            "You; the organisation's contact people (once your address is confirmed); the "
            "DATAide team."
        ),
        person_fields=("person",),
        actor_fields=("decided_by",),
        erasure=Erasure.DELETE,
        order=20,
    ),
    PersonalData(
        model="accounts.Organisation",
        label=_("The organisations you proposed"),
        purpose=_("So that the DATAide team knows who proposed an organisation to confirm."),
        basis=Basis.NECESSITY,
        retention=_("The link to you: as long as your account exists."),
        seen_by=_("The DATAide team."),
        person_fields=("proposed_by",),
        export_fields=("name", "region", "neq", "status", "created_at"),
        erasure=Erasure.ANONYMISE,
        anonymise=("proposed_by",),
        keep_reason=_(
            "The organisation is its own record, which other members and the programme use: "
            "only the link to you is removed."
        ),
        order=800,
    ),
    PersonalData(
        model="accounts.User",
        label=_("Your account"),
        purpose=_(
            "To let you log in, write to you (in your language) and link your learning to "
            "your organisation."
        ),
        basis=Basis.NECESSITY,
        retention=_(
            "As long as you use the platform; an account whose address is never confirmed is "
            "deleted after 30 days."
        ),
        seen_by=_(
            "You; your organisation's contact people (your name); your cohort's facilitators; "
            "the DATAide team."
        ),
        person_fields=("id",),
        export_fields=(
            "email",
            "first_name",
            "last_name",
            "preferred_language",
            "organisation",
            "date_joined",
            "last_login",
            "notify_staff_events",
        ),
        erasure=Erasure.ANONYMISE,
        # The e-mail address is unique: the pipeline gives it a value that names nobody.
        anonymise=("first_name", "last_name", "email", "password"),
        keep_reason=_(
            "The account is kept without name, address or password, so that the records the "
            "programme must keep (a completion that made an organisation eligible, an "
            "attendance, a decision) stay whole without telling whose they were."
        ),
        retention_days=UNCONFIRMED_DAYS,
        retention_field="date_joined",
        purge=purge_unconfirmed_signups,
        # Last: every other step still finds the person's rows through the account.
        order=1000,
    ),
)
