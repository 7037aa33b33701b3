"""The leadership lab's four modules (level 3), spaced over 16 weeks."""

from lms.demo.blocks import (
    LEARNING,
    Module,
    callout,
    checklist,
    quiz,
    reflection,
    text,
    ul,
)

MODULES = [
    Module(
        slug="ambassadeur-du-numerique",
        title="Devenir ambassadrice ou ambassadeur du numérique",
        week=1,
        kind=LEARNING,
        duration_minutes=90,
        objectives=ul(
            "Définir son rôle d'ambassadrice ou d'ambassadeur du numérique dans son réseau.",
            "Repérer ses alliés et les besoins des organismes autour de soi.",
        ),
        body=[
            text(
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
            reflection(
                """Dans votre réseau ou sur votre territoire, quels organismes viendraient
                spontanément vous parler de numérique, et pourquoi?"""
            ),
            checklist(
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
        objectives=ul(
            "Comprendre les résistances au changement numérique dans le milieu communautaire.",
            "Bâtir une démarche qui respecte l'autonomie des organismes.",
        ),
        body=[
            text(
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
            callout(
                "privacy",
                "Partager sans exposer",
                """<p>Un projet de réseau ne doit jamais devenir une base de données commune
                des personnes servies sans un consentement clair, une entente écrite entre
                les organismes et une évaluation des facteurs relatifs à la vie privée.</p>""",
            ),
            reflection(
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
        objectives=ul(
            "Distinguer un projet d'organisme d'un projet systémique.",
            "Esquisser un projet qui profite à plusieurs organismes d'un territoire.",
        ),
        body=[
            text(
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
            checklist(
                "Esquissez votre projet :",
                "Décrire en une phrase le problème commun à plusieurs organismes",
                "Nommer les organismes partenaires et ce que chacun y gagne",
                "Prévoir à qui appartiendront les données et l'outil à la fin du projet",
                "Estimer le budget et les sources de financement",
                "Prévoir comment le projet se poursuivra après la bourse",
            ),
            reflection(
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
        objectives=ul(
            "Reconnaître les enjeux éthiques propres aux données du milieu communautaire.",
            """Adopter des principes de gouvernance partagée pour les projets de réseau, y
            compris ceux qui font appel à l'intelligence artificielle.""",
        ),
        body=[
            text(
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
            callout(
                "privacy",
                "Rien sur nous sans nous",
                """<p>Associez des personnes servies à la conception des projets qui
                utilisent leurs données : elles voient des risques que l'équipe ne voit
                pas.</p>""",
            ),
            quiz(
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
            reflection("Quel principe éthique voudriez-vous voir adopté par tout votre réseau?"),
        ],
    ),
]


# --- Loading ----------------------------------------------------------------------------
