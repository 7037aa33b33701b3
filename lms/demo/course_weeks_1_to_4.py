"""The 12-week course, weeks 1 to 4: data culture and data governance, each followed by an
experimentation period; week 1 has the captioned video and an English translation."""

from lms.demo.blocks import (
    EXPERIMENTATION,
    LEARNING,
    TRY_THIS_WEEK,
    Module,
    callout,
    checklist,
    heading,
    quiz,
    reflection,
    resource,
    text,
    ul,
    video,
)

VIDEO_TRANSCRIPT_FR = """<p>Vidéo de 12 secondes, sans narration, en quatre cartons de
    titre. 1. DATAide, semaine 1 : la culture des données. 2. Vos données racontent ce que
    fait votre organisme. 3. Collecter le minimum, protéger les personnes. 4. À vous :
    nommez trois données que vous utilisez chaque semaine.</p>"""

VIDEO_TRANSCRIPT_EN = """<p>A 12-second video without narration, in four title cards
    (in French, with English captions). 1. DATAide, week 1: data culture. 2. Your data tells
    the story of what your organisation does. 3. Collect the minimum, protect people.
    4. Your turn: name three pieces of data you use every week.</p>"""

MODULES = [
    Module(
        slug="culture-des-donnees",
        title="La culture des données dans un organisme communautaire",
        week=1,
        kind=LEARNING,
        duration_minutes=45,
        objectives=ul(
            "Reconnaître les données que votre organisme produit déjà au quotidien.",
            "Distinguer une donnée, une information et un renseignement personnel.",
            "Nommer une décision qui pourrait s'appuyer davantage sur des données.",
        ),
        body=[
            video("Introduction : la culture des données", VIDEO_TRANSCRIPT_FR),
            heading("Des données, vous en avez déjà"),
            text(
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
            heading("Donnée, information, renseignement personnel"),
            text(
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
            callout(
                "tip",
                "Commencez petit",
                """<p>Choisissez une seule question qui compte pour votre équipe, par
                exemple « à quelles heures l'accueil est-il le plus achalandé? », et
                regardez quelles données pourraient y répondre. Une bonne question vaut
                mieux qu'un grand tableau de bord.</p>""",
            ),
            quiz(
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
            reflection(
                """Quelles sont trois données que votre organisme utilise chaque semaine, et
                à quelle décision chacune sert-elle?""",
                """Pensez à l'accueil, aux inscriptions, aux bénévoles et aux rapports que
                vous remettez. Votre réponse n'est visible que par vous.""",
            ),
        ],
        english={
            "slug": "data-culture",
            "title": "Data culture in a community organisation",
            "objectives": ul(
                "Recognise the data your organisation already produces day to day.",
                "Tell apart data, information and personal information.",
                "Name one decision that could rely more on data.",
            ),
            "body": [
                video("Introduction: data culture", VIDEO_TRANSCRIPT_EN),
                heading("You already have data"),
                text(
                    """<p>An attendance sheet at the community kitchen, the food bank's log
                    of baskets handed out, a family centre's waiting list, the calls taken
                    on a support line: every community organisation produces data, often
                    without calling it that. It sits in notebooks, spreadsheets, e-mails,
                    or in the memory of an experienced coordinator.</p>
                    <p>Having a <b>data culture</b> does not mean becoming a tech company.
                    It means getting into the habit of asking, as a team: what data do we
                    collect, why, and what does it tell us about our services?</p>"""
                ),
                heading("Data, information, personal information"),
                text(
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
                callout(
                    "tip",
                    "Start small",
                    """<p>Pick a single question that matters to your team, such as "at
                    what times is the front desk busiest?", and look at which data could
                    answer it. A good question beats a big dashboard.</p>""",
                ),
                quiz(
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
                reflection(
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
        objectives=ul(
            "Dresser avec l'équipe un premier portrait des données de l'organisme.",
            "Repérer où se trouvent les renseignements personnels.",
        ),
        body=[
            text(
                """<p>Cette semaine, on passe à la pratique. Prenez une heure avec une ou deux
                collègues, ou avec des bénévoles de l'accueil, et faites le tour des endroits
                où votre organisme note quelque chose. Le but n'est pas d'être exhaustif,
                mais de voir le paysage.</p>"""
            ),
            checklist(
                TRY_THIS_WEEK,
                "Faire la liste des formulaires, cahiers et chiffriers utilisés par l'équipe",
                "Pour chacun, noter ce qu'il contient et qui le remplit",
                """Repérer ceux qui contiennent des renseignements personnels (nom, adresse,
                téléphone, santé, revenu)""",
                "Demander à une personne de l'accueil quelle information lui manque le plus",
                """Choisir une question à laquelle vos données pourraient répondre d'ici la
                fin de la formation""",
            ),
            callout(
                "privacy",
                "Pendant l'exercice",
                """<p>Notez le <i>type</i> de données, jamais les données elles-mêmes :
                écrivez « adresse des personnes inscrites », pas l'adresse de quelqu'un. Votre
                liste doit pouvoir circuler sans risque.</p>""",
            ),
            reflection(
                "Qu'est-ce qui vous a surpris en faisant le tour des données de votre organisme?",
                "Vous pourrez en parler, si vous le souhaitez, à la rencontre de cohorte.",
            ),
        ],
        english={
            "slug": "experimentation-finding-your-data",
            "title": "Experimentation: finding your organisation's data",
            "objectives": ul(
                "Draw a first picture of the organisation's data with the team.",
                "Find where personal information is kept.",
            ),
            "body": [
                text(
                    """<p>This week, you put it into practice. Take an hour with one or two
                    colleagues, or with front-desk volunteers, and go round every place
                    where your organisation writes something down. The aim is not to be
                    exhaustive but to see the landscape.</p>"""
                ),
                checklist(
                    "This week, try to:",
                    "List the forms, notebooks and spreadsheets the team uses",
                    "For each one, note what it contains and who fills it in",
                    """Spot those that hold personal information (name, address, phone,
                    health, income)""",
                    "Ask someone at the front desk which information they most often lack",
                    "Choose a question your data could answer by the end of the course",
                ),
                callout(
                    "privacy",
                    "During the exercise",
                    """<p>Write down the <i>kind</i> of data, never the data itself: write
                    "addresses of registered people", not someone's address. Your list
                    should be safe to pass around.</p>""",
                ),
                reflection(
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
        objectives=ul(
            "Comprendre les obligations de la Loi 25 qui s'appliquent aux organismes.",
            "Définir qui décide de quoi pour les données de l'organisme.",
            "Appliquer le principe de minimisation aux données des personnes servies.",
        ),
        body=[
            heading("Qui décide, qui protège?"),
            text(
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
            callout(
                "privacy",
                "Les données des personnes servies",
                """<p>Les personnes qui frappent à votre porte vivent souvent des situations
                délicates : insécurité alimentaire, violence, santé mentale, statut
                migratoire. Ne recueillez que ce qui est nécessaire au service, expliquez
                pourquoi vous le demandez, et n'exigez jamais une information qui pourrait
                éloigner quelqu'un de l'aide dont il a besoin.</p>""",
            ),
            heading("Quatre questions pour chaque donnée", "h3"),
            text(
                """<ol><li><b>Pourquoi</b> la recueillons-nous? Si personne ne le sait, on
                arrête.</li><li><b>Qui</b> y a accès? Le moins de personnes possible, selon
                leur rôle.</li><li><b>Où</b> est-elle conservée? Un seul endroit sûr plutôt
                que trois copies.</li><li><b>Combien de temps</b> la gardons-nous? Une fois
                le besoin passé, on la détruit ou on l'anonymise.</li></ol>"""
            ),
            resource(
                "inventory",
                "Gabarit : inventaire des données",
                """Un chiffrier (CSV, séparateur point-virgule) pour recenser les données de
                l'organisme, leur raison d'être, leur lieu et leur durée de conservation.
                Deux exemples sont déjà remplis.""",
            ),
            quiz(
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
            reflection(
                """Qui, dans votre organisme, est aujourd'hui responsable de la protection
                des renseignements personnels? Cette personne le sait-elle?""",
                """Si la réponse est « personne » ou « je ne sais pas », notez-le : c'est un
                premier chantier pour votre plan de transition numérique.""",
            ),
        ],
        english={
            "slug": "data-governance",
            "title": "Data governance and the data of the people served",
            "objectives": ul(
                "Understand the obligations of Law 25 that apply to community organisations.",
                "Decide who decides what about the organisation's data.",
                "Apply the principle of data minimisation to the data of the people served.",
            ),
            "body": [
                heading("Who decides, who protects?"),
                text(
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
                callout(
                    "privacy",
                    "The data of the people you serve",
                    """<p>People who knock on your door are often in difficult situations:
                    food insecurity, violence, mental health, immigration status. Collect
                    only what the service needs, explain why you ask, and never require
                    information that could keep someone away from the help they need.</p>""",
                ),
                heading("Four questions for every piece of data", "h3"),
                text(
                    """<ol><li><b>Why</b> do we collect it? If nobody knows, we stop.</li>
                    <li><b>Who</b> can access it? As few people as possible, according to
                    their role.</li><li><b>Where</b> is it kept? One safe place rather than
                    three copies.</li><li><b>How long</b> do we keep it? Once the need has
                    passed, we destroy or anonymise it.</li></ol>"""
                ),
                resource(
                    "inventory_en",
                    "Template: data inventory",
                    """A spreadsheet (CSV, semicolon-separated) to list the organisation's
                    data, why it is collected, where and for how long it is kept. Two
                    examples are filled in.""",
                ),
                quiz(
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
                reflection(
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
        objectives=ul(
            "Remplir l'inventaire des données pour au moins un service.",
            "Retirer une donnée inutile ou un accès superflu.",
        ),
        body=[
            text(
                """<p>Reprenez la liste dressée en semaine 2 et passez-la au crible des quatre
                questions. Concentrez-vous sur un seul service, par exemple l'aide
                alimentaire ou les inscriptions aux ateliers : un inventaire juste pour un
                service vaut mieux qu'un inventaire approximatif de tout l'organisme.</p>"""
            ),
            checklist(
                TRY_THIS_WEEK,
                "Remplir le gabarit d'inventaire des données pour un service",
                "Retirer d'un formulaire une question dont personne ne se sert",
                """Vérifier qui a accès au dossier partagé des inscriptions et retirer les
                accès des anciens bénévoles""",
                "Convenir d'une durée de conservation pour la liste des personnes inscrites",
                """Désigner par écrit la personne responsable de la protection des renseignements
                personnels""",
            ),
            resource(
                "inventory",
                "Gabarit : inventaire des données",
                "Le même gabarit qu'en semaine 3, à remplir pour un service.",
            ),
            callout(
                "warning",
                "Avant de détruire",
                """<p>Vérifiez d'abord si une entente de financement ou une loi vous oblige à
                garder certains documents, comme les pièces comptables. Dans le doute,
                posez la question à votre animatrice ou à votre animateur.</p>""",
            ),
            reflection(
                """Quelle donnée ou quel accès avez-vous retiré cette semaine, et comment
                l'équipe a-t-elle réagi?"""
            ),
        ],
    ),
]
