from __future__ import annotations

from typing import Any

import factory

from vernissage.people import services
from vernissage.people.models import Person


class PersonFactory(factory.Factory):  # type: ignore[misc]
    """People made through ``person_create``, as every door makes them."""

    class Meta:
        model = Person

    display_name = factory.Sequence(lambda n: f"Artist Number{n}")
    roles = ("artist",)
    is_public = True

    @classmethod
    def _create(cls, model_class: type[Person], *args: Any, **kwargs: Any) -> Person:
        return services.person_create(acting_user=None, **kwargs)

    @classmethod
    def _build(cls, model_class: type[Person], *args: Any, **kwargs: Any) -> Person:
        kwargs.pop("roles", None)
        return model_class(**kwargs)
