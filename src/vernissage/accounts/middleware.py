"""Two-factor authentication, required of some roles when VERNISSAGE_REQUIRE_2FA is on."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _

from vernissage.accounts.selectors import user_has_totp, user_needs_two_factor

#: What a user who must set up TOTP can still reach: the pages that set it up (including
#: the password prompt allauth asks before it), the recovery codes shown after it, and
#: logging out.
SETUP_URL_NAMES = frozenset(
    {
        "mfa_activate_totp",
        "mfa_index",
        "mfa_view_recovery_codes",
        "mfa_generate_recovery_codes",
        "mfa_download_recovery_codes",
        "account_reauthenticate",
        "account_logout",
        "logout",
    }
)


class TwoFactorRequiredMiddleware:
    """Send a logged-in user whose role needs a second factor, and who has none, to set up
    TOTP before anything else: staff pages, the admin, and the public pages, which show
    staff more than the public sees."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> HttpResponse | None:
        if not settings.VERNISSAGE_REQUIRE_2FA or not request.user.is_authenticated:
            return None
        match = request.resolver_match
        if match is not None and match.url_name in SETUP_URL_NAMES:
            return None
        user = request.user
        if not user_needs_two_factor(user=user) or user_has_totp(user=user):
            return None
        messages.warning(
            request,
            _("Your role requires two-factor authentication. Set it up to continue."),
            fail_silently=True,
        )
        return HttpResponseRedirect(reverse("mfa_activate_totp"))
