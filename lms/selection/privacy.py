"""What the selection keeps about people (the privacy registry, ``lms.privacy``)."""

from django.utils.translation import gettext_lazy as _

from lms.privacy.registry import Basis, Erasure, PersonalData, register
from lms.selection.models import CommitteeMember, Decision

#: Days the log of who opened an application is kept.
ACCESS_LOG_DAYS = 365

#: What a decision's list of participants shows for a member whose account is erased.
ERASED_MEMBER = _("Member (account erased)")


def erase_from_decisions(person) -> None:
    """Replace ``person``'s name in the participant lists of the decisions they took part
    in (the list keeps its seat and its length: the record stays whole)."""
    seats = CommitteeMember.objects.filter(person=person)
    names = {n for n in (person.get_full_name(), person.email) if n}
    for decision in Decision.objects.filter(participants__in=seats).distinct():
        changed = []
        for entry in decision.participant_names:
            for name in names:
                if entry.startswith(f"{name} ("):
                    entry = f"{ERASED_MEMBER} ({entry[len(name) + 2 :]}"
            changed.append(entry)
        if changed != decision.participant_names:
            decision.participant_names = changed
            decision.save(update_fields=["participant_names"])


_DECISION_REASON = _(
    "The programme must be able to show how each bursary was decided: the record stays, "
    "pointing to an account that names no one."
)

register(
    PersonalData(
        model="selection.Application",
        label=_("The applications you carry or created"),
        purpose=_(
            "To apply for a seat or a bursary on your organisation's behalf (you carry a lab "
            "seat or an innovation project as its leader)."
        ),
        basis=Basis.NECESSITY,
        retention=_("Until the programme's accounts are closed."),
        seen_by=_(
            "Your organisation's contact people; the call's selection committee; the DATAide team."
        ),
        person_fields=("leader",),
        actor_fields=("created_by",),
        export_fields=("call", "organisation", "state", "title", "summary", "submitted_at"),
        erasure=Erasure.ANONYMISE,
        anonymise=(),
        keep_reason=_DECISION_REASON,
        order=800,
    ),
    PersonalData(
        model="selection.ApplicationVersion",
        label=_("The submitted versions of applications"),
        purpose=_("What the committee scored, as it was submitted."),
        basis=Basis.NECESSITY,
        retention=_("Until the programme's accounts are closed."),
        seen_by=_("The call's selection committee; the DATAide team."),
        actor_fields=("submitted_by",),
        erasure=Erasure.KEEP,
        keep_reason=_DECISION_REASON,
    ),
    PersonalData(
        model="selection.CommitteeMember",
        label=_("Your seats on selection committees"),
        purpose=_("To give a committee's members the applications they score."),
        basis=Basis.NECESSITY,
        retention=_("Until the programme's accounts are closed."),
        seen_by=_("The committee's other members; the DATAide team."),
        person_fields=("person",),
        export_fields=("committee", "seat"),
        erasure=Erasure.ANONYMISE,
        anonymise=(),
        keep_reason=_DECISION_REASON,
        order=900,
    ),
    PersonalData(
        model="selection.ConflictDeclaration",
        label=_("Your declarations of conflicts of interest"),
        purpose=_("To keep the selection fair."),
        basis=Basis.NECESSITY,
        retention=_("Until the programme's accounts are closed."),
        seen_by=_("The committee's other members; the DATAide team."),
        person_fields=("member__person",),
        export_fields=("application", "has_conflict", "note", "declared_at"),
        erasure=Erasure.ANONYMISE,
        # The note may explain the conflict in personal terms.
        anonymise=("note",),
        keep_reason=_DECISION_REASON,
        order=850,
    ),
    PersonalData(
        model="selection.Review",
        label=_("Your reviews of applications"),
        purpose=_("The independent scores the committee's decision rests on."),
        basis=Basis.NECESSITY,
        retention=_("Until the programme's accounts are closed."),
        seen_by=_("The committee's other members, once they scored; the DATAide team."),
        person_fields=("member__person",),
        export_fields=("application", "submitted_at"),
        erasure=Erasure.KEEP,
        keep_reason=_DECISION_REASON,
        order=850,
    ),
    PersonalData(
        model="selection.Score",
        label=_("Your scores and comments on applications"),
        purpose=_("The independent scores the committee's decision rests on."),
        basis=Basis.NECESSITY,
        retention=_("Until the programme's accounts are closed."),
        seen_by=_("The committee's other members, once they scored; the DATAide team."),
        person_fields=("review__member__person",),
        export_fields=("review", "criterion", "value", "comment"),
        erasure=Erasure.KEEP,
        keep_reason=_DECISION_REASON,
        order=850,
    ),
    PersonalData(
        model="selection.ApplicationAccess",
        label=_("The log of who opened an application"),
        purpose=_(
            "So that the DATAide team can check that only the committee and the organisation "
            "open an application (a protection of the applicants)."
        ),
        basis=Basis.NECESSITY,
        retention=_("One year."),
        seen_by=_("The DATAide team."),
        person_fields=("person",),
        export_fields=("application", "view", "at"),
        erasure=Erasure.ANONYMISE,
        anonymise=(),
        keep_reason=_(
            "The log protects the applicants: it stays its year, pointing to an account that "
            "names no one."
        ),
        retention_days=ACCESS_LOG_DAYS,
        retention_field="at",
        order=900,
    ),
    PersonalData(
        model="selection.Decision",
        label=_("The decisions on applications"),
        purpose=_(
            "To record each decision, its reasons and the members who took part (their names "
            "are copied into the decision, as they were on the day)."
        ),
        basis=Basis.NECESSITY,
        retention=_("Until the programme's accounts are closed."),
        seen_by=_("The organisation's contact people; the committee; the DATAide team."),
        person_fields=("participants__person",),
        actor_fields=("recorded_by",),
        export_fields=("application", "outcome", "decided_on", "participant_names"),
        erasure=Erasure.ANONYMISE,
        erase=erase_from_decisions,
        keep_reason=_DECISION_REASON,
        order=820,
    ),
)
