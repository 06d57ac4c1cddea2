"""IIIF Presentation 3.0: what a work's Manifest and an artist's Collection say, and to whom."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import pyvips
from django.contrib.auth.models import User
from django.test import Client
from iiif_prezi3 import Collection, Manifest
from tests.factories.people import PersonFactory
from tests.factories.works import ArtworkFactory

from vernissage.images import services as images
from vernissage.images.models import Image
from vernissage.interop.iiif_presentation import CONTENT_TYPE, rights_url
from vernissage.works import services as works
from vernissage.works.models import Artwork

HOST = "http://testserver"


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT  # type: ignore[no-any-return]


@pytest.fixture
def picture(tmp_path: Path) -> Any:
    """A small JPEG of the given size; each one differs, so each is its own image."""
    made = 0

    def make(width: int = 320, height: int = 240) -> Path:
        nonlocal made
        made += 1
        plain = (pyvips.Image.black(width, height) + made * 10).cast("uchar")
        path = tmp_path / f"picture-{made}.jpg"
        plain.bandjoin([plain, plain]).copy(interpretation="srgb").jpegsave(str(path))
        return path

    return make


def _add(artwork: Artwork, path: Path, **fields: Any) -> Image:
    image, _created = images.image_add(
        artwork=artwork, path=path, acting_user=None, build_now=True, **fields
    )
    return image


def _manifest_url(artwork: Artwork) -> str:
    return f"/iiif/presentation/works/{artwork.slug}/manifest.json"


def _collection_url(slug: str) -> str:
    return f"/iiif/presentation/people/{slug}/collection.json"


def _get(client: Client, url: str) -> dict[str, Any]:
    response = client.get(url)
    assert response.status_code == 200, response.content
    data: dict[str, Any] = json.loads(response.content)
    return data


def _service(identifier: str) -> dict[str, str]:
    return {"id": f"{HOST}/iiif/3/{identifier}", "type": "ImageService3", "profile": "level2"}


@pytest.fixture
def tapestry(db: Any, media: Path, picture: Any) -> tuple[Artwork, list[Image]]:
    """A public tapestry by two makers, with three public images; the last one is primary."""
    ana = PersonFactory(display_name="Ana Kalmurzaev")
    viktor = PersonFactory(display_name="Viktor Petrov")
    artwork = ArtworkFactory(
        title="The Dreamer's Threshold",
        classification=Artwork.Classification.TAPESTRY,
        date="2018",
        medium="Wool and silk",
        dimensions="210 x 160 cm",
        inventory_number="AKVP-2018-001",
        description="Woven in Moscow.",
        credit_line="Courtesy of the artists",
        copyright="© Ana Kalmurzaev",
        makers=[(ana, "artist"), (viktor, "weaver")],
        title_variants=[
            {"title": "Порог мечтателя", "language": "ru", "kind": "translated"},
            {"title": "Le Seuil du rêveur", "language": "fr", "kind": "translated"},
            {"title": "Threshold", "language": "", "kind": "alternate"},
        ],
    )
    front = _add(artwork, picture(400, 300), identifier="front", caption="Front", credit="R. K.")
    detail = _add(artwork, picture(200, 500), identifier="detail")
    back = _add(artwork, picture(300, 300), identifier="back", caption="Back")
    back.is_primary = True
    images.image_save(image=back, acting_user=None)
    return artwork, [back, front, detail]


def test_manifest_has_one_canvas_per_image_primary_first(
    client: Client, tapestry: tuple[Artwork, list[Image]]
) -> None:
    artwork, ordered = tapestry
    manifest = _get(client, _manifest_url(artwork))
    base = f"{HOST}/iiif/presentation/works/{artwork.slug}"
    assert manifest["@context"] == "http://iiif.io/api/presentation/3/context.json"
    assert manifest["id"] == f"{base}/manifest.json"
    assert manifest["type"] == "Manifest"
    assert [canvas["id"] for canvas in manifest["items"]] == [
        f"{base}/canvas/back",
        f"{base}/canvas/front",
        f"{base}/canvas/detail",
    ]
    assert [canvas["label"] for canvas in manifest["items"]] == [
        {"none": ["Back"]},
        {"none": ["Front"]},
        {"none": ["Image 3"]},
    ]
    assert [(c["width"], c["height"]) for c in manifest["items"]] == [
        (300, 300),
        (400, 300),
        (200, 500),
    ]
    detail = manifest["items"][2]
    assert detail["items"] == [
        {
            "id": f"{base}/canvas/detail/page",
            "type": "AnnotationPage",
            "items": [
                {
                    "id": f"{base}/canvas/detail/page/painting",
                    "type": "Annotation",
                    "motivation": "painting",
                    "body": {
                        "id": f"{HOST}/iiif/3/detail/full/max/0/default.jpg",
                        "type": "Image",
                        "format": "image/jpeg",
                        "width": 200,
                        "height": 500,
                        "service": [_service("detail")],
                    },
                    "target": f"{base}/canvas/detail",
                }
            ],
        }
    ]
    assert manifest["items"][1]["metadata"] == [
        {"label": {"en": ["Photograph"]}, "value": {"none": ["R. K."]}}
    ]
    assert manifest["thumbnail"] == [
        {
            "id": f"{HOST}/iiif/3/back/full/300,300/0/default.jpg",
            "type": "Image",
            "format": "image/jpeg",
            "width": 300,
            "height": 300,
            "service": [_service("back")],
        }
    ]


def test_manifest_describes_the_work(client: Client, tapestry: tuple[Artwork, list[Image]]) -> None:
    artwork, _ordered = tapestry
    manifest = _get(client, _manifest_url(artwork))
    assert manifest["label"] == {
        "none": ["The Dreamer's Threshold"],
        "ru": ["Порог мечтателя"],
        "fr": ["Le Seuil du rêveur"],
    }
    assert manifest["summary"] == {"none": ["Woven in Moscow."]}
    assert manifest["metadata"] == [
        {
            "label": {"en": ["Artists"]},
            "value": {"none": ["Ana Kalmurzaev", "weaver Viktor Petrov"]},
        },
        {"label": {"en": ["Other titles"]}, "value": {"none": ["Threshold"]}},
        {"label": {"en": ["Date"]}, "value": {"none": ["2018"]}},
        {"label": {"en": ["Classification"]}, "value": {"none": ["tapestry"]}},
        {"label": {"en": ["Medium"]}, "value": {"none": ["Wool and silk"]}},
        {"label": {"en": ["Dimensions"]}, "value": {"none": ["210 × 160 cm"]}},
        {"label": {"en": ["Inventory number"]}, "value": {"none": ["AKVP-2018-001"]}},
    ]
    assert manifest["requiredStatement"] == {
        "label": {"en": ["Credit"]},
        "value": {"none": ["Courtesy of the artists", "© Ana Kalmurzaev"]},
    }
    assert manifest["homepage"] == [
        {
            "id": f"{HOST}{artwork.get_absolute_url()}",
            "type": "Text",
            "label": {"none": ["The Dreamer's Threshold"]},
            "format": "text/html",
        }
    ]
    assert "rights" not in manifest  # no image carries a rights URI


def test_manifest_round_trips_through_prezi3(
    client: Client, tapestry: tuple[Artwork, list[Image]]
) -> None:
    artwork, _ordered = tapestry
    text = client.get(_manifest_url(artwork)).content.decode()
    assert json.loads(Manifest(**json.loads(text)).json()) == json.loads(text)


def test_manifest_is_json_ld_readable_from_any_origin(
    client: Client, tapestry: tuple[Artwork, list[Image]]
) -> None:
    artwork, _ordered = tapestry
    response = client.get(_manifest_url(artwork), headers={"origin": "https://viewer.example"})
    assert response["Content-Type"] == (
        'application/ld+json;profile="http://iiif.io/api/presentation/3/context.json"'
    )
    assert response["Content-Type"] == CONTENT_TYPE
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Cookie" in response["Vary"]  # staff see more: caches must not share the answer
    assert client.post(_manifest_url(artwork)).status_code == 405


@pytest.mark.parametrize(
    ("given", "expected", "_case"),
    [
        (
            "http://rightsstatements.org/vocab/InC/1.0/",
            "http://rightsstatements.org/vocab/InC/1.0/",
            "rightsstatements",
        ),
        (
            "https://creativecommons.org/licenses/by-nc/4.0",
            "http://creativecommons.org/licenses/by-nc/4.0/",
            "creative commons copied from a browser",
        ),
        (
            "http://creativecommons.org/publicdomain/zero/1.0/",
            "http://creativecommons.org/publicdomain/zero/1.0/",
            "cc0",
        ),
        ("http://rightsstatements.org/vocab/Maybe/1.0/", None, "no such statement"),
        ("https://example.org/licence", None, "another site"),
        ("All rights reserved", None, "free text"),
        ("", None, "empty"),
    ],
)
def test_rights_url_accepts_only_rightsstatements_and_creative_commons(
    given: str, expected: str | None, _case: str
) -> None:
    assert rights_url(given) == expected


def test_rights_go_on_the_manifest_only_when_every_image_agrees(
    client: Client, db: Any, media: Path, picture: Any
) -> None:
    cc_by = "https://creativecommons.org/licenses/by/4.0/"
    agreed = ArtworkFactory()
    _add(agreed, picture(), rights=cc_by)
    _add(agreed, picture(), rights=cc_by)
    mixed = ArtworkFactory()
    _add(mixed, picture(), rights=cc_by)
    _add(mixed, picture(), rights="© the photographer")
    one = _get(client, _manifest_url(agreed))
    two = _get(client, _manifest_url(mixed))
    canonical = "http://creativecommons.org/licenses/by/4.0/"
    assert one["rights"] == canonical
    assert [canvas["rights"] for canvas in one["items"]] == [canonical, canonical]
    assert "rights" not in two
    assert [canvas.get("rights") for canvas in two["items"]] == [canonical, None]


@pytest.fixture
def mixed_work(db: Any, media: Path, picture: Any) -> Artwork:
    """A public work by a public and a private maker, with a public and a private image."""
    artwork = ArtworkFactory(
        title="Half Open",
        makers=[
            (PersonFactory(display_name="Open Hand"), "artist"),
            (PersonFactory(display_name="Hidden Hand", is_public=False), "co_artist"),
        ],
    )
    _add(artwork, picture(), identifier="shown")
    _add(artwork, picture(), identifier="withheld", is_public=False)
    return artwork


@pytest.mark.parametrize(
    ("viewer_case", "canvases", "makers"),
    [
        ("anonymous", ["shown"], ["Open Hand"]),
        ("stranger", ["shown"], ["Open Hand"]),
        ("staff", ["shown", "withheld"], ["Open Hand", "Hidden Hand"]),
        ("owner", ["shown", "withheld"], ["Open Hand", "Hidden Hand"]),
    ],
)
def test_manifest_shows_each_viewer_what_the_public_pages_show(
    client: Client,
    mixed_work: Artwork,
    request: pytest.FixtureRequest,
    viewer_case: str,
    canvases: list[str],
    makers: list[str],
) -> None:
    if viewer_case != "anonymous":
        client.force_login(request.getfixturevalue(viewer_case))
    manifest = _get(client, _manifest_url(mixed_work))
    assert [canvas["id"].rsplit("/", 1)[1] for canvas in manifest["items"]] == canvases
    artists = manifest["metadata"][0]
    assert artists["value"] == {"none": makers}
    page = client.get(mixed_work.get_absolute_url()).content.decode()
    assert ("/iiif/3/withheld/" in page) == ("withheld" in canvases)
    assert ("Hidden Hand" in json.dumps(manifest)) == ("Hidden Hand" in page)


@pytest.fixture
def private_work(db: Any, media: Path, picture: Any) -> Artwork:
    artwork = ArtworkFactory(title="Private Canvas", is_public=False, notes="Keep quiet")
    _add(artwork, picture(), identifier="private-canvas")
    return artwork


@pytest.mark.parametrize(
    ("viewer_case", "status"),
    [("anonymous", 404), ("stranger", 404), ("staff", 200), ("owner", 200)],
)
def test_private_work_has_a_manifest_for_staff_only(
    client: Client,
    private_work: Artwork,
    request: pytest.FixtureRequest,
    viewer_case: str,
    status: int,
) -> None:
    if viewer_case != "anonymous":
        client.force_login(request.getfixturevalue(viewer_case))
    response = client.get(_manifest_url(private_work))
    assert response.status_code == status
    assert client.get(f"{private_work.get_absolute_url()}mirador/").status_code == status
    assert b"Keep quiet" not in response.content  # private notes never go in
    if status == 404:
        assert b"Private Canvas" not in response.content


def test_unknown_deleted_and_imageless_works_have_no_manifest(
    client: Client, staff: User, private_work: Artwork, picture: Any
) -> None:
    anonymous = client.get(_manifest_url(private_work))
    unknown = client.get("/iiif/presentation/works/no-such-work/manifest.json")
    assert anonymous.status_code == unknown.status_code == 404
    assert anonymous.content == unknown.content  # no hint that the private work exists
    deleted = ArtworkFactory()
    _add(deleted, picture())
    works.artwork_delete(artwork=deleted, acting_user=None)
    imageless = ArtworkFactory()
    only_private = ArtworkFactory()
    _add(only_private, picture(), is_public=False)
    client.force_login(staff)
    assert client.get(_manifest_url(deleted)).status_code == 404
    assert client.get(_manifest_url(imageless)).status_code == 404
    assert client.get(_manifest_url(only_private)).status_code == 200
    client.logout()
    assert client.get(_manifest_url(only_private)).status_code == 404


def test_pending_and_failed_pyramids_stay_out_until_they_can_be_served(
    client: Client, db: Any, media: Path, picture: Any
) -> None:
    artwork = ArtworkFactory()
    ready = _add(artwork, picture(), identifier="ready")
    pending = _add(artwork, picture(), identifier="pending")
    Image.objects.filter(pk=pending.pk).update(pyramid_status=Image.Pyramid.PENDING)
    manifest = _get(client, _manifest_url(artwork))
    assert [canvas["id"].rsplit("/", 1)[1] for canvas in manifest["items"]] == [ready.identifier]


def test_manifest_query_count_does_not_grow_with_images(
    client: Client,
    db: Any,
    media: Path,
    picture: Any,
    django_assert_num_queries: Any,
) -> None:
    artwork = ArtworkFactory(
        makers=[(PersonFactory(), "artist"), (PersonFactory(), "co_artist")],
        title_variants=[{"title": "Variante", "language": "fr", "kind": "translated"}],
    )
    _add(artwork, picture())
    with django_assert_num_queries(6) as one_image:
        first = client.get(_manifest_url(artwork))
    assert first.status_code == 200
    assert len(json.loads(first.content)["items"]) == 1
    for _ in range(6):
        _add(artwork, picture())
    with django_assert_num_queries(len(one_image.captured_queries)):
        response = client.get(_manifest_url(artwork))
    assert response.status_code == 200
    assert len(json.loads(response.content)["items"]) == 7


# --- the artist's Collection ---------------------------------------------------------------


@pytest.fixture
def artist(db: Any, media: Path, picture: Any) -> dict[str, Any]:
    person = PersonFactory(
        display_name="Romy Kalmurzaev",
        names=[{"name": "Роми Калмурзаева", "language": "ru", "kind": "transliteration"}],
    )
    newer = ArtworkFactory(title="Red Square at Dawn", date="2015", makers=[(person, "artist")])
    older = ArtworkFactory(title="Birches", date="2009", makers=[(person, "artist")])
    hidden = ArtworkFactory(
        title="Unshown Print", date="2012", is_public=False, makers=[(person, "artist")]
    )
    bare = ArtworkFactory(title="No Picture Yet", date="2020", makers=[(person, "artist")])
    _add(newer, picture(640, 480), identifier="red-square")
    _add(older, picture(300, 600), identifier="birches")
    _add(hidden, picture(), identifier="unshown")
    return {"person": person, "newer": newer, "older": older, "hidden": hidden, "bare": bare}


def test_collection_lists_the_artist_works_with_images(
    client: Client, artist: dict[str, Any]
) -> None:
    person = artist["person"]
    collection = _get(client, _collection_url(person.slug))
    assert collection["@context"] == "http://iiif.io/api/presentation/3/context.json"
    assert collection["id"] == f"{HOST}/iiif/presentation/people/{person.slug}/collection.json"
    assert collection["type"] == "Collection"
    assert collection["label"] == {"none": ["Romy Kalmurzaev"], "ru": ["Роми Калмурзаева"]}
    assert collection["homepage"][0]["id"] == f"{HOST}{person.get_absolute_url()}"
    assert collection["items"] == [
        {
            "id": f"{HOST}{_manifest_url(artist['newer'])}",
            "type": "Manifest",
            "label": {"none": ["Red Square at Dawn"]},
            "thumbnail": [
                {
                    "id": f"{HOST}/iiif/3/red-square/full/400,300/0/default.jpg",
                    "type": "Image",
                    "format": "image/jpeg",
                    "width": 400,
                    "height": 300,
                    "service": [_service("red-square")],
                }
            ],
        },
        {
            "id": f"{HOST}{_manifest_url(artist['older'])}",
            "type": "Manifest",
            "label": {"none": ["Birches"]},
            "thumbnail": [
                {
                    "id": f"{HOST}/iiif/3/birches/full/200,400/0/default.jpg",
                    "type": "Image",
                    "format": "image/jpeg",
                    "width": 200,
                    "height": 400,
                    "service": [_service("birches")],
                }
            ],
        },
    ]
    assert json.loads(Collection(**collection).json()) == collection
    for item in collection["items"]:  # every manifest the collection names exists
        assert client.get(item["id"].removeprefix(HOST)).status_code == 200


@pytest.mark.parametrize(
    ("viewer_case", "titles"),
    [
        ("anonymous", ["Red Square at Dawn", "Birches"]),
        ("stranger", ["Red Square at Dawn", "Birches"]),
        ("staff", ["Red Square at Dawn", "Unshown Print", "Birches"]),
    ],
)
def test_collection_shows_each_viewer_their_visible_works(
    client: Client,
    artist: dict[str, Any],
    request: pytest.FixtureRequest,
    viewer_case: str,
    titles: list[str],
) -> None:
    if viewer_case != "anonymous":
        client.force_login(request.getfixturevalue(viewer_case))
    collection = _get(client, _collection_url(artist["person"].slug))
    assert [item["label"]["none"][0] for item in collection["items"]] == titles


@pytest.mark.parametrize(
    ("viewer_case", "status"), [("anonymous", 404), ("stranger", 404), ("staff", 200)]
)
def test_private_person_has_a_collection_for_staff_only(
    client: Client, db: Any, request: pytest.FixtureRequest, viewer_case: str, status: int
) -> None:
    person = PersonFactory(display_name="Quiet Collector", is_public=False)
    if viewer_case != "anonymous":
        client.force_login(request.getfixturevalue(viewer_case))
    response = client.get(_collection_url(person.slug))
    assert response.status_code == status
    if status == 200:
        assert json.loads(response.content)["items"] == []
        assert response["Access-Control-Allow-Origin"] == "*"


def test_collection_query_count_does_not_grow_with_works(
    client: Client,
    artist: dict[str, Any],
    picture: Any,
    django_assert_max_num_queries: Any,
) -> None:
    person = artist["person"]
    with django_assert_max_num_queries(10) as few:
        client.get(_collection_url(person.slug))
    for _ in range(5):
        _add(ArtworkFactory(makers=[(person, "artist")]), picture())
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(_collection_url(person.slug))
    assert len(json.loads(response.content)["items"]) == 7


# --- the public artwork page ---------------------------------------------------------------


def test_artwork_page_zooms_the_primary_image_and_links_the_manifest(
    client: Client, tapestry: tuple[Artwork, list[Image]]
) -> None:
    artwork, _ordered = tapestry
    page = client.get(artwork.get_absolute_url()).content.decode()
    assert 'data-info="/iiif/3/back/info.json"' in page
    assert "vendor/openseadragon-5.0.1/openseadragon.min.js" in page
    assert f'href="{_manifest_url(artwork)}"' in page
    assert ">IIIF manifest</a>" in page
    assert f'href="{artwork.get_absolute_url()}mirador/"' in page
    # Three thumbnails switch the viewer; each has alt text from its caption or the title.
    assert page.count('class="deepzoom-thumb"') == 3
    assert 'alt="Back"' in page
    assert 'alt="The Dreamer&#x27;s Threshold, view 3"' in page
    assert "Photo: R. K." in page
    # Derivatives are asked for at an exact size that is never larger than the picture.
    assert 'src="/iiif/3/back/full/160,160/0/default.jpg"' in page
    assert 'src="/iiif/3/detail/full/64,160/0/default.jpg"' in page
    assert '<noscript><img src="/iiif/3/back/full/300,300/0/default.jpg" alt="Back">' in page


def test_artwork_page_without_images_has_no_viewer(client: Client, db: Any) -> None:
    artwork = ArtworkFactory()
    page = client.get(artwork.get_absolute_url()).content.decode()
    assert "openseadragon" not in page
    assert "IIIF manifest" not in page
    assert client.get(f"{artwork.get_absolute_url()}mirador/").status_code == 404


def test_mirador_page_loads_the_vendored_mirador_with_the_manifest(
    client: Client, tapestry: tuple[Artwork, list[Image]]
) -> None:
    artwork, _ordered = tapestry
    page = client.get(f"{artwork.get_absolute_url()}mirador/").content.decode()
    assert "vendor/mirador-4.0.0/mirador.min.js" in page
    assert f'data-manifest="{HOST}{_manifest_url(artwork)}"' in page


def test_our_labels_come_in_every_language_the_site_speaks(
    client: Client, tapestry: tuple[Artwork, list[Image]], french: None
) -> None:
    artwork, _ordered = tapestry
    for language in ("en", "fr"):  # the same labels whichever language the reader asks for
        manifest = json.loads(
            client.get(_manifest_url(artwork), HTTP_ACCEPT_LANGUAGE=language).content
        )
        assert manifest["metadata"][0]["label"] == {"en": ["Artists"], "fr": ["Artistes"]}
        assert manifest["metadata"][-1] == {
            "label": {"en": ["Inventory number"], "fr": ["Numéro d’inventaire"]},
            "value": {"none": ["AKVP-2018-001"]},
        }
    ana = artwork.makers.get(display_name="Ana Kalmurzaev")
    collection = _get(client, _collection_url(ana.slug))
    assert collection["summary"] == {
        "en": ["Works by Ana Kalmurzaev"],
        "fr": ["Œuvres de Ana Kalmurzaev"],
    }
