"""The sign-in and sign-out pages: the password form as LOCAL_LOGIN allows it, the button to sign in with
the municipality's account, and a sign-out that ends the provider's session too."""

import logging

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from mozilla_django_oidc import views as oidc_views

from . import oidc

logger = logging.getLogger(__name__)


class LoginView(auth_views.LoginView):
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        return super().get_context_data(oidc_enabled=oidc.enabled(), local_login=oidc.local_login(), **kwargs)

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if oidc.enabled():
            # The municipality's account comes first; the password form is the way for the few.
            form.fields["username"].widget.attrs.pop("autofocus", None)
        return form

    def post(self, request, *args, **kwargs):
        if oidc.local_login() == oidc.LOCAL_LOGIN_NONE:
            return HttpResponseRedirect(request.path)
        return super().post(request, *args, **kwargs)


class LogoutView(auth_views.LogoutView):
    """Ends the session here and, for a session that came from the provider, sends the browser on to the
    provider's end-session endpoint, which comes back to the login page."""

    def post(self, request, *args, **kwargs):
        provider_url = oidc.provider_logout_url(request) if request.session.get("oidc_id_token") else None
        response = super().post(request, *args, **kwargs)
        return HttpResponseRedirect(provider_url) if provider_url else response


class AuthenticateView(oidc_views.OIDCAuthenticationRequestView):
    """Sends the browser to the provider's login page (the «Sign in with the municipality's account» button)."""

    def get(self, request):
        if not oidc.enabled():
            raise Http404
        return super().get(request)


class CallbackView(oidc_views.OIDCAuthenticationCallbackView):
    """Where the provider sends the browser back: a refused token or sign-in shows why on the login page."""

    @property
    def failure_url(self):
        return reverse("login")

    def get(self, request):
        if not oidc.enabled():
            raise Http404
        try:
            return super().get(request)
        except SuspiciousOperation as exc:
            logger.warning("Sign-in with the municipality's account refused: %s", exc)
            return self.login_failure()

    def login_failure(self):
        messages.error(
            self.request,
            _(
                "Signing in with the municipality's account did not succeed. Try again, and ask the "
                "administrator if it keeps failing."
            ),
        )
        return super().login_failure()
