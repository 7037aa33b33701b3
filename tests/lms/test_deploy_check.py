import os
import subprocess
import sys

import pytest
from django.conf import settings

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "lms.settings.production",
    "DJANGO_SECRET_KEY": "k3y-" + "x9Q2!" * 12,
    "DJANGO_ALLOWED_HOSTS": "apprendre.dataide.example",
    "DATABASE_URL": "postgres://dataide@127.0.0.1:5432/dataide",
    "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
    "EMAIL_HOST": "smtp.dataide.example",
    "WAGTAILADMIN_BASE_URL": "https://apprendre.dataide.example",
}


def run_check(env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), **env},
        capture_output=True,
        text=True,
    )


def test_production_settings_pass_the_deploy_check_without_warnings():
    result = run_check(PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    "missing", ["DJANGO_SECRET_KEY", "DATABASE_URL", "CELERY_BROKER_URL", "WAGTAILADMIN_BASE_URL"]
)
def test_production_refuses_to_start_without_its_environment(missing):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
    result = run_check(env)
    assert result.returncode != 0
    assert missing in result.stderr
