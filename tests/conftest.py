import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from tests import broker as broker_module
from tests.factories import OrganisationFactory, UserFactory


@pytest.fixture(autouse=True)
def _french_by_default():
    """Each test starts in French, as a visitor does: a request to /en/ in an earlier
    test leaves English active in the thread, and reverse() would then build /en/ URLs."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits live in the cache: every test starts with none used."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="Cuisines collectives du Plateau")


@pytest.fixture
def learner(organisation):
    return UserFactory(organisation=organisation, roles=["learner"])


@pytest.fixture
def author(db):
    return UserFactory(roles=["author"])


@pytest.fixture
def facilitator(db):
    return UserFactory(roles=["facilitator"])


@pytest.fixture
def staff(db):
    return UserFactory(roles=["staff"])


@pytest.fixture
def redis_broker():
    """A real Redis of the test's own, running, with Celery pointed at it (tasks not
    eager). ``stop()`` and ``start()`` it; ``recover()`` starts it, runs the outbox relay
    and a real worker until its queue is empty. Needs ``transactional_db`` (the worker
    is another thread) and PostgreSQL (row locks); skipped without ``redis-server``."""
    if broker_module.redis_server_path() is None:
        pytest.skip("redis-server is not installed")
    broker = broker_module.RedisBroker()
    broker.start()
    try:
        with broker_module.celery_using(broker):
            yield broker
    finally:
        broker.stop()
