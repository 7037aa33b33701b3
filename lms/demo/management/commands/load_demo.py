"""Load demonstration data into an empty database; safe to run again."""

from django.core.management.base import BaseCommand
from django.db import transaction

from lms.accounts.models import User
from lms.demo.assessment import assessment_demo_load
from lms.demo.cohorts import cohort_demo_load
from lms.demo.courses import home_demo_translate, pathway_demo_load
from lms.demo.people import DEMO_ACCOUNTS, DEMO_PASSWORD, demo_email, people_demo_load
from lms.demo.privacy import privacy_demo_load
from lms.demo.selection import COMMITTEE, selection_demo_load
from lms.demo.transition import plan_demo_load
from lms.demo.webinars import webinar_demo_attend


class Command(BaseCommand):
    help = (
        "Load the demonstration organisations, accounts, English home page and pathway "
        "(levels, the 12-week course, the leadership lab, partly in English)."
    )

    def handle(self, *args, **options):
        if User.objects.exists():
            self.stdout.write("La base contient déjà des données : rien n'est chargé.")
        else:
            with transaction.atomic():
                self._load()
            self.stdout.write(self.style.SUCCESS("Données de démonstration chargées."))
        self._print_accounts()

    def _load(self):
        people_demo_load()
        home_demo_translate()
        pathway_demo_load(author=User.objects.get(email="autrice@dataide.test"))
        cohort_demo_load()
        webinar_demo_attend()
        assessment_demo_load(author=User.objects.get(email="autrice@dataide.test"))
        plan_demo_load()
        selection_demo_load()
        privacy_demo_load()

    def _print_accounts(self):
        self.stdout.write("")
        self.stdout.write(f"Comptes de démonstration (mot de passe : {DEMO_PASSWORD})")
        for email, _first, _last, roles, _org, superuser in DEMO_ACCOUNTS:
            label = "administrateur" if superuser else ", ".join(roles)
            self.stdout.write(f"  {email:36} {label}")
        for first, last, seat in COMMITTEE:
            self.stdout.write(f"  {demo_email(first, last):36} committee ({seat.label})")
        self.stdout.write("")
