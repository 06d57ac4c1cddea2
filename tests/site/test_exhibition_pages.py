"""The public exhibition pages, the checklist and price list PDFs, and the exhibitions on the
pages of works and artists."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import pyvips
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from pypdf import PdfReader
from tests.factories.exhibitions import ExhibitionFactory, venue, wall
from tests.factories.people import PersonFactory
from tests.factories.works import ArtworkFactory

from vernissage.core.services import staff_roles_set
from vernissage.exhibitions import services
from vernissage.exhibitions.models import Exhibition
from vernissage.images import services as images
from vernissage.images.models import Image

SECTIONS = ("current", "upcoming", "past")


def _picture(folder: Path, name: str, shade: int) -> Path:
    path = folder / f"{name}.png"
    pyvips.Image.black(600, 400, bands=3).linear(1, shade).cast("uchar").copy(
        interpretation="srgb"
    ).pngsave(str(path))
    return path


def _image(artwork: Any, folder: Path, identifier: str, shade: int = 90) -> Image:
    image, _ = images.image_add(
        artwork=artwork,
        path=_picture(folder, identifier, shade),
        acting_user=None,
        identifier=identifier,
        build_now=True,
    )
    return image


def _login(client: Client, role: str) -> User:
    user = User.objects.create_user(username=role.lower())
    staff_roles_set(user=user, roles=[role], acting_user=None)
    client.force_login(user)
    client.get("/")  # the kept permissions warm up: what follows counts the page's own queries
    return user


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def _image_count(pdf: bytes) -> int:
    return sum(len(page.images) for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def show(db: Any, settings: Any, tmp_path: Path) -> Exhibition:
    """Romy's Paris show: two sections, a private work lent by a collector, prices."""
    settings.MEDIA_ROOT = tmp_path / "media"
    romy = PersonFactory(display_name="Romy Kalmurzaev", sort_name="Kalmurzaev, Romy")
    collector = PersonFactory(display_name="Hidden Collector", is_public=False)
    exhibition = ExhibitionFactory(
        title="The Human Condition",
        kind=Exhibition.Kind.SOLO,
        public_text="Photographs of street performers and of rural Siberia.",
        notes="NOTE-SHOW-SECRET",
    )
    gallery = venue("Galerie Marchetti-Roux", address="18 rue de Seine")
    services.exhibition_stop_add(
        acting_user=None,
        exhibition=exhibition,
        venue=gallery,
        start_date="7 April 2011",
        end_date="21 May 2011",
    )
    services.opening_create(
        acting_user=None,
        exhibition=exhibition,
        venue=gallery,
        starts_at=wall(2011, 4, 7, 18, 30),
        ends_at=wall(2011, 4, 7, 21, 30),
    )
    fire = ArtworkFactory(title="Fire-Eater, Red Square", makers=[(romy, "artist")])
    river = ArtworkFactory(title="Frozen River, Morning", makers=[(romy, "artist")])
    lent = ArtworkFactory(title="Private Loan", makers=[(romy, "artist")], is_public=False)
    _image(fire, tmp_path, "fire-eater", 40)
    _image(river, tmp_path, "frozen-river", 200)
    _image(lent, tmp_path, "private-loan", 120)
    for number, (artwork, section, price) in enumerate(
        [
            (fire, "Street Performers, Red Square", "4500"),
            (lent, "Street Performers, Red Square", "99999"),
            (river, "Rural Siberia", "5500"),
        ],
        start=1,
    ):
        services.checklist_add(
            acting_user=None,
            exhibition=exhibition,
            artwork=artwork,
            section=section,
            catalogue_number=str(number),
            lender_credit="Courtesy of the artist",
            lender_person=collector if artwork is lent else None,
            status="on_view",
            price=Decimal(price),
            currency="EUR",
        )
    return exhibition


def test_the_exhibition_page_shows_venues_opening_artists_and_works_by_section(
    client: Client, show: Exhibition
) -> None:
    page = client.get(show.get_absolute_url()).content.decode()
    assert "<h1>The Human Condition</h1>" in page
    assert "Galerie Marchetti-Roux</strong>, Paris" in page
    assert "7 April 2011 – 21 May 2011" in page
    assert "Thursday 7 April 2011, 18:30–21:30 CEST" in page
    assert "Photographs of street performers" in page
    main = page[page.index("<main>") :]  # the head's JSON-LD names the works too
    assert main.index("<h3>Street Performers, Red Square</h3>") < main.index("Fire-Eater")
    assert main.index("Fire-Eater") < main.index("<h3>Rural Siberia</h3>") < main.index("Frozen")
    assert '<img src="/iiif/3/fire-eater/full/320,213/0/default.jpg"' in page
    assert ">Romy Kalmurzaev</a>" in page
    for private in ("Private Loan", "private-loan", "Hidden Collector", "4,500", "EUR", "On view"):
        assert private not in page
    assert "price-list.pdf" not in page


def test_staff_who_may_see_prices_see_them_and_the_lender(client: Client, show: Exhibition) -> None:
    _login(client, "Sales")
    page = client.get(show.get_absolute_url()).content.decode()
    assert "EUR 4,500" in page
    assert "Private Loan" in page
    assert "lent by Hidden Collector" in page
    assert "price-list.pdf" in page


def test_the_registrar_sees_lenders_but_no_price(client: Client, show: Exhibition) -> None:
    _login(client, "Registrar")
    page = client.get(show.get_absolute_url()).content.decode()
    assert "lent by Hidden Collector" in page
    assert "EUR" not in page
    assert "price-list.pdf" not in page


def test_the_public_checklist_pdf_has_public_works_with_thumbnails_and_no_price(
    client: Client, show: Exhibition
) -> None:
    response = client.get(f"{show.get_absolute_url()}checklist.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="the-human-condition-checklist.pdf"'
    text = _text(response.content)
    assert "The Human Condition" in text
    assert "Opening: Thursday 7 April 2011, 18:30–21:30 CEST" in text
    assert text.index("Street Performers, Red Square") < text.index("Fire-Eater, Red Square")
    assert text.index("Rural Siberia") < text.index("Frozen River, Morning")
    assert "2 works" in text
    for private in ("Private Loan", "Hidden Collector", "EUR", "4,500", "on view"):
        assert private not in text
    assert _image_count(response.content) == 2  # one thumbnail per public work


def test_the_price_list_pdf_has_prices_and_totals_for_staff_who_may_see_prices(
    client: Client, show: Exhibition
) -> None:
    _login(client, "Sales")
    response = client.get(f"{show.get_absolute_url()}price-list.pdf")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    text = _text(response.content)
    assert "Price list" in text
    assert "EUR 4,500" in text
    assert "EUR 99,999" in text
    assert "Total: EUR 109,999" in text
    assert "Hidden Collector" in text
    assert _image_count(response.content) == 3


def test_an_exhibition_without_works_prints_a_checklist_that_says_so(
    client: Client, db: Any
) -> None:
    exhibition = ExhibitionFactory(title="Night Visitors")
    response = client.get(f"{exhibition.get_absolute_url()}checklist.pdf")
    assert "No works on the checklist yet." in _text(response.content)


def test_the_pdf_fetches_nothing_but_the_thumbnails_of_its_works(show: Exhibition) -> None:
    from vernissage.exhibitions.documents import BASE_URL, PyramidFetcher

    fetcher = PyramidFetcher({})
    for url in (
        "file:///etc/passwd",
        "http://127.0.0.1:9/",
        f"{BASE_URL}iiif/3/fire-eater/full/240,160/0/default.jpg",  # not one of its images
    ):
        with pytest.raises(ValueError, match="Not a thumbnail of this document"):
            fetcher.fetch(url)


def test_the_exhibitions_page_lists_current_upcoming_and_past(client: Client, db: Any) -> None:
    today = timezone.localdate()
    ExhibitionFactory(title="On now", start_date=str(today.year - 1), end_date=str(today.year + 1))
    ExhibitionFactory(title="Coming", start_date=str(today.year + 2), end_date="")
    ExhibitionFactory(title="Long ago", start_date="2011", end_date="")
    ExhibitionFactory(title="Not yet public", start_date="2011", end_date="", is_public=False)
    page = client.get("/exhibitions/").content.decode()
    current, upcoming, past = (
        page.index(f'id="{name}"') for name in ("current", "upcoming", "past")
    )
    assert current < page.index("On now") < upcoming < page.index("Coming") < past
    assert past < page.index("Long ago")
    assert "Not yet public" not in page
    assert 'href="/exhibitions/"' in client.get("/").content.decode()


def test_the_artwork_page_lists_its_exhibition_history(client: Client, show: Exhibition) -> None:
    artwork = show.checklist.get(catalogue_number="1").artwork
    later = ExhibitionFactory(title="Later Show", start_date="2015", end_date="")
    services.checklist_add(
        acting_user=None, exhibition=later, artwork=artwork, catalogue_number="12"
    )
    hidden = ExhibitionFactory(title="Unannounced Show", start_date="2016", end_date="")
    hidden.is_public = False
    services.exhibition_save(exhibition=hidden, acting_user=None)
    services.checklist_add(acting_user=None, exhibition=hidden, artwork=artwork)
    page = client.get(artwork.get_absolute_url()).content.decode()
    assert "Exhibition history" in page
    assert page.index("Later Show") < page.index("The Human Condition")
    assert "cat. no. 12" in page
    assert "Unannounced Show" not in page


def test_the_artist_page_splits_solo_and_group_exhibitions(
    client: Client, show: Exhibition
) -> None:
    romy = show.checklist.get(catalogue_number="1").artwork.makers.get()
    group = ExhibitionFactory(title="Group Show", kind=Exhibition.Kind.GROUP, artists=[romy])
    fair = ExhibitionFactory(title="Art Fair", kind=Exhibition.Kind.ART_FAIR, start_date="2020")
    services.checklist_add(
        acting_user=None, exhibition=fair, artwork=ArtworkFactory(makers=[(romy, "artist")])
    )
    secret = ExhibitionFactory(title="Only Private Works", kind=Exhibition.Kind.GROUP)
    services.checklist_add(
        acting_user=None,
        exhibition=secret,
        artwork=ArtworkFactory(makers=[(romy, "artist")], is_public=False),
    )
    page = client.get(romy.get_absolute_url()).content.decode()
    solo, group_heading = page.index("Solo exhibitions"), page.index("Group exhibitions")
    assert solo < page.index("The Human Condition") < group_heading
    assert group_heading < page.index("Art Fair") < page.index(group.title)
    assert "Only Private Works" not in page


# --- the number of queries does not grow with the records -----------------------------------


@pytest.mark.parametrize("role", ["anonymous", "Viewer", "Registrar", "Sales"])
def test_the_exhibition_page_costs_the_same_queries_for_1_and_20_works(
    client: Client, db: Any, settings: Any, tmp_path: Path, role: str
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    exhibition = ExhibitionFactory(title="Growing Show")
    services.exhibition_stop_add(acting_user=None, exhibition=exhibition, venue=venue())
    artist = PersonFactory(display_name="Ana Kalmurzaev")

    def add(count: int) -> None:
        for _ in range(count):
            artwork = ArtworkFactory(makers=[(artist, "artist"), (PersonFactory(), "co_artist")])
            services.checklist_add(
                acting_user=None,
                exhibition=exhibition,
                artwork=artwork,
                section="A section",
                price=Decimal("10"),
                currency="EUR",
            )

    add(1)
    _image(exhibition.checklist.get().artwork, tmp_path, "first")
    if role != "anonymous":
        _login(client, role)
    with CaptureQueriesContext(connection) as one:
        assert client.get(exhibition.get_absolute_url()).status_code == 200
    add(19)
    with CaptureQueriesContext(connection) as twenty:
        page = client.get(exhibition.get_absolute_url()).content.decode()
    assert page.count('<li class="card">') == 20
    assert len(twenty.captured_queries) == len(one.captured_queries)


@pytest.mark.parametrize("role", ["anonymous", "Registrar"])
def test_artwork_and_artist_pages_cost_the_same_queries_for_1_and_10_exhibitions(
    client: Client, db: Any, role: str
) -> None:
    artist = PersonFactory(display_name="Jacques Kalmurzaev")
    artwork = ArtworkFactory(makers=[(artist, "artist")])

    def show_in(count: int, kind: str) -> None:
        for _ in range(count):
            exhibition = ExhibitionFactory(kind=kind)
            services.exhibition_stop_add(
                acting_user=None, exhibition=exhibition, venue=venue(), start_date="2013"
            )
            services.checklist_add(acting_user=None, exhibition=exhibition, artwork=artwork)

    show_in(1, Exhibition.Kind.SOLO)
    if role != "anonymous":
        _login(client, role)
    counted = {}
    for url in (artwork.get_absolute_url(), artist.get_absolute_url()):
        with CaptureQueriesContext(connection) as one:
            client.get(url)
        counted[url] = len(one.captured_queries)
    show_in(5, Exhibition.Kind.SOLO)
    show_in(4, Exhibition.Kind.GROUP)
    for url, queries in counted.items():
        with CaptureQueriesContext(connection) as ten:
            page = client.get(url).content.decode()
        assert page.count('class="exhibition-row"') == 10, url
        assert len(ten.captured_queries) == queries, url


@pytest.mark.parametrize(
    ("role", "guest_list", "door"),
    [
        ("anonymous", False, False),
        ("Viewer", False, False),
        ("Registrar", False, False),
        ("Sales", True, False),
        ("Press", True, True),
        ("Owner", True, True),
    ],
)
def test_staff_reach_an_openings_guest_list_and_door_from_the_exhibition_page(
    client: Client, show: Exhibition, role: str, guest_list: bool, door: bool
) -> None:
    if role != "anonymous":
        _login(client, role)
    opening = show.openings.get()
    response = client.get(show.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert (f"/openings/{opening.pk}/guests/" in page) is guest_list
    assert (f"/door/{opening.pk}/" in page) is door
