"""Forms for programmes and projects, and the sign-in form, styled for Designsystemet."""

from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class DesignsystemetMixin:
    """Gives every widget Designsystemet's classes, so templates can render fields as they are."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = field.widget.attrs.get("class", "")
            field.widget.attrs["class"] = f"{css} ds-input".strip()


class LoginForm(DesignsystemetMixin, AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "Wrong username or password. Note that repeated failed attempts block signing in for a while."
        ),
        "inactive": _("This account is inactive."),
    }
