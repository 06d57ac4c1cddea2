"""Validators of codes every area writes: languages, scripts, countries."""

from __future__ import annotations

from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

SCRIPT_VALIDATOR = RegexValidator(
    r"^([A-Z][a-z]{3})?$",
    _("Write the script as its four-letter ISO 15924 code, e.g. Latn, Cyrl."),
)
LANGUAGE_VALIDATOR = RegexValidator(
    r"^([a-z]{2,3}(-[A-Za-z0-9]{2,8})*)?$", _("Write the language as a code such as en, ru, fr.")
)
COUNTRY_VALIDATOR = RegexValidator(
    r"^([A-Z]{2})?$", _("Write the country as its two-letter ISO code, e.g. RU, FR, DE.")
)
