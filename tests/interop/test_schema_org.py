"""schema.org JSON-LD of the public pages: valid against schema.org 30.0, true to the records,
and never a private fact (a price, a private person, a private owner or tie)."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from tests.factories.exhibitions import ExhibitionFactory, venue, wall
from tests.factories.people import PersonFactory
from tests.factories.works import ArtworkFactory
from tests.interop.schemaorg_check import shacl_errors, vocabulary_errors

from vernissage.core.fuzzy_dates import parse_fuzzy_date
from vernissage.core.services import staff_roles_set
from vernissage.demo.loader import WorldSummary
from vernissage.exhibitions import services as exhibitions
from vernissage.exhibitions.models import ChecklistItem, Exhibition
from vernissage.exhibitions.selectors import checklist_for, exhibition_get, openings_for
from vernissage.images.gallery import images_for_artwork
from vernissage.interop import schema_org
from vernissage.market.provenance_models import ProvenanceEvent
from vernissage.market.sales_models import SaleLine
from vernissage.people import services as people
from vernissage.people.models import Organization, Person, Place
from vernissage.people.selectors import person_get, relationships_for
from vernissage.press import services as press
from vernissage.press.selectors import review_list
from vernissage.works.models import Artwork
from vernissage.works.selectors import artwork_get

SERVER = "http://testserver"
_SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


def absolute(path: str) -> str:
    return f"{SERVER}{path}"


def _json_ld(response: Any) -> list[dict[str, Any]]:
    assert response.status_code == 200
    return [json.loads(text) for text in _SCRIPT.findall(response.content.decode())]


def _values(node: Any, key: str) -> list[Any]:
    """Every value of ``key`` anywhere in a document."""
    found = []
    if isinstance(node, dict):
        for name, value in node.items():
            if name == key:
                found.extend(value if isinstance(value, list) else [value])
            found.extend(_values(value, key))
    elif isinstance(node, list):
        for item in node:
            found.extend(_values(item, key))
    return found


def _login(client: Client, role: str) -> User:
    user = User.objects.create_user(username=role.lower(), is_staff=True)
    staff_roles_set(user=user, roles=[role], acting_user=None)
    client.force_login(user)
    return user


# --- dates --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        pytest.param("10 October 2013", "2013-10-10", id="day_case"),
        pytest.param("October 2013", "2013-10", id="month_case"),
        pytest.param("February 2012", "2012-02", id="leap_month_case"),
        pytest.param("1998", "1998", id="year_case"),
        pytest.param("c. 1998", None, id="circa_case"),
        pytest.param("1998?", None, id="doubtful_year_case"),
        pytest.param("1990s", None, id="decade_case"),
        pytest.param("early 1990s", None, id="early_decade_case"),
        pytest.param("spring 2011", None, id="season_case"),
        pytest.param("2001-2003", None, id="range_case"),
        pytest.param("March-April 2017", None, id="two_months_case"),
        pytest.param("before 1900", None, id="open_range_case"),
        pytest.param("undated", None, id="undated_case"),
        pytest.param("", None, id="empty_case"),
    ],
)
def test_a_date_is_iso_8601_only_when_exact_to_a_day_month_or_year(
    written: str, iso: str | None
) -> None:
    assert schema_org.iso_date(parse_fuzzy_date(written)) == iso


# --- the checker ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("document", "errors"),
    [
        pytest.param(
            {"@context": "https://schema.org", "@type": "Tapestry", "name": "X"},
            ["$: @type Tapestry is not a schema.org class"],
            id="unknown_type_case",
        ),
        pytest.param(
            {"@context": "https://schema.org", "@type": "Person", "colour": "red"},
            ["$.colour: colour is not a schema.org property"],
            id="unknown_property_case",
        ),
        pytest.param(
            {"@context": "https://schema.org", "@type": "Person", "artMedium": "oil"},
            ["$.artMedium: artMedium is not a property of Person"],
            id="property_of_another_type_case",
        ),
        pytest.param(
            {"@context": "https://schema.org", "@type": "Person", "birthDate": "c. 1988"},
            ["$.birthDate[0]: 'c. 1988' where ['Date'] is expected"],
            id="fuzzy_date_case",
        ),
        pytest.param(
            {"@context": "https://schema.org", "@type": "Person", "siblings": []},
            ["$.siblings: siblings is superseded"],
            id="superseded_property_case",
        ),
        pytest.param(
            {
                "@context": "https://schema.org",
                "@type": "ExhibitionEvent",
                "organizer": {"@type": "Place", "name": "Paris"},
            },
            ["$.organizer[0]: ['Place'] where ['Organization', 'Person'] is expected"],
            id="value_of_another_type_case",
        ),
        pytest.param(
            {"@context": "https://schema.org", "@type": "Review", "author": "A critic"},
            ["$.author[0]: 'A critic' where ['Organization', 'Person'] is expected"],
            id="text_for_a_thing_case",
        ),
        pytest.param(
            {"@context": "http://schema.org/", "@type": "Place", "name": "Paris"},
            ["@context is 'http://schema.org/', not 'https://schema.org'"],
            id="other_context_case",
        ),
    ],
)
def test_the_vocabulary_check_finds_what_schema_org_does_not_define(
    document: dict[str, Any], errors: list[str]
) -> None:
    assert vocabulary_errors(document) == errors


def test_the_shapes_find_a_literal_where_a_thing_is_expected_in_a_subclass() -> None:
    document = {
        "@context": "https://schema.org",
        "@type": "ExhibitionEvent",
        "name": "Bold Visions",
        "organizer": "Espace Verneuil",  # Event's shape: an Organization or a Person
    }
    errors = shacl_errors([document])
    assert len(errors) == 1
    assert "schema1:organizer" in errors[0]
    assert shacl_errors([{**document, "organizer": {"@type": "Organization", "name": "E"}}]) == []
    nested = {
        "@context": "https://schema.org",
        "@type": "Person",
        "name": "Jacques Kalmurzaev",
        "subjectOf": {"@type": "Review", "name": "Bold Visions", "author": "A critic"},
    }
    [error] = shacl_errors([nested])
    assert "schema1:author" in error


# --- the demo world ------------------------------------------------------------------------


def _public_documents() -> dict[str, dict[str, Any]]:
    """The documents of every public person, work and exhibition, and every public
    organization and place, keyed by slug (organizations and places by name)."""
    documents: dict[str, dict[str, Any]] = {}
    limit = schema_org.REVIEW_LIMIT
    for slug in Person.objects.public().values_list("slug", flat=True):
        person = person_get(slug=slug, viewer=None)
        document = schema_org.person_document(
            person=person,
            ties=relationships_for(person=person, viewer=None),
            reviews=review_list(viewer=None, person=person, limit=limit),
            viewer=None,
            absolute=absolute,
        )
        assert document is not None
        documents[slug] = document
    for slug in Artwork.objects.public().values_list("slug", flat=True):
        artwork = artwork_get(slug=slug, viewer=None)
        document = schema_org.artwork_document(
            artwork=artwork,
            images=images_for_artwork(artwork=artwork, viewer=None),
            reviews=review_list(viewer=None, artwork=artwork, limit=limit),
            viewer=None,
            absolute=absolute,
        )
        assert document is not None
        documents[slug] = document
    for slug in Exhibition.objects.public().values_list("slug", flat=True):
        exhibition = exhibition_get(slug=slug, viewer=None)
        document = schema_org.exhibition_document(
            exhibition=exhibition,
            checklist=checklist_for(exhibition=exhibition, viewer=None),
            openings=openings_for(exhibition=exhibition, viewer=None),
            reviews=review_list(viewer=None, exhibition=exhibition, limit=limit),
            viewer=None,
            absolute=absolute,
        )
        assert document is not None
        documents[slug] = document
    for organization in Organization.objects.public().select_related("place"):
        node = schema_org.organization_node(organization)
        documents[organization.name] = {"@context": schema_org.CONTEXT, **node}
    for place in Place.objects.all():
        documents[place.name] = {"@context": schema_org.CONTEXT, **schema_org.place_node(place)}
    return documents


def test_every_public_record_of_the_demo_world_is_valid_schema_org(world: WorldSummary) -> None:
    documents = _public_documents()
    assert len(documents) == (
        Person.objects.public().count()
        + Artwork.objects.public().count()
        + Exhibition.objects.public().count()
        + Organization.objects.public().count()
        + Place.objects.count()
    )
    assert {name: vocabulary_errors(doc) for name, doc in documents.items()} == {
        name: [] for name in documents
    }
    assert shacl_errors(list(documents.values())) == []


def test_the_demo_documents_say_what_the_records_say(world: WorldSummary) -> None:
    documents = _public_documents()
    jacques = documents["jacques-kalmurzaev"]
    assert "birthDate" not in jacques  # "c. 1988"
    assert jacques["birthPlace"]["name"] == "Moscow"
    assert jacques["alternateName"] == "Жак Калмурзаев"
    assert jacques["alumniOf"]["@type"] == "EducationalOrganization"
    assert jacques["alumniOf"]["name"] == "Moscow School of Arts"
    # Sophia Petrova is his partner and supporter (public); Petrov's patronage is private.
    assert jacques["knows"] == schema_org.person_ref(
        Person.objects.get(display_name="Sophia Petrova"), absolute=absolute
    )
    assert documents["ana-kalmurzaev"]["colleague"]["name"] == "Viktor Petrov"

    fire_eater = documents["fire-eater-red-square-rk-1996-001"]
    assert fire_eater["@type"] == ["VisualArtwork", "Photograph"]
    assert fire_eater["dateCreated"] == "1996"
    assert fire_eater["artMedium"] == "Gelatin silver print"
    assert fire_eater["height"] == {
        "@type": "QuantitativeValue",
        "value": 16,
        "unitCode": "INH",
        "unitText": "in",
    }
    assert fire_eater["isPartOf"] == {
        "@type": "CreativeWorkSeries",
        "name": "Street Performers, Red Square",
    }
    assert documents["the-dreamers-threshold-akvp-2018-001"]["@type"] == "VisualArtwork"

    paris = documents["bold-visions"]
    assert (paris["startDate"], paris["endDate"]) == ("2013-10-10", "2013-11-16")
    assert paris["location"]["@type"] == "ArtGallery"
    assert paris["location"]["address"] == "12 rue de Verneuil, 75007 Paris"
    assert paris["location"]["location"]["name"] == "Paris"
    # The Waiting Line is on the checklist but private.
    assert [work["name"] for work in paris["workFeatured"]] == [
        "Empty Chair, Winter",
        "Two Figures in a Red Room",
    ]
    assert paris["subEvent"]["startDate"] == "2013-10-10T18:00:00+02:00"
    assert documents["the-human-condition"]["organizer"]["name"] == "Galerie Marchetti-Roux"
    night = documents["night-visitors"]  # from "March 2017" to "April 2017"
    assert (night["startDate"], night["endDate"]) == ("2017-03", "2017-04")

    tour = documents["threads-of-reality-and-fantasy"]
    stops = Exhibition.objects.get(slug="threads-of-reality-and-fantasy").stops.order_by("position")
    assert [stop["location"]["name"] for stop in tour["subEvent"][:2]] == [
        "Galerie Hallmann",
        "Galerie Marchetti-Roux",
    ]
    assert tour["startDate"] == stops[0].start_date_earliest.isoformat()
    assert tour["endDate"] == stops[1].end_date_latest.isoformat()

    assert documents["Red Square"] == {
        "@context": "https://schema.org",
        "@type": "LandmarksOrHistoricalBuildings",
        "name": "Red Square",
        "geo": {"@type": "GeoCoordinates", "latitude": 55.7539, "longitude": 37.6208},
        "address": {"@type": "PostalAddress", "addressCountry": "RU"},
    }
    assert documents["Louvre Museum"]["@type"] == ["Museum", "Organization"]

    reviews = {review["name"]: review for review in jacques["subjectOf"]}
    petrova = reviews["Bold Visions: Jacques Kalmurzaev in Paris"]
    assert petrova["@type"] == "Review"
    assert petrova["author"]["name"] == "Sophia Petrova"
    assert petrova["publisher"] == {"@type": "NewsMediaOrganization", "name": "Carnets d'Atelier"}
    assert petrova["datePublished"] == "2013-11"
    assert [item["name"] for item in petrova["itemReviewed"]] == [
        "Jacques Kalmurzaev",
        "Empty Chair, Winter",
        "Two Figures in a Red Room",
        "Bold Visions",
    ]
    assert petrova["reviewBody"] == (
        "An artist unafraid to challenge the status quo with his bold visions."
    )
    assert "datePublished" not in reviews["A bold new colourist from the Moscow School of Arts"]
    feature = reviews["Technical skill and emotional depth: the rise of Jacques Kalmurzaev"]
    assert feature["@type"] == "Article"
    assert "reviewBody" not in feature  # and its quote may not be published
    assert "in equal measure" not in json.dumps(documents)
    assert documents["bold-visions"]["subjectOf"] == petrova


def test_pages_embed_the_json_ld_the_public_sees_whoever_looks(
    client: Client, world: WorldSummary
) -> None:
    """Every person, work and exhibition page of the demo world, opened by the owner (who
    sees every record) and by an anonymous visitor: a public record's page carries the same
    valid document for both, a private one's none; no private name or price is in any."""
    documents = _public_documents()
    private_people = Person.objects.filter(is_public=False)
    private_names = set(private_people.values_list("display_name", flat=True))
    private_urls = {absolute(person.get_absolute_url()) for person in private_people}
    prices = {
        *ChecklistItem.objects.exclude(price=None).values_list("price", flat=True),
        *ProvenanceEvent.objects.exclude(price=None).values_list("price", flat=True),
        *SaleLine.objects.values_list("price", flat=True),
    }
    assert len(prices) >= 10  # the demo world's market and checklists
    pages = [
        *Person.objects.all(),
        *Artwork.objects.all(),
        *Exhibition.objects.all(),
    ]
    owner = User.objects.create_superuser(username="owner")
    anonymous = Client()
    client.force_login(owner)
    embedded = []
    for record in pages:
        url = record.get_absolute_url()
        seen_by_owner = _json_ld(client.get(url))
        if not record.is_public:
            assert seen_by_owner == [], url
            assert anonymous.get(url).status_code == 404
            continue
        assert seen_by_owner == _json_ld(anonymous.get(url)) == [documents[record.slug]], url
        embedded.extend(seen_by_owner)
    assert len(embedded) == (
        Person.objects.public().count()
        + Artwork.objects.public().count()
        + Exhibition.objects.public().count()
    )
    text = json.dumps(embedded, ensure_ascii=False)
    assert private_names.isdisjoint(_values(embedded, "name"))
    assert [url for url in private_urls if url in text] == []
    for price in prices:
        number = f"{price.normalize():f}"
        assert not re.search(rf"(?<![\w.]){re.escape(number)}(?!\w)", text), number
    for key in ("offers", "price", "priceCurrency", "owner", "ownershipFundingInfo"):
        assert _values(embedded, key) == []


# --- privacy, one case at a time -------------------------------------------------------------


def test_a_private_person_and_a_private_tie_stay_out_of_a_persons_json_ld(
    client: Client, db: Any
) -> None:
    artist = PersonFactory(display_name="Ana Kalmurzaev")
    hidden = PersonFactory(display_name="Secret Patron", is_public=False)
    friend = PersonFactory(display_name="Quiet Friend")
    colleague = PersonFactory(display_name="Viktor Petrov")
    tie = people.relationship_create
    tie(acting_user=None, person=hidden, kind="patron", other_person=artist, is_public=True)
    tie(acting_user=None, person=artist, kind="friend", other_person=friend, is_public=False)
    tie(acting_user=None, person=artist, kind="collaborator", other_person=colleague)
    [document] = _json_ld(client.get(artist.get_absolute_url()))
    assert document == {
        "@context": "https://schema.org",
        "@type": "Person",
        "@id": f"{SERVER}/people/{artist.slug}/#person",
        "name": "Ana Kalmurzaev",
        "url": f"{SERVER}/people/{artist.slug}/",
        "hasOccupation": {"@type": "Occupation", "name": "artist"},
        "colleague": {
            "@type": "Person",
            "@id": f"{SERVER}/people/{colleague.slug}/#person",
            "name": "Viktor Petrov",
            "url": f"{SERVER}/people/{colleague.slug}/",
        },
    }
    _login(client, "Registrar")  # sees the private tie and the private patron on the page
    page = client.get(artist.get_absolute_url())
    assert "Secret Patron" in page.content.decode()
    assert _json_ld(page) == [document]


def test_a_private_co_maker_stays_out_of_a_works_json_ld(client: Client, db: Any) -> None:
    artist = PersonFactory(display_name="Romy Kalmurzaev")
    printer = PersonFactory(display_name="Hidden Printer", is_public=False)
    work = ArtworkFactory(
        title="Fire-Eater",
        classification="photograph",
        date="c. 1996",
        makers=[(artist, "artist"), (printer, "printer")],
        status="sold",
        notes="Sold to a private collector",
    )
    [document] = _json_ld(client.get(work.get_absolute_url()))
    assert document["creator"]["name"] == "Romy Kalmurzaev"
    assert "contributor" not in document
    assert "dateCreated" not in document
    _login(client, "Owner")
    assert _json_ld(client.get(work.get_absolute_url())) == [document]
    assert "Hidden Printer" not in json.dumps(document)
    assert "sold" not in json.dumps(document).lower()


def test_a_private_work_has_no_json_ld_even_for_staff(client: Client, db: Any) -> None:
    work = ArtworkFactory(title="Unshown", is_public=False)
    _login(client, "Owner")
    response = client.get(work.get_absolute_url())
    assert "<h1>Unshown</h1>" in response.content.decode()
    assert _json_ld(response) == []


def test_an_exhibitions_json_ld_leaves_out_prices_lenders_and_private_works(
    client: Client, db: Any
) -> None:
    lender = PersonFactory(display_name="Hidden Lender", roles=["collector"], is_public=False)
    show = ExhibitionFactory(title="Bold Visions", start_date="spring 2011", end_date="")
    stop = exhibitions.exhibition_stop_add(
        acting_user=None,
        exhibition=show,
        venue=venue("Espace Verneuil", address="12 rue de Verneuil"),
        start_date="10 October 2013",
        end_date="16 November 2013",
    )
    shown = ArtworkFactory(title="Empty Chair")
    hidden = ArtworkFactory(title="Waiting Line", is_public=False)
    for artwork in (shown, hidden):
        exhibitions.checklist_add(
            acting_user=None,
            exhibition=show,
            artwork=artwork,
            lender_person=lender,
            lender_credit="Private collection",
            status="sold",
            price=Decimal("18750"),
            currency="EUR",
        )
    exhibitions.opening_create(
        acting_user=None,
        exhibition=show,
        venue=stop.venue,
        starts_at=wall(2013, 10, 10, 18),
        ends_at=wall(2013, 10, 10, 21),
    )
    [document] = _json_ld(client.get(show.get_absolute_url()))
    text = json.dumps(document)
    assert [work["name"] for work in _values(document, "workFeatured")] == ["Empty Chair"]
    for private in ("Hidden Lender", "Waiting Line", "18750", "EUR", "sold", "Private"):
        assert private not in text
    assert (document["startDate"], document["endDate"]) == ("2013-10-10", "2013-11-16")
    assert document["subEvent"]["name"] == "Opening: Bold Visions"
    assert document["subEvent"]["startDate"] == "2013-10-10T18:00:00+02:00"
    assert vocabulary_errors(document) == []


def test_a_title_cannot_close_the_script_it_is_written_in(client: Client, db: Any) -> None:
    title = '</script><script>alert("x")</script><!-- & more'
    work = ArtworkFactory(title=title)
    page = client.get(work.get_absolute_url()).content.decode()
    head = page[: page.index("</head>")]
    assert head.count("<script") == head.count("</script>") == 1
    assert "\\u003C/script\\u003E" in head
    [document] = _json_ld(client.get(work.get_absolute_url()))
    assert document["name"] == title


def test_a_review_shows_its_public_part_only(client: Client, db: Any) -> None:
    artist = PersonFactory(display_name="Jacques Kalmurzaev")
    critic = PersonFactory(display_name="Sophia Petrova", roles=["critic"])
    hidden_critic = PersonFactory(display_name="Hidden Critic", roles=["critic"], is_public=False)
    hidden_work = ArtworkFactory(title="Hidden Canvas", is_public=False)
    magazine = people.organization_create(
        acting_user=None, name="Secret Newsletter", kind="magazine", is_public=False
    )
    review = press.review_create(
        acting_user=None,
        title="Bold Visions",
        publication=magazine,
        date="spring 2011",
        url="https://example.org/bold-visions",
        stance="praise",
        private_text="The whole text, kept for staff.",
        notes="Asked for a correction.",
        authors=[critic, hidden_critic],
        people=[artist],
        works=[hidden_work],
    )
    press.quote_add(acting_user=None, review=review, text="Unafraid.", may_publish=True)
    press.quote_add(acting_user=None, review=review, text="Not for print.", may_publish=False)
    press.review_create(acting_user=None, title="Private Notice", people=[artist], is_public=False)
    [document] = _json_ld(client.get(artist.get_absolute_url()))
    assert document["subjectOf"] == {
        "@type": "Review",
        "name": "Bold Visions",
        "url": "https://example.org/bold-visions",
        "author": schema_org.person_ref(critic, absolute=absolute),
        "itemReviewed": schema_org.person_ref(artist, absolute=absolute),
        "reviewBody": "Unafraid.",
    }
    _login(client, "Owner")  # reads every review, quote and private record on the page
    page = client.get(artist.get_absolute_url())
    assert "Not for print." in page.content.decode()
    assert _json_ld(page) == [document]
    assert vocabulary_errors(document) == []


@pytest.mark.parametrize("role", ["anonymous", "Registrar", "Press"])
def test_the_json_ld_costs_the_same_queries_for_1_and_6_reviews_and_works(
    client: Client, db: Any, django_assert_num_queries: Any, role: str
) -> None:
    """The pages' documents reuse what a public viewer's page loaded and read the public
    view again, in a fixed number of queries, for staff who see more."""
    artist = PersonFactory(display_name="Ana Kalmurzaev")
    show = ExhibitionFactory(title="Threads")
    exhibitions.exhibition_stop_add(acting_user=None, exhibition=show, venue=venue())
    critic = PersonFactory(display_name="Sophia Petrova", roles=["critic"])

    def add() -> None:
        work = ArtworkFactory(makers=[(artist, "artist")])
        exhibitions.checklist_add(acting_user=None, exhibition=show, artwork=work)
        review = press.review_create(
            acting_user=None,
            title="A review",
            authors=[critic],
            people=[artist],
            works=[work],
            exhibitions=[show],
            publication=people.organization_create(
                acting_user=None, name="Art Review", kind="magazine"
            ),
        )
        press.quote_add(acting_user=None, review=review, text="Yes.", may_publish=True)

    add()
    if role != "anonymous":
        _login(client, role)
        client.get("/")  # the kept permissions warm up
    urls = [artist.get_absolute_url(), show.get_absolute_url()]
    counts = []
    for url in urls:
        with CaptureQueriesContext(connection) as one:
            assert len(_json_ld(client.get(url))) == 1
        counts.append(len(one.captured_queries))
    for _ in range(5):
        add()
    for url, count in zip(urls, counts, strict=True):
        with django_assert_num_queries(count):
            [document] = _json_ld(client.get(url))
        assert len(document["subjectOf"]) == 6
