from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from tests.factories.people import PersonFactory
from tests.factories.works import ArtworkFactory

from vernissage.works import services
from vernissage.works.models import Artwork, EditionItem


def test_duplicate_inventory_number_is_refused_naming_the_other_work(db: None) -> None:
    ArtworkFactory(title="Letters Never Sent", inventory_number="JK-2014-001")
    with pytest.raises(ValidationError) as refused:
        ArtworkFactory(title="Another", inventory_number="jk-2014-001")
    assert refused.value.message_dict == {
        "inventory_number": [
            "Inventory number jk-2014-001 is already used by “Letters Never Sent”."
        ]
    }
    assert Artwork.objects.count() == 1


def test_a_deleted_work_keeps_its_inventory_number(db: None) -> None:
    artwork = ArtworkFactory(title="Lost Painting", inventory_number="AK-2010-001")
    services.artwork_delete(artwork=artwork, acting_user=None)
    with pytest.raises(ValidationError, match="“Lost Painting” \\(deleted\\)"):
        ArtworkFactory(inventory_number="AK-2010-001")


def test_inventory_number_made_from_the_house_pattern(db: None) -> None:
    ana = PersonFactory(display_name="Ana Kalmurzaev")
    viktor = PersonFactory(display_name="Viktor Petrov")
    first = ArtworkFactory(date="c. 2019", makers=[(ana, "artist"), (viktor, "co_artist")])
    second = ArtworkFactory(date="2019", makers=[(ana, "artist"), (viktor, "co_artist")])
    assert first.inventory_number == "AKVP-2014-001"  # c. 2019 may be as early as 2014
    assert second.inventory_number == "AKVP-2019-001"
    third = ArtworkFactory(date="2019–2020", makers=[(ana, "artist"), (viktor, "co_artist")])
    assert third.inventory_number == "AKVP-2019-002"


@override_settings(VERNISSAGE_INVENTORY_PATTERN="INV{year}/{seq:05d}")
def test_inventory_pattern_is_configurable(db: None) -> None:
    assert ArtworkFactory(date="1998").inventory_number == "INV1998/00001"


def test_dimensions_are_parsed_and_displayed_back(db: None) -> None:
    artwork = ArtworkFactory(dimensions="24 x 36 in", framed_dimensions="70x100cm")
    artwork.refresh_from_db()
    assert (artwork.height, artwork.width, artwork.unit) == (Decimal("24"), Decimal("36"), "in")
    assert artwork.display_dimensions == "24 × 36 in (61 × 91.4 cm)"
    assert artwork.display_framed_dimensions == "70 × 100 cm"


def test_unreadable_dimensions_and_date_are_kept_and_flagged(db: None) -> None:
    artwork = ArtworkFactory(dimensions="about the size of a door", date="sometime")
    artwork.refresh_from_db()
    assert artwork.dimensions == "about the size of a door"
    assert artwork.height is None
    assert artwork.unframed.is_flagged
    assert artwork.display_dimensions == "about the size of a door"
    assert artwork.date == "sometime"
    assert artwork.when.is_flagged


def test_tapestry_has_two_makers_in_credit_order(db: None) -> None:
    ana = PersonFactory(display_name="Ana Kalmurzaev")
    viktor = PersonFactory(display_name="Viktor Petrov")
    tapestry = ArtworkFactory(
        classification="tapestry", makers=[(ana, "artist"), (viktor, "co_artist")]
    )
    roles = list(tapestry.creations.values_list("person__display_name", "role"))
    assert roles == [("Ana Kalmurzaev", "artist"), ("Viktor Petrov", "co_artist")]
    assert tapestry.aat_type == ("aat:300205002", "tapestries")
    assert list(Artwork.objects.search("petrov")) == [tapestry]


def test_edition_makes_numbered_prints_and_artists_proofs(db: None) -> None:
    photo = ArtworkFactory(classification="photograph", edition_size=5, artist_proofs=2)
    labels = [item.label for item in photo.edition_items.all()]
    assert labels == ["AP 1/2", "AP 2/2", "1/5", "2/5", "3/5", "4/5", "5/5"]
    assert photo.edition_label == "Edition of 5 + 2 AP"
    with pytest.raises(ValidationError, match="The edition has 5 prints; 6 is beyond it"):
        services.edition_item_save(
            item=EditionItem(artwork=photo, kind="numbered", number=6), acting_user=None
        )


def test_deleting_and_restoring_a_work(db: None) -> None:
    artwork = ArtworkFactory()
    services.artwork_delete(artwork=artwork, acting_user=None)
    assert not Artwork.objects.filter(pk=artwork.pk).exists()
    services.artwork_restore(artwork=Artwork.all_objects.get(pk=artwork.pk), acting_user=None)
    assert Artwork.objects.filter(pk=artwork.pk).exists()


def test_works_made_in_a_decade_include_fuzzy_dates_that_overlap(db: None) -> None:
    inside = ArtworkFactory(date="c. 1998")
    edge = ArtworkFactory(date="2001–2003")
    ArtworkFactory(date="2012")
    found = set(Artwork.objects.made_between(*_bounds("1990s")))
    assert found == {inside}
    assert set(Artwork.objects.made_between(*_bounds("early 2000s"))) == {inside, edge}


def _bounds(text: str) -> tuple[object, object]:
    from vernissage.core.fuzzy_dates import parse_fuzzy_date

    parsed = parse_fuzzy_date(text)
    return parsed.earliest, parsed.latest


@pytest.mark.parametrize(
    ("status", "kept"),
    [
        ("available", False),
        ("not_for_sale", False),
        ("sold", True),
        ("reserved", True),
        ("on_loan", True),
        ("on_consignment", True),
    ],
)
def test_a_print_out_in_the_world_stays_on_record(db: None, status: str, kept: bool) -> None:
    artwork = ArtworkFactory(classification="photograph", edition_size=5)
    item = artwork.edition_items.get(kind="numbered", number=2)
    item.status = status
    services.edition_item_save(item=item, acting_user=None)

    if kept:
        with pytest.raises(ValidationError, match=f"Print 2/5 is {item.get_status_display()}"):
            services.edition_item_delete(item=item, acting_user=None)
    else:
        services.edition_item_delete(item=item, acting_user=None)

    assert artwork.edition_items.filter(number=2).exists() is kept
