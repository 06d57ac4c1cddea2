"""The career on the artist's page and the CV (page and PDF): what each viewer gets, and the
artist's page costing the same queries with a few records or many."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.factories.exhibitions import venue
from tests.factories.people import PersonFactory
from tests.factories.press import critic, publication, review
from tests.factories.works import ArtworkFactory
from tests.insights.careers import career_make, login, pdf_text, show
from vernissage.demo.loader import WorldSummary
from vernissage.exhibitions.models import Exhibition
from vernissage.market.provenance import PartyInput, provenance_event_add
from vernissage.people import services as people


def _timeline(page: str) -> int:
    """How many entries the page's timeline has."""
    start = page.index('<ol class="timeline career-timeline">')
    return page[start : page.index("</ol>", start)].count("<li ")


SECRETS = ("SECRET", "PRIVATE-WORK", "Hidden Collector", "Hidden Critic", "5,000", "7,000")

#: viewer → whether they may see the private artist (and her private records)
VIEWERS = {
    "anonymous": False,
    "staff, no permission": False,
    "Viewer": False,
    "Registrar": True,
    "Owner": True,
}


def test_jacques_page_shows_his_timeline_figures_and_chart(
    client: Client, world: WorldSummary
) -> None:
    page = client.get("/people/jacques-kalmurzaev/").content.decode()

    career = page[page.index('<section class="career"') :]
    assert _timeline(career) == 12
    assert (
        '<a href="/people/jacques-kalmurzaev/career/#career-shows-abroad" class="figure">'
        "6 years</a>"
    ) in career
    assert "What the figures count" not in career  # on the career page
    assert '<a href="#career-exhibition-' in career
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in career
    assert '<tr><th scope="row">2011</th><td>1</td><td>1</td><td>1</td></tr>' in career
    assert "first solo exhibition" in career
    assert "first exhibition abroad" in career
    assert 'href="/people/jacques-kalmurzaev/cv/"' in career
    for secret in ("€24,000", "sold to", "Marchand", "Lindqvist"):
        assert secret not in career


@pytest.mark.parametrize("role", ["anonymous", "Viewer", "Registrar", "Sales"])
def test_the_artist_page_hides_what_the_viewer_may_not_see(
    client: Client, db: Any, role: str
) -> None:
    career = career_make()
    login(client, role)

    page = client.get(career.artist.get_absolute_url()).content.decode()

    assert "Vera Sokolova in Paris" in page
    assert ("SECRET-SHOW Preview" in page) is (role in ("Registrar", "Sales"))
    assert ("€5,000.00" in page) is (role == "Sales")
    assert ("Hidden Collector" in page) is (role == "Sales")
    if role in ("anonymous", "Viewer"):
        for secret in SECRETS:
            assert secret not in page


def test_the_career_page_lists_what_each_figure_counts(client: Client, world: WorldSummary) -> None:
    page = client.get("/people/jacques-kalmurzaev/career/").content.decode()

    career = page[page.index('<section class="career"') :]
    assert _timeline(career) == 12
    assert '<a href="#career-shows-abroad" class="figure">6 years</a>' in career
    counted = career[career.index('<div class="career-counted">') :]
    abroad = counted[counted.index('id="career-shows-abroad"') :]
    abroad = abroad[: abroad.index("</ul>")]
    assert '<a href="#career-exhibition-' in abroad
    assert "Bold Visions" in abroad
    assert "Graduates of the Moscow School of Arts" not in abroad
    assert 'href="/people/jacques-kalmurzaev/"' in page
    for secret in ("€24,000", "sold to", "Marchand", "Lindqvist"):
        assert secret not in career


def test_the_public_cv_page_and_pdf(client: Client, db: Any) -> None:
    career = career_make()

    page = client.get(f"/people/{career.artist.slug}/cv/")
    pdf = client.get(f"/people/{career.artist.slug}/cv.pdf")

    assert page.status_code == 200
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"] == 'inline; filename="vera-sokolova-cv.pdf"'
    text = " ".join(pdf_text(pdf.content).split())
    for expected in (
        "CURRICULUM VITAE",
        "Vera Sokolova",
        "Born 1979, Moscow",
        "Lives and works in Paris",
        "Education 1997-2002 Studied at Stroganov Academy, Moscow",
        "Solo exhibitions 2010 Vera Sokolova in Paris, Galerie Nord, Paris "
        "2005 Vera Sokolova: Paintings, Galereya Arka, Moscow",
        "Group exhibitions 2008 East of Here, Raum Ost, Berlin 2003 Young Moscow, "
        "Galereya Arka, Moscow",
        "Bibliography",
        "Volkova, Irina. 2003. “A Moscow Debut”. Kommersant, June.",
        "A critic. 2010. “Paris Discovers Sokolova”. Libération, November.",
        "Collections Musée de la Ville Private collections",
        "Residencies 2010 Residency at Cité des Arts",
    ):
        assert expected in text
    body = page.content.decode()
    assert '<a href="/exhibitions/young-moscow/">Young Moscow</a>' in body
    for secret in SECRETS:
        assert secret not in text
        assert secret not in body
    assert "Awards" not in text  # the only award is private


@pytest.mark.parametrize(("role", "sees"), VIEWERS.items())
@pytest.mark.parametrize("path", ["/cv/", "/cv.pdf", "/career/"])
def test_cv_permission_matrix(client: Client, db: Any, role: str, sees: bool, path: str) -> None:
    hidden = PersonFactory(display_name="Hidden Painter", is_public=False)
    people.life_event_create(acting_user=None, person=hidden, kind="award", date="2015")
    login(client, role)

    response = client.get(f"/people/{hidden.slug}{path}")
    unknown = client.get(f"/people/nobody-at-all{path}")

    assert unknown.status_code == 404
    if sees:
        assert response.status_code == 200
        assert response["Cache-Control"] == "private, no-store"
    else:
        assert response.status_code == 404
        assert response.content == unknown.content
        assert b"Hidden Painter" not in response.content


def test_staff_cv_lists_private_shows_never_prices(client: Client, db: Any) -> None:
    career = career_make()
    login(client, "Owner")

    text = pdf_text(client.get(f"/people/{career.artist.slug}/cv.pdf").content)

    assert "SECRET-SHOW Preview" in text
    assert "SECRET-AWARD" in text
    assert "Hidden Collector" in text  # the Owner may see contacts: the collection is named
    assert "5,000" not in text
    assert "7,000" not in text


def _grow(artist: Any, count: int) -> None:
    """``count`` more shows (abroad too), reviews with critics, works sold, life events."""
    for number in range(count):
        where = venue(f"Galerie {number}", city=f"City {number}", country="FR")
        work = ArtworkFactory(title=f"Work {number}", makers=[(artist, "artist")])
        show(
            title=f"Show {number}",
            artist=artist,
            at=where,
            start=f"{2000 + number}",
            kind=Exhibition.Kind.SOLO if number % 2 else Exhibition.Kind.GROUP,
            works=(work,),
        )
        review(
            title=f"Review {number}",
            date=f"{2000 + number}",
            publication=publication(f"Paper {number}"),
            authors=[critic(f"Critic {number}")],
            people=[artist],
        )
        provenance_event_add(
            artwork=work,
            kind="sale",
            date=f"{2001 + number}",
            price=Decimal(1000 + number),
            currency="EUR",
            parties=[PartyInput(role="to", person=PersonFactory(display_name=f"Buyer {number}"))],
            acting_user=None,
        )
        people.life_event_create(
            acting_user=None, person=artist, kind="award", date=f"{2000 + number}"
        )


@pytest.mark.parametrize("role", ["anonymous", "Registrar", "Sales"])
def test_the_artist_page_costs_the_same_queries_with_a_few_or_many_records(
    client: Client, db: Any, django_assert_num_queries: Any, role: str
) -> None:
    career = career_make()
    login(client, role)
    url = career.artist.get_absolute_url()
    with CaptureQueriesContext(connection) as few:
        response = client.get(url)
    assert response.status_code == 200
    before = _timeline(response.content.decode())

    _grow(career.artist, 12)

    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert _timeline(response.content.decode()) == before + 48


def test_the_cv_costs_the_same_queries_with_a_few_or_many_records(
    client: Client, db: Any, django_assert_num_queries: Any
) -> None:
    career = career_make()
    url = f"/people/{career.artist.slug}/cv/"
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200

    _grow(career.artist, 8)

    with django_assert_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200
