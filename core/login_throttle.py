"""Throttling of failed sign-ins (django-axes): per username and address, and per address over all usernames.

Axes locks a username at an address after AXES_FAILURE_LIMIT failures, so one person's typos lock only
themselves. Trying a common password on many usernames from one address (password spraying) never reaches
that limit for any one username; the handler below also locks the whole address once its failures within
the cool-off time reach LOGIN_ADDRESS_FAILURE_LIMIT, a higher limit because a town hall's network may show
many employees as one address.
"""

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum


class AddressThrottlingHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials: dict | None = None) -> int:
        failures = super().get_failures(request, credentials)
        address_failures = (
            AccessAttempt.objects.filter(
                ip_address=request.axes_ip_address, attempt_time__gte=get_cool_off_threshold(request)
            ).aggregate(total=Sum("failures_since_start"))["total"]
            or 0
        )
        if address_failures >= settings.LOGIN_ADDRESS_FAILURE_LIMIT:
            # Axes compares this number with AXES_FAILURE_LIMIT: an address over its own limit is locked
            # whatever the username.
            return max(failures, get_failure_limit(request, credentials))
        return failures
