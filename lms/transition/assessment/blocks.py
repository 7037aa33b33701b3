"""The questionnaire's blocks: dimensions, each with its questions, each question with
five described levels and a help text, and the modules that address the dimension.

Authors write them on the ``SelfAssessmentPage`` (French, then its English translation).
A dimension's and a question's block ids are their keys: they survive an edit and a
translation, so that a take's answers, a round's result and the comparison of two rounds
refer to the same dimension whatever its wording became.

Exactly one dimension is flagged as the programme's required "use of the data of the
people served"; ``DimensionsBlock.clean`` refuses a questionnaire without it.
"""

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.stream_block import StreamBlockValidationError

#: How many levels each question has (1, the least mature, to 5).
LEVELS = 5


def data_use_error(flagged: int) -> str | None:
    """Return the error of a questionnaire with ``flagged`` data-use dimensions, if any."""
    if flagged == 0:
        return _(
            "The programme requires a dimension on the use of the data of the people "
            "served: tick “Use of the data of the people served” on one dimension."
        )
    if flagged > 1:
        return _("Only one dimension can be the use of the data of the people served.")
    return None


class QuestionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Question"), max_length=300)
    help_text = blocks.TextBlock(
        label=_("Help text"),
        required=False,
        help_text=_("What the question means, or an example; shown under it."),
    )
    levels = blocks.ListBlock(
        blocks.CharBlock(label=_("Level description"), max_length=300),
        min_num=LEVELS,
        max_num=LEVELS,
        label=_("The five levels, from 1 (beginning) to 5 (advanced)"),
    )

    class Meta:
        icon = "help"
        label = _("Question")
        description = _("A question with five described levels.")
        preview_value = {
            "text": "Vos outils sont-ils à jour ?",
            "help_text": "Ordinateurs, logiciels, téléphones.",
            "levels": ["Non", "Rarement", "Parfois", "Souvent", "Toujours"],
        }


class DimensionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Dimension"), max_length=150)
    description = blocks.TextBlock(label=_("Description"), required=False)
    data_use = blocks.BooleanBlock(
        label=_("Use of the data of the people served"),
        required=False,
        help_text=_("The dimension the programme requires; exactly one has it ticked."),
    )
    questions = blocks.ListBlock(QuestionBlock(), min_num=1, label=_("Questions"))
    modules = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="courses.ModulePage", label=_("Module")),
        label=_("Modules that address it"),
        help_text=_("Suggested to organisations for whom this dimension is among the weakest."),
    )

    class Meta:
        icon = "list-ul"
        label = _("Dimension")
        description = _("A dimension of digital maturity and its questions.")


class DimensionsBlock(blocks.StreamBlock):
    dimension = DimensionBlock()

    class Meta:
        min_num = 1

    def clean(self, value):
        value = super().clean(value)
        error = data_use_error(sum(1 for child in value if child.value.get("data_use")))
        if error:
            raise StreamBlockValidationError(non_block_errors=ErrorList([ValidationError(error)]))
        return value
