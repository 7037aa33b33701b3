"""What the self-assessment keeps about people (the privacy registry, ``lms.privacy``)."""

from django.utils.translation import gettext_lazy as _

from lms.privacy.registry import Basis, Erasure, PersonalData, authored_page, register

register(
    authored_page("assessment.SelfAssessmentPage"),
    PersonalData(
        model="assessment.Take",
        label=_("Your answers to your organisation's self-assessment"),
        purpose=_(
            "To measure your organisation's digital maturity with its team. Your organisation "
            "sees the results of the round without anyone's name; its facilitators see them "
            "only if the organisation shares them."
        ),
        basis=Basis.NECESSITY,
        retention=_("As long as your account exists."),
        seen_by=_(
            "You; your organisation's results, without names, to its members; its "
            "facilitators if the organisation shares them."
        ),
        person_fields=("learner",),
        export_fields=("round", "questions", "answers", "started_at", "finished_at"),
        erasure=Erasure.ANONYMISE,
        anonymise=(),
        keep_reason=_(
            "Your answers count in your organisation's results, which it uses for its "
            "transition plan: they stay, with no name."
        ),
        order=600,
    ),
    PersonalData(
        model="assessment.Round",
        label=_("The self-assessment rounds you opened or closed"),
        purpose=_("To know who opened and closed a round of the organisation."),
        basis=Basis.NECESSITY,
        retention=_("As long as the organisation's self-assessment exists."),
        seen_by=_("Your organisation's members."),
        actor_fields=("opened_by", "closed_by"),
        erasure=Erasure.KEEP,
        keep_reason=_("The round is the organisation's: it stays."),
    ),
    PersonalData(
        model="assessment.ResultSharing",
        label=_("Your organisation's choice to share its self-assessment"),
        purpose=_("To know who shared, or stopped sharing, the results with the facilitators."),
        basis=Basis.NECESSITY,
        retention=_("As long as the organisation's self-assessment exists."),
        seen_by=_("Your organisation's contact people; the DATAide team."),
        actor_fields=("changed_by",),
        erasure=Erasure.KEEP,
        keep_reason=_("The choice is the organisation's: it stays."),
    ),
)
