from django import forms
from django.utils.translation import gettext_lazy as _

from webinars.attendance import MAX_BYTES


class AttendanceUploadForm(forms.Form):
    report = forms.FileField(
        label=_("Attendance report (CSV)"),
        help_text=_("The attendance report exported from Zoom or Microsoft Teams, as is."),
    )

    def clean_report(self):
        report = self.cleaned_data["report"]
        if report.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is too large (5 MB at most)."))
        return report


class ManualAttendanceForm(forms.Form):
    learner = forms.IntegerField(widget=forms.HiddenInput)
    minutes_present = forms.IntegerField(label=_("Minutes present"), min_value=0, max_value=24 * 60)
