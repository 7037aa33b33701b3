"""The demo pathway's levels and its two courses, the 12-week course and the leadership lab,
in French with their English translations (``english``)."""

from courses.models import CoursePage, Level

LEVELS = [
    {
        "number": Level.AWARENESS,
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
        "number": Level.ACCELERATION,
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
        "number": Level.INNOVATION,
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
