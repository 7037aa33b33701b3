"""The benchmark (``make bench``): production's settings over plain HTTP, as the
topology runs them, with the floor's URL beside the platform's."""

from .topology import *  # noqa: F401, F403

ROOT_URLCONF = "lms.bench.urls"
ALLOWED_HOSTS = [*ALLOWED_HOSTS, "testserver"]  # noqa: F405 (the query counts' client)
