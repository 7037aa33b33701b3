"""Demonstration content for the pathway, loaded by ``load_demo`` into an empty database.

Under the French home (``accueil``): the three levels, the level-2 course (13 modules over
12 weeks, alternating learning modules and experimentation periods), the level-3
leadership lab (4 modules), a self-hosted captioned video and downloadable templates
(``courses/demo_media/``, uploaded as Wagtail documents). English translations cover the
levels, both courses and the course's first three weeks; the other pages fall back to
French, as they would while authors translate.

This is content, i.e. data written in French and English, not interface strings: none of
it goes through gettext. Long text is written wrapped and squashed to single spaces.
"""

import uuid
from dataclasses import dataclass, field
from pathlib import Path

from django.core.files import File
from wagtail.documents.models import Document
from wagtail.models import Locale, Page
from wagtail.utils.file import hash_filelike

from courses.models import CoursePage, LevelPage, ModulePage, PathwayHomePage

MEDIA_DIR = Path(__file__).resolve().parent / "media"

#: key: (file in ``demo_media``, document title)
DOCUMENTS = {
    "video": ("culture-des-donnees.mp4", "Vidéo : la culture des données (semaine 1)"),
    "captions_fr": ("culture-des-donnees.fr.vtt", "Sous-titres français : la culture des données"),
    "captions_en": ("culture-des-donnees.en.vtt", "English captions: data culture"),
    "inventory": ("inventaire-des-donnees.csv", "Gabarit : inventaire des données"),
    "inventory_en": ("data-inventory.csv", "Template: data inventory"),
    "self_assessment": (
        "autodiagnostic-maturite.csv",
        "Grille d'autodiagnostic de la maturité technologique",
    ),
    "plan": ("plan-transition-numerique.csv", "Gabarit : plan de transition numérique"),
}

#: Block fields that hold a document, given in the specs below by their DOCUMENTS key.
DOCUMENT_FIELDS = {"video": ("video", "captions_fr", "captions_en"), "resource": ("document",)}


def _squash(text: str) -> str:
    return " ".join(text.split())


# --- Blocks: (type, value) with raw values; documents by key, resolved at load time ----


def _text(html: str) -> tuple:
    return ("text", _squash(html))


def _heading(text: str, level: str = "h2") -> tuple:
    return ("heading", {"text": text, "level": level})


def _callout(kind: str, title: str, html: str) -> tuple:
    return ("callout", {"kind": kind, "title": title, "body": _squash(html)})


def _resource(document: str, title: str, description: str) -> tuple:
    return ("resource", {"document": document, "title": title, "description": _squash(description)})


def _reflection(prompt: str, guidance: str = "") -> tuple:
    return ("reflection", {"prompt": _squash(prompt), "guidance": _squash(guidance)})


def _checklist(title: str, *items: str) -> tuple:
    return ("checklist", {"title": title, "items": [_squash(item) for item in items]})


def _quiz(question: str, choices: list, explanation: str, *, multiple: bool = False) -> tuple:
    return (
        "quiz",
        {
            "question": _squash(question),
            "multiple": multiple,
            "choices": [{"text": _squash(text), "correct": correct} for text, correct in choices],
            "explanation": _squash(explanation),
        },
    )


def _video(title: str, transcript: str) -> tuple:
    return (
        "video",
        {
            "title": title,
            "video": "video",
            "captions_fr": "captions_fr",
            "captions_en": "captions_en",
            "transcript": _squash(transcript),
        },
    )


def _ul(*items: str) -> str:
    return "<ul>" + "".join(f"<li>{_squash(item)}</li>" for item in items) + "</ul>"


# --- Specs --------------------------------------------------------------------------


@dataclass
class Module:
    slug: str
    title: str
    week: int
    kind: str
    duration_minutes: int
    objectives: str
    body: list
    required: bool = True
    #: English fields (title, slug, objectives, body) when the module is translated.
    english: dict = field(default_factory=dict)


LEARNING = ModulePage.Kind.LEARNING
EXPERIMENTATION = ModulePage.Kind.EXPERIMENTATION
TRY_THIS_WEEK = "Cette semaine, essayez :"

LEVELS = [
    {
        "number": LevelPage.Number.AWARENESS,
        "slug": "sensibilisation",
        "title": "Sensibilisation",
        "intro": """<p>Le premier pas du parcours DATAide : un webinaire de deux heures pour
            comprendre, sans jargon, ce que la transition numérique peut changer dans un
            organisme communautaire. On y parle de données, d'outils et de confidentialité, à
            partir d'exemples tirés du milieu.</p>""",
        "audience": """<p>Ouvert à tous les organismes communautaires du Québec, quelle que
            soit leur taille ou leur aisance avec le numérique. Employées, employés et
            bénévoles sont les bienvenus, et aucune connaissance technique n'est requise.
            Plusieurs personnes d'un même organisme peuvent y participer.</p>""",
        "bursary_name": "Bourse d'amorçage",
        "bursary_ceiling": 5000,
        "completion": """<p>Assistez au webinaire de deux heures en direct, ou regardez-en la
            rediffusion au complet. Dès qu'une personne de votre organisme a terminé le
            niveau, l'organisme devient admissible à la bourse d'amorçage, jusqu'à
            5 000 $, pour de l'équipement, des licences de logiciels ou leur
            déploiement.</p>""",
        "english": {
            "slug": "awareness",
            "title": "Awareness",
            "intro": """<p>The first step of the DATAide pathway: a two-hour webinar to
                understand, without jargon, what the digital transition can change for a
                community organisation. It covers data, tools and confidentiality, through
                examples from the community sector.</p>""",
            "audience": """<p>Open to every community organisation in Quebec, whatever its
                size or its ease with digital tools. Staff and volunteers are welcome, and
                no technical knowledge is needed. Several people from the same organisation
                can take part.</p>""",
            "bursary_name": "Seed bursary",
            "completion": """<p>Attend the two-hour webinar live, or watch its full replay.
                As soon as one person from your organisation has completed the level, the
                organisation becomes eligible for the seed bursary, up to $5,000, for
                equipment, software licences or their roll-out.</p>""",
        },
    },
    {
        "number": LevelPage.Number.ACCELERATION,
        "slug": "acceleration",
        "title": "Accélération",
        "intro": """<p>Une formation de 12 semaines, en cohorte, qui alterne modules
            d'apprentissage et périodes d'expérimentation dans votre propre organisme. Vous y
            bâtissez, pas à pas, le plan de transition numérique de votre organisme.</p>""",
        "audience": """<p>Réservé aux 180 organismes choisis par les comités de sélection.
            Chaque organisme y délègue une ou quelques personnes (direction, coordination,
            personne responsable des outils), qui suivent la formation avec une cohorte de 15
            à 30 organismes, accompagnées par une animatrice ou un animateur.</p>""",
        "bursary_name": "Bourse d'accélération",
        "bursary_ceiling": 15000,
        "completion": """<p>Terminez tous les modules obligatoires de la formation et déposez
            le plan de transition numérique de votre organisme. Les modules facultatifs
            permettent d'aller plus loin, mais ne comptent pas pour terminer le niveau. Le
            niveau terminé, votre organisme devient admissible à la bourse d'accélération,
            jusqu'à 15 000 $.</p>""",
        "english": {
            "slug": "acceleration",
            "title": "Acceleration",
            "intro": """<p>A 12-week cohort course that alternates learning modules with
                experimentation periods in your own organisation. Step by step, you build
                your organisation's digital transition plan.</p>""",
            "audience": """<p>For the 180 organisations chosen by the selection committees.
                Each organisation sends one or a few people (management, coordination, the
                person in charge of tools), who take the course with a cohort of 15 to 30
                organisations, supported by a facilitator.</p>""",
            "bursary_name": "Acceleration bursary",
            "completion": """<p>Complete every required module of the course and submit
                your organisation's digital transition plan. Optional modules let you go
                further but do not count toward the level. Once the level is complete, your
                organisation becomes eligible for the acceleration bursary, up to
                $15,000.</p>""",
        },
    },
    {
        "number": LevelPage.Number.INNOVATION,
        "slug": "innovation",
        "title": "Innovation",
        "intro": """<p>Un laboratoire de soutien au leadership pour les personnes qui veulent
            porter le numérique au-delà de leur organisme : dans un regroupement, un réseau
            ou un territoire. On y travaille des projets concrets, en petits groupes de
            pairs.</p>""",
        "audience": """<p>Le laboratoire réunit 60 leaders du milieu communautaire qui
            deviennent ambassadrices et ambassadeurs du numérique. Il s'adresse surtout aux
            personnes qui ont suivi la formation Accélération ou qui ont déjà mené un projet
            numérique d'envergure dans leur milieu.</p>""",
        "bursary_name": "Bourse d'innovation",
        "bursary_ceiling": 50000,
        "completion": """<p>Terminez les modules obligatoires du laboratoire de soutien au
            leadership. Votre organisme devient alors admissible à la bourse d'innovation,
            jusqu'à 50 000 $, pour une initiative innovante qui profite à tout un réseau ou
            à un territoire.</p>""",
        "english": {
            "slug": "innovation",
            "title": "Innovation",
            "intro": """<p>A leadership support lab for people who want to carry digital
                change beyond their own organisation: across a coalition, a network or a
                territory. Participants work on real projects, in small peer groups.</p>""",
            "audience": """<p>The lab brings together 60 community leaders who become
                digital ambassadors. It is mainly for people who have taken the Acceleration
                course or have already led a large digital project in their community.</p>""",
            "bursary_name": "Innovation bursary",
            "completion": """<p>Complete the required modules of the leadership support
                lab. Your organisation then becomes eligible for the innovation bursary, up
                to $50,000, for an innovative initiative that benefits a whole network or
                territory.</p>""",
        },
    },
]

COURSE = {
    "slug": "accelerer-la-transition-numerique",
    "title": "Accélérer la transition numérique de son organisme",
    "format": CoursePage.Format.COURSE,
    "duration_weeks": 12,
    "lock_by_week": True,
    "intro": """<p>Douze semaines pour passer des intentions aux actions. Chaque module
        d'apprentissage est suivi d'une période d'expérimentation : vous essayez dans votre
        organisme ce que vous venez d'apprendre, puis vous en discutez avec votre cohorte. À
        la fin, vous déposez le plan de transition numérique de votre organisme.</p>""",
    "english": {
        "slug": "accelerating-the-digital-transition",
        "title": "Accelerating your organisation's digital transition",
        "intro": """<p>Twelve weeks to move from intentions to action. Each learning module
            is followed by an experimentation period: you try out in your organisation what
            you have just learned, then discuss it with your cohort. At the end, you submit
            your organisation's digital transition plan.</p>""",
    },
}

LAB = {
    "slug": "laboratoire-leadership",
    "title": "Laboratoire de soutien au leadership",
    "format": CoursePage.Format.LAB,
    "duration_weeks": 16,
    "lock_by_week": True,
    "intro": """<p>Un laboratoire en petits groupes de pairs pour les leaders qui portent le
        numérique au-delà de leur organisme. Quatre modules, espacés pour laisser le temps
        d'agir entre les rencontres, accompagnent la conception et la conduite d'un projet
        systémique.</p>""",
    "english": {
        "slug": "leadership-lab",
        "title": "Leadership support lab",
        "intro": """<p>A lab in small peer groups for leaders who carry digital change beyond
            their own organisation. Four modules, spaced out to leave time for action between
            meetings, support the design and running of a systemic project.</p>""",
    },
}

VIDEO_TRANSCRIPT_FR = """<p>Vidéo de 12 secondes, sans narration, en quatre cartons de
    titre. 1. DATAide, semaine 1 : la culture des données. 2. Vos données racontent ce que
    fait votre organisme. 3. Collecter le minimum, protéger les personnes. 4. À vous :
    nommez trois données que vous utilisez chaque semaine.</p>"""

VIDEO_TRANSCRIPT_EN = """<p>A 12-second video without narration, in four title cards
    (in French, with English captions). 1. DATAide, week 1: data culture. 2. Your data tells
    the story of what your organisation does. 3. Collect the minimum, protect people.
    4. Your turn: name three pieces of data you use every week.</p>"""

COURSE_MODULES = [
    Module(
        slug="culture-des-donnees",
        title="La culture des données dans un organisme communautaire",
        week=1,
        kind=LEARNING,
        duration_minutes=45,
        objectives=_ul(
            "Reconnaître les données que votre organisme produit déjà au quotidien.",
            "Distinguer une donnée, une information et un renseignement personnel.",
            "Nommer une décision qui pourrait s'appuyer davantage sur des données.",
        ),
        body=[
            _video("Introduction : la culture des données", VIDEO_TRANSCRIPT_FR),
            _heading("Des données, vous en avez déjà"),
            _text(
                """<p>Une feuille de présence à la cuisine collective, le registre des
                paniers remis par la banque alimentaire, la liste d'attente d'une maison de
                la famille, les appels reçus à la ligne d'écoute : chaque organisme
                communautaire produit des données, souvent sans les appeler ainsi. Elles
                dorment dans des cahiers, des chiffriers, des courriels, ou dans la mémoire
                d'une coordonnatrice d'expérience.</p>
                <p>Avoir une <b>culture des données</b>, ce n'est pas devenir une entreprise
                technologique. C'est prendre l'habitude de se demander, en équipe : quelles
                données recueillons-nous, pourquoi, et que nous apprennent-elles sur nos
                services?</p>"""
            ),
            _heading("Donnée, information, renseignement personnel"),
            _text(
                """<p>Une <b>donnée</b> est un fait brut : « 42 paniers remis le mardi 3
                mars ». Elle devient une <b>information</b> quand on lui donne un sens : « la
                demande a doublé depuis la fermeture de l'épicerie du quartier ». Un
                <b>renseignement personnel</b> est une donnée qui permet d'identifier une
                personne, directement (un nom, une adresse) ou en croisant plusieurs
                éléments (l'âge, la rue et la composition familiale, dans un petit
                village).</p>
                <p>Les données servent d'abord la mission : mieux répondre aux besoins,
                planifier les ressources, faire reconnaître le travail accompli. Elles
                servent aussi la reddition de comptes, mais elles ne devraient jamais exister
                seulement pour elle.</p>"""
            ),
            _callout(
                "tip",
                "Commencez petit",
                """<p>Choisissez une seule question qui compte pour votre équipe, par
                exemple « à quelles heures l'accueil est-il le plus achalandé? », et
                regardez quelles données pourraient y répondre. Une bonne question vaut
                mieux qu'un grand tableau de bord.</p>""",
            ),
            _quiz(
                "Laquelle de ces données est un renseignement personnel?",
                [
                    ("Le nombre de repas livrés par la popote roulante en février", False),
                    ("L'adresse d'une personne aînée qui reçoit des repas", True),
                    ("Le nombre moyen de bénévoles présents le mercredi", False),
                ],
                """<p>Une adresse permet d'identifier une personne : c'est un renseignement
                personnel, protégé par la Loi 25. Les deux autres sont des données
                agrégées, qui ne désignent personne.</p>""",
            ),
            _reflection(
                """Quelles sont trois données que votre organisme utilise chaque semaine, et
                à quelle décision chacune sert-elle?""",
                """Pensez à l'accueil, aux inscriptions, aux bénévoles et aux rapports que
                vous remettez. Votre réponse n'est visible que par vous.""",
            ),
        ],
        english={
            "slug": "data-culture",
            "title": "Data culture in a community organisation",
            "objectives": _ul(
                "Recognise the data your organisation already produces day to day.",
                "Tell apart data, information and personal information.",
                "Name one decision that could rely more on data.",
            ),
            "body": [
                _video("Introduction: data culture", VIDEO_TRANSCRIPT_EN),
                _heading("You already have data"),
                _text(
                    """<p>An attendance sheet at the community kitchen, the food bank's log
                    of baskets handed out, a family centre's waiting list, the calls taken
                    on a support line: every community organisation produces data, often
                    without calling it that. It sits in notebooks, spreadsheets, e-mails,
                    or in the memory of an experienced coordinator.</p>
                    <p>Having a <b>data culture</b> does not mean becoming a tech company.
                    It means getting into the habit of asking, as a team: what data do we
                    collect, why, and what does it tell us about our services?</p>"""
                ),
                _heading("Data, information, personal information"),
                _text(
                    """<p>A piece of <b>data</b> is a raw fact: "42 baskets handed out on
                    Tuesday, March 3". It becomes <b>information</b> once it is given
                    meaning: "demand has doubled since the neighbourhood grocery store
                    closed". <b>Personal information</b> is data that can identify a person,
                    directly (a name, an address) or by combining several details (age,
                    street and household, in a small village).</p>
                    <p>Data serves the mission first: meeting needs better, planning
                    resources, getting the work recognised. It also serves reporting to
                    funders, but it should never exist for reporting alone.</p>"""
                ),
                _callout(
                    "tip",
                    "Start small",
                    """<p>Pick a single question that matters to your team, such as "at
                    what times is the front desk busiest?", and look at which data could
                    answer it. A good question beats a big dashboard.</p>""",
                ),
                _quiz(
                    "Which of these is personal information?",
                    [
                        ("The number of meals delivered by the meals-on-wheels in February", False),
                        ("The address of an older person who receives meals", True),
                        ("The average number of volunteers present on Wednesdays", False),
                    ],
                    """<p>An address can identify a person: it is personal information,
                    protected by Law 25. The other two are aggregate figures that point to
                    no one.</p>""",
                ),
                _reflection(
                    """What are three pieces of data your organisation uses every week, and
                    which decision does each one support?""",
                    """Think of the front desk, registrations, volunteers and the reports
                    you hand in. Only you can see your answer.""",
                ),
            ],
        },
    ),
    Module(
        slug="experimentation-reperer-les-donnees",
        title="Expérimentation : repérer les données de l'organisme",
        week=2,
        kind=EXPERIMENTATION,
        duration_minutes=90,
        objectives=_ul(
            "Dresser avec l'équipe un premier portrait des données de l'organisme.",
            "Repérer où se trouvent les renseignements personnels.",
        ),
        body=[
            _text(
                """<p>Cette semaine, on passe à la pratique. Prenez une heure avec une ou deux
                collègues, ou avec des bénévoles de l'accueil, et faites le tour des endroits
                où votre organisme note quelque chose. Le but n'est pas d'être exhaustif,
                mais de voir le paysage.</p>"""
            ),
            _checklist(
                TRY_THIS_WEEK,
                "Faire la liste des formulaires, cahiers et chiffriers utilisés par l'équipe",
                "Pour chacun, noter ce qu'il contient et qui le remplit",
                """Repérer ceux qui contiennent des renseignements personnels (nom, adresse,
                téléphone, santé, revenu)""",
                "Demander à une personne de l'accueil quelle information lui manque le plus",
                """Choisir une question à laquelle vos données pourraient répondre d'ici la
                fin de la formation""",
            ),
            _callout(
                "privacy",
                "Pendant l'exercice",
                """<p>Notez le <i>type</i> de données, jamais les données elles-mêmes :
                écrivez « adresse des personnes inscrites », pas l'adresse de quelqu'un. Votre
                liste doit pouvoir circuler sans risque.</p>""",
            ),
            _reflection(
                "Qu'est-ce qui vous a surpris en faisant le tour des données de votre organisme?",
                "Vous pourrez en parler, si vous le souhaitez, à la rencontre de cohorte.",
            ),
        ],
        english={
            "slug": "experimentation-finding-your-data",
            "title": "Experimentation: finding your organisation's data",
            "objectives": _ul(
                "Draw a first picture of the organisation's data with the team.",
                "Find where personal information is kept.",
            ),
            "body": [
                _text(
                    """<p>This week, you put it into practice. Take an hour with one or two
                    colleagues, or with front-desk volunteers, and go round every place
                    where your organisation writes something down. The aim is not to be
                    exhaustive but to see the landscape.</p>"""
                ),
                _checklist(
                    "This week, try to:",
                    "List the forms, notebooks and spreadsheets the team uses",
                    "For each one, note what it contains and who fills it in",
                    """Spot those that hold personal information (name, address, phone,
                    health, income)""",
                    "Ask someone at the front desk which information they most often lack",
                    "Choose a question your data could answer by the end of the course",
                ),
                _callout(
                    "privacy",
                    "During the exercise",
                    """<p>Write down the <i>kind</i> of data, never the data itself: write
                    "addresses of registered people", not someone's address. Your list
                    should be safe to pass around.</p>""",
                ),
                _reflection(
                    "What surprised you as you went round your organisation's data?",
                    "You can talk about it at the cohort meeting, if you wish.",
                ),
            ],
        },
    ),
    Module(
        slug="gouvernance-des-donnees",
        title="La gouvernance des données et les données des personnes servies",
        week=3,
        kind=LEARNING,
        duration_minutes=60,
        objectives=_ul(
            "Comprendre les obligations de la Loi 25 qui s'appliquent aux organismes.",
            "Définir qui décide de quoi pour les données de l'organisme.",
            "Appliquer le principe de minimisation aux données des personnes servies.",
        ),
        body=[
            _heading("Qui décide, qui protège?"),
            _text(
                """<p>La <b>gouvernance des données</b>, c'est l'ensemble des règles et des
                rôles qui disent qui peut recueillir, consulter, modifier, partager et
                détruire les données de l'organisme. Dans un petit organisme, elle tient
                parfois en une page : c'est suffisant, pourvu qu'elle soit écrite, connue de
                l'équipe et appliquée.</p>
                <p>Depuis la Loi 25, les organismes à but non lucratif qui détiennent des
                renseignements personnels ont les mêmes obligations que les entreprises. La
                personne qui a la plus haute autorité, souvent la direction, est d'office
                responsable de la protection des renseignements personnels; elle peut
                déléguer cette fonction par écrit. L'organisme doit publier ses règles de
                gouvernance sur son site Web, tenir un registre des incidents de
                confidentialité et aviser la Commission d'accès à l'information quand un
                incident présente un risque de préjudice sérieux.</p>"""
            ),
            _callout(
                "privacy",
                "Les données des personnes servies",
                """<p>Les personnes qui frappent à votre porte vivent souvent des situations
                délicates : insécurité alimentaire, violence, santé mentale, statut
                migratoire. Ne recueillez que ce qui est nécessaire au service, expliquez
                pourquoi vous le demandez, et n'exigez jamais une information qui pourrait
                éloigner quelqu'un de l'aide dont il a besoin.</p>""",
            ),
            _heading("Quatre questions pour chaque donnée", "h3"),
            _text(
                """<ol><li><b>Pourquoi</b> la recueillons-nous? Si personne ne le sait, on
                arrête.</li><li><b>Qui</b> y a accès? Le moins de personnes possible, selon
                leur rôle.</li><li><b>Où</b> est-elle conservée? Un seul endroit sûr plutôt
                que trois copies.</li><li><b>Combien de temps</b> la gardons-nous? Une fois
                le besoin passé, on la détruit ou on l'anonymise.</li></ol>"""
            ),
            _resource(
                "inventory",
                "Gabarit : inventaire des données",
                """Un chiffrier (CSV, séparateur point-virgule) pour recenser les données de
                l'organisme, leur raison d'être, leur lieu et leur durée de conservation.
                Deux exemples sont déjà remplis.""",
            ),
            _quiz(
                "Quelles pratiques respectent le principe de minimisation?",
                [
                    ("Demander la date de naissance seulement si un service dépend de l'âge", True),
                    (
                        "Photocopier la carte d'assurance maladie de chaque personne, au cas où",
                        False,
                    ),
                    ("Supprimer la liste d'attente d'un programme terminé, le bilan fait", True),
                    (
                        "Garder tous les formulaires papier depuis la fondation de l'organisme",
                        False,
                    ),
                ],
                """<p>Minimiser, c'est recueillir seulement ce qui sert au service et ne le
                garder que le temps nécessaire. Une copie « au cas où » ou des archives sans
                fin augmentent le risque en cas de vol ou de perte, sans rien apporter aux
                personnes.</p>""",
                multiple=True,
            ),
            _reflection(
                """Qui, dans votre organisme, est aujourd'hui responsable de la protection
                des renseignements personnels? Cette personne le sait-elle?""",
                """Si la réponse est « personne » ou « je ne sais pas », notez-le : c'est un
                premier chantier pour votre plan de transition numérique.""",
            ),
        ],
        english={
            "slug": "data-governance",
            "title": "Data governance and the data of the people served",
            "objectives": _ul(
                "Understand the obligations of Law 25 that apply to community organisations.",
                "Decide who decides what about the organisation's data.",
                "Apply the principle of data minimisation to the data of the people served.",
            ),
            "body": [
                _heading("Who decides, who protects?"),
                _text(
                    """<p><b>Data governance</b> is the set of rules and roles that say who
                    may collect, consult, change, share and destroy the organisation's
                    data. In a small organisation it sometimes fits on one page: that is
                    enough, as long as it is written down, known to the team and
                    followed.</p>
                    <p>Since Law 25, non-profits that hold personal information have the
                    same obligations as businesses. The person with the highest authority,
                    often the executive director, is by default responsible for the
                    protection of personal information, and may delegate this role in
                    writing. The organisation must publish its governance rules on its
                    website, keep a register of confidentiality incidents, and notify the
                    Commission d'accès à l'information when an incident presents a risk of
                    serious harm.</p>"""
                ),
                _callout(
                    "privacy",
                    "The data of the people you serve",
                    """<p>People who knock on your door are often in difficult situations:
                    food insecurity, violence, mental health, immigration status. Collect
                    only what the service needs, explain why you ask, and never require
                    information that could keep someone away from the help they need.</p>""",
                ),
                _heading("Four questions for every piece of data", "h3"),
                _text(
                    """<ol><li><b>Why</b> do we collect it? If nobody knows, we stop.</li>
                    <li><b>Who</b> can access it? As few people as possible, according to
                    their role.</li><li><b>Where</b> is it kept? One safe place rather than
                    three copies.</li><li><b>How long</b> do we keep it? Once the need has
                    passed, we destroy or anonymise it.</li></ol>"""
                ),
                _resource(
                    "inventory_en",
                    "Template: data inventory",
                    """A spreadsheet (CSV, semicolon-separated) to list the organisation's
                    data, why it is collected, where and for how long it is kept. Two
                    examples are filled in.""",
                ),
                _quiz(
                    "Which practices follow the principle of data minimisation?",
                    [
                        ("Asking for a date of birth only when a service depends on age", True),
                        ("Photocopying everyone's health insurance card, just in case", False),
                        ("Deleting a finished programme's waiting list once it is reviewed", True),
                        ("Keeping every paper form since the organisation was founded", False),
                    ],
                    """<p>Minimising means collecting only what the service needs and
                    keeping it only as long as necessary. A copy "just in case" or endless
                    archives increase the risk if anything is stolen or lost, and bring
                    nothing to the people served.</p>""",
                    multiple=True,
                ),
                _reflection(
                    """Who in your organisation is currently responsible for the protection
                    of personal information? Do they know it?""",
                    """If the answer is "nobody" or "I don't know", write it down: it is a
                    first project for your digital transition plan.""",
                ),
            ],
        },
    ),
    Module(
        slug="experimentation-inventaire-des-donnees",
        title="Expérimentation : faire l'inventaire et le ménage des données",
        week=4,
        kind=EXPERIMENTATION,
        duration_minutes=90,
        objectives=_ul(
            "Remplir l'inventaire des données pour au moins un service.",
            "Retirer une donnée inutile ou un accès superflu.",
        ),
        body=[
            _text(
                """<p>Reprenez la liste dressée en semaine 2 et passez-la au crible des quatre
                questions. Concentrez-vous sur un seul service, par exemple l'aide
                alimentaire ou les inscriptions aux ateliers : un inventaire juste pour un
                service vaut mieux qu'un inventaire approximatif de tout l'organisme.</p>"""
            ),
            _checklist(
                TRY_THIS_WEEK,
                "Remplir le gabarit d'inventaire des données pour un service",
                "Retirer d'un formulaire une question dont personne ne se sert",
                """Vérifier qui a accès au dossier partagé des inscriptions et retirer les
                accès des anciens bénévoles""",
                "Convenir d'une durée de conservation pour la liste des personnes inscrites",
                """Désigner par écrit la personne responsable de la protection des renseignements
                personnels""",
            ),
            _resource(
                "inventory",
                "Gabarit : inventaire des données",
                "Le même gabarit qu'en semaine 3, à remplir pour un service.",
            ),
            _callout(
                "warning",
                "Avant de détruire",
                """<p>Vérifiez d'abord si une entente de financement ou une loi vous oblige à
                garder certains documents, comme les pièces comptables. Dans le doute,
                posez la question à votre animatrice ou à votre animateur.</p>""",
            ),
            _reflection(
                """Quelle donnée ou quel accès avez-vous retiré cette semaine, et comment
                l'équipe a-t-elle réagi?"""
            ),
        ],
    ),
    Module(
        slug="cyberhygiene",
        title="La cyberhygiène : protéger l'organisme au quotidien",
        week=5,
        kind=LEARNING,
        duration_minutes=45,
        objectives=_ul(
            """Reconnaître les menaces les plus courantes : hameçonnage, mots de passe
            faibles, appareils sans mises à jour.""",
            "Adopter cinq gestes de base, même avec de vieux ordinateurs.",
            "Savoir quoi faire en cas d'incident.",
        ),
        body=[
            _heading("Les fraudeurs visent aussi les petits organismes"),
            _text(
                """<p>On pense souvent qu'un organisme communautaire n'intéresse pas les
                fraudeurs. Pourtant, un courriel d'hameçonnage qui imite la facture d'un
                fournisseur ou un message de la direction peut vider un compte bancaire ou
                exposer la liste des personnes inscrites. Les petites équipes, qui partagent
                ordinateurs et mots de passe, sont des cibles faciles.</p>
                <p>La bonne nouvelle : la plupart des incidents s'évitent avec quelques
                habitudes simples, qui ne demandent ni gros budget ni expertise.</p>"""
            ),
            _heading("Cinq gestes de base", "h3"),
            _text(
                """<ul><li><b>Un compte par personne</b>, bénévoles compris, plutôt qu'un mot
                de passe partagé sur un papillon adhésif.</li><li><b>Un gestionnaire de mots
                de passe</b> et des phrases de passe longues.</li><li><b>L'authentification à
                deux facteurs</b> sur la messagerie et les services bancaires.</li><li><b>Les
                mises à jour</b> du système et du navigateur, installées sans
                attendre.</li><li><b>Des sauvegardes</b> régulières, dont une copie hors
                ligne ou hors des locaux.</li></ul>"""
            ),
            _callout(
                "info",
                "Les vieux ordinateurs",
                """<p>Un ordinateur qui ne reçoit plus de mises à jour de sécurité ne devrait
                plus servir à consulter des dossiers de personnes ni les services bancaires.
                Le remplacer est exactement le genre de dépense que les bourses DATAide
                peuvent financer.</p>""",
            ),
            _callout(
                "privacy",
                "En cas d'incident",
                """<p>Un portable volé, un courriel envoyé à la mauvaise personne, un compte
                piraté : si des renseignements personnels sont touchés, c'est un incident de
                confidentialité. Limitez les dégâts (mots de passe changés, banque avisée),
                consignez l'incident au registre et évaluez le risque de préjudice sérieux
                pour décider s'il faut aviser la Commission d'accès à l'information et les
                personnes concernées.</p>""",
            ),
            _quiz(
                """Un courriel de « la direction » vous demande d'acheter d'urgence des
                cartes-cadeaux pour remercier les bénévoles et d'en envoyer les codes par
                retour de courriel. Que faites-vous?""",
                [
                    ("J'achète les cartes : la direction est pressée", False),
                    ("Je vérifie la demande auprès de la direction par un autre moyen", True),
                    ("Je réponds au courriel pour demander une confirmation", False),
                ],
                """<p>C'est une fraude classique. Répondre au courriel, c'est parler au
                fraudeur : vérifiez toujours par un autre moyen que vous connaissez, comme
                le téléphone, avant de payer ou de transmettre des informations.</p>""",
            ),
            _reflection(
                """Lequel des cinq gestes serait le plus difficile à adopter dans votre
                organisme, et pourquoi?"""
            ),
        ],
    ),
    Module(
        slug="experimentation-cyberhygiene",
        title="Expérimentation : une semaine de cyberhygiène",
        week=6,
        kind=EXPERIMENTATION,
        duration_minutes=60,
        objectives=_ul(
            "Mettre en place au moins trois gestes de cyberhygiène dans l'organisme.",
            "Préparer l'équipe à réagir à un incident.",
        ),
        body=[
            _text(
                """<p>Choisissez les gestes qui auront le plus d'effet chez vous, en
                commençant par la messagerie et les comptes bancaires. Mettez l'équipe dans le
                coup : une courte démonstration à la réunion d'équipe convainc mieux qu'une
                note de service.</p>"""
            ),
            _checklist(
                TRY_THIS_WEEK,
                "Activer l'authentification à deux facteurs sur la messagerie de l'organisme",
                """Recenser les mots de passe partagés et en remplacer au moins un par des
                comptes individuels""",
                "Vérifier que les mises à jour automatiques sont activées sur chaque ordinateur",
                "Restaurer un fichier à partir de la sauvegarde, pour voir si elle fonctionne",
                "Afficher près des postes la marche à suivre devant un courriel douteux",
                "Créer le registre des incidents de confidentialité (un simple tableau suffit)",
            ),
            _callout(
                "tip",
                "Une sauvegarde non testée n'est pas une sauvegarde",
                """<p>Restaurer un seul fichier prend cinq minutes et vous dira si vos
                sauvegardes fonctionnent vraiment, avant le jour où vous en aurez
                besoin.</p>""",
            ),
            _reflection(
                "Quel geste avez-vous mis en place, et qu'est-ce qui a aidé ou freiné l'équipe?"
            ),
        ],
    ),
    Module(
        slug="services-en-ligne",
        title="Développer des services en ligne",
        week=7,
        kind=LEARNING,
        duration_minutes=60,
        objectives=_ul(
            "Choisir un service à offrir en ligne en partant des besoins des personnes.",
            "Tenir compte de la fracture numérique et garder une porte d'entrée hors ligne.",
            "Comparer des outils selon la confidentialité, les coûts et la facilité d'usage.",
        ),
        body=[
            _heading("Partir des personnes, pas de l'outil"),
            _text(
                """<p>Inscription en ligne aux ateliers, prise de rendez-vous, commande de
                paniers, clinique d'impôts, groupe de soutien en visioconférence : les
                services en ligne peuvent faire gagner du temps à l'équipe et rejoindre des
                personnes qui ne peuvent pas se déplacer. Mais un service en ligne mal pensé
                exclut celles qui n'ont pas de forfait de données ni d'ordinateur, ou qui
                lisent difficilement.</p>
                <p>Avant de choisir un outil, décrivez le parcours d'une personne réelle :
                comment apprend-elle que le service existe, que doit-elle faire, où
                bloque-t-elle aujourd'hui? Gardez toujours une autre façon d'accéder au
                service, par téléphone ou en personne.</p>"""
            ),
            _heading("Choisir un outil", "h3"),
            _text(
                """<p>Comparez deux ou trois outils sur des critères simples : facilité pour
                les personnes (sur un téléphone cellulaire, en français), coût réel après la
                période d'essai, lieu d'hébergement des données (au Québec, au Canada ou
                ailleurs), possibilité d'exporter vos données si vous changez d'outil.
                Plusieurs fournisseurs offrent des tarifs réduits aux organismes à but non
                lucratif : informez-vous.</p>"""
            ),
            _callout(
                "privacy",
                "Un nouvel outil, une évaluation",
                """<p>La Loi 25 demande une évaluation des facteurs relatifs à la vie privée
                (EFVP) avant d'acquérir ou de développer un système qui traite des
                renseignements personnels, et avant de communiquer ces renseignements hors
                du Québec. Pour un petit projet, elle tient en quelques pages : quelles
                données, hébergées où, accessibles par qui, et quels risques pour les
                personnes.</p>""",
            ),
            _reflection(
                """Quel service de votre organisme pourrait être offert en ligne, et quelles
                personnes risqueraient d'en être exclues?""",
                """Pensez aux personnes aînées, aux personnes nouvellement arrivées et à
                celles qui n'ont pas de forfait de données.""",
            ),
        ],
    ),
    Module(
        slug="experimentation-service-en-ligne",
        title="Expérimentation : tester un service en ligne avec les personnes",
        week=8,
        kind=EXPERIMENTATION,
        duration_minutes=90,
        required=False,
        objectives=_ul(
            "Tester une première version d'un service en ligne avec quelques personnes.",
            "Recueillir leurs commentaires et ajuster le service.",
        ),
        body=[
            _callout(
                "info",
                "Période facultative",
                """<p>Cette période d'expérimentation s'adresse aux organismes qui ont déjà
                un projet de service en ligne. Si ce n'est pas votre cas, profitez de la
                semaine pour poursuivre le ménage de vos données.</p>""",
            ),
            _text(
                """<p>Un test n'a pas besoin d'être parfait. Un formulaire d'inscription bâti
                en une heure et essayé par cinq personnes au comptoir de l'accueil vous en
                apprendra davantage qu'un mois de planification.</p>"""
            ),
            _checklist(
                TRY_THIS_WEEK,
                """Bâtir une première version du service avec un outil gratuit ou déjà payé
                par l'organisme""",
                """Le faire essayer par cinq personnes, dont au moins une peu à l'aise avec le
                numérique""",
                "Observer sans aider, et noter où chaque personne hésite",
                "Vérifier que le service fonctionne sur un vieux cellulaire et une connexion lente",
                "Corriger les deux irritants les plus fréquents",
            ),
            _reflection("Qu'avez-vous appris en regardant des personnes utiliser votre service?"),
        ],
    ),
    Module(
        slug="suivi-et-evaluation",
        title="Une stratégie simple de suivi et d'évaluation",
        week=9,
        kind=LEARNING,
        duration_minutes=60,
        objectives=_ul(
            "Formuler deux ou trois questions d'évaluation utiles à l'organisme.",
            "Choisir des indicateurs simples et la façon de les recueillir.",
            "Présenter des résultats sans exposer les personnes.",
        ),
        body=[
            _heading("Évaluer pour apprendre, pas seulement pour rendre des comptes"),
            _text(
                """<p>Les bailleurs de fonds demandent des chiffres, et c'est légitime. Mais
                une stratégie d'évaluation utile commence par les questions de l'équipe : nos
                ateliers de cuisine rejoignent-ils les familles visées? Les personnes
                reviennent-elles après leur première visite? Le nouveau formulaire en ligne
                a-t-il réduit l'attente au téléphone?</p>
                <p>Pour chaque question, choisissez un ou deux <b>indicateurs</b> (le nombre
                de familles inscrites par quartier, la proportion de personnes qui
                reviennent), la source de données qui les alimente et le moment où vous les
                regarderez ensemble. Trois indicateurs bien suivis valent mieux que vingt que
                personne ne lit.</p>"""
            ),
            _heading("Un exemple", "h3"),
            _text(
                """<p>Une maison de la famille veut savoir si sa halte-garderie rejoint les
                familles isolées. Elle retient deux indicateurs : le nombre de familles qui
                viennent pour la première fois chaque mois, et la part de celles qui ont été
                dirigées vers elle par le CLSC ou un autre organisme. Les données existent
                déjà dans le cahier d'inscription; il suffit d'y ajouter une case « Comment
                avez-vous connu la halte? ». Chaque trimestre, l'équipe regarde les chiffres
                pendant quinze minutes en réunion et ajuste sa promotion.</p>"""
            ),
            _quiz(
                "Lequel de ces énoncés est un indicateur?",
                [
                    ("Offrir de meilleurs services aux familles", False),
                    (
                        """La proportion de familles qui reviennent dans les trois mois qui
                        suivent leur première visite""",
                        True,
                    ),
                    ("Le logiciel de gestion des inscriptions", False),
                ],
                """<p>Un indicateur se mesure : on peut le compter ou le calculer à
                intervalles réguliers. « Offrir de meilleurs services » est un objectif, et
                le logiciel est un outil.</p>""",
            ),
            _callout(
                "privacy",
                "Des résultats qui ne désignent personne",
                """<p>Présentez des totaux et des proportions, jamais des listes de noms.
                Quand un groupe est très petit, par exemple deux familles d'un même rang,
                regroupez-le avec un autre : dans une petite communauté, un chiffre peut
                suffire à reconnaître quelqu'un.</p>""",
            ),
            _reflection(
                "Quelle est la question d'évaluation la plus utile à votre équipe cette année?",
                """Formulez-la de façon qu'on puisse y répondre par oui, par non ou par un
                chiffre.""",
            ),
        ],
    ),
    Module(
        slug="experimentation-premier-indicateur",
        title="Expérimentation : suivre un premier indicateur",
        week=10,
        kind=EXPERIMENTATION,
        duration_minutes=60,
        objectives=_ul(
            "Recueillir un indicateur pendant une semaine.",
            "En discuter en équipe et décider de la suite.",
        ),
        body=[
            _text(
                """<p>Choisissez l'indicateur le plus simple de votre stratégie et
                recueillez-le pendant une semaine, avec les outils que vous avez déjà.
                L'important est de vérifier que la collecte est réaliste pour l'équipe et
                qu'elle ne pèse pas sur les personnes servies.</p>"""
            ),
            _checklist(
                TRY_THIS_WEEK,
                "Écrire en une phrase ce que mesure l'indicateur et comment le calculer",
                "Préparer une grille de collecte simple, sur papier ou dans un chiffrier",
                "Recueillir l'indicateur pendant une semaine",
                "Présenter le résultat à l'équipe en cinq minutes, avec un graphique simple",
                "Décider ensemble de ce que vous garderez, changerez ou abandonnerez",
            ),
            _callout(
                "tip",
                "Pas de nouvelle question sans raison",
                """<p>Si l'indicateur oblige à poser une nouvelle question aux personnes
                servies, demandez-vous d'abord si vous pouvez l'obtenir autrement, par
                exemple à partir des données de fréquentation que vous avez déjà.</p>""",
            ),
            _reflection("L'indicateur vous a-t-il appris quelque chose que l'équipe ignorait?"),
        ],
    ),
    Module(
        slug="autodiagnostic",
        title="L'autodiagnostic de la maturité technologique",
        week=11,
        kind=LEARNING,
        duration_minutes=45,
        objectives=_ul(
            """Porter un regard critique sur l'équipement, les outils, les compétences et
            les pratiques de l'organisme.""",
            "Examiner la façon dont l'organisme utilise les données des personnes servies.",
            "Dégager trois priorités pour le plan de transition numérique.",
        ),
        body=[
            _heading("Savoir d'où l'on part"),
            _text(
                """<p>L'autodiagnostic n'est pas un examen : c'est un portrait honnête, fait
                en équipe, qui servira de point de départ à votre plan de transition
                numérique. Il couvre sept dimensions : l'équipement, les logiciels et
                outils, les compétences de l'équipe, les données des personnes servies, la
                sécurité, les services en ligne et la gouvernance.</p>
                <p>Pour chaque dimension, situez votre organisme sur une échelle de 1 (à
                démarrer) à 4 (avancé), puis notez un exemple concret qui justifie votre
                choix. Les écarts d'opinion dans l'équipe sont précieux : ils montrent souvent
                où l'information circule mal. Vous remplissez la grille chez vous; la
                plateforme ne la recueille pas.</p>"""
            ),
            _heading("Comment s'y prendre", "h3"),
            _text(
                """<p>Prévoyez une rencontre de 90 minutes. Chaque personne remplit d'abord la
                grille seule, sans consulter les autres, pour éviter que l'avis de la
                direction n'oriente celui de tout le monde. Mettez ensuite les réponses côte à
                côte et discutez des dimensions où les niveaux diffèrent de plus d'un point.
                Terminez en choisissant trois priorités : pas forcément les dimensions les
                plus faibles, mais celles où un progrès aurait le plus d'effet pour les
                personnes servies et pour l'équipe.</p>"""
            ),
            _resource(
                "self_assessment",
                "Grille d'autodiagnostic de la maturité technologique",
                """Sept dimensions, quatre niveaux décrits, une colonne pour votre niveau et
                une pour vos exemples. À remplir en équipe; la grille reste dans votre
                organisme.""",
            ),
            _callout(
                "privacy",
                "Les données des personnes servies, une dimension à part entière",
                """<p>Les personnes savent-elles quelles données vous gardez sur elles?
                Peuvent-elles les consulter ou les faire corriger? Pourriez-vous répondre à
                une telle demande dans les 30 jours prévus par la loi?</p>""",
            ),
            _reflection("Sur quelle dimension l'équipe était-elle la plus divisée, et pourquoi?"),
        ],
    ),
    Module(
        slug="experimentation-autodiagnostic",
        title="Expérimentation : l'autodiagnostic en équipe",
        week=11,
        kind=EXPERIMENTATION,
        duration_minutes=90,
        objectives=_ul(
            "Remplir la grille d'autodiagnostic avec au moins deux autres personnes.",
            "S'entendre sur trois priorités.",
        ),
        body=[
            _text(
                """<p>Réunissez des personnes qui voient l'organisme sous des angles
                différents : direction, intervention, accueil, et si possible un membre du
                conseil d'administration ou une personne bénévole. Chacune remplit la grille
                seule, puis vous comparez.</p>"""
            ),
            _checklist(
                TRY_THIS_WEEK,
                "Remplir la grille chacun de son côté, en 20 minutes",
                "Comparer les réponses et discuter des écarts",
                "S'entendre sur un niveau pour chaque dimension",
                "Retenir trois priorités et les noter pour le plan de transition numérique",
                "Présenter le résultat à la direction ou au conseil d'administration",
            ),
            _reflection("Quelles sont vos trois priorités, et pourquoi celles-là?"),
        ],
    ),
    Module(
        slug="plan-de-transition-numerique",
        title="Le plan de transition numérique",
        week=12,
        kind=LEARNING,
        duration_minutes=90,
        objectives=_ul(
            "Structurer le plan de transition numérique à partir de l'autodiagnostic.",
            "Prévoir les ressources, les personnes responsables et les échéances.",
            "Déposer le plan pour terminer le niveau Accélération.",
        ),
        body=[
            _heading("Le livrable de la formation"),
            _text(
                """<p>Le plan de transition numérique rassemble ce que vous avez appris et
                essayé depuis douze semaines. Il n'a pas besoin d'être long : cinq à dix pages
                suffisent à la plupart des organismes. Il doit surtout être réaliste pour
                votre équipe et compris par votre conseil d'administration.</p>
                <p>Un bon plan part des trois priorités de votre autodiagnostic. Pour
                chacune, il précise l'objectif, les actions, la personne responsable,
                l'échéance, le coût estimé et la source de financement : bourse DATAide,
                autre bailleur de fonds ou budget de l'organisme. Il prévoit aussi comment
                vous protégerez les données des personnes servies à chaque étape, et comment
                vous saurez que ça fonctionne.</p>"""
            ),
            _resource(
                "plan",
                "Gabarit : plan de transition numérique",
                """Un tableau à remplir pour chaque priorité : objectif, actions,
                responsable, échéance, coût, financement, indicateur et mesures de
                protection des renseignements personnels.""",
            ),
            _callout(
                "info",
                "Déposer le plan",
                """<p>Déposez votre plan avant la fin de la douzième semaine; votre
                animatrice ou votre animateur le lit et vous fait un retour. Une fois le plan
                déposé et les modules obligatoires terminés, votre organisme devient
                admissible à la bourse d'accélération.</p>""",
            ),
            _callout(
                "tip",
                "Des projets à la mesure de l'organisme",
                """<p>Les projets admissibles vont de l'adoption du courriel pour les
                communications internes jusqu'à l'intelligence artificielle. Un projet
                modeste bien mené vaut mieux qu'un projet ambitieux qui s'essouffle.</p>""",
            ),
            _reflection(
                """Quelle action de votre plan lancerez-vous dès le mois prochain, même sans
                financement?"""
            ),
        ],
    ),
]

LAB_MODULES = [
    Module(
        slug="ambassadeur-du-numerique",
        title="Devenir ambassadrice ou ambassadeur du numérique",
        week=1,
        kind=LEARNING,
        duration_minutes=90,
        objectives=_ul(
            "Définir son rôle d'ambassadrice ou d'ambassadeur du numérique dans son réseau.",
            "Repérer ses alliés et les besoins des organismes autour de soi.",
        ),
        body=[
            _text(
                """<p>Une ambassadrice ou un ambassadeur du numérique n'est pas la personne
                qui répare les ordinateurs. C'est une personne de confiance, issue du
                milieu, qui aide les organismes de son réseau à se poser les bonnes
                questions, fait connaître ce qui a fonctionné ailleurs et fait le lien avec
                les ressources : Centraide, organismes spécialisés en technologies de
                l'information, bailleurs de fonds.</p>
                <p>Son principal atout est sa crédibilité. Elle connaît les contraintes des
                petites équipes et la méfiance du milieu devant la collecte de données, et
                elle peut en parler franchement.</p>
                <p>Le rôle demande du temps : convenez avec votre conseil d'administration des
                heures que vous y consacrerez, et documentez ce que vous faites pour que
                d'autres puissent prendre le relais.</p>"""
            ),
            _reflection(
                """Dans votre réseau ou sur votre territoire, quels organismes viendraient
                spontanément vous parler de numérique, et pourquoi?"""
            ),
            _checklist(
                "D'ici la prochaine rencontre :",
                "Rencontrer trois organismes de votre réseau pour écouter leurs besoins",
                "Noter les obstacles qui reviennent le plus souvent",
                "Repérer une personne alliée dans un organisme spécialisé en technologies",
            ),
        ],
    ),
    Module(
        slug="mener-le-changement",
        title="Mener le changement dans un réseau",
        week=5,
        kind=LEARNING,
        duration_minutes=90,
        objectives=_ul(
            "Comprendre les résistances au changement numérique dans le milieu communautaire.",
            "Bâtir une démarche qui respecte l'autonomie des organismes.",
        ),
        body=[
            _text(
                """<p>Dans un regroupement ou une table de concertation, chaque organisme a
                sa mission, son rythme et son conseil d'administration. Le changement ne
                s'impose pas : il se propose, s'essaie et se partage. Les craintes sont
                souvent fondées : surcharge de reddition de comptes, perte d'autonomie,
                risque pour la confidentialité des personnes. Les nommer ouvertement est la
                première façon d'y répondre.</p>
                <p>Misez sur de petits gains visibles, comme un outil commun de prise de
                rendez-vous ou une formation partagée en cyberhygiène, et laissez chaque
                organisme choisir son degré de participation.</p>"""
            ),
            _callout(
                "privacy",
                "Partager sans exposer",
                """<p>Un projet de réseau ne doit jamais devenir une base de données commune
                des personnes servies sans un consentement clair, une entente écrite entre
                les organismes et une évaluation des facteurs relatifs à la vie privée.</p>""",
            ),
            _reflection(
                """Quelle crainte entendez-vous le plus souvent dans votre réseau, et comment
                pourriez-vous y répondre?"""
            ),
        ],
    ),
    Module(
        slug="projets-systemiques",
        title="Des projets systémiques sur un territoire",
        week=9,
        kind=LEARNING,
        duration_minutes=120,
        objectives=_ul(
            "Distinguer un projet d'organisme d'un projet systémique.",
            "Esquisser un projet qui profite à plusieurs organismes d'un territoire.",
        ),
        body=[
            _text(
                """<p>Un projet systémique change la façon dont plusieurs organismes
                travaillent ensemble : un répertoire régional pour diriger les personnes vers
                le bon organisme, un soutien informatique partagé par les organismes d'une
                MRC, un outil commun pour mesurer l'insécurité alimentaire sur un territoire.
                Il demande plus de temps et de concertation qu'un projet d'organisme, mais
                ses effets durent.</p>
                <p>Trois conditions reviennent dans les projets qui durent : un organisme
                porteur reconnu par les autres, des règles claires dès le départ sur les
                données et les outils, et un plan pour payer l'hébergement et le soutien une
                fois la bourse dépensée. Les projets qui reposent sur une seule personne
                passionnée s'arrêtent souvent quand elle s'en va. La bourse d'innovation,
                jusqu'à 50 000 $, est pensée pour ce genre d'initiative.</p>"""
            ),
            _checklist(
                "Esquissez votre projet :",
                "Décrire en une phrase le problème commun à plusieurs organismes",
                "Nommer les organismes partenaires et ce que chacun y gagne",
                "Prévoir à qui appartiendront les données et l'outil à la fin du projet",
                "Estimer le budget et les sources de financement",
                "Prévoir comment le projet se poursuivra après la bourse",
            ),
            _reflection(
                """Quel problème partagé par plusieurs organismes de votre territoire un
                projet numérique pourrait-il aider à régler?"""
            ),
        ],
    ),
    Module(
        slug="ethique-et-donnees",
        title="L'éthique et les données des personnes servies",
        week=13,
        kind=LEARNING,
        duration_minutes=90,
        objectives=_ul(
            "Reconnaître les enjeux éthiques propres aux données du milieu communautaire.",
            """Adopter des principes de gouvernance partagée pour les projets de réseau, y
            compris ceux qui font appel à l'intelligence artificielle.""",
        ),
        body=[
            _text(
                """<p>Les personnes qui font appel aux organismes communautaires n'ont
                souvent pas le choix de donner leurs renseignements pour recevoir de l'aide.
                Ce déséquilibre crée une responsabilité particulière : ne recueillir que le
                nécessaire, expliquer l'usage des données en langage clair et ne jamais les
                utiliser contre les intérêts des personnes. Même des données agrégées peuvent
                stigmatiser un quartier ou une communauté si elles sont mal présentées.</p>
                <p>Avec l'intelligence artificielle, ces questions deviennent plus
                pressantes : un outil qui résume des notes d'intervention ou trie des
                demandes traite des renseignements sensibles, parfois hors du Québec. Avant
                tout projet, demandez-vous à qui il profite, à qui il pourrait nuire et qui a
                été consulté.</p>"""
            ),
            _callout(
                "privacy",
                "Rien sur nous sans nous",
                """<p>Associez des personnes servies à la conception des projets qui
                utilisent leurs données : elles voient des risques que l'équipe ne voit
                pas.</p>""",
            ),
            _quiz(
                """Avant de confier des notes d'intervention à un outil d'intelligence
                artificielle en ligne, que faut-il faire d'abord?""",
                [
                    ("Vérifier que l'outil est gratuit", False),
                    (
                        """Évaluer les facteurs relatifs à la vie privée, dont le lieu où les
                        données sont traitées""",
                        True,
                    ),
                    ("Retirer les noms des notes, ce qui suffit à les anonymiser", False),
                ],
                """<p>Retirer les noms ne suffit pas : le contexte d'une note d'intervention
                permet souvent de reconnaître la personne. L'évaluation oblige à regarder où
                vont les données, qui y a accès et quels risques elles font courir.</p>""",
            ),
            _reflection("Quel principe éthique voudriez-vous voir adopté par tout votre réseau?"),
        ],
    ),
]


# --- Loading ----------------------------------------------------------------------------


def pathway_demo_load(*, author=None) -> None:
    """Load the demo levels, courses, modules, media and English translations, once."""
    home = PathwayHomePage.objects.get(locale__language_code="fr", slug="accueil")
    if LevelPage.objects.child_of(home).exists():
        return
    english = Locale.objects.get(language_code="en")
    documents = _documents(author)
    levels = {}
    for spec in LEVELS:
        level = _publish(home, LevelPage(**_fields(spec)), author)
        _translate(level, english, spec["english"], author)
        levels[level.number] = level
    from lms.demo.webinars import webinar_demo_load

    webinar_demo_load(
        level=levels[LevelPage.Number.AWARENESS],
        documents=documents,
        author=author,
        publish=_publish,
        translate=_translate,
    )
    for parent, course_spec, modules in (
        (levels[LevelPage.Number.ACCELERATION], COURSE, COURSE_MODULES),
        (levels[LevelPage.Number.INNOVATION], LAB, LAB_MODULES),
    ):
        course = _publish(parent, CoursePage(**_fields(course_spec)), author)
        _translate(course, english, course_spec["english"], author)
        for spec in modules:
            module = _publish(course, _module_page(spec, documents), author)
            if spec.english:
                english_fields = dict(spec.english)
                english_fields["body"] = _translated_body(
                    module, english_fields.pop("body"), documents
                )
                _translate(module, english, english_fields, author)


def _fields(spec: dict) -> dict:
    fields = {key: value for key, value in spec.items() if key != "english"}
    return {key: _squash(v) if isinstance(v, str) else v for key, v in fields.items()}


def _documents(author) -> dict[str, Document]:
    documents = {}
    for key, (filename, title) in DOCUMENTS.items():
        path = MEDIA_DIR / filename
        with path.open("rb") as handle:
            document = Document(
                title=title,
                file=File(handle, name=filename),
                file_size=path.stat().st_size,
                file_hash=hash_filelike(handle),
                uploaded_by_user=author,
            )
            handle.seek(0)
            document.save()
        documents[key] = document
    return documents


def _stream(blocks: list[tuple], documents: dict[str, Document], ids=None) -> list[dict]:
    """Return raw StreamField data, with documents resolved and the given block ids."""
    ids = ids or [str(uuid.uuid4()) for _ in blocks]
    stream = []
    for (block_type, value), block_id in zip(blocks, ids, strict=True):
        if block_type in DOCUMENT_FIELDS:
            value = dict(value)
            for name in DOCUMENT_FIELDS[block_type]:
                value[name] = documents[value[name]].pk
        stream.append({"type": block_type, "value": value, "id": block_id})
    return stream


def _module_page(spec: Module, documents: dict[str, Document]) -> ModulePage:
    return ModulePage(
        title=spec.title,
        slug=spec.slug,
        week=spec.week,
        kind=spec.kind,
        duration_minutes=spec.duration_minutes,
        required=spec.required,
        objectives=spec.objectives,
        body=_stream(spec.body, documents),
    )


def _translated_body(source: ModulePage, blocks: list[tuple], documents) -> list[dict]:
    """Return the English body, block for block, under the French blocks' ids.

    Learners' answers are keyed by block id: a translated block must keep its source's.
    """
    source_blocks = list(source.body.raw_data)
    types = [block["type"] for block in source_blocks]
    if types != [block_type for block_type, _value in blocks]:
        raise ValueError(f"The English body of {source.slug!r} does not match the French one.")
    return _stream(blocks, documents, ids=[block["id"] for block in source_blocks])


def _publish(parent: Page, page: Page, author) -> Page:
    page.owner = author
    parent.add_child(instance=page)
    page.save_revision(user=author).publish(user=author)
    return page


def _translate(page: Page, locale: Locale, fields: dict, author) -> Page:
    translation = page.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translation, name, _squash(value) if isinstance(value, str) else value)
    translation.owner = author
    translation.save_revision(user=author).publish(user=author)
    return translation
