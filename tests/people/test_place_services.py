from __future__ import annotations

from vernissage.people import services
from vernissage.people.models import PlaceName


def test_a_place_is_found_by_a_name_saved_and_not_by_one_deleted(db: None) -> None:
    dacha = services.place_resolve(name="Kalmurzaev dacha", kind="landmark")
    variant = services.place_name_save(
        name=PlaceName(place=dacha, name="  Дача   Калмурзаевых ", language="ru"),
        acting_user=None,
    )

    assert variant.name == "Дача Калмурзаевых"
    assert services.place_resolve(name="ДАЧА калмурзаевых", kind="landmark") == dacha

    services.place_name_delete(name=variant, acting_user=None)

    assert services.place_resolve(name="Дача Калмурзаевых", kind="landmark") != dacha
