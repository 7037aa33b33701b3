"""The production topology end to end (``lms/topology.py``, ``make topology``): gunicorn
with two worker processes and a Celery worker, production's settings, PostgreSQL and
Redis. A learner's browser posts the last part of the replay they watched; the web
process records the completion and its outbox message in one transaction; the worker,
another process, takes it from Redis and writes the certificate's e-mail. Needs
PostgreSQL and Redis (CI's first pass); skipped on the embedded default."""

import http.cookiejar
import json
import os
import re
import socket
import time
import urllib.parse
import urllib.request
from datetime import timedelta
from email import message_from_bytes
from email.header import decode_header, make_header

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection
from django.utils import timezone

from lms.pathway.models import Certificate, LevelCompletion
from lms.topology import Topology, topology_env
from tests.factories import PASSWORD, OrganisationFactory, UserFactory, video_document, webinar_page
from webinars.models import ReplayProgress


def redis_up() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql" or not redis_up(),
        reason="the production topology needs PostgreSQL and Redis",
    ),
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url() -> str:
    settings = connection.settings_dict
    return (
        f"postgres://{settings['USER']}@{settings['HOST'] or '127.0.0.1'}:"
        f"{settings['PORT'] or 5432}/{settings['NAME']}"
    )


class Browser:
    """A plain HTTP client with cookies, as the learner's browser."""

    def __init__(self, base: str):
        self.base = base
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def csrf(self) -> str:
        return next(c.value for c in self.cookies if c.name == "csrftoken")

    def get(self, path: str):
        return self.opener.open(self.base + path, timeout=30)

    def post(self, path: str, data: dict):
        request = urllib.request.Request(  # noqa: S310 (an http:// address of the test's)
            self.base + path,
            data=urllib.parse.urlencode(data).encode(),
            headers={"X-CSRFToken": self.csrf(), "Referer": self.base + path},
        )
        return self.opener.open(request, timeout=30)


def subjects(mail_dir) -> list[str]:
    found = []
    for name in os.listdir(mail_dir):
        with open(os.path.join(mail_dir, name), "rb") as handle:
            for chunk in handle.read().split(b"\n" + b"-" * 79 + b"\n"):
                if chunk.strip():
                    message = message_from_bytes(chunk.strip())
                    found.append(
                        (str(make_header(decode_header(message["Subject"]))), message["To"])
                    )
    return found


def test_a_completion_travels_from_the_request_to_the_worker_s_e_mail(tmp_path):
    organisation = OrganisationFactory(name="Entraide « Les Voisin·es »")
    learner = UserFactory(
        organisation=organisation, roles=["learner"], first_name="Thérèse",
        email="therese@exemple.org",
    )  # fmt: skip
    # Hashed as production hashes (the tests' settings use a fast hasher it does not know).
    learner.password = PBKDF2PasswordHasher().encode(PASSWORD, "selpourletest")
    learner.save(update_fields=["password"])
    webinar = webinar_page(
        replay_video=video_document(), replay_duration_seconds=1000,
        replay_transcript="<p>Transcription.</p>",
    )  # fmt: skip
    # Watched up to 800 s, an hour ago: the browser now reports 800 → 950 (95 %).
    progress = ReplayProgress.objects.create(
        learner=learner, webinar=webinar, intervals=[[0, 800]], watched_seconds=800
    )
    ReplayProgress.objects.filter(pk=progress.pk).update(
        updated_at=timezone.now() - timedelta(hours=1)
    )
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    port = free_port()
    topology = Topology(
        port=port,
        env=topology_env(
            port=port, database_url=database_url(), broker_url="redis://127.0.0.1:6379/11",
            mail_dir=str(mail_dir),
        ),
    )  # fmt: skip
    topology.start(web_workers=2, beat=False, log_dir=tmp_path)
    try:
        topology.wait_until_serving()
        browser = Browser(f"http://127.0.0.1:{port}")
        browser.get("/comptes/login/")
        page = browser.post("/comptes/login/", {"login": learner.email, "password": PASSWORD})
        assert "sessionid" in {c.name for c in browser.cookies}, page.read().decode()[-3000:]
        response = browser.post(
            f"/webinaires/{webinar.pk}/rediffusion/", {"intervals": json.dumps([[800, 950]])}
        )
        assert json.loads(response.read()) == {
            "watched_seconds": 950, "percent": 95, "completed": True,
        }  # fmt: skip
        # The web process wrote the completion; the worker, another process, the e-mail.
        assert LevelCompletion.objects.filter(learner=learner, level=1).exists()
        deadline = time.monotonic() + 90
        found = []
        while time.monotonic() < deadline:
            found = subjects(mail_dir)
            if any("certificat" in subject.lower() for subject, _to in found):
                break
            time.sleep(1)
        logs = {p.name: p.read_text(errors="replace")[-2000:] for p in tmp_path.glob("*.log")}
        certificate = [(s, to) for s, to in found if "certificat" in s.lower()]
        assert certificate == [
            ("[DATAide] Votre certificat : Niveau 1 : Sensibilisation", "therese@exemple.org")
        ], logs
        assert Certificate.objects.filter(completion__learner=learner).count() == 1
        assert re.search(r"Task .*process_outbox_message.* succeeded", logs["worker.log"])
    finally:
        topology.stop()
