"""A plan as data, with no database: its content (what revisions and versions keep as
JSON), its budget by category against the bursary's ceiling, the parts still missing
before it can be submitted, and the differences between two contents.

The content is a dict::

    {"situation": "<p>…</p>", "priorities": ["…"],
     "actions": [{"title", "responsible", "starts_on", "ends_on", "budget", "category"}],
     "risks": [{"description", "mitigation", "about_people_data"}],
     "indicators": [{"name", "baseline", "target", "source", "frequency"}]}

with dates as ISO strings and budgets as whole dollars (or None).
"""

import html
import re
from dataclasses import dataclass, field
from datetime import date
from itertools import groupby

from django.utils.html import strip_tags
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from lms.transition.plan.models import (
    BursaryCategory,
    PlanAction,
    PlanIndicator,
    PlanRisk,
    Section,
)

EMPTY = {"situation": "", "priorities": [], "actions": [], "risks": [], "indicators": []}
#: The fields of each kind of row, in the order they are shown.
ROW_FIELDS = {
    "actions": ("title", "responsible", "starts_on", "ends_on", "budget", "category"),
    "risks": ("description", "mitigation", "about_people_data"),
    "indicators": ("name", "baseline", "target", "source", "frequency"),
}
ROW_MODELS = {"actions": PlanAction, "risks": PlanRisk, "indicators": PlanIndicator}
#: How one row of each section is named ("Action 2").
ROW_NAMES = {
    "priorities": _("Priority %(number)s"),
    "actions": _("Action %(number)s"),
    "risks": _("Risk %(number)s"),
    "indicators": _("Indicator %(number)s"),
}
MAX_PRIORITIES = 3


def content_of(plan) -> dict:
    """Return ``plan``'s content (its rows prefetched or not)."""
    if plan is None:
        return {**EMPTY}
    return {
        "situation": plan.situation,
        "priorities": [p.text for p in plan.priorities.all()],
        **{
            section: [
                {name: _plain(getattr(row, name)) for name in fields}
                for row in getattr(plan, section).all()
            ]
            for section, fields in ROW_FIELDS.items()
        },
    }


def content_from(*, situation: str, rows: dict) -> dict:
    """Return the content of typed rows (``rows["priorities"]`` as ``{"text": …}`` dicts)."""
    return {
        "situation": situation or "",
        "priorities": [row["text"] for row in rows["priorities"]],
        **{
            section: [{name: _plain(row.get(name)) for name in fields} for row in rows[section]]
            for section, fields in ROW_FIELDS.items()
        },
    }


def editable(formatted: str) -> str:
    """Return the situation's sanitised HTML as the learner edits it: text, paragraphs
    apart by a blank line, list items as lines starting with "- ", entities decoded (an
    "&" reads "&"; the field escapes it once). ``formatted`` turns it back into the same
    HTML, so saving it unchanged changes nothing."""
    text = formatted or ""
    for pattern, replacement in _TO_TEXT:
        text = pattern.sub(replacement, text)
    return html.unescape(re.sub(r"\n{3,}", "\n\n", text).strip())


def formatted(text: str) -> str:
    """Return the situation as typed (``editable``'s text, or HTML) as HTML to sanitise:
    a list for each run of "- " lines, a paragraph for the other lines of a block."""
    blocks = []
    for block in re.split(r"\n\s*\n", editable(text)):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        for is_item, run in groupby(lines, key=lambda line: line.startswith("- ")):
            run = list(run)
            if is_item:
                items = "".join(f"<li>{line[2:].strip()}</li>" for line in run)
                blocks.append(f"<ul>{items}</ul>")
            else:
                blocks.append("<p>" + "<br>".join(run) + "</p>")
    return "".join(blocks)


#: HTML's blocks as the text a learner edits (``editable``).
_TO_TEXT = [
    (re.compile(r"</p>\s*", re.I), "\n\n"),
    (re.compile(r"<p>", re.I), ""),
    (re.compile(r"<br\s*/?>", re.I), "\n"),
    (re.compile(r"<li>\s*", re.I), "- "),
    (re.compile(r"</li>\s*", re.I), "\n"),
    (re.compile(r"</?(?:ul|ol)>\s*", re.I), "\n\n"),
]


def _plain(value):
    return value.isoformat() if isinstance(value, date) else value


def field_label(section: str, name: str) -> str:
    return str(ROW_MODELS[section]._meta.get_field(name).verbose_name)


def row_name(section: str, index: int) -> str:
    return str(ROW_NAMES[section]) % {"number": index + 1}


def shown(section: str, name: str, value) -> str:
    """Return a field's value as a reader sees it (a category's name, a date, Yes)."""
    if value in (None, ""):
        return "—"
    if name == "category":
        return str(BursaryCategory(value).label) if value in BursaryCategory.values else value
    if name == "about_people_data":
        return str(_("Yes") if value else _("No"))
    if name == "budget":
        return f"{value:,}".replace(",", "\u00a0") + "\u00a0$"
    if name == "situation":
        return strip_tags(value).strip() or "—"
    return str(value)


# --- Budget ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Budget:
    #: (category label, total in dollars), every category, in order.
    by_category: list
    total: int
    #: The acceleration bursary's ceiling, or None when no level-2 page says it.
    ceiling: int | None

    @property
    def over(self) -> int:
        """By how many dollars the total exceeds the ceiling (0 when within it)."""
        return max(0, self.total - self.ceiling) if self.ceiling is not None else 0


def budget_of(content: dict, *, ceiling: int | None) -> Budget:
    """Return the actions' budget totalled by bursary category."""
    totals = dict.fromkeys(BursaryCategory.values, 0)
    uncategorised = 0
    for action in content["actions"]:
        amount = action.get("budget") or 0
        if action.get("category") in totals:
            totals[action["category"]] += amount
        else:
            uncategorised += amount
    rows = [(str(label), totals[value]) for value, label in BursaryCategory.choices]
    if uncategorised:
        rows.append((str(_("No category yet")), uncategorised))
    return Budget(by_category=rows, total=sum(t for _label, t in rows), ceiling=ceiling)


# --- Missing parts ---------------------------------------------------------------------


@dataclass(frozen=True)
class Missing:
    #: What is missing, in words.
    text: str
    #: The id of the field to fill (an anchor on the plan's page).
    anchor: str


def missing_parts(content: dict) -> list[Missing]:
    """Return what the plan still needs before it can be submitted, each with its field."""
    missing = []
    if not strip_tags(content["situation"]).strip():
        missing.append(Missing(str(_("Describe the organisation's situation.")), "id_situation"))
    if not content["priorities"]:
        missing.append(Missing(str(_("Name at least one priority.")), "id_priorities-0-text"))
    for section, needed in (
        ("actions", _("Add at least one action.")),
        ("risks", _("Add at least one risk.")),
        ("indicators", _("Add at least one indicator to the monitoring plan.")),
    ):
        rows = content[section]
        if not rows:
            missing.append(Missing(str(needed), f"id_{section}-0-{ROW_FIELDS[section][0]}"))
        for index, row in enumerate(rows):
            for name in ROW_FIELDS[section]:
                if name != "about_people_data" and row.get(name) in (None, ""):
                    missing.append(
                        Missing(
                            str(
                                format_lazy(
                                    _("{row}: {field} is missing."),
                                    row=row_name(section, index),
                                    field=field_label(section, name),
                                )
                            ),
                            f"id_{section}-{index}-{name}",
                        )
                    )
    if content["risks"] and not any(r.get("about_people_data") for r in content["risks"]):
        missing.append(
            Missing(
                str(_("Name at least one risk to the data of the people you serve.")),
                "id_risks-0-about_people_data",
            )
        )
    return missing


# --- Differences -----------------------------------------------------------------------


@dataclass(frozen=True)
class Difference:
    section: str
    #: What changed ("Action 2 · person responsible").
    label: str
    before: str
    after: str

    @property
    def section_label(self) -> str:
        return str(Section(self.section).label)


@dataclass
class SectionDifferences:
    section: str
    label: str
    differences: list = field(default_factory=list)


def differences(before: dict, after: dict) -> list[Difference]:
    """Return, section by section and field by field, what differs from ``before``."""
    found = []
    if before["situation"] != after["situation"]:
        found.append(
            Difference(
                "situation",
                str(Section.SITUATION.label),
                shown("situation", "situation", before["situation"]),
                shown("situation", "situation", after["situation"]),
            )
        )
    old, new = before["priorities"], after["priorities"]
    for index in range(max(len(old), len(new))):
        was = old[index] if index < len(old) else ""
        now = new[index] if index < len(new) else ""
        if was != now:
            found.append(
                Difference("priorities", row_name("priorities", index), was or "—", now or "—")
            )
    for section, fields in ROW_FIELDS.items():
        old, new = before[section], after[section]
        for index in range(max(len(old), len(new))):
            was = old[index] if index < len(old) else {}
            now = new[index] if index < len(new) else {}
            for name in fields:
                if was.get(name) != now.get(name):
                    found.append(
                        Difference(
                            section,
                            f"{row_name(section, index)} · {field_label(section, name)}",
                            shown(section, name, was.get(name)),
                            shown(section, name, now.get(name)),
                        )
                    )
    return found


def differences_by_section(before: dict, after: dict) -> list[SectionDifferences]:
    """Return every section with what differs in it (an empty list when nothing does)."""
    groups = {
        value: SectionDifferences(value, str(label))
        for value, label in Section.choices
        if value != Section.BUDGET
    }
    for difference in differences(before, after):
        groups[difference.section].differences.append(difference)
    return list(groups.values())


# --- Reading ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Table:
    headers: list
    rows: list


def readable(content: dict) -> dict:
    """Return the rows of each section as a reader sees them: a table a section."""
    return {
        section: Table(
            headers=[field_label(section, name) for name in fields],
            rows=[
                [shown(section, name, row.get(name)) for name in fields] for row in content[section]
            ],
        )
        for section, fields in ROW_FIELDS.items()
    }


def dollars(amount) -> str:
    """Return an amount of dollars as French and English readers of Quebec write it."""
    return shown("actions", "budget", amount if amount is not None else 0)
