"""A page's profile, in-process: where its time goes, function by function (pyinstrument,
a sampling profiler: the ``bench`` extra). ``manage.py bench --profile NAME``."""

from pyinstrument import Profiler

from lms.bench.scenarios import Page, page_requester
from lms.person_cache import persons_changed


def page_profile(page: Page, user, *, requests: int = 50, rendered: bool = True) -> str:
    """The text profile of ``requests`` requests of ``page`` as ``user``, after one:
    each rendered (what the person kept is dropped before each, outside the profile),
    or, with ``rendered=False``, served as they come (kept copies included)."""
    request = page_requester(page, user)
    request()
    profiler = Profiler(interval=0.0005)
    for _ in range(requests):
        if rendered and user is not None:
            persons_changed([user.pk])
        profiler.start()
        request()
        profiler.stop()
    return profiler.output_text(unicode=True, color=False)
