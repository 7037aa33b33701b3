"""Demo transition plans: the demo learner's organisation has a draft with a budget near
the acceleration bursary's ceiling; another organisation of the cohort has submitted its
plan, its learner has done every required module, and so it completed level 2 and is
eligible for the acceleration bursary (on the staff's list)."""

from datetime import date

from courses.models import CoursePage, ModuleCompletion, ModulePage
from lms.accounts.models import Organisation, User
from lms.transition.plan.services import plan_save, plan_submit


def _action(title, responsible, starts_on, ends_on, budget, category) -> dict:
    return {
        "title": title,
        "responsible": responsible,
        "starts_on": starts_on,
        "ends_on": ends_on,
        "budget": budget,
        "category": category,
    }


def _plan(*, situation, priorities, actions, risks, indicators) -> dict:
    return {
        "situation": situation,
        "priorities": priorities,
        "actions": actions,
        "risks": risks,
        "indicators": indicators,
    }


YEAR = date.today().year

#: The demo learner's organisation (Cuisines collectives du Plateau): a draft.
DRAFT = _plan(
    situation=(
        "<p>Nos inscriptions se font sur papier et dans un tableur partagé par courriel. "
        "Trois ordinateurs de 2017 servent à toute l'équipe.</p>"
    ),
    priorities=[
        "Protéger les renseignements des personnes qui fréquentent nos cuisines",
        "Remplacer le tableur des inscriptions par un outil partagé",
    ],
    actions=[
        _action(
            "Acheter trois portables",
            "Camille Tremblay",
            f"{YEAR + 1}-01-15",
            f"{YEAR + 1}-02-28",
            5400,
            "equipment",
        ),
        _action(
            "Licences d'un outil d'inscription",
            "Hoàng Thị Lan",
            f"{YEAR + 1}-02-01",
            f"{YEAR + 2}-01-31",
            2800,
            "software",
        ),
        _action(
            "Former les bénévoles à la cyberhygiène",
            "Camille Tremblay",
            f"{YEAR + 1}-03-01",
            f"{YEAR + 1}-04-30",
            5500,
            "rollout",
        ),
    ],  # fmt: skip
    risks=[
        {
            "description": "Les listes d'inscription circulent par courriel",
            "mitigation": "Un outil d'inscription avec des accès nominatifs",
            "about_people_data": True,
        }
    ],
    indicators=[],
)

#: Another organisation of the cohort (Centre d'action bénévole de Rimouski): submitted.
SUBMITTED = _plan(
    situation="<p>Un seul poste partagé; les dossiers des bénévoles sont sur papier.</p>",
    priorities=["Numériser les dossiers des bénévoles de façon sécuritaire"],
    actions=[
        _action(
            "Acheter deux portables",
            "Julie Pelletier",
            f"{YEAR + 1}-01-10",
            f"{YEAR + 1}-01-31",
            3600,
            "equipment",
        ),
        _action(
            "Numériser les dossiers",
            "Julie Pelletier",
            f"{YEAR + 1}-02-01",
            f"{YEAR + 1}-05-31",
            6000,
            "rollout",
        ),
    ],  # fmt: skip
    risks=[
        {
            "description": "Des dossiers de bénévoles accessibles à tous",
            "mitigation": "Des droits d'accès par rôle et un chiffrement des portables",
            "about_people_data": True,
        }
    ],
    indicators=[
        {
            "name": "Dossiers numérisés",
            "baseline": "0 %",
            "target": "90 %",
            "source": "Registre des bénévoles",
            "frequency": "Chaque mois",
        }
    ],
)


def plan_demo_load() -> None:
    """Write both plans through the plan's services, as their learners would."""
    camille = User.objects.get(email="apprenante@dataide.test")
    plan_save(organisation=camille.organisation, user=camille, base_revision=0, content=DRAFT)

    rimouski = Organisation.objects.get(name="Centre d'action bénévole de Rimouski")
    julie = User.objects.get(organisation=rimouski, first_name="Julie")
    course = CoursePage.objects.filter(locale__language_code="fr", format="course").first()
    for module in ModulePage.objects.child_of(course).live().filter(required=True):
        ModuleCompletion.objects.get_or_create(
            learner=julie,
            module=module,
            defaults={
                "module_title": module.title,
                "revision_id": module.live_revision_id,
                "source": "demo",
            },
        )
    plan = plan_save(organisation=rimouski, user=julie, base_revision=0, content=SUBMITTED)
    plan_submit(organisation=rimouski, user=julie, base_revision=plan.revision)
