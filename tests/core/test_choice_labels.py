"""``get_<field>_display()`` from a map made once per field gives Django's answer."""

from __future__ import annotations

from django.apps import apps
from django.db import models
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.translation import override

from vernissage.core.models import BaseModel


def _django_display(instance: models.Model, field: models.Field) -> object:  # type: ignore[type-arg]
    value = getattr(instance, field.attname)
    return force_str(
        dict(make_hashable(field.flatchoices)).get(make_hashable(value), value), strings_only=True
    )


def test_every_choice_of_every_model_reads_as_django_reads_it() -> None:
    checked = 0
    for model in apps.get_models():
        if not issubclass(model, BaseModel):
            continue
        for field in model._meta.concrete_fields:
            if not field.choices:
                continue
            for value in [*(value for value, _label in field.flatchoices), "not-a-choice"]:
                instance = model(**{field.attname: value})
                display = getattr(instance, f"get_{field.name}_display")
                for language in ("en", "fr", "de", "ru"):
                    with override(language):
                        assert display() == _django_display(instance, field)
                checked += 1
    assert checked > 50
