"""What the benchmark measures: each page as a person reaches it (who, method, address),
and the work that is not a page (a completion, an import, the reminders, the exports)."""

from dataclasses import dataclass, field

from django.test import Client
from django.urls import reverse


@dataclass(frozen=True)
class Page:
    name: str
    #: "anonymous", "learner", "facilitator" or "staff".
    who: str
    path: str
    method: str = "GET"
    body: dict = field(default_factory=dict)
    #: Target ratio to the floor (issue 16).
    target: float | None = None


def pages(data: dict) -> list[Page]:
    course, modules, webinar, cohort = (
        data["course"],
        data["modules"],
        data["webinar"],
        data["cohort"],
    )
    longest = max(modules, key=lambda module: len(str(module.body.raw_data)))
    level = course.get_parent()
    return [
        Page("home, anonymous", "anonymous", "/", target=4),
        Page("level page, anonymous", "anonymous", level.url, target=4),
        Page("course page, anonymous", "anonymous", course.url, target=4),
        Page("Mon parcours", "learner", reverse("pathway_dashboard"), target=8),
        Page("course page, learner", "learner", course.url, target=8),
        Page("module page (long body), learner", "learner", longest.url, target=8),
        Page("webinar page, learner", "learner", webinar.url, target=8),
        Page(
            "replay progress (POST)",
            "learner",
            reverse("webinars_replay_progress", args=[webinar.pk]),
            method="POST",
            # Seconds already watched: the report is accepted and adds nothing, every time.
            body={"intervals": f"[[0, {min(10, webinar.replay_duration_seconds or 10)}]]"},
            target=8,
        ),  # fmt: skip
        Page(
            "facilitator's grid",
            "facilitator",
            reverse("cohorts_grid", args=[cohort.pk]),
            target=12,
        ),  # fmt: skip
        Page("grid CSV", "facilitator", reverse("cohorts_grid_export", args=[cohort.pk])),
        Page("staff's eligibility list", "staff", "/admin/pathway/eligibilities/", target=20),
        Page("eligibility export (CSV)", "staff", "/admin/pathway/eligibilities/?export=csv"),
    ]


def exports(data: dict) -> list[tuple[str, str, str]]:
    """The exports measured as work (time, queries, peak memory): name, who, address."""
    grid = data["cohort"].pk
    return [
        ("grid export (CSV), 60 learners", "facilitator",
         reverse("cohorts_grid_export", args=[grid])),
        ("grid export (XLSX), 60 learners", "facilitator",
         reverse("cohorts_grid_export_xlsx", args=[grid])),
        ("eligibility export (CSV), every organisation", "staff",
         "/admin/pathway/eligibilities/?export=csv"),
    ]  # fmt: skip


def page_requester(page: Page, user):
    """A function that asks for ``page`` as ``user`` (logged in once), in-process."""
    client = Client()
    if user is not None:
        client.force_login(user)

    def request():
        if page.method == "POST":
            return client.post(page.path, page.body)
        return client.get(page.path)

    return request
