"""Time sign-ups of new and already used addresses with the production password hasher.

Not a test (timings depend on the machine): run it by hand, on a quiet machine::

    DJANGO_SETTINGS_MODULE=lms.settings.test .venv/bin/python -m tests.benchmarks.signup_timing

It builds a throwaway test database, posts ``--rounds`` sign-ups of each kind, interleaved,
through the real sign-up view, and prints both medians and their ratio. The issue's target:
the two within 20 % of each other, so the time taken does not tell who has an account.
"""

import argparse
import os
import statistics
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.test")
django.setup()

from django.conf import global_settings  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings, setup_test_environment  # noqa: E402

from lms.settings import base  # noqa: E402

#: What production hashes with (the test settings use a fast MD5 hasher instead).
PRODUCTION_HASHERS = getattr(base, "PASSWORD_HASHERS", global_settings.PASSWORD_HASHERS)


def sign_up(client: Client, email: str, region_id: int) -> float:
    """Post one sign-up and return the seconds it took."""
    cache.clear()  # no rate limit between rounds: every sign-up does its whole work
    client.logout()
    data = {
        "email": email,
        "first_name": "Léa",
        "last_name": "Bergeron",
        "organisation_name": f"Organisme {email}",
        "region": region_id,
        "password1": "un-mot-de-passe-solide-42",
        "password2": "un-mot-de-passe-solide-42",
    }
    start = time.perf_counter()
    response = client.post("/comptes/signup/", data)
    elapsed = time.perf_counter() - start
    assert response.status_code == 302, response.status_code
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15, help="sign-ups of each kind")
    rounds = parser.parse_args().rounds

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        from lms.accounts.models import Region
        from tests.factories import UserFactory

        existing = [UserFactory(email=f"deja{n}@exemple.test").email for n in range(rounds + 1)]
        region_id = Region.objects.values_list("pk", flat=True).first()
        client = Client()
        new_times, existing_times = [], []
        with override_settings(PASSWORD_HASHERS=PRODUCTION_HASHERS):
            # One warm-up of each kind: imports, template loading, first connection.
            sign_up(client, "chauffe@exemple.test", region_id)
            sign_up(client, existing[-1], region_id)
            for n in range(rounds):
                new_times.append(sign_up(client, f"nouvelle{n}@exemple.test", region_id))
                existing_times.append(sign_up(client, existing[n], region_id))
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)

    new_median = statistics.median(new_times)
    existing_median = statistics.median(existing_times)
    print(f"hasher: {PRODUCTION_HASHERS[0]}")
    print(f"new address:      median {new_median * 1000:7.1f} ms over {rounds}")
    print(f"existing address: median {existing_median * 1000:7.1f} ms over {rounds}")
    print(f"ratio existing/new: {existing_median / new_median:.2f} (target: 0.80 to 1.20)")


if __name__ == "__main__":
    main()
