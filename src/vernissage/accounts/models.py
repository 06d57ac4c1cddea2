"""What sign-in keeps: a record of every failed login."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class LoginFailure(models.Model):
    """One failed login: the name or e-mail typed, the account it named, where it came from.

    ``refused`` marks attempts turned away by the rate limit before the password was tried.
    """

    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True, editable=False)
    login = models.CharField(_("login tried"), max_length=254, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    ip_address = models.GenericIPAddressField(_("IP address"), editable=False)
    user_agent = models.CharField(_("browser"), max_length=300, blank=True, editable=False)
    refused = models.BooleanField(
        _("refused by the rate limit"),
        default=False,
        editable=False,
        help_text=_("Too many failures came before it: the password was not even checked."),
    )

    class Meta:
        ordering = ("-at", "-id")
        verbose_name = _("failed login")
        verbose_name_plural = _("failed logins")
        indexes = [models.Index(fields=["ip_address", "at"], name="loginfailure_ip_idx")]

    def __str__(self) -> str:
        return gettext("%(login)s from %(address)s at %(at)s") % {
            "login": self.login,
            "address": self.ip_address,
            "at": f"{self.at:%Y-%m-%d %H:%M:%S}",
        }
