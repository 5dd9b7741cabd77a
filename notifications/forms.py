"""The «Varsler» page's form: one checkbox per kind of message."""

from django import forms

from .models import KIND_HELP, Kind


class PreferencesForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kind in Kind:
            self.fields[kind.value] = forms.BooleanField(
                label=kind.label, help_text=KIND_HELP[kind], required=False
            )
            self.fields[kind.value].widget.attrs.update(
                {"class": "ds-input", "aria-describedby": f"id_{kind.value}_helptext"}
            )
