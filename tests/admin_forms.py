from __future__ import annotations

from typing import Any

from django import forms
from django.test.client import Client


def _add_form(data: dict[str, Any], form: forms.BaseForm) -> None:
    for name, field in form.fields.items():
        bound = form[name]
        value = bound.value()
        if isinstance(field.widget, forms.CheckboxInput):
            if value:
                data[bound.html_name] = "on"
        elif isinstance(field, forms.FileField):
            continue
        elif isinstance(value, list | tuple):
            data[bound.html_name] = [str(item) for item in value]
        else:
            data[bound.html_name] = "" if value is None else str(value)


def change_form_data(client: Client, url: str) -> dict[str, Any]:
    """What the admin page at ``url`` posts when saved untouched: the record's form and every
    inline row as shown, with the inlines' management forms."""
    page = client.get(url)
    assert page.status_code == 200
    data: dict[str, Any] = {}
    _add_form(data, page.context["adminform"].form)
    for inline in page.context["inline_admin_formsets"]:
        _add_form(data, inline.formset.management_form)
        for form in inline.formset.forms:
            _add_form(data, form)
    return data


def add_inline_row(data: dict[str, Any], prefix: str, **fields: str) -> str:
    """Append one new row to the inline ``prefix`` of posted data; returns the row's prefix."""
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = str(index + 1)
    row = f"{prefix}-{index}"
    for name, value in fields.items():
        data[f"{row}-{name}"] = value
    return row
