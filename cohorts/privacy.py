"""What the cohorts app keeps about people (the privacy registry, ``lms.privacy``)."""

from django.utils.translation import gettext_lazy as _

from cohorts.models import Cohort
from lms.privacy.registry import Basis, Erasure, PersonalData, register

#: Days the facilitators' access log is kept.
ACCESS_LOG_DAYS = 365


def erase_facilitator(person) -> None:
    """Take ``person`` off the facilitators of every cohort (the cohorts stay)."""
    Cohort.facilitators.through.objects.filter(user=person).delete()


register(
    PersonalData(
        model="cohorts.Cohort",
        label=_("The cohorts you facilitate"),
        purpose=_("To give a cohort's facilitators access to its learners' progress."),
        basis=Basis.NECESSITY,
        retention=_("As long as you facilitate the cohort."),
        seen_by=_("The cohort's learners; the DATAide team."),
        person_fields=("facilitators",),
        export_fields=("name", "starts_on"),
        erasure=Erasure.DELETE,
        erase=erase_facilitator,
        order=20,
    ),
    PersonalData(
        model="cohorts.CohortSeat",
        label=_("Your seat in a cohort (leaders of the leadership lab)"),
        purpose=_("To record who was admitted to a cohort, and by whom."),
        basis=Basis.NECESSITY,
        retention=_("Until the programme's accounts are closed."),
        seen_by=_("You; the cohort's facilitators; the DATAide team."),
        person_fields=("leader",),
        actor_fields=("admitted_by", "removed_by"),
        export_fields=("cohort", "admitted_at", "removed_at"),
        erasure=Erasure.ANONYMISE,
        anonymise=(),
        keep_reason=_(
            "A seat is a bursary's admission: the programme keeps it, pointing to an account "
            "that names no one."
        ),
        order=700,
    ),
    PersonalData(
        model="cohorts.FacilitatorAccess",
        label=_("The log of what facilitators looked at"),
        purpose=_(
            "So that the DATAide team can check that facilitators look only at their cohorts' "
            "data (a protection of the learners)."
        ),
        basis=Basis.NECESSITY,
        retention=_("One year."),
        seen_by=_("The DATAide team."),
        person_fields=("facilitator",),
        export_fields=("cohort", "view", "organisation", "accessed_at"),
        erasure=Erasure.ANONYMISE,
        anonymise=(),
        keep_reason=_(
            "The log protects the people whose data was looked at: it stays its year, "
            "pointing to an account that names no one."
        ),
        retention_days=ACCESS_LOG_DAYS,
        retention_field="accessed_at",
        order=900,
    ),
    PersonalData(
        model="cohorts.CohortMessage",
        label=_("The messages facilitators send to their cohort"),
        purpose=_("To keep a copy of what was sent, and to whom."),
        basis=Basis.NECESSITY,
        retention=_("As long as the cohort exists."),
        seen_by=_("The sender; the DATAide team."),
        # The recipients are a list of account ids: an erased account's id names no one.
        person_fields=("sender",),
        export_fields=("cohort", "audience", "subject", "body", "created_at"),
        erasure=Erasure.KEEP,
        keep_reason=_(
            "The learners received the message: the copy stays, pointing to an account that "
            "names no one."
        ),
        order=900,
    ),
)
