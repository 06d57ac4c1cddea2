"""Failed logins, read-only, for staff with the ``accounts.view_loginfailure`` permission."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from vernissage.accounts.models import LoginFailure


@admin.register(LoginFailure)
class LoginFailureAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("at", "login", "user", "ip_address", "refused")
    list_filter = ("refused", "at")
    search_fields = ("login", "ip_address", "user__username", "user__email")
    date_hierarchy = "at"
    list_select_related = ("user",)
    readonly_fields = ("at", "login", "user", "ip_address", "user_agent", "refused")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
