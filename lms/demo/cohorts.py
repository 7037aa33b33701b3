"""Demo cohort: level 2, started three weeks ago, facilitated by the demo facilitator, with
half the demo organisations seated and their learners at different points of the course."""

from datetime import timedelta

from django.utils import timezone

from cohorts.models import Cohort
from cohorts.services import seat_admit
from courses.models import CoursePage, ModuleCompletion, ModulePage
from lms.accounts.models import Organisation, User
from lms.demo.people import account_create, demo_email
from webinars.models import WebinarSession


def cohort_demo_load() -> None:
    """A level-2 cohort that started three weeks ago, facilitated by the demo
    facilitator, with half the demo organisations seated."""
    course = CoursePage.objects.filter(locale__language_code="fr", format="course").first()
    if course is None:
        return
    staff = User.objects.get(email="equipe@dataide.test")
    start = timezone.localdate() - timedelta(weeks=3)
    cohort = Cohort.objects.create(
        name="Cohorte de démonstration",
        course=course,
        starts_on=start - timedelta(start.weekday()),
    )
    cohort.facilitators.add(User.objects.get(email="animateur@dataide.test"))
    cohort.sessions.set(WebinarSession.objects.all())
    cohort.save()  # parental many-to-many relations are written on save
    for organisation in Organisation.objects.order_by("pk")[:6]:
        seat_admit(cohort=cohort, actor=staff, organisation=organisation)
    _cohort_learners(course, start)


def _cohort_learners(course, start):
    """Learners of the seated organisations, at different points of the course, so
    that the facilitator's grid shows progress, lateness and inactivity."""
    modules = list(ModulePage.objects.child_of(course).live().order_by("path"))
    people = [
        ("Léa", "Bergeron", 1, 5), ("Karim", "Haddad", 1, 1), ("Julie", "Pelletier", 2, 4),
        ("Marc", "Lavoie", 3, 0), ("Awa", "Diallo", 4, 3), ("Simon", "Gauthier", 5, 2),
    ]  # fmt: skip
    organisations = list(Organisation.objects.order_by("pk")[:6])
    for first, last, org_index, done in people:
        email = demo_email(first, last)
        user = account_create(email, first, last, ["learner"], organisations[org_index])
        for position, module in enumerate(modules[:done]):
            ModuleCompletion.objects.create(
                learner=user, module=module, module_title=module.title,
                revision_id=module.live_revision_id, source="demo",
            )  # fmt: skip
            ModuleCompletion.objects.filter(learner=user, module=module).update(
                completed_at=timezone.make_aware(
                    timezone.datetime.combine(start, timezone.datetime.min.time())
                )
                + timedelta(days=3 + 4 * position)
            )
