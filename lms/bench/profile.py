"""A page's profile, in-process: where its time goes, function by function (pyinstrument,
a sampling profiler: the ``bench`` extra). ``manage.py bench --profile NAME``."""

from pyinstrument import Profiler

from lms.bench.scenarios import Page, page_requester


def page_profile(page: Page, user, *, requests: int = 50) -> str:
    """The text profile of ``requests`` requests of ``page`` as ``user``, after one."""
    request = page_requester(page, user)
    request()
    profiler = Profiler(interval=0.0005)
    profiler.start()
    for _ in range(requests):
        request()
    profiler.stop()
    return profiler.output_text(unicode=True, color=False)
