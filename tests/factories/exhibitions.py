"""Venues and exhibitions made through the services, as every door makes them."""

from __future__ import annotations

import datetime as dt
from typing import Any

import factory

from vernissage.exhibitions import services
from vernissage.exhibitions.models import Exhibition, Venue
from vernissage.people import services as people
from vernissage.people.models import Place


def wall(year: int, month: int, day: int, hour: int, minute: int = 0) -> dt.datetime:
    """A time as read on a venue's clock, with no zone: the services place it in the venue's."""
    return dt.datetime.combine(dt.date(year, month, day), dt.time(hour, minute))


def place(name: str = "Paris", country: str = "FR") -> Place:
    return people.place_save(place=Place(name=name, kind="city", country=country), acting_user=None)


def venue(
    name: str = "Galerie Marchetti-Roux",
    *,
    city: str = "Paris",
    country: str = "FR",
    time_zone: str = "Europe/Paris",
    is_public: bool = True,
    **extra: Any,
) -> Venue:
    organization = people.organization_create(
        acting_user=None, name=name, kind="gallery", place=place(city, country), is_public=is_public
    )
    return services.venue_create(
        acting_user=None, organization=organization, time_zone=time_zone, **extra
    )


class ExhibitionFactory(factory.Factory):  # type: ignore[misc]
    """Exhibitions made through ``exhibition_create``: public, a group show, dated 2013."""

    class Meta:
        model = Exhibition

    title = factory.Sequence(lambda n: f"Exhibition {n}")
    kind = Exhibition.Kind.GROUP
    start_date = "10 October 2013"
    end_date = factory.LazyAttribute(
        lambda show: "16 November 2013" if show.start_date == "10 October 2013" else ""
    )
    is_public = True

    @classmethod
    def _create(cls, model_class: type[Exhibition], *args: Any, **kwargs: Any) -> Exhibition:
        return services.exhibition_create(acting_user=None, **kwargs)
