"""A take's copy of the questionnaire, and how it reads in the reader's language.

When a colleague starts a take, the questionnaire they answer is copied into it, in French
and in English (the translation's wording, matched by block id, where it is published):
``questionnaire_copy``. Every later read of the take (its steps, its answers, the rounds'
results) uses that copy, never the live page, so that an edit never changes a past result.
``dimensions`` turns a copy into ``Dimension`` and ``Question`` records in one language.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils import translation

#: The languages a copy keeps; French is the source and the fallback.
LANGUAGES = [code for code, _name in settings.LANGUAGES]


@dataclass(frozen=True)
class Question:
    key: str
    text: str
    help: str
    #: The five levels' descriptions, level 1 first.
    levels: list[str]


@dataclass(frozen=True)
class Dimension:
    key: str
    title: str
    description: str
    #: The programme's required "use of the data of the people served".
    data_use: bool
    questions: list[Question]

    @property
    def question_keys(self) -> list[str]:
        return [question.key for question in self.questions]


def _words(values: dict, language: str) -> str:
    return values.get(language) or values.get(settings.LANGUAGE_CODE, "")


def questionnaire_copy(stream, translated: dict | None = None) -> list[dict]:
    """Copy a questionnaire's ``dimensions`` stream (French), with the wording of its
    translations (``{language: stream}``) wherever a block of the same id exists."""
    translated = translated or {}
    # Every translated block by id: dimensions, and questions by their list item's id.
    found: dict[str, dict[str, dict]] = {}
    for language, other in translated.items():
        for child in other:
            found.setdefault(str(child.id), {})[language] = child.value
            for item in child.value["questions"].bound_blocks:
                found.setdefault(str(item.id), {})[language] = item.value

    def words(key: str, source, field: str) -> dict:
        values = {settings.LANGUAGE_CODE: str(source[field] or "")}
        for language, value in found.get(key, {}).items():
            values[language] = str(value[field] or "")
        return values

    copy = []
    for child in stream:
        key = str(child.id)
        questions = []
        for item in child.value["questions"].bound_blocks:
            question_key = str(item.id)
            levels = {settings.LANGUAGE_CODE: [str(level) for level in item.value["levels"]]}
            for language, value in found.get(question_key, {}).items():
                levels[language] = [str(level) for level in value["levels"]]
            questions.append(
                {
                    "key": question_key,
                    "text": words(question_key, item.value, "text"),
                    "help": words(question_key, item.value, "help_text"),
                    "levels": levels,
                }
            )
        copy.append(
            {
                "key": key,
                "title": words(key, child.value, "title"),
                "description": words(key, child.value, "description"),
                "data_use": bool(child.value.get("data_use")),
                "questions": questions,
            }
        )
    return copy


def dimensions(copy: list[dict], language: str | None = None) -> list[Dimension]:
    """Read a take's copy in ``language`` (the active one by default), French wherever a
    translation is missing."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    return [
        Dimension(
            key=dimension["key"],
            title=_words(dimension["title"], language),
            description=_words(dimension["description"], language),
            data_use=dimension["data_use"],
            questions=[
                Question(
                    key=question["key"],
                    text=_words(question["text"], language),
                    help=_words(question["help"], language),
                    levels=question["levels"].get(language)
                    or question["levels"][settings.LANGUAGE_CODE],
                )
                for question in dimension["questions"]
            ],
        )
        for dimension in copy
    ]


def question_keys(copy: list[dict]) -> set[str]:
    """Every question key of a copy: a take is finished when it answered them all."""
    return {question["key"] for dimension in copy for question in dimension["questions"]}
