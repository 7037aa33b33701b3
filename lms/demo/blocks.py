"""The demo modules' blocks, written as ``(type, value)`` with raw values, and a module's
spec. Documents are named by their key in ``lms.demo.documents.DOCUMENTS`` and resolved
when the pathway is loaded; long text is written wrapped and squashed to single spaces.
"""

from dataclasses import dataclass, field

from courses.models import ModulePage
from lms.demo.pages import squash


def text(html: str) -> tuple:
    return ("text", squash(html))


def heading(title: str, level: str = "h2") -> tuple:
    return ("heading", {"text": title, "level": level})


def callout(kind: str, title: str, html: str) -> tuple:
    return ("callout", {"kind": kind, "title": title, "body": squash(html)})


def resource(document: str, title: str, description: str) -> tuple:
    return ("resource", {"document": document, "title": title, "description": squash(description)})


def reflection(prompt: str, guidance: str = "") -> tuple:
    return ("reflection", {"prompt": squash(prompt), "guidance": squash(guidance)})


def checklist(title: str, *items: str) -> tuple:
    return ("checklist", {"title": title, "items": [squash(item) for item in items]})


def quiz(question: str, choices: list, explanation: str, *, multiple: bool = False) -> tuple:
    return (
        "quiz",
        {
            "question": squash(question),
            "multiple": multiple,
            "choices": [{"text": squash(words), "correct": correct} for words, correct in choices],
            "explanation": squash(explanation),
        },
    )


def video(title: str, transcript: str) -> tuple:
    return (
        "video",
        {
            "title": title,
            "video": "video",
            "captions_fr": "captions_fr",
            "captions_en": "captions_en",
            "transcript": squash(transcript),
        },
    )


def ul(*items: str) -> str:
    return "<ul>" + "".join(f"<li>{squash(item)}</li>" for item in items) + "</ul>"


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
