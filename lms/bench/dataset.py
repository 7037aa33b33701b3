"""A synthetic dataset at programme scale, on the configured database, built on top of
the demo (its pages, accounts and cohorts) so that every page has real content:

* 11 regions, ``organisations`` organisations (3,000), ``learners`` learners (10,000),
  each learner in an organisation, with a verified address and the learner role;
* a 24-module level-2 course (two modules a week, each with the body of a demo module:
  text, video, quiz), 8 level-2 cohorts of about 22 organisations, and the facilitator's
  cohort measured: 30 organisations, 60 learners, at different points of the course;
* a webinar with 40 sessions (a day of 40 for the reminders), watched replays;
* level-1 completions and their eligibilities for most organisations.

Rows are written in bulk (the services would take hours at this size); what a service
would have added and the pages read is written too. Building twice reuses what exists.
"""

import random
from dataclasses import dataclass
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from cohorts.models import Cohort, CohortSeat
from courses.models import CoursePage, Level, LevelPage, ModuleCompletion, ModulePage
from lms.accounts.models import Organisation, Region, User, name_key
from lms.accounts.roles import role_group
from lms.demo.courses import COURSE_MODULES
from lms.demo.documents import documents_upload, stream
from lms.demo.pages import publish
from lms.pathway.models import BursaryEligibility, LevelCompletion
from webinars.models import Registration, ReplayProgress, WebinarPage, WebinarSession

#: The past session whose attendance report the benchmark imports.
IMPORT_SESSION_URL = "https://visio.exemple.test/banc-import"

#: The password of every benchmark account (they exist only in a benchmark database).
BENCH_PASSWORD = "banc-d-essai-2026"  # noqa: S105
BENCH_COURSE_SLUG = "cours-banc-d-essai"
FACILITATOR = "animatrice.banc@dataide.test"
LEARNER = "apprenant.banc.00001@dataide.test"
STAFF = "equipe@dataide.test"


@dataclass(frozen=True)
class Scale:
    organisations: int = 3000
    learners: int = 10000
    cohorts: int = 8
    organisations_per_cohort: int = 22
    measured_organisations: int = 30
    measured_learners: int = 60
    modules: int = 24
    sessions: int = 40


FULL = Scale()
#: A tenth of the programme: query counts measured here and at full scale must match.
SMALL = Scale(organisations=300, learners=1000, cohorts=2)


def _course(author) -> tuple[CoursePage, list[ModulePage]]:
    existing = CoursePage.objects.filter(slug=BENCH_COURSE_SLUG).first()
    if existing:
        return existing, list(ModulePage.objects.child_of(existing).order_by("path"))
    level = LevelPage.objects.get(number=Level.ACCELERATION, locale__language_code="fr")
    course = publish(
        level,
        CoursePage(title="Cours de référence du banc d’essai", slug=BENCH_COURSE_SLUG,
                   format="course", duration_weeks=12),
        author,
    )  # fmt: skip
    documents = documents_upload(author)
    modules = []
    for number in range(24):
        spec = COURSE_MODULES[number % len(COURSE_MODULES)]
        modules.append(
            publish(
                course,
                ModulePage(
                    title=f"{spec.title} ({number + 1})", slug=f"module-{number + 1:02d}",
                    week=number // 2 + 1, kind=spec.kind, duration_minutes=spec.duration_minutes,
                    required=True, objectives=spec.objectives, body=stream(spec.body, documents),
                ),
                author,
            )
        )  # fmt: skip
    return course, modules


def _organisations(count: int) -> list[Organisation]:
    have = list(Organisation.objects.filter(name__startswith="Organisme du banc ").order_by("pk"))
    regions = list(Region.objects.order_by("pk"))
    new = []
    for number in range(len(have), count):
        name = f"Organisme du banc {number + 1:04d} – Entraide « Voisinage »"
        new.append(
            Organisation(name=name, name_key=name_key(name), region=regions[number % len(regions)])
        )
    Organisation.objects.bulk_create(new, batch_size=1000)
    return list(Organisation.objects.filter(name__startswith="Organisme du banc ").order_by("pk"))[
        :count
    ]


#: The measured cohort's organisations (the first ones) have two learners each.
MEASURED_PER_ORGANISATION = 2


def _organisation_of(number: int, organisations: list[Organisation]) -> Organisation:
    """The first learners go two by two to the measured cohort's organisations, the
    others in turn to the rest."""
    measured = FULL.measured_organisations
    if number < measured * MEASURED_PER_ORGANISATION:
        return organisations[number // MEASURED_PER_ORGANISATION]
    return organisations[measured + (number - measured * 2) % (len(organisations) - measured)]


def _learners(count: int, organisations: list[Organisation]) -> list[User]:
    have = User.objects.filter(email__startswith="apprenant.banc.").count()
    password = make_password(BENCH_PASSWORD)
    firsts = ["Thérèse", "Đức", "Ηλέκτρα", "Amélie", "Jean-François", "Hoa", "Mélanie", "Zoé"]
    new = [
        User(
            email=f"apprenant.banc.{number + 1:05d}@dataide.test", password=password,
            first_name=firsts[number % len(firsts)], last_name=f"Banc {number + 1}",
            organisation=_organisation_of(number, organisations),
        )
        for number in range(have, count)
    ]  # fmt: skip
    User.objects.bulk_create(new, batch_size=1000)
    created = list(User.objects.filter(email__in=[user.email for user in new]))
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in created],
        batch_size=1000,
    )
    group = role_group("learner")
    group.user_set.through.objects.bulk_create(
        [group.user_set.through(user_id=u.pk, group_id=group.pk) for u in created],
        batch_size=1000,
    )
    return list(User.objects.filter(email__startswith="apprenant.banc.").order_by("email"))[:count]


def _account(email: str, role: str, first: str) -> User:
    user, created = User.objects.get_or_create(
        email=email, defaults={"first_name": first, "last_name": "Banc"}
    )
    if created:
        user.set_password(BENCH_PASSWORD)
        user.save()
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        user.groups.add(role_group(role))
    return user


def _cohorts(scale: Scale, course, modules, organisations, learners, staff) -> Cohort:
    """The level-2 cohorts, and the facilitator's measured one (returned)."""
    start = timezone.localdate() - timedelta(weeks=8)
    facilitator = _account(FACILITATOR, "facilitator", "Ariane")
    measured, created = Cohort.objects.get_or_create(
        name="Cohorte mesurée du banc", defaults={"course": course, "starts_on": start}
    )
    measured.facilitators.add(facilitator)
    measured.save()  # parental many-to-many relations are written on save
    taken = set(CohortSeat.objects.values_list("organisation_id", flat=True))
    free = [o for o in organisations if o.pk not in taken]
    seats = []
    if created:
        seats += [
            CohortSeat(cohort=measured, organisation=o, admitted_by=staff)
            for o in free[: scale.measured_organisations]
        ]
        free = free[scale.measured_organisations :]
    for number in range(Cohort.objects.filter(name__startswith="Cohorte du banc ").count(),
                        scale.cohorts):  # fmt: skip
        cohort = Cohort.objects.create(
            name=f"Cohorte du banc {number + 1}", course=course, starts_on=start
        )
        group, free = free[: scale.organisations_per_cohort], free[scale.organisations_per_cohort :]
        seats += [CohortSeat(cohort=cohort, organisation=o, admitted_by=staff) for o in group]
    CohortSeat.objects.bulk_create(seats, batch_size=1000)
    if created:
        seated = set(measured.seats.values_list("organisation_id", flat=True))
        chosen = [u for u in learners if u.organisation_id in seated][: scale.measured_learners]
        rng = random.Random(16)  # noqa: S311 (made-up progress, not a secret)
        now = timezone.now()
        ModuleCompletion.objects.bulk_create(
            [
                ModuleCompletion(
                    learner=learner, module=module, module_title=module.title, source="bench",
                    completed_at=now - timedelta(days=rng.randint(1, 50)),
                )
                for learner in chosen
                for module in modules[: rng.randint(0, len(modules))]
            ],
            batch_size=2000,
        )  # fmt: skip
    return measured


def _webinar(scale: Scale, learners) -> WebinarPage:
    webinar = WebinarPage.objects.filter(locale__language_code="fr").first()
    day = timezone.localtime().replace(hour=9, minute=0, second=0, microsecond=0)
    missing = scale.sessions - webinar.sessions.filter(meeting_url__contains="banc").count()
    WebinarSession.objects.bulk_create(
        [
            WebinarSession(
                webinar=webinar, starts_at=day + timedelta(days=1, minutes=15 * n),
                duration_minutes=120, meeting_url=f"https://visio.exemple.test/banc-{n}",
            )
            for n in range(missing)
        ]
    )  # fmt: skip
    if not webinar.sessions.filter(meeting_url=IMPORT_SESSION_URL).exists():
        WebinarSession.objects.create(
            webinar=webinar, starts_at=day - timedelta(days=1), duration_minutes=120,
            meeting_url=IMPORT_SESSION_URL,
        )  # fmt: skip
    # Tomorrow's 40 sessions: 25 registered learners each, for the reminders' task.
    tomorrow = list(webinar.sessions.filter(meeting_url__contains="banc-").exclude(
        meeting_url=IMPORT_SESSION_URL))  # fmt: skip
    if not Registration.objects.filter(session__in=tomorrow).exists():
        Registration.objects.bulk_create(
            [
                Registration(session=session, learner=learner)
                for index, session in enumerate(tomorrow)
                for learner in learners[100 + 25 * index : 125 + 25 * index]
            ],
            batch_size=2000,
        )
    if duration := webinar.replay_duration_seconds:
        watched = set(ReplayProgress.objects.values_list("learner_id", flat=True))
        ReplayProgress.objects.bulk_create(
            [
                ReplayProgress(
                    learner=learner, webinar=webinar,
                    intervals=[[0, duration // 3], [duration // 2, duration]],
                    watched_seconds=duration - duration // 2 + duration // 3,
                )
                for learner in learners[: len(learners) // 3]
                if learner.pk not in watched
            ],
            batch_size=2000,
        )  # fmt: skip
    return webinar


def _eligibilities(organisations, learners) -> None:
    """Level 1 completed by one learner of most organisations, each organisation eligible."""
    done = set(BursaryEligibility.objects.filter(level=1).values_list("organisation_id", flat=True))
    first = {}
    for learner in learners:
        first.setdefault(learner.organisation_id, learner)
    now = timezone.now()
    chosen = [o for o in organisations[: int(len(organisations) * 0.9)] if o.pk not in done]
    completions = LevelCompletion.objects.bulk_create(
        [
            LevelCompletion(
                learner=first[o.pk], level=1, completed_at=now, rules_version="2026.1",
                organisation=o, evidence={"rule": "level1.replay", "records": []},
            )
            for o in chosen
            if o.pk in first
        ],
        batch_size=1000,
        ignore_conflicts=True,
    )  # fmt: skip
    by_org = {c.organisation_id: c for c in LevelCompletion.objects.filter(level=1)}
    BursaryEligibility.objects.bulk_create(
        [
            BursaryEligibility(
                organisation=o, level=1, granted_at=now, completion=by_org[o.pk],
                rules_version="2026.1", region_id=o.region_id,
            )
            for o in chosen
            if o.pk in by_org
        ],
        batch_size=1000,
        ignore_conflicts=True,
    )  # fmt: skip
    return completions


def bench_dataset_build(scale: Scale = FULL) -> dict:
    """Build (or grow to) ``scale`` on top of the demo; return what the scenarios need."""
    author = User.objects.get(email="autrice@dataide.test")
    staff = User.objects.get(email=STAFF)
    with transaction.atomic():
        course, modules = _course(author)
        organisations = _organisations(scale.organisations)
        learners = _learners(scale.learners, organisations)
        measured = _cohorts(scale, course, modules, organisations, learners, staff)
        webinar = _webinar(scale, learners)
        _eligibilities(organisations, learners)
    return {
        "course": course,
        "modules": modules,
        "cohort": measured,
        "webinar": webinar,
        "learner": User.objects.get(email=LEARNER),
        "facilitator": User.objects.get(email=FACILITATOR),
        "staff": staff,
    }
