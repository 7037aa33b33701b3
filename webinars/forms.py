from io import BytesIO

from django import forms
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.utils.translation import gettext_lazy as _

from courses.forms import FeedbackForm
from lms.uploads import report_check
from webinars.attendance import MAX_BYTES, too_large_message


class WebinarFeedbackForm(FeedbackForm):
    """The same short feedback as a module's, on the webinar."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rating"].label = _("How useful was this webinar?")


class CappedUploadHandler(FileUploadHandler):
    """Keeps an uploaded file in memory up to ``limit`` bytes, and stops reading it as
    soon as it grows past: nothing of a file that is too large is kept, in memory or on
    disk. Set it on the request before anything reads ``request.POST``."""

    def __init__(self, request=None, limit: int = MAX_BYTES):
        super().__init__(request)
        self.limit = limit
        #: True once a file went past the limit.
        self.too_large = False

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.buffer = BytesIO()

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > self.limit:
            self.too_large = True
            self.buffer = BytesIO()
            raise StopUpload(connection_reset=False)
        self.buffer.write(raw_data)

    def file_complete(self, file_size):
        self.buffer.seek(0)
        return InMemoryUploadedFile(
            file=self.buffer,
            field_name=self.field_name,
            name=self.file_name,
            content_type=self.content_type,
            size=file_size,
            charset=self.charset,
            content_type_extra=self.content_type_extra,
        )


class AttendanceUploadForm(forms.Form):
    report = forms.FileField(
        label=_("Attendance report (CSV)"),
        help_text=_("The attendance report exported from Zoom or Microsoft Teams, as is."),
    )

    def clean_report(self):
        report = self.cleaned_data["report"]
        if report.size > MAX_BYTES:
            raise forms.ValidationError(too_large_message())
        report_check(report)
        return report


class ManualAttendanceForm(forms.Form):
    learner = forms.IntegerField(widget=forms.HiddenInput)
    minutes_present = forms.IntegerField(label=_("Minutes present"), min_value=0)
    reason = forms.CharField(
        label=_("Why you mark it by hand"),
        max_length=1000,
        help_text=_("For example: joined by phone, not in the report."),
    )
