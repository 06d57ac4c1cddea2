"""Form widgets of the site."""

from __future__ import annotations

from typing import Any

from django import forms
from django.urls import reverse


class SuggestInput(forms.TextInput):
    """A text input whose suggestions come from the server as the person types: HTMX asks
    ``suggest_url`` (a URL name) with what is typed and fills the input's ``<datalist>``.
    Without JavaScript it is a plain text input, read by the form as typed."""

    template_name = "site/widgets/suggest.html"

    def __init__(self, *, suggest_url: str, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs={"autocomplete": "off", **(attrs or {})})
        self.suggest_url = suggest_url

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["widget"]["suggest_url"] = reverse(self.suggest_url)
        return context
