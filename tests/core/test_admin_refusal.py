"""Where a service's refusal lands on an admin form."""

from __future__ import annotations

from typing import Any

import pytest
from django import forms
from django.core.exceptions import ValidationError

from vernissage.core.admin import Refusal
from vernissage.works.models import EditionItem


class PrintForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = EditionItem
        fields = ("kind", "number")


@pytest.mark.parametrize(
    ("error", "expected", "_case"),
    [
        (
            ValidationError({"number": "Beyond the edition."}),
            {"number": ["Beyond the edition."]},
            "a field of the form",
        ),
        (
            ValidationError({"status": "Not a status.", "__all__": "Not now."}),
            {"__all__": ["Status: Not a status.", "Not now."]},
            "a field the form does not show, and the whole record",
        ),
        (
            ValidationError(["Already deleted.", "Twice."]),
            {"__all__": ["Already deleted.", "Twice."]},
            "no field at all",
        ),
    ],
)
def test_a_refusal_lands_on_the_field_it_names_else_on_the_form(
    db: Any, error: ValidationError, expected: dict[str, list[str]], _case: str
) -> None:
    form = PrintForm(data={"kind": "numbered", "number": "3"})
    assert form.is_valid()

    Refusal(error).place_on(form)

    assert form.errors == expected
    assert not form.is_valid()
