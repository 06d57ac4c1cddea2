"""Venues, exhibitions, their tours and checklists, written through the services."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.factories.exhibitions import ExhibitionFactory, venue, wall
from tests.factories.people import PersonFactory
from tests.factories.works import ArtworkFactory
from vernissage.core.models import AuditLog
from vernissage.exhibitions import services
from vernissage.exhibitions.models import ChecklistItem, Exhibition, ExhibitionVenue, Opening
from vernissage.exhibitions.selectors import exhibition_artists, opening_time_label
from vernissage.people import services as people

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


# --- exhibitions ----------------------------------------------------------------------------


def test_an_exhibition_gets_a_slug_its_date_bounds_and_an_audit_row(db: None) -> None:
    exhibition = ExhibitionFactory(title="Threads  of Reality", start_date="spring 2013")
    assert exhibition.slug == "threads-of-reality"
    assert exhibition.title == "Threads of Reality"
    assert exhibition.start_date_earliest == dt.date(2013, 3, 1)
    assert exhibition.start_date_latest == dt.date(2013, 5, 31)
    assert AuditLog.objects.filter(object_repr="Threads of Reality", action="create").count() == 1


def test_an_exhibition_closing_before_it_opens_is_refused(db: None) -> None:
    with pytest.raises(ValidationError) as refused:
        ExhibitionFactory(title="Backwards", start_date="2014", end_date="2013")
    assert refused.value.message_dict == {"end_date": ["It closes (2013) before it opens (2014)."]}
    assert not Exhibition.all_objects.exists()


def test_fuzzy_dates_that_may_be_in_order_are_kept(db: None) -> None:
    exhibition = ExhibitionFactory(start_date="spring 2013", end_date="2013")
    assert exhibition.end_date_latest == dt.date(2013, 12, 31)


def test_delete_hides_and_restore_brings_back(db: None) -> None:
    exhibition = ExhibitionFactory(title="Gone for a while")
    services.exhibition_delete(exhibition=exhibition, acting_user=None)
    assert not Exhibition.objects.filter(pk=exhibition.pk).exists()
    with pytest.raises(ValidationError, match="already deleted"):
        services.exhibition_delete(exhibition=exhibition, acting_user=None)
    services.exhibition_restore(exhibition=exhibition, acting_user=None)
    assert Exhibition.objects.get(pk=exhibition.pk).deleted_at is None


# --- touring stops --------------------------------------------------------------------------


def test_a_touring_show_has_stops_in_order_with_their_own_fuzzy_dates(db: None) -> None:
    exhibition = ExhibitionFactory(start_date="", end_date="")
    berlin = venue("Galerie Hallmann", city="Berlin", country="DE", time_zone="Europe/Berlin")
    paris = venue("Galerie Marchetti-Roux")
    first = services.exhibition_stop_add(
        acting_user=None, exhibition=exhibition, venue=berlin, start_date="spring 2017"
    )
    second = services.exhibition_stop_add(
        acting_user=None,
        exhibition=exhibition,
        venue=paris,
        start_date="1 September 2017",
        end_date="c. October 2017",
    )
    assert [(stop.venue, stop.position) for stop in exhibition.stops.all()] == [
        (berlin, 1),
        (paris, 2),
    ]
    assert first.start_date_latest == dt.date(2017, 5, 31)
    assert second.start_date_earliest == dt.date(2017, 9, 1)
    assert second.end_date_earliest is not None


def test_the_same_stop_twice_is_refused(db: None) -> None:
    exhibition = ExhibitionFactory()
    paris = venue()
    services.exhibition_stop_add(
        acting_user=None, exhibition=exhibition, venue=paris, start_date="2013"
    )
    with pytest.raises(ValidationError) as refused:
        services.exhibition_stop_add(
            acting_user=None, exhibition=exhibition, venue=paris, start_date="2013"
        )
    assert refused.value.message_dict == {
        "venue": ["The show already stops at Galerie Marchetti-Roux from 2013."]
    }
    assert ExhibitionVenue.objects.count() == 1


def test_a_stop_with_an_opening_cannot_be_removed(db: None) -> None:
    exhibition = ExhibitionFactory()
    paris = venue()
    stop = services.exhibition_stop_add(acting_user=None, exhibition=exhibition, venue=paris)
    services.opening_create(
        acting_user=None,
        exhibition=exhibition,
        venue=paris,
        starts_at=wall(2013, 10, 10, 18),
        ends_at=wall(2013, 10, 10, 21),
    )
    with pytest.raises(ValidationError, match="An opening is held at Galerie Marchetti-Roux"):
        services.exhibition_stop_remove(stop=stop, acting_user=None)
    assert ExhibitionVenue.objects.filter(pk=stop.pk).exists()


def test_a_venue_needs_a_real_time_zone(db: None) -> None:
    with pytest.raises(ValidationError) as refused:
        venue(time_zone="Paris")
    assert refused.value.message_dict == {
        "time_zone": ["“Paris” is not a time zone; write it as Europe/Paris or America/New_York."]
    }


def test_a_venue_where_shows_were_held_stays_on_record(db: None) -> None:
    exhibition = ExhibitionFactory()
    paris = venue()
    services.exhibition_stop_add(acting_user=None, exhibition=exhibition, venue=paris)
    with pytest.raises(ValidationError, match="stays on record"):
        services.venue_delete(venue=paris, acting_user=None)


# --- the checklist --------------------------------------------------------------------------


def _add(exhibition: Exhibition, **extra: object) -> ChecklistItem:
    artwork = extra.pop("artwork", None) or ArtworkFactory()
    return services.checklist_add(
        acting_user=None,
        exhibition=exhibition,
        artwork=artwork,  # type: ignore[arg-type]
        **extra,  # type: ignore[arg-type]
    )


def test_checklist_entries_come_in_order_with_section_number_lender_status_and_price(
    db: None,
) -> None:
    exhibition = ExhibitionFactory()
    first = _add(exhibition, section="Red Square", catalogue_number="1")
    second = _add(
        exhibition,
        section="Red Square",
        catalogue_number="2",
        lender_credit="Private collection, Paris",
        status=ChecklistItem.Status.CONFIRMED,
        price=Decimal("12000"),
        currency="eur",
    )
    assert [item.position for item in (first, second)] == [1, 2]
    second.refresh_from_db()
    assert (second.price, second.currency, second.status) == (
        Decimal("12000.00"),
        "EUR",
        "confirmed",
    )


@pytest.mark.parametrize(
    ("price", "currency", "errors"),
    [
        pytest.param(
            Decimal("12000"),
            "",
            {"currency": ["Give the currency of the price, such as EUR or USD."]},
            id="price_without_currency",
        ),
        pytest.param(
            Decimal("-5"), "EUR", {"price": ["A price cannot be negative."]}, id="negative_price"
        ),
        pytest.param(
            None,
            "EUR",
            {"price": ["A currency without a price: give the price, or clear the currency."]},
            id="currency_without_price",
        ),
        pytest.param(
            Decimal("10"),
            "EURO",
            {
                "currency": [
                    "Write the currency as its three-letter ISO 4217 code, such as EUR or USD."
                ]
            },
            id="currency_not_iso",
        ),
    ],
)
def test_a_bad_price_is_refused_and_nothing_is_saved(
    db: None, price: Decimal | None, currency: str, errors: dict[str, list[str]]
) -> None:
    exhibition = ExhibitionFactory()
    with pytest.raises(ValidationError) as refused:
        _add(exhibition, price=price, currency=currency)
    assert refused.value.message_dict == errors
    assert not ChecklistItem.objects.exists()


def test_a_work_is_on_a_checklist_once(db: None) -> None:
    exhibition = ExhibitionFactory()
    artwork = ArtworkFactory(title="Frozen River, Morning")
    _add(exhibition, artwork=artwork)
    with pytest.raises(ValidationError) as refused:
        _add(exhibition, artwork=artwork)
    assert refused.value.message_dict["artwork"][0].startswith("“Frozen River, Morning")
    assert "is already on the checklist" in refused.value.message_dict["artwork"][0]


def test_a_catalogue_number_is_used_once_per_checklist(db: None) -> None:
    exhibition = ExhibitionFactory()
    _add(exhibition, catalogue_number="7")
    with pytest.raises(ValidationError) as refused:
        _add(exhibition, catalogue_number="7")
    assert refused.value.message_dict == {
        "catalogue_number": ["Catalogue number 7 is already used."]
    }


def test_a_work_has_one_lender(db: None) -> None:
    exhibition = ExhibitionFactory()
    collector = PersonFactory(display_name="Petrov", roles=("collector",), is_public=False)
    museum = people.organization_create(acting_user=None, name="Some Museum", kind="museum")
    with pytest.raises(ValidationError) as refused:
        _add(exhibition, lender_person=collector, lender_organization=museum)
    assert refused.value.message_dict == {
        "lender_organization": ["A work is lent by one person or one organization."]
    }


def test_move_and_remove_keep_the_checklist_numbered_from_one(db: None) -> None:
    exhibition = ExhibitionFactory()
    a, b, c = (_add(exhibition, catalogue_number=n) for n in "abc")
    services.checklist_move(item=c, position=1, acting_user=None)
    order = list(
        exhibition.checklist.order_by("position").values_list("catalogue_number", "position")
    )
    assert order == [("c", 1), ("a", 2), ("b", 3)]
    with pytest.raises(ValidationError) as refused:
        services.checklist_move(item=a, position=4, acting_user=None)
    assert refused.value.message_dict == {
        "position": ["The checklist has 3 entries: choose 1 to 3."]
    }
    services.checklist_remove(item=a, acting_user=None)
    order = list(
        exhibition.checklist.order_by("position").values_list("catalogue_number", "position")
    )
    assert order == [("c", 1), ("b", 2)]


# --- the artists shown ----------------------------------------------------------------------


def test_the_artists_shown_are_the_checklist_makers_and_those_added_by_hand(
    db: None, owner: object
) -> None:
    ana = PersonFactory(display_name="Ana Kalmurzaev", sort_name="Kalmurzaev, Ana")
    viktor = PersonFactory(display_name="Viktor Petrov", sort_name="Petrov, Viktor")
    printer = PersonFactory(display_name="A Printer", sort_name="Printer, A")
    hidden = PersonFactory(display_name="Hidden Hand", sort_name="Hand, Hidden", is_public=False)
    romy = PersonFactory(display_name="Romy Kalmurzaev", sort_name="Kalmurzaev, Romy")
    secret_maker = PersonFactory(display_name="Secret Maker", sort_name="Maker, Secret")
    exhibition = ExhibitionFactory(artists=[romy])
    _add(
        exhibition,
        artwork=ArtworkFactory(
            makers=[
                (ana, "artist"),
                (viktor, "co_artist"),
                (printer, "printer"),
                (hidden, "artist"),
            ]
        ),
    )
    _add(exhibition, artwork=ArtworkFactory(makers=[(secret_maker, "artist")], is_public=False))

    public = list(exhibition_artists(exhibition=exhibition, viewer=None))
    staff = list(exhibition_artists(exhibition=exhibition, viewer=owner))  # type: ignore[arg-type]

    assert [person.display_name for person in public] == [
        "Ana Kalmurzaev",
        "Romy Kalmurzaev",
        "Viktor Petrov",
    ]
    assert [person.display_name for person in staff] == [
        "Hidden Hand",
        "Ana Kalmurzaev",
        "Romy Kalmurzaev",
        "Secret Maker",
        "Viktor Petrov",
    ]


# --- openings -------------------------------------------------------------------------------


def _opening(**times: dt.datetime) -> Opening:
    exhibition = ExhibitionFactory()
    paris = venue()
    services.exhibition_stop_add(acting_user=None, exhibition=exhibition, venue=paris)
    return services.opening_create(acting_user=None, exhibition=exhibition, venue=paris, **times)


def test_an_opening_typed_on_the_venue_clock_is_shown_there_whatever_the_server_zone(
    db: None, settings: object
) -> None:
    with timezone.override(zoneinfo.ZoneInfo("America/New_York")):
        opening = _opening(starts_at=wall(2013, 10, 10, 18), ends_at=wall(2013, 10, 10, 21))
        opening.refresh_from_db()
        assert opening.starts_at == dt.datetime(2013, 10, 10, 16, tzinfo=dt.UTC)
        assert opening_time_label(opening) == "Thursday 10 October 2013, 18:00–21:00 CEST"


def test_a_winter_opening_is_shown_in_cet_and_one_past_midnight_names_both_days(
    db: None,
) -> None:
    winter = _opening(
        starts_at=dt.datetime(2013, 12, 5, 18, tzinfo=PARIS),
        ends_at=dt.datetime(2013, 12, 5, 21, tzinfo=PARIS),
    )
    assert opening_time_label(winter) == "Thursday 5 December 2013, 18:00–21:00 CET"
    late = _opening(starts_at=wall(2013, 12, 31, 22), ends_at=wall(2014, 1, 1, 2))
    assert opening_time_label(late) == (
        "Tuesday 31 December 2013, 22:00 CET – Wednesday 1 January 2014, 02:00 CET"
    )


def test_an_aware_time_from_elsewhere_is_kept_and_shown_on_the_venue_clock(db: None) -> None:
    new_york = zoneinfo.ZoneInfo("America/New_York")
    opening = _opening(
        starts_at=dt.datetime(2013, 10, 10, 12, tzinfo=new_york),
        ends_at=dt.datetime(2013, 10, 10, 15, tzinfo=new_york),
    )
    assert opening_time_label(opening) == "Thursday 10 October 2013, 18:00–21:00 CEST"


@pytest.mark.parametrize(
    ("starts", "ends", "deadline", "errors"),
    [
        pytest.param(
            wall(2013, 10, 10, 21),
            wall(2013, 10, 10, 18),
            None,
            {"ends_at": ["The opening ends before it starts."]},
            id="ends_before_start",
        ),
        pytest.param(
            wall(2013, 10, 10, 18),
            wall(2013, 10, 12, 18),
            None,
            {"ends_at": ["An opening lasts a day at most; check the end's date."]},
            id="two_days",
        ),
        pytest.param(
            wall(2013, 10, 10, 18),
            wall(2013, 10, 10, 21),
            wall(2013, 10, 11, 12),
            {"rsvp_deadline": ["Answers must close before the opening ends."]},
            id="answers_after_the_end",
        ),
    ],
)
def test_opening_times_out_of_order_are_refused(
    db: None,
    starts: dt.datetime,
    ends: dt.datetime,
    deadline: dt.datetime | None,
    errors: dict[str, list[str]],
) -> None:
    with pytest.raises(ValidationError) as refused:
        _opening(starts_at=starts, ends_at=ends, rsvp_deadline=deadline)
    assert refused.value.message_dict == errors
    assert not Opening.objects.exists()


def test_a_wall_clock_time_skipped_or_repeated_by_the_clocks_is_refused(db: None) -> None:
    with pytest.raises(ValidationError, match="2013-03-31 02:30 does not exist in Europe/Paris"):
        _opening(starts_at=wall(2013, 3, 31, 2, 30), ends_at=wall(2013, 3, 31, 5))
    with pytest.raises(ValidationError, match="2013-10-27 02:30 happens twice in Europe/Paris"):
        _opening(starts_at=wall(2013, 10, 27, 2, 30), ends_at=wall(2013, 10, 27, 5))


def test_an_opening_is_held_at_one_of_the_show_venues(db: None) -> None:
    exhibition = ExhibitionFactory()
    services.exhibition_stop_add(acting_user=None, exhibition=exhibition, venue=venue())
    berlin = venue("Galerie Hallmann", city="Berlin", country="DE", time_zone="Europe/Berlin")
    with pytest.raises(ValidationError) as refused:
        services.opening_create(
            acting_user=None,
            exhibition=exhibition,
            venue=berlin,
            starts_at=wall(2017, 3, 3, 19),
            ends_at=wall(2017, 3, 3, 22),
        )
    assert refused.value.message_dict == {
        "venue": ["Galerie Hallmann is not one of this exhibition's venues."]
    }
