"""The admin of the market's money: exchange rates. Every save goes through the services, as
everywhere in the admin."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from vernissage.core.admin import ServiceAdmin
from vernissage.market import exchange_rates
from vernissage.market.models import ExchangeRate


def _save_rate(*, instance: ExchangeRate, acting_user: Any) -> ExchangeRate:
    return exchange_rates.exchange_rate_save(rate=instance, acting_user=acting_user)


def _delete_rate(*, instance: ExchangeRate, acting_user: Any) -> None:
    exchange_rates.exchange_rate_delete(rate=instance, acting_user=acting_user)


@admin.register(ExchangeRate)
class ExchangeRateAdmin(ServiceAdmin):
    save_service = staticmethod(_save_rate)
    delete_service = staticmethod(_delete_rate)
    list_display = ("currency", "base_currency", "rate", "valid_from", "source", "entered_by")
    list_select_related = ("entered_by",)
    list_filter = ("currency", "base_currency")
    search_fields = ("currency", "source")
    date_hierarchy = "valid_from"
    fields = (("currency", "base_currency"), "rate", "valid_from", "source", "entered_by")
    readonly_fields = ("entered_by",)

    def get_changeform_initial_data(self, request: HttpRequest) -> dict[str, Any]:
        initial = super().get_changeform_initial_data(request)
        initial.setdefault("base_currency", exchange_rates.reporting_currency())
        return initial
