"""The 12-week course, weeks 5 to 12: cyberhygiene, online services, monitoring and
evaluation, the self-assessment, and the digital transition plan."""

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
)

MODULES = [
    Module(
        slug="cyberhygiene",
        title="La cyberhygiène : protéger l'organisme au quotidien",
        week=5,
        kind=LEARNING,
        duration_minutes=45,
        objectives=ul(
            """Reconnaître les menaces les plus courantes : hameçonnage, mots de passe
            faibles, appareils sans mises à jour.""",
            "Adopter cinq gestes de base, même avec de vieux ordinateurs.",
            "Savoir quoi faire en cas d'incident.",
        ),
        body=[
            heading("Les fraudeurs visent aussi les petits organismes"),
            text(
                """<p>On pense souvent qu'un organisme communautaire n'intéresse pas les
                fraudeurs. Pourtant, un courriel d'hameçonnage qui imite la facture d'un
                fournisseur ou un message de la direction peut vider un compte bancaire ou
                exposer la liste des personnes inscrites. Les petites équipes, qui partagent
                ordinateurs et mots de passe, sont des cibles faciles.</p>
                <p>La bonne nouvelle : la plupart des incidents s'évitent avec quelques
                habitudes simples, qui ne demandent ni gros budget ni expertise.</p>"""
            ),
            heading("Cinq gestes de base", "h3"),
            text(
                """<ul><li><b>Un compte par personne</b>, bénévoles compris, plutôt qu'un mot
                de passe partagé sur un papillon adhésif.</li><li><b>Un gestionnaire de mots
                de passe</b> et des phrases de passe longues.</li><li><b>L'authentification à
                deux facteurs</b> sur la messagerie et les services bancaires.</li><li><b>Les
                mises à jour</b> du système et du navigateur, installées sans
                attendre.</li><li><b>Des sauvegardes</b> régulières, dont une copie hors
                ligne ou hors des locaux.</li></ul>"""
            ),
            callout(
                "info",
                "Les vieux ordinateurs",
                """<p>Un ordinateur qui ne reçoit plus de mises à jour de sécurité ne devrait
                plus servir à consulter des dossiers de personnes ni les services bancaires.
                Le remplacer est exactement le genre de dépense que les bourses DATAide
                peuvent financer.</p>""",
            ),
            callout(
                "privacy",
                "En cas d'incident",
                """<p>Un portable volé, un courriel envoyé à la mauvaise personne, un compte
                piraté : si des renseignements personnels sont touchés, c'est un incident de
                confidentialité. Limitez les dégâts (mots de passe changés, banque avisée),
                consignez l'incident au registre et évaluez le risque de préjudice sérieux
                pour décider s'il faut aviser la Commission d'accès à l'information et les
                personnes concernées.</p>""",
            ),
            quiz(
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
            reflection(
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
        objectives=ul(
            "Mettre en place au moins trois gestes de cyberhygiène dans l'organisme.",
            "Préparer l'équipe à réagir à un incident.",
        ),
        body=[
            text(
                """<p>Choisissez les gestes qui auront le plus d'effet chez vous, en
                commençant par la messagerie et les comptes bancaires. Mettez l'équipe dans le
                coup : une courte démonstration à la réunion d'équipe convainc mieux qu'une
                note de service.</p>"""
            ),
            checklist(
                TRY_THIS_WEEK,
                "Activer l'authentification à deux facteurs sur la messagerie de l'organisme",
                """Recenser les mots de passe partagés et en remplacer au moins un par des
                comptes individuels""",
                "Vérifier que les mises à jour automatiques sont activées sur chaque ordinateur",
                "Restaurer un fichier à partir de la sauvegarde, pour voir si elle fonctionne",
                "Afficher près des postes la marche à suivre devant un courriel douteux",
                "Créer le registre des incidents de confidentialité (un simple tableau suffit)",
            ),
            callout(
                "tip",
                "Une sauvegarde non testée n'est pas une sauvegarde",
                """<p>Restaurer un seul fichier prend cinq minutes et vous dira si vos
                sauvegardes fonctionnent vraiment, avant le jour où vous en aurez
                besoin.</p>""",
            ),
            reflection(
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
        objectives=ul(
            "Choisir un service à offrir en ligne en partant des besoins des personnes.",
            "Tenir compte de la fracture numérique et garder une porte d'entrée hors ligne.",
            "Comparer des outils selon la confidentialité, les coûts et la facilité d'usage.",
        ),
        body=[
            heading("Partir des personnes, pas de l'outil"),
            text(
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
            heading("Choisir un outil", "h3"),
            text(
                """<p>Comparez deux ou trois outils sur des critères simples : facilité pour
                les personnes (sur un téléphone cellulaire, en français), coût réel après la
                période d'essai, lieu d'hébergement des données (au Québec, au Canada ou
                ailleurs), possibilité d'exporter vos données si vous changez d'outil.
                Plusieurs fournisseurs offrent des tarifs réduits aux organismes à but non
                lucratif : informez-vous.</p>"""
            ),
            callout(
                "privacy",
                "Un nouvel outil, une évaluation",
                """<p>La Loi 25 demande une évaluation des facteurs relatifs à la vie privée
                (EFVP) avant d'acquérir ou de développer un système qui traite des
                renseignements personnels, et avant de communiquer ces renseignements hors
                du Québec. Pour un petit projet, elle tient en quelques pages : quelles
                données, hébergées où, accessibles par qui, et quels risques pour les
                personnes.</p>""",
            ),
            reflection(
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
        objectives=ul(
            "Tester une première version d'un service en ligne avec quelques personnes.",
            "Recueillir leurs commentaires et ajuster le service.",
        ),
        body=[
            callout(
                "info",
                "Période facultative",
                """<p>Cette période d'expérimentation s'adresse aux organismes qui ont déjà
                un projet de service en ligne. Si ce n'est pas votre cas, profitez de la
                semaine pour poursuivre le ménage de vos données.</p>""",
            ),
            text(
                """<p>Un test n'a pas besoin d'être parfait. Un formulaire d'inscription bâti
                en une heure et essayé par cinq personnes au comptoir de l'accueil vous en
                apprendra davantage qu'un mois de planification.</p>"""
            ),
            checklist(
                TRY_THIS_WEEK,
                """Bâtir une première version du service avec un outil gratuit ou déjà payé
                par l'organisme""",
                """Le faire essayer par cinq personnes, dont au moins une peu à l'aise avec le
                numérique""",
                "Observer sans aider, et noter où chaque personne hésite",
                "Vérifier que le service fonctionne sur un vieux cellulaire et une connexion lente",
                "Corriger les deux irritants les plus fréquents",
            ),
            reflection("Qu'avez-vous appris en regardant des personnes utiliser votre service?"),
        ],
    ),
    Module(
        slug="suivi-et-evaluation",
        title="Une stratégie simple de suivi et d'évaluation",
        week=9,
        kind=LEARNING,
        duration_minutes=60,
        objectives=ul(
            "Formuler deux ou trois questions d'évaluation utiles à l'organisme.",
            "Choisir des indicateurs simples et la façon de les recueillir.",
            "Présenter des résultats sans exposer les personnes.",
        ),
        body=[
            heading("Évaluer pour apprendre, pas seulement pour rendre des comptes"),
            text(
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
            heading("Un exemple", "h3"),
            text(
                """<p>Une maison de la famille veut savoir si sa halte-garderie rejoint les
                familles isolées. Elle retient deux indicateurs : le nombre de familles qui
                viennent pour la première fois chaque mois, et la part de celles qui ont été
                dirigées vers elle par le CLSC ou un autre organisme. Les données existent
                déjà dans le cahier d'inscription; il suffit d'y ajouter une case « Comment
                avez-vous connu la halte? ». Chaque trimestre, l'équipe regarde les chiffres
                pendant quinze minutes en réunion et ajuste sa promotion.</p>"""
            ),
            quiz(
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
            callout(
                "privacy",
                "Des résultats qui ne désignent personne",
                """<p>Présentez des totaux et des proportions, jamais des listes de noms.
                Quand un groupe est très petit, par exemple deux familles d'un même rang,
                regroupez-le avec un autre : dans une petite communauté, un chiffre peut
                suffire à reconnaître quelqu'un.</p>""",
            ),
            reflection(
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
        objectives=ul(
            "Recueillir un indicateur pendant une semaine.",
            "En discuter en équipe et décider de la suite.",
        ),
        body=[
            text(
                """<p>Choisissez l'indicateur le plus simple de votre stratégie et
                recueillez-le pendant une semaine, avec les outils que vous avez déjà.
                L'important est de vérifier que la collecte est réaliste pour l'équipe et
                qu'elle ne pèse pas sur les personnes servies.</p>"""
            ),
            checklist(
                TRY_THIS_WEEK,
                "Écrire en une phrase ce que mesure l'indicateur et comment le calculer",
                "Préparer une grille de collecte simple, sur papier ou dans un chiffrier",
                "Recueillir l'indicateur pendant une semaine",
                "Présenter le résultat à l'équipe en cinq minutes, avec un graphique simple",
                "Décider ensemble de ce que vous garderez, changerez ou abandonnerez",
            ),
            callout(
                "tip",
                "Pas de nouvelle question sans raison",
                """<p>Si l'indicateur oblige à poser une nouvelle question aux personnes
                servies, demandez-vous d'abord si vous pouvez l'obtenir autrement, par
                exemple à partir des données de fréquentation que vous avez déjà.</p>""",
            ),
            reflection("L'indicateur vous a-t-il appris quelque chose que l'équipe ignorait?"),
        ],
    ),
    Module(
        slug="autodiagnostic",
        title="L'autodiagnostic de la maturité technologique",
        week=11,
        kind=LEARNING,
        duration_minutes=45,
        objectives=ul(
            """Porter un regard critique sur l'équipement, les outils, les compétences et
            les pratiques de l'organisme.""",
            "Examiner la façon dont l'organisme utilise les données des personnes servies.",
            "Dégager trois priorités pour le plan de transition numérique.",
        ),
        body=[
            heading("Savoir d'où l'on part"),
            text(
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
            heading("Comment s'y prendre", "h3"),
            text(
                """<p>Prévoyez une rencontre de 90 minutes. Chaque personne remplit d'abord la
                grille seule, sans consulter les autres, pour éviter que l'avis de la
                direction n'oriente celui de tout le monde. Mettez ensuite les réponses côte à
                côte et discutez des dimensions où les niveaux diffèrent de plus d'un point.
                Terminez en choisissant trois priorités : pas forcément les dimensions les
                plus faibles, mais celles où un progrès aurait le plus d'effet pour les
                personnes servies et pour l'équipe.</p>"""
            ),
            resource(
                "self_assessment",
                "Grille d'autodiagnostic de la maturité technologique",
                """Sept dimensions, quatre niveaux décrits, une colonne pour votre niveau et
                une pour vos exemples. À remplir en équipe; la grille reste dans votre
                organisme.""",
            ),
            callout(
                "privacy",
                "Les données des personnes servies, une dimension à part entière",
                """<p>Les personnes savent-elles quelles données vous gardez sur elles?
                Peuvent-elles les consulter ou les faire corriger? Pourriez-vous répondre à
                une telle demande dans les 30 jours prévus par la loi?</p>""",
            ),
            reflection("Sur quelle dimension l'équipe était-elle la plus divisée, et pourquoi?"),
        ],
    ),
    Module(
        slug="experimentation-autodiagnostic",
        title="Expérimentation : l'autodiagnostic en équipe",
        week=11,
        kind=EXPERIMENTATION,
        duration_minutes=90,
        objectives=ul(
            "Remplir la grille d'autodiagnostic avec au moins deux autres personnes.",
            "S'entendre sur trois priorités.",
        ),
        body=[
            text(
                """<p>Réunissez des personnes qui voient l'organisme sous des angles
                différents : direction, intervention, accueil, et si possible un membre du
                conseil d'administration ou une personne bénévole. Chacune remplit la grille
                seule, puis vous comparez.</p>"""
            ),
            checklist(
                TRY_THIS_WEEK,
                "Remplir la grille chacun de son côté, en 20 minutes",
                "Comparer les réponses et discuter des écarts",
                "S'entendre sur un niveau pour chaque dimension",
                "Retenir trois priorités et les noter pour le plan de transition numérique",
                "Présenter le résultat à la direction ou au conseil d'administration",
            ),
            reflection("Quelles sont vos trois priorités, et pourquoi celles-là?"),
        ],
    ),
    Module(
        slug="plan-de-transition-numerique",
        title="Le plan de transition numérique",
        week=12,
        kind=LEARNING,
        duration_minutes=90,
        objectives=ul(
            "Structurer le plan de transition numérique à partir de l'autodiagnostic.",
            "Prévoir les ressources, les personnes responsables et les échéances.",
            "Déposer le plan pour terminer le niveau Accélération.",
        ),
        body=[
            heading("Le livrable de la formation"),
            text(
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
            resource(
                "plan",
                "Gabarit : plan de transition numérique",
                """Un tableau à remplir pour chaque priorité : objectif, actions,
                responsable, échéance, coût, financement, indicateur et mesures de
                protection des renseignements personnels.""",
            ),
            callout(
                "info",
                "Déposer le plan",
                """<p>Déposez votre plan avant la fin de la douzième semaine; votre
                animatrice ou votre animateur le lit et vous fait un retour. Une fois le plan
                déposé et les modules obligatoires terminés, votre organisme devient
                admissible à la bourse d'accélération.</p>""",
            ),
            callout(
                "tip",
                "Des projets à la mesure de l'organisme",
                """<p>Les projets admissibles vont de l'adoption du courriel pour les
                communications internes jusqu'à l'intelligence artificielle. Un projet
                modeste bien mené vaut mieux qu'un projet ambitieux qui s'essouffle.</p>""",
            ),
            reflection(
                """Quelle action de votre plan lancerez-vous dès le mois prochain, même sans
                financement?"""
            ),
        ],
    ),
]
