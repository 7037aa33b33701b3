"""The benchmark's dataset and scenarios (``make bench``): built on the demo, reused when
built again, and every measured page answers its person; each page's query count is the
same at two data sizes (the benchmark reports them at a tenth and at full scale)."""

import pytest
from django.core.management import call_command
from django.test import override_settings

from cohorts.models import Cohort, CohortSeat
from lms.accounts.models import Organisation, User
from lms.bench.dataset import Scale, bench_dataset_build
from lms.bench.profile import page_profile
from lms.bench.runner import counted
from lms.bench.scenarios import pages
from lms.pathway.models import BursaryEligibility
from webinars.models import Registration

pytestmark = pytest.mark.django_db

TINY = Scale(organisations=40, learners=100, cohorts=1, organisations_per_cohort=4, sessions=3)
BIGGER = Scale(organisations=70, learners=260, cohorts=2, organisations_per_cohort=4, sessions=3)


@pytest.fixture
def demo(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo", verbosity=0)


def user_for(data, page):
    return None if page.who == "anonymous" else data[page.who]


@override_settings(ROOT_URLCONF="lms.bench.urls")
def test_the_dataset_grows_once_and_each_page_keeps_its_query_count(demo):
    data = bench_dataset_build(TINY)
    small = {page.name: counted(page, user_for(data, page)) for page in pages(data)}
    organisations = Organisation.objects.count()
    bench_dataset_build(TINY)  # again: nothing more
    assert Organisation.objects.count() == organisations
    data = bench_dataset_build(BIGGER)
    assert Organisation.objects.filter(name__startswith="Organisme du banc ").count() == 70
    assert User.objects.filter(email__startswith="apprenant.banc.").count() == 260
    measured = Cohort.objects.get(name="Cohorte mesurée du banc")
    assert measured.seats.count() == 30
    assert CohortSeat.objects.filter(cohort__name__startswith="Cohorte du banc ").count() == 8
    assert BursaryEligibility.objects.filter(level=1).count() >= 50
    assert Registration.objects.exists()
    full = {page.name: counted(page, user_for(data, page)) for page in pages(data)}
    assert {name: c.rendered for name, c in full.items()} == {
        name: c.rendered for name, c in small.items()
    }
    # Served again, a person's page reads the user alone (or, in the admin, their rights
    # too); a form's answer is never kept.
    assert full["course page, learner"].kept == 1
    assert full["facilitator's grid"].kept < full["facilitator's grid"].rendered
    assert full["replay progress (POST)"].kept == full["replay progress (POST)"].rendered
    # The facilitator's grid lists the measured cohort's 60 learners.
    grid = next(page for page in pages(data) if page.name == "grid CSV")
    assert counted(grid, data["facilitator"]).size > 0
    # A page's profile says where its time goes, down to the platform's own functions.
    mon_parcours = next(page for page in pages(data) if page.name == "Mon parcours")
    assert "dashboard" in page_profile(mon_parcours, data["learner"], requests=3)
