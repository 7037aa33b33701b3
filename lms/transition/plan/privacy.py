"""What the transition plan keeps about people (the privacy registry, ``lms.privacy``)."""

from django.utils.translation import gettext_lazy as _

from lms.privacy.registry import Basis, Erasure, PersonalData, register

_ORGANISATION_S = _(
    "The plan is the organisation's: it stays, pointing to an account that names no one."
)

register(
    PersonalData(
        model="plan.TransitionPlan",
        label=_("Your organisation's transition plan (who changed it)"),
        purpose=_(
            "Level 2's deliverable. Its actions may name a person responsible, as typed by "
            "the organisation."
        ),
        basis=Basis.NECESSITY,
        retention=_("Until the programme's accounts are closed."),
        seen_by=_(
            "Your organisation's members; its facilitators if it shares the plan; the DATAide team."
        ),
        actor_fields=("updated_by", "shared_changed_by"),
        erasure=Erasure.KEEP,
        keep_reason=_ORGANISATION_S,
    ),
    PersonalData(
        model="plan.PlanRevision",
        label=_("The plan's saved drafts"),
        purpose=_("To restore a draft and show who saved it."),
        basis=Basis.NECESSITY,
        retention=_("Until the programme's accounts are closed."),
        seen_by=_("Your organisation's members."),
        actor_fields=("saved_by",),
        erasure=Erasure.KEEP,
        keep_reason=_ORGANISATION_S,
    ),
    PersonalData(
        model="plan.PlanVersion",
        label=_("The plan's submitted versions"),
        purpose=_("An acceleration bursary's application rests on a submitted version."),
        basis=Basis.NECESSITY,
        retention=_("Until the programme's accounts are closed."),
        seen_by=_("Your organisation's members; the selection committee; the DATAide team."),
        actor_fields=("submitted_by",),
        erasure=Erasure.KEEP,
        keep_reason=_ORGANISATION_S,
    ),
    PersonalData(
        model="plan.PlanComment",
        label=_("The facilitators' comments on plans"),
        purpose=_("To advise the organisation on its plan."),
        basis=Basis.NECESSITY,
        retention=_("Until the programme's accounts are closed."),
        seen_by=_("The organisation's members; the cohort's facilitators."),
        person_fields=("author",),
        export_fields=("plan", "section", "body", "created_at"),
        erasure=Erasure.KEEP,
        keep_reason=_(
            "The advice was given to the organisation: it stays, pointing to an account that "
            "names no one."
        ),
        order=900,
    ),
)
