"""The exhibitions' admin: every row written by a service, refusals heard on their row, prices
kept out of sight of the Registrar, opening times on the venue's clock."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from tests.admin_forms import add_inline_row, change_form_data
from tests.factories.exhibitions import ExhibitionFactory, venue, wall
from tests.factories.works import ArtworkFactory
from vernissage.core.models import AuditLog
from vernissage.core.services import staff_roles_set
from vernissage.exhibitions import services
from vernissage.exhibitions.models import ChecklistItem, Exhibition, Opening


def _login(client: Client, role: str) -> User:
    user = User.objects.create_user(username=role.lower())
    staff_roles_set(user=user, roles=[role], acting_user=None)
    client.force_login(user)
    return user


def _row_errors(response: Any, prefix: str) -> dict[str, list[str]]:
    for inline in response.context["inline_admin_formsets"]:
        for form in inline.formset.forms:
            if form.prefix == prefix:
                return {field: list(errors) for field, errors in form.errors.items()}
    raise AssertionError(f"no row {prefix} on the page")


def _show() -> Exhibition:
    exhibition = ExhibitionFactory(title="Bold Visions")
    services.exhibition_stop_add(acting_user=None, exhibition=exhibition, venue=venue())
    return exhibition


def test_the_registrar_keeps_the_checklist_without_seeing_or_losing_prices(
    client: Client, db: Any
) -> None:
    exhibition = _show()
    priced = services.checklist_add(
        acting_user=None,
        exhibition=exhibition,
        artwork=ArtworkFactory(title="Empty Chair, Winter"),
        price=Decimal("18000"),
        currency="EUR",
    )
    newcomer = ArtworkFactory(title="Two Figures in a Red Room")
    _login(client, "Registrar")
    url = f"/admin/exhibitions/exhibition/{exhibition.pk}/change/"
    data = change_form_data(client, url)
    assert "checklist-0-price" not in data
    assert "checklist-0-currency" not in data
    data["checklist-0-section"] = "Paintings"
    add_inline_row(
        data,
        "checklist",
        artwork=str(newcomer.pk),
        position="2",
        section="Paintings",
        catalogue_number="2",
        status="requested",
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    priced.refresh_from_db()
    assert (priced.section, priced.price, priced.currency) == ("Paintings", Decimal("18000"), "EUR")
    added = ChecklistItem.objects.get(artwork=newcomer)
    assert (added.position, added.catalogue_number, added.price) == (2, "2", None)
    assert AuditLog.objects.filter(object_id=str(added.pk), action="create").exists()


def test_a_price_without_currency_is_refused_on_its_row_and_nothing_is_kept(
    client: Client, db: Any
) -> None:
    exhibition = _show()
    services.checklist_add(acting_user=None, exhibition=exhibition, artwork=ArtworkFactory())
    _login(client, "Owner")
    url = f"/admin/exhibitions/exhibition/{exhibition.pk}/change/"
    data = change_form_data(client, url)
    data["title"] = "Renamed"
    data["checklist-0-price"] = "12000"
    data["checklist-0-currency"] = ""
    rows_before = AuditLog.objects.count()
    response = client.post(url, data)
    assert response.status_code == 200
    assert _row_errors(response, "checklist-0") == {
        "currency": ["Give the currency of the price, such as EUR or USD."]
    }
    assert Exhibition.objects.get(pk=exhibition.pk).title == "Bold Visions"
    assert ChecklistItem.objects.get().price is None
    assert AuditLog.objects.count() == rows_before


def test_opening_times_are_typed_and_shown_on_the_venue_clock(client: Client, db: Any) -> None:
    exhibition = _show()
    _login(client, "Registrar")
    url = f"/admin/exhibitions/exhibition/{exhibition.pk}/change/"
    with timezone.override(zoneinfo.ZoneInfo("America/New_York")):
        data = change_form_data(client, url)
        add_inline_row(
            data,
            "openings",
            venue=str(exhibition.stops.get().venue_id),
            title="Opening night",
            starts_at="2013-10-10T18:00",
            ends_at="2013-10-10T21:00",
            is_public="on",
        )
        response = client.post(url, data)
        assert response.status_code == 302
        opening = Opening.objects.get()
        assert opening.starts_at == dt.datetime(2013, 10, 10, 16, tzinfo=dt.UTC)
        shown = change_form_data(client, url)
    assert shown["openings-0-starts_at"] == "2013-10-10 18:00:00"
    assert shown["openings-0-ends_at"] == "2013-10-10 21:00:00"


def test_an_opening_at_a_time_the_clocks_skip_is_refused_on_its_row(
    client: Client, db: Any
) -> None:
    exhibition = _show()
    _login(client, "Owner")
    url = f"/admin/exhibitions/exhibition/{exhibition.pk}/change/"
    data = change_form_data(client, url)
    add_inline_row(
        data,
        "openings",
        venue=str(exhibition.stops.get().venue_id),
        starts_at="2013-03-31T02:30",
        ends_at="2013-03-31T05:00",
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert _row_errors(response, "openings-0") == {
        "starts_at": [
            "2013-03-31 02:30 does not exist in Europe/Paris (the clocks go forward): "
            "choose another time."
        ]
    }
    assert not Opening.objects.exists()


def test_a_stop_with_an_opening_is_not_removed_from_the_admin(client: Client, db: Any) -> None:
    exhibition = _show()
    stop = exhibition.stops.get()
    services.opening_create(
        acting_user=None,
        exhibition=exhibition,
        venue=stop.venue,
        starts_at=wall(2013, 10, 10, 18),
        ends_at=wall(2013, 10, 10, 21),
    )
    _login(client, "Owner")
    url = f"/admin/exhibitions/exhibition/{exhibition.pk}/change/"
    data = change_form_data(client, url)
    data["stops-0-DELETE"] = "on"
    response = client.post(url, data)
    assert response.status_code == 200
    assert "An opening is held at Galerie Marchetti-Roux" in response.content.decode()
    assert exhibition.stops.filter(pk=stop.pk).exists()
