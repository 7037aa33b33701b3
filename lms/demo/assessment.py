"""Demo self-assessment: the questionnaire under level 2 (seven dimensions, the
programme's "use of the data of the people served" among them, each pointing at the
course's modules that address it), and two rounds of the demo learner's organisation,
answered by three colleagues, who disagree on security."""

from courses.models import Level, LevelPage, ModulePage
from lms.accounts.models import User
from lms.demo.pages import publish
from lms.demo.people import account_create, demo_email
from lms.transition.assessment.models import SelfAssessmentPage
from lms.transition.assessment.services import round_close, round_open, take_answer, take_start

SCALE = ["Pas encore", "Un début", "En partie", "Surtout", "Pleinement"]

#: (title, data use, question texts, words of the modules that address it)
DIMENSIONS = [
    ("Culture et leadership", False,
     ["La direction parle-t-elle du numérique comme d'une priorité ?",
      "L'équipe a-t-elle du temps pour apprendre de nouveaux outils ?"], ["culture"]),
    ("Outils et équipement", False,
     ["Vos ordinateurs et téléphones sont-ils à jour et suffisants ?"], ["plan de transition"]),
    ("Sécurité", False,
     ["Les mots de passe sont-ils uniques et gérés par un gestionnaire ?",
      "Les sauvegardes sont-elles faites et testées ?"], ["cyberhygiène"]),
    ("Compétences", False,
     ["Chaque personne sait-elle utiliser les outils dont elle a besoin ?"], ["autodiagnostic"]),
    ("Services en ligne", False,
     ["Les personnes peuvent-elles s'inscrire ou vous joindre en ligne ?"], ["services en ligne"]),
    ("Gouvernance des données", False,
     ["Savez-vous quelles données vous gardez, où, et pour combien de temps ?"],
     ["gouvernance"]),
    ("Utilisation des données des personnes servies", True,
     ["Ne recueillez-vous que ce qui sert aux personnes ?",
      "Les personnes savent-elles ce que vous gardez sur elles, et pourquoi ?"],
     ["données des personnes", "inventaire"]),
]  # fmt: skip

#: Each colleague's level per dimension, round by round: they disagree on security.
ROUNDS = [
    {"camille": [2, 1, 1, 2, 1, 1, 2], "lan": [2, 2, 4, 2, 1, 1, 2], "marc": [3, 1, 2, 2, 2, 1, 1]},
    {"camille": [3, 2, 2, 3, 2, 2, 3], "lan": [3, 2, 4, 3, 2, 2, 3], "marc": [3, 2, 2, 3, 3, 2, 2]},
]


def _questionnaire(level: LevelPage, author) -> SelfAssessmentPage:
    modules = list(ModulePage.objects.live().filter(locale__language_code="fr"))
    stream = []
    for title, data_use, questions, words in DIMENSIONS:
        addressing = [m for m in modules if any(w in m.title.lower() for w in words)]
        stream.append(
            (
                "dimension",
                {
                    "title": title,
                    "description": "",
                    "data_use": data_use,
                    "questions": [
                        {"text": text, "help_text": "Pensez à la dernière année.", "levels": SCALE}
                        for text in questions
                    ],
                    "modules": addressing,
                },
            )
        )
    return publish(
        level,
        SelfAssessmentPage(
            title="Autodiagnostic de maturité numérique",
            slug="autodiagnostic",
            intro=(
                "<p>Un regard critique sur la maturité numérique de votre organisme, "
                "notamment sur la façon dont il utilise les données des personnes qu'il "
                "sert. Chaque collègue répond de son côté, en 15 minutes environ.</p>"
            ),
            dimensions=stream,
        ),
        author,
    )


def _answer(found, learner, levels) -> None:
    take = take_start(round=found, learner=learner)
    for part, level in zip(take.questions, levels, strict=True):
        take = take_answer(
            take=take,
            dimension_key=part["key"],
            answers={question["key"]: level for question in part["questions"]},
        )


def assessment_demo_load(author) -> None:
    level = LevelPage.objects.get(number=Level.ACCELERATION, locale__language_code="fr")
    questionnaire = _questionnaire(level, author)
    camille = User.objects.get(email="apprenante@dataide.test")
    organisation = camille.organisation
    colleagues = {
        "camille": camille,
        "lan": account_create(
            demo_email("Lan", "Hoang"), "Lan", "Hoàng", ["learner"], organisation
        ),
        "marc": account_create(
            demo_email("Marc-Antoine", "Dube"), "Marc-Antoine", "Dubé", ["learner"], organisation
        ),
    }
    for answers in ROUNDS:
        found = round_open(organisation=organisation, by=camille, questionnaire=questionnaire)
        for key, levels in answers.items():
            _answer(found, colleagues[key], levels)
        round_close(round=found, by=camille)
