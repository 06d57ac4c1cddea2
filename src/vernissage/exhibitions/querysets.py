from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.db import models
from django.db.models import Exists, F, Max, Min, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from vernissage.core.access import Viewer, can_see_private

if TYPE_CHECKING:
    from vernissage.exhibitions.models import Exhibition, Guest  # noqa: F401


class ExhibitionQuerySet(models.QuerySet["Exhibition"]):
    def alive(self) -> ExhibitionQuerySet:
        return self.filter(deleted_at__isnull=True)

    def public(self) -> ExhibitionQuerySet:
        return self.alive().filter(is_public=True)

    def visible_to(self, viewer: Viewer) -> ExhibitionQuerySet:
        return self.alive() if can_see_private(viewer) else self.public()

    # --- when: by the dates of the show's stops, or its own when it has no dated stop ------
    #
    # Dates are fuzzy: a stop is *on* today when it may be (it may have opened, and may not
    # yet have closed); it is *coming* when it surely has not opened yet. A stop with no
    # closing date closes, at the latest, when its opening date's bounds end ("2013" → the
    # last day of 2013), so that a show dated only by its year does not run for ever.

    def with_span(self) -> ExhibitionQuerySet:
        """Annotate ``opens`` (the earliest day any stop may open) and ``closes`` (the last
        day any stop may close), for sorting."""
        last = (
            _stops_of_outer()
            .annotate(day=Max(Coalesce("end_date_latest", "start_date_latest")))
            .values("day")
        )
        return self.with_opens().annotate(
            closes=Coalesce(Subquery(last), F("end_date_latest"), F("start_date_latest")),
        )

    def with_opens(self) -> ExhibitionQuerySet:
        """Annotate ``opens`` only, for a list sorted by it."""
        first = _stops_of_outer().annotate(day=Min("start_date_earliest")).values("day")
        return self.annotate(opens=Coalesce(Subquery(first), F("start_date_earliest")))

    def current(self, today: dt.date) -> ExhibitionQuerySet:
        """Shows that may be on ``today`` at one of their venues."""
        return self.filter(_on(today))

    def upcoming(self, today: dt.date) -> ExhibitionQuerySet:
        """Shows not on today with a stop still to open (a tour between two stops too)."""
        return self.exclude(_on(today)).filter(_coming(today))

    def past(self, today: dt.date) -> ExhibitionQuerySet:
        """Shows that have surely closed everywhere."""
        return self.exclude(_on(today)).exclude(_coming(today)).exclude(_undated())

    def undated(self) -> ExhibitionQuerySet:
        """Shows whose dates are not known yet (nor those of any stop)."""
        return self.filter(_undated())


def _stops_of_outer() -> models.QuerySet[models.Model, dict[str, Any]]:
    """The dated stops of the exhibition of the outer query, grouped by it."""
    return _stops().filter(exhibition=OuterRef("pk")).order_by().values("exhibition")


def _stops() -> models.QuerySet[models.Model]:
    return apps.get_model("exhibitions", "ExhibitionVenue").objects.filter(
        start_date_earliest__isnull=False
    )


def _span_on(today: dt.date, prefix: str = "") -> Q:
    return Q(**{f"{prefix}start_date_earliest__lte": today}) & (
        Q(**{f"{prefix}end_date_latest__gte": today})
        | Q(**{f"{prefix}end_date_latest__isnull": True, f"{prefix}start_date_latest__gte": today})
    )


def _dated_stops() -> Exists:
    return Exists(_stops().filter(exhibition=OuterRef("pk")))


def _on(today: dt.date) -> Q:
    stop_on = Exists(_stops().filter(_span_on(today), exhibition=OuterRef("pk")))
    return Q(stop_on) | (~Q(_dated_stops()) & _span_on(today))


def _coming(today: dt.date) -> Q:
    stop_coming = Exists(_stops().filter(exhibition=OuterRef("pk"), start_date_earliest__gt=today))
    return Q(stop_coming) | (~Q(_dated_stops()) & Q(start_date_earliest__gt=today))


def _undated() -> Q:
    return ~Q(_dated_stops()) & Q(start_date_earliest__isnull=True)


class GuestQuerySet(models.QuerySet["Guest"]):
    def attending(self) -> GuestQuerySet:
        return self.filter(response="attending", waitlisted_at__isnull=True)

    def waiting(self) -> GuestQuerySet:
        return self.filter(response="attending", waitlisted_at__isnull=False)
