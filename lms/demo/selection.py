"""Demo calls for applications and committees (issue 14).

* An open acceleration call, with its guide in French and English and four weighted
  criteria, judged by a committee of four demo accounts (one per seat).
* Three applications to it: *Centre d'action bénévole de Rimouski* (level 2 completed in
  the demo cohort) submitted and scored by two members who disagree on one criterion;
  *Popote roulante de Saint-Jérôme* submitted, a member declared a conflict of interest
  with it and another scored it; *Alphabétisation Saint-Hyacinthe* saved a draft. Both
  organisations completed level 2 in the spring cohort, which ended months ago.
* A seed-bursary call, judged by the same four people, and the accepted application of
  *Réseau d'entraide d'Hochelaga*, whose learner attended last week's webinar.

Everything goes through the services, as the people would do it: the eligibilities
move, the organisations' contacts are told (outbox).
"""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from cohorts.models import Cohort
from cohorts.services import seat_admit
from courses.models import CoursePage, ModuleCompletion, ModulePage
from lms.accounts.models import Organisation, User
from lms.accounts.services import organisation_contact_add
from lms.demo.people import account_create, demo_email
from lms.selection.models import (
    Application,
    BudgetLine,
    Call,
    CallCriterion,
    CallKind,
    Committee,
    CommitteeMember,
    Outcome,
    Seat,
)
from lms.selection.selectors import members_who_decide
from lms.selection.services import (
    application_save,
    application_start,
    application_submit,
    committee_roles,
    conflict_declare,
    decision_record,
    review_submit,
)
from lms.transition.plan.services import plan_save, plan_submit
from webinars.models import WebinarSession
from webinars.services import attendance_mark

#: (first name, last name, seat): the committee of both calls, in the README.
COMMITTEE = [
    ("Hélène", "Desrosiers", Seat.DATAIDE),
    ("Jean-François", "Bélanger", Seat.REGIONAL_CENTRAIDE),
    ("Mélanie", "Ouellet", Seat.IT_ORGANISATION),
    ("Réjean", "Thibodeau", Seat.COMMUNITY_ORGANISATION),
]

ACCELERATION_GUIDE_FR = """<h2>Qui peut déposer une demande</h2>
<p>La bourse d'accélération s'adresse aux organismes communautaires qui ont terminé le
niveau 2 du parcours DATAide : tous les modules obligatoires de la formation de
12 semaines suivis et le plan de transition numérique déposé. L'organisme est alors
admissible, quelle que soit sa région; une seule demande par organisme.</p>
<h2>Ce que la bourse finance</h2>
<p>Jusqu'à 15 000 $ pour mettre en œuvre le plan de transition numérique : de
l'équipement (ordinateurs, téléphones, réseau), des licences de logiciels pour un an ou
deux, et leur déploiement (installation, migration des données, formation de l'équipe et
des bénévoles). La bourse ne finance ni les salaires permanents ni les dépenses faites
avant la décision du comité.</p>
<h2>Les critères</h2>
<ul>
<li><b>Cohérence avec le plan de transition</b> (poids 3) : chaque dépense découle d'une
action du plan déposé.</li>
<li><b>Retombées pour les personnes servies</b> (poids 3) : ce qui change pour elles, et
comment l'organisme le saura.</li>
<li><b>Protection des données des personnes</b> (poids 2) : les risques nommés et les
mesures prévues.</li>
<li><b>Réalisme du budget et du calendrier</b> (poids 2) : des coûts vérifiables et des
échéances tenables avec l'équipe en place.</li>
</ul>
<p>Chaque critère est noté de 0 à 5; la note d'une demande est la somme pondérée des
notes, sur 50.</p>
<h2>Comment le comité décide</h2>
<p>Le comité réunit quatre personnes : l'équipe DATAide de Centraide du Grand Montréal,
le Centraide de la région de l'organisme, un organisme spécialisé en technologies de
l'information et un organisme communautaire. Avant de lire une demande, chaque membre
déclare ses intérêts; un membre en conflit d'intérêts ne la lit pas et ne prend pas part
à la décision. Les membres notent chacun de leur côté, puis discutent des critères sur
lesquels leurs notes s'écartent avant de décider : acceptée (avec le montant accordé),
en liste d'attente ou refusée. Les motifs sont transmis à l'organisme.</p>
<h2>Calendrier</h2>
<p>Dépôt des demandes jusqu'à la date de clôture de l'appel, à 23 h 59. Le comité se
réunit dans les trois semaines qui suivent; chaque organisme reçoit la décision par
courriel et la retrouve dans « Mon parcours ».</p>"""

ACCELERATION_GUIDE_EN = """<h2>Who may apply</h2>
<p>The acceleration bursary is for community organisations that completed level 2 of
the DATAide pathway: every required module of the 12-week course done and the digital
transition plan submitted. The organisation is then eligible, whatever its region; one
application per organisation.</p>
<h2>What the bursary pays for</h2>
<p>Up to $15,000 to carry out the digital transition plan: equipment (computers,
phones, network), software licences for one or two years, and their roll-out
(installation, data migration, training of staff and volunteers). It does not pay
permanent salaries or expenses made before the committee's decision.</p>
<h2>The criteria</h2>
<ul>
<li><b>Consistency with the transition plan</b> (weight 3): each expense follows from an
action of the submitted plan.</li>
<li><b>Benefits for the people served</b> (weight 3): what changes for them, and how
the organisation will know.</li>
<li><b>Protection of people's data</b> (weight 2): the risks named and the measures
planned.</li>
<li><b>Realistic budget and calendar</b> (weight 2): costs that can be checked and
deadlines the current team can meet.</li>
</ul>
<p>Each criterion is scored from 0 to 5; an application's score is the weighted sum of
its scores, out of 50.</p>
<h2>How the committee decides</h2>
<p>The committee has four members: the DATAide team at Centraide du Grand Montréal, the
Centraide of the organisation's region, an organisation specialised in information
technology and a community organisation. Before reading an application, each member
declares their interests; a member with a conflict of interest does not read it and
takes no part in its decision. Members score on their own, then discuss the criteria on
which their scores differ before deciding: accepted (with the amount granted),
waitlisted or refused. The reasons are sent to the organisation.</p>
<h2>Calendar</h2>
<p>Applications until the call's closing day, 11:59 p.m. The committee meets within the
following three weeks; each organisation receives the decision by e-mail and finds it in
"Mon parcours".</p>"""

#: (title, what each score means, weight)
ACCELERATION_CRITERIA = [
    ("Cohérence avec le plan de transition",
     "0 = aucun lien avec le plan; 1 = lien vague; 3 = la plupart des dépenses découlent "
     "d'une action du plan; 5 = chaque dépense découle d'une action du plan, avec son "
     "échéance.", 3),
    ("Retombées pour les personnes servies",
     "0 = aucune retombée décrite; 1 = retombées vagues; 3 = retombées concrètes pour une "
     "partie des personnes; 5 = retombées concrètes, mesurées par un indicateur du plan.",
     3),
    ("Protection des données des personnes",
     "0 = le sujet n'est pas abordé; 1 = risques nommés sans mesure; 3 = mesures prévues "
     "pour les principaux risques; 5 = mesures prévues, responsables nommés et bénévoles "
     "formés.", 2),
    ("Réalisme du budget et du calendrier",
     "0 = budget non détaillé; 1 = coûts approximatifs; 3 = coûts vérifiables, calendrier "
     "serré; 5 = soumissions jointes et calendrier tenable avec l'équipe en place.", 2),
]  # fmt: skip

SEED_GUIDE_FR = """<h2>Qui peut déposer une demande</h2>
<p>Tout organisme dont une personne a terminé le niveau 1 (le webinaire de
sensibilisation, en direct ou en rediffusion). L'appel est continu : le comité étudie
les demandes chaque mois.</p>
<h2>Ce que la bourse finance</h2>
<p>Jusqu'à 5 000 $ pour un premier pas : de l'équipement, des licences de logiciels ou
leur déploiement.</p>
<h2>Comment le comité décide</h2>
<p>Le comité note chaque demande selon trois critères, de 0 à 5, puis décide. Les motifs
de la décision sont transmis à l'organisme.</p>"""

SEED_GUIDE_EN = """<h2>Who may apply</h2>
<p>Any organisation one of whose people completed level 1 (the awareness webinar, live
or as a replay). The call is ongoing: the committee studies applications every
month.</p>
<h2>What the bursary pays for</h2>
<p>Up to $5,000 for a first step: equipment, software licences or their roll-out.</p>
<h2>How the committee decides</h2>
<p>The committee scores each application on three criteria, from 0 to 5, then decides.
The reasons for the decision are sent to the organisation.</p>"""

SEED_CRITERIA = [
    ("Besoin", "0 = aucun besoin décrit; 3 = besoin réel; 5 = besoin urgent et précis.", 2),
    ("Clarté du projet", "0 = projet flou; 3 = projet compris; 5 = projet précis.", 1),
    ("Budget", "0 = non détaillé; 3 = raisonnable; 5 = soumissions jointes.", 1),
]  # fmt: skip


def _plan(actions, indicator) -> dict:
    return {
        "situation": "<p>Nos outils datent; les dossiers sont dans des tableurs partagés.</p>",
        "priorities": ["Protéger les renseignements des personnes servies"],
        "actions": actions,
        "risks": [
            {
                "description": "Des renseignements personnels dans des fichiers partagés",
                "mitigation": "Des accès nominatifs et des sauvegardes chiffrées",
                "about_people_data": True,
            }
        ],
        "indicators": [
            {
                "name": indicator,
                "baseline": "0",
                "target": "100 %",
                "source": "Rapport mensuel",
                "frequency": "Chaque mois",
            }
        ],
    }


def _action(title, responsible, months, budget, category) -> dict:
    year = timezone.localdate().year + 1
    return {
        "title": title,
        "responsible": responsible,
        "starts_on": f"{year}-{months[0]:02}-01",
        "ends_on": f"{year}-{months[1]:02}-28",
        "budget": budget,
        "category": category,
    }


#: Organisations of the spring cohort: (organisation, learner's first and last name, plan).
SPRING = [
    ("Popote roulante de Saint-Jérôme", "Geneviève", "Charbonneau", _plan(
        [_action("Tablettes pour les livreurs bénévoles", "Geneviève Charbonneau", (1, 2),
                 4200, "equipment"),
         _action("Logiciel de gestion des tournées", "Geneviève Charbonneau", (2, 12),
                 3600, "software"),
         _action("Former les bénévoles", "Geneviève Charbonneau", (3, 4), 4000, "rollout")],
        "Tournées planifiées dans le logiciel")),
    ("Alphabétisation Saint-Hyacinthe", "Hoa", "Nguyễn", _plan(
        [_action("Portables pour les ateliers", "Hoa Nguyễn", (1, 3), 6000, "equipment"),
         _action("Plateforme d'apprentissage en ligne", "Hoa Nguyễn", (2, 12), 2400,
                 "software")],
        "Personnes inscrites aux ateliers en ligne")),
]  # fmt: skip


def _line(category, description, amount) -> BudgetLine:
    return BudgetLine(category=category, description=description, amount=Decimal(amount))


#: Organisation -> (title, summary, description, budget lines).
APPLICATIONS = {
    "Centre d'action bénévole de Rimouski": (
        "Des dossiers de bénévoles numériques et protégés",
        "Numériser les dossiers de nos 140 bénévoles et les protéger par des accès par rôle.",
        "Notre plan de transition prévoit deux portables chiffrés et la numérisation des "
        "dossiers des bénévoles, aujourd'hui sur papier dans un classeur partagé. La "
        "coordonnatrice des bénévoles et deux bénévoles formés feront la numérisation de "
        "février à mai; les dossiers papier seront ensuite détruits de façon sécuritaire.",
        [_line("equipment", "Deux portables chiffrés", "3600"),
         _line("rollout", "Numérisation des dossiers (120 heures)", "6000"),
         _line("software", "Coffre-fort de mots de passe, deux ans", "900")],
    ),
    "Popote roulante de Saint-Jérôme": (
        "Des tournées de livraison planifiées en ligne",
        "Planifier les tournées de nos 60 bénévoles livreurs sur tablette, sans listes "
        "papier des adresses.",
        "Chaque jour, nos bénévoles livrent 180 repas avec des listes imprimées qui portent "
        "l'adresse et l'état de santé des personnes. Nous voulons les remplacer par un "
        "logiciel de tournées sur tablette, avec un accès par bénévole.",
        [_line("equipment", "Six tablettes et leurs étuis", "4200"),
         _line("software", "Logiciel de gestion des tournées, un an", "3600"),
         _line("rollout", "Formation des bénévoles livreurs", "4000")],
    ),
    "Alphabétisation Saint-Hyacinthe": (
        "Des ateliers d'alphabétisation aussi en ligne",
        "Offrir nos ateliers en ligne aux personnes qui ne peuvent pas se déplacer.",
        "",
        [_line("equipment", "Dix portables pour les ateliers", "6000")],
    ),
}  # fmt: skip

#: Each criterion's (score, comment) per member: they disagree on the benefits.
RIMOUSKI_SCORES = {
    "Hélène": [(4, "Chaque dépense renvoie à une action du plan."),
               (4, "Les bénévoles seront joints plus vite; l'indicateur est clair."),
               (4, "Accès par rôle et chiffrement prévus."),
               (3, "Le coût de la numérisation est une estimation.")],
    "Jean-François": [(5, "Très cohérent avec le plan déposé."),
                      (1, "Les retombées pour les personnes servies ne sont pas décrites : "
                          "c'est l'équipe qui en profite."),
                      (4, "Mesures sérieuses."),
                      (3, "Calendrier serré mais tenable.")],
}  # fmt: skip


def _people(staff) -> dict[str, User]:
    """The committee's four accounts and the applicants' learners, contacts of their
    organisation."""
    people = {}
    for first, last, _seat in COMMITTEE:
        people[first] = account_create(demo_email(first, last), first, last, ["committee"])
    applicants = [(name, first, last) for name, first, last, _plan in SPRING]
    applicants.append(("Réseau d'entraide d'Hochelaga", "Olivier", "Saint-Pierre"))
    for name, first, last in applicants:
        organisation = Organisation.objects.get(name=name)
        email = demo_email(first, last)
        people[first] = account_create(email, first, last, ["learner"], organisation)
        organisation_contact_add(organisation=organisation, person=people[first], actor=staff)
    julie = User.objects.get(email="julie.pelletier@dataide.test")
    organisation_contact_add(organisation=julie.organisation, person=julie, actor=staff)
    people["Julie"] = julie
    return people


def _spring_cohort(staff, people) -> None:
    """The spring cohort, over for months: its organisations' learners did every required
    module and submitted their plan, so the engine completed their level 2."""
    course = CoursePage.objects.filter(locale__language_code="fr", format="course").first()
    start = timezone.localdate() - timedelta(weeks=30)
    cohort = Cohort.objects.create(
        name="Cohorte du printemps", course=course, starts_on=start - timedelta(start.weekday())
    )
    required = list(ModulePage.objects.child_of(course).live().filter(required=True))
    for _name, first, _last, plan in SPRING:
        learner = people[first]
        seat_admit(cohort=cohort, actor=staff, organisation=learner.organisation)
        for position, module in enumerate(required):
            ModuleCompletion.objects.create(
                learner=learner, module=module, module_title=module.title,
                revision_id=module.live_revision_id, source="demo",
            )  # fmt: skip
            ModuleCompletion.objects.filter(learner=learner, module=module).update(
                completed_at=timezone.now() - timedelta(weeks=29) + timedelta(days=5 * position)
            )
        saved = plan_save(
            organisation=learner.organisation, user=learner, base_revision=0, content=plan
        )
        plan_submit(organisation=learner.organisation, user=learner, base_revision=saved.revision)


def _call(title, kind, opens, closes, guides, criteria, ceiling, budget) -> Call:
    call = Call(
        title=title, kind=kind, opens_on=opens, closes_on=closes, guide_fr=guides[0],
        guide_en=guides[1], ceiling=Decimal(ceiling), budget=Decimal(budget),
    )  # fmt: skip
    for order, (criterion, meaning, weight) in enumerate(criteria):
        call.criteria.add(
            CallCriterion(title=criterion, description=meaning, weight=weight, sort_order=order)
        )
    call.full_clean()
    call.save()
    return call


def _committee(call, people) -> dict[str, CommitteeMember]:
    """The call's committee of every region, the four people one per seat."""
    committee = Committee(call=call)
    for order, (first, _last, seat) in enumerate(COMMITTEE):
        committee.members.add(CommitteeMember(person=people[first], seat=seat, sort_order=order))
    committee.save()
    committee_roles(committee)
    return {member.person.first_name: member for member in committee.members.all()}


def _apply(call, person, submit=True) -> Application:
    title, summary, description, lines = APPLICATIONS.get(person.organisation.name, SEED)
    application = application_start(call=call, organisation=person.organisation, person=person)
    application = application_save(
        application=application, person=person, title=title, summary=summary,
        description=description, lines=lines,
    )  # fmt: skip
    if submit:
        application_submit(application=application, person=person)
        application.refresh_from_db()
    return application


def _score(member, application, scores) -> None:
    conflict_declare(member=member, application=application, has_conflict=False)
    criteria = list(application.call.criteria.all())
    review_submit(
        member=member,
        application=application,
        scores={c.pk: score for c, score in zip(criteria, scores, strict=True)},
    )


SEED = (
    "Un réseau sans fil sûr pour nos locaux",
    "Remplacer notre routeur de 2012 et séparer le réseau des personnes accueillies de "
    "celui de l'équipe.",
    "Nos locaux accueillent chaque jour une cinquantaine de personnes qui utilisent notre "
    "réseau sans fil, le même que celui de l'équipe et de ses dossiers. Un nouveau "
    "routeur et un réseau invité protégeront les dossiers et offriront un meilleur accès.",
    [_line("equipment", "Routeur et deux bornes sans fil", "1900"),
     _line("rollout", "Installation et configuration par un technicien", "1100")],
)  # fmt: skip


def selection_demo_load() -> None:
    """The acceleration call with its committee and three applications, and the seed
    call with an accepted application."""
    staff = User.objects.get(email="equipe@dataide.test")
    people = _people(staff)
    _spring_cohort(staff, people)
    today = timezone.localdate()

    acceleration = _call(
        "Bourse d'accélération — appel d'hiver", CallKind.ACCELERATION,
        today - timedelta(days=12), today + timedelta(weeks=6),
        (ACCELERATION_GUIDE_FR, ACCELERATION_GUIDE_EN), ACCELERATION_CRITERIA, 15000, 465000,
    )  # fmt: skip
    members = _committee(acceleration, people)
    rimouski = _apply(acceleration, people["Julie"])
    for first, scores in RIMOUSKI_SCORES.items():
        _score(members[first], rimouski, scores)
    popote = _apply(acceleration, people["Geneviève"])
    conflict_declare(
        member=members["Réjean"], application=popote, has_conflict=True,
        note="Je siège au conseil d'administration de la Popote roulante de Saint-Jérôme.",
    )  # fmt: skip
    _score(members["Mélanie"], popote, [(4, ""), (5, "Moins de listes papier."), (3, ""), (4, "")])
    _apply(acceleration, people["Hoa"], submit=False)

    seed = _call(
        "Bourse d'amorçage — appel continu", CallKind.SEED,
        today - timedelta(days=75), today + timedelta(days=45),
        (SEED_GUIDE_FR, SEED_GUIDE_EN), SEED_CRITERIA, 5000, 150000,
    )  # fmt: skip
    seed_members = _committee(seed, people)
    olivier = people["Olivier"]
    last_week = WebinarSession.objects.filter(starts_at__lt=timezone.now()).first()
    attendance_mark(
        session=last_week, learner=olivier, minutes_present=last_week.duration_minutes,
        recorded_by=staff, reason="Présent du début à la fin (démonstration).",
    )  # fmt: skip
    application = _apply(seed, olivier)
    for first in ("Hélène", "Jean-François", "Mélanie"):
        _score(seed_members[first], application, [(4, ""), (4, ""), (3, "")])
    decision_record(
        application=application,
        actor=staff,
        outcome=Outcome.ACCEPTED,
        amount=Decimal("2800"),
        reasons=(
            "Le besoin est réel et le projet, précis : le réseau des personnes accueillies "
            "sera séparé de celui de l'équipe. Le comité accorde 2 800 $ : l'installation "
            "peut être faite par le technicien bénévole que vous mentionnez pour une "
            "partie des heures prévues."
        ),
        decided_on=today,
        participants=members_who_decide(application),
    )
