"""The OpenID Connect endpoints of this application (mozilla-django-oidc's names, which it reverses)."""

from django.contrib.auth.decorators import login_not_required
from django.urls import path

from . import views

urlpatterns = [
    path("callback/", login_not_required(views.CallbackView.as_view()), name="oidc_authentication_callback"),
    path(
        "authenticate/", login_not_required(views.AuthenticateView.as_view()), name="oidc_authentication_init"
    ),
]
