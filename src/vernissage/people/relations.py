"""Every record that points at a person, found from Django's own map of the relations: what
a merge of two people moves, and what the merge screen counts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.apps import apps as django_apps
from django.contrib.contenttypes.fields import GenericForeignKey
from django.db import models
from django.db.models.fields.related import ForeignObjectRel

from vernissage.people.models import Person, PersonDistinction, PersonMerge

#: Relations to a person that say something about the identity itself, not about the person:
#: they stay where they are when two people are merged.
IDENTITY_MODELS: tuple[type[models.Model], ...] = (PersonMerge, PersonDistinction)


@dataclass(frozen=True)
class PersonLink:
    """A foreign key of some model to a person (a name, a maker line, a role held)."""

    model: type[models.Model]
    field: str

    @property
    def key(self) -> str:
        return f"{self.model._meta.label_lower}.{self.field}"

    @property
    def label(self) -> str:
        """What the rows are, for people: “maker lines”, “roles”, “exhibitions (artists)”."""
        meta = self.model._meta
        owner: Any = meta.auto_created  # the model of the many-to-many, for its hidden table
        if not owner:
            return str(meta.verbose_name_plural)
        # The hidden table of a many-to-many: named by what it links the person to.
        if owner is Person:
            for model_field in meta.concrete_fields:
                other_end = model_field.related_model
                if other_end is not None and other_end is not Person:
                    return str(other_end._meta.verbose_name_plural)
        for m2m in owner._meta.many_to_many:
            if m2m.remote_field.through is self.model:
                return f"{owner._meta.verbose_name_plural} ({m2m.verbose_name})"
        return str(owner._meta.verbose_name_plural)

    def rows(self, person: Person) -> models.QuerySet[Any]:
        return self.model._base_manager.filter(**{self.field: person})


def person_links() -> list[PersonLink]:
    """Every foreign key to a person in every installed model, read from Django's own map of
    the relations (so that a relation added tomorrow is moved by a merge without anyone
    remembering to), less the identity records (:data:`IDENTITY_MODELS`). Many-to-many links
    are their tables' foreign keys: a role held, an exhibition shown in."""
    links = [
        PersonLink(model=relation.related_model, field=relation.field.name)
        for relation in Person._meta.get_fields(include_hidden=True)
        if isinstance(relation, ForeignObjectRel)
        and relation.auto_created
        and not relation.concrete
        and (relation.one_to_many or relation.one_to_one)
        and relation.related_model not in IDENTITY_MODELS
    ]
    return sorted(links, key=lambda link: link.key)


def generic_links() -> list[tuple[type[models.Model], GenericForeignKey]]:
    """Every generic link (content type and object id) of every installed model: citations."""
    return [
        (model, field)
        for model in django_apps.get_models()
        for field in model._meta.private_fields
        if isinstance(field, GenericForeignKey)
    ]
