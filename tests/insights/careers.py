"""A career built through the services, as every door builds one: an artist born in Moscow
with public and private shows at home and abroad, life events, works entering collections
(one sold at a price to a private collector) and reviews, public and private."""

from __future__ import annotations

import subprocess
import tempfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.contrib.auth.models import User
from django.test import Client

from tests.factories.exhibitions import place, venue
from tests.factories.people import PersonFactory
from tests.factories.press import critic, publication, review
from tests.factories.works import ArtworkFactory
from vernissage.core.services import staff_roles_set
from vernissage.exhibitions import services as exhibitions
from vernissage.exhibitions.models import Exhibition, Venue
from vernissage.market.provenance import PartyInput, provenance_event_add
from vernissage.people import services as people
from vernissage.people.models import Person
from vernissage.works.models import Artwork


@dataclass
class Career:
    artist: Person
    moscow: Venue
    paris: Venue
    berlin: Venue
    public_work: Artwork
    private_work: Artwork


def show(
    *,
    title: str,
    artist: Person,
    at: Venue,
    start: str,
    kind: str = Exhibition.Kind.GROUP,
    is_public: bool = True,
    works: tuple[Artwork, ...] = (),
) -> Exhibition:
    exhibition = exhibitions.exhibition_create(
        acting_user=None,
        title=title,
        kind=kind,
        artists=[] if works else [artist],
        is_public=is_public,
    )
    exhibitions.exhibition_stop_add(
        acting_user=None, exhibition=exhibition, venue=at, start_date=start
    )
    for work in works:
        exhibitions.checklist_add(acting_user=None, exhibition=exhibition, artwork=work)
    return exhibition


def career_make() -> Career:
    moscow_place = place("Moscow", "RU")
    artist = PersonFactory(
        display_name="Vera Sokolova",
        birth_date="1979",
        birth_place=moscow_place,
        is_public=True,
    )
    school = people.organization_create(
        acting_user=None, name="Stroganov Academy", kind="school", place=moscow_place
    )
    people.life_event_create(
        acting_user=None,
        person=artist,
        kind="studied",
        date="1997-2002",
        place=moscow_place,
        organization=school,
    )
    people.life_event_create(
        acting_user=None, person=artist, kind="moved", date="2009", place=place("Paris", "FR")
    )
    people.life_event_create(
        acting_user=None,
        person=artist,
        kind="award",
        date="2011",
        description="SECRET-AWARD of a private jury",
        is_public=False,
    )
    people.life_event_create(
        acting_user=None,
        person=artist,
        kind="residency",
        date="2010",
        organization=people.organization_create(
            acting_user=None, name="Cité des Arts", kind="foundation", place=place("Paris", "FR")
        ),
    )
    public_work = ArtworkFactory(title="Red Stairs", makers=[(artist, "artist")])
    private_work = ArtworkFactory(
        title="PRIVATE-WORK Study", makers=[(artist, "artist")], is_public=False
    )
    moscow = venue("Galereya Arka", city="Moscow", country="RU", time_zone="Europe/Moscow")
    paris = venue("Galerie Nord", city="Paris", country="FR")
    berlin = venue("Raum Ost", city="Berlin", country="DE", time_zone="Europe/Berlin")
    show(title="Young Moscow", artist=artist, at=moscow, start="May 2003")
    show(
        title="Vera Sokolova: Paintings",
        artist=artist,
        at=moscow,
        start="12 March 2005",
        kind=Exhibition.Kind.SOLO,
        works=(public_work,),
    )
    show(title="East of Here", artist=artist, at=berlin, start="2008")
    show(
        title="Vera Sokolova in Paris",
        artist=artist,
        at=paris,
        start="October 2010",
        kind=Exhibition.Kind.SOLO,
    )
    show(title="SECRET-SHOW Preview", artist=artist, at=paris, start="2012", is_public=False)
    collector = PersonFactory(
        display_name="Hidden Collector", roles=("collector",), is_public=False
    )
    museum = people.organization_create(
        acting_user=None, name="Musée de la Ville", kind="museum", place=place("Paris", "FR")
    )
    provenance_event_add(
        artwork=public_work,
        kind="sale",
        date="2011",
        price=Decimal("5000"),
        currency="EUR",
        parties=[PartyInput(role="from", person=artist), PartyInput(role="to", person=collector)],
        acting_user=None,
    )
    provenance_event_add(
        artwork=public_work,
        kind="gift",
        date="2014",
        parties=[PartyInput(role="to", organization=museum)],
        acting_user=None,
    )
    provenance_event_add(
        artwork=private_work,
        kind="sale",
        date="2012",
        price=Decimal("7000"),
        currency="EUR",
        parties=[PartyInput(role="to", anonymous="private")],
        acting_user=None,
    )
    paper = publication("Kommersant")
    author = critic("Irina Volkova")
    review(
        title="A Moscow debut",
        date="June 2003",
        publication=paper,
        authors=[author],
        people=[artist],
    )
    review(
        title="Paris discovers Sokolova",
        date="November 2010",
        publication=publication("Libération"),
        authors=[critic("Hidden Critic", is_public=False)],
        people=[artist],
    )
    review(title="SECRET-REVIEW draft", date="2012", people=[artist], is_public=False)
    return Career(
        artist=artist,
        moscow=moscow,
        paris=paris,
        berlin=berlin,
        public_work=public_work,
        private_work=private_work,
    )


def login(client: Client, role: str) -> User | None:
    """Sign ``client`` in with a staff role (“staff, no permission”: no role at all)."""
    if role == "anonymous":
        return None
    user = User.objects.create_user(username=role.lower().replace(" ", "-").replace(",", ""))
    if role != "staff, no permission":
        staff_roles_set(user=user, roles=[role], acting_user=None)
    else:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    client.force_login(user)
    client.get("/")  # the kept permissions warm up: what follows counts the page's own queries
    return user


def pdf_text(pdf: bytes) -> str:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "cv.pdf"
        path.write_bytes(pdf)
        return subprocess.run(  # noqa: S603
            ["pdftotext", "-layout", str(path), "-"],  # noqa: S607
            check=True,
            capture_output=True,
            text=True,
        ).stdout


def labels(entries: Any) -> list[tuple[str, str, str]]:
    return [(entry.kind, entry.when.text, entry.label) for entry in entries]
