"""IIIF Presentation API 3.0: a Manifest for every work and a Collection for every artist.

Built with iiif-prezi3, whose pydantic models validate every resource as it is made, so a
manifest that leaves this module is well formed. What goes in is decided by the same
selectors as the public pages: the public sees public works, public images and public makers;
staff see everything that is not deleted. Prices, status and notes never go in.

Ids are absolute; the caller passes ``absolute`` (``request.build_absolute_uri`` for a web
request), which turns a path into a URL on the host that was asked.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from django.conf import settings
from django.http import Http404
from django.urls import reverse
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext, ngettext_lazy
from django.utils.translation import gettext_lazy as _
from iiif_prezi3 import (
    Annotation,
    AnnotationBody,
    AnnotationPage,
    Canvas,
    Collection,
    Homepage,
    KeyValueString,
    Manifest,
    ManifestRef,
    ServiceV3,
)

from vernissage.core.access import Viewer
from vernissage.images.gallery import images_for_artwork, images_prefetch
from vernissage.images.models import Image
from vernissage.people.models import Person
from vernissage.people.selectors import person_get
from vernissage.works.models import Artwork
from vernissage.works.selectors import artwork_get, works_by

PRESENTATION_CONTEXT = "http://iiif.io/api/presentation/3/context.json"
CONTENT_TYPE = f'application/ld+json;profile="{PRESENTATION_CONTEXT}"'
THUMBNAIL_BOX = 400

Absolute = Callable[[str], str]
LanguageMap = dict[str, list[str]]

#: A BCP 47 tag as prezi3 accepts it in a language map; anything else goes under "none".
_LANGUAGE_KEY = re.compile(r"^[a-zA-Z-]+$")
#: The rights URIs IIIF allows: RightsStatements.org statements and Creative Commons
#: licences or public-domain tools, in their canonical http form.
_RIGHTS = re.compile(
    r"^http://rightsstatements\.org/vocab/"
    r"(InC|InC-OW-EU|InC-EDU|InC-NC|InC-RUU|NoC-CR|NoC-NC|NoC-OKLR|NoC-US|CNE|UND|NKC)/1\.0/$"
    r"|^http://creativecommons\.org/licenses/"
    r"(by|by-sa|by-nd|by-nc|by-nc-sa|by-nc-nd)/(1\.0|2\.0|2\.5|3\.0|4\.0)/([a-z]{2}/)?$"
    r"|^http://creativecommons\.org/publicdomain/(zero|mark)/1\.0/$"
)


def rights_url(value: str) -> str | None:
    """The canonical rights URI for ``value``, or None when it is not one IIIF allows.

    ``https://`` and a missing final slash are forgiven, as people copy these links from
    the browser; free text (“All rights reserved”) is not a rights URI and is left out.
    """
    url = value.strip()
    if not url:
        return None
    url = re.sub(r"^https://", "http://", url)
    if not url.endswith("/"):
        url += "/"
    return url if _RIGHTS.match(url) else None


def image_service_path(identifier: str) -> str:
    """The path of the IIIF Image API service of one image: ``/iiif/3/{identifier}``.

    The same URL the image server gives as the ``id`` of its info.json.
    """
    return reverse("iiif:base", args=[identifier])


def thumbnail_size(image: Image, box: int = THUMBNAIL_BOX) -> tuple[int, int]:
    """The size of a thumbnail that fits ``box`` without enlarging the image."""
    scale = min(1.0, box / max(image.width, image.height, 1))
    return max(1, round(image.width * scale)), max(1, round(image.height * scale))


def image_fitted_path(image: Image, box: int) -> str:
    """A JPEG of the whole image that fits ``box`` pixels, never enlarged, at an exact size.

    The size is spelled ``w,h`` so that even a picture smaller than the box is asked for
    at its own size (``!w,h`` larger than the image would need ``^``, upscaling).
    """
    width, height = thumbnail_size(image, box)
    return f"{image_service_path(image.identifier)}/full/{width},{height}/0/default.jpg"


def _text(value: str) -> LanguageMap:
    return {"none": [value]}


def _in_every_language(message: Promise, **values: str) -> LanguageMap:
    """Our own words (a metadata label, a summary) in each language the site speaks, for a
    viewer to show in its reader's language (IIIF language maps hold them side by side)."""
    texts: LanguageMap = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            texts[code] = [str(message) % values if values else str(message)]
    return texts


def _language_key(language: str) -> str:
    return language if language and _LANGUAGE_KEY.match(language) else "none"


def _entry(label: Promise, *values: str) -> Any:
    return KeyValueString(label=_in_every_language(label), value={"none": list(values)})


def _image_service(image: Image, absolute: Absolute) -> Any:
    return ServiceV3(
        id=absolute(image_service_path(image.identifier)), type="ImageService3", profile="level2"
    )


def _thumbnail(image: Image, absolute: Absolute) -> Any:
    width, height = thumbnail_size(image)
    return AnnotationBody(
        id=absolute(image_fitted_path(image, THUMBNAIL_BOX)),
        type="Image",
        format="image/jpeg",
        width=width,
        height=height,
        service=[_image_service(image, absolute)],
    )


def _canvas(image: Image, *, number: int, base: str, absolute: Absolute) -> Any:
    canvas_id = f"{base}/canvas/{image.identifier}"
    page_id = f"{canvas_id}/page"
    body = AnnotationBody(
        id=absolute(f"{image_service_path(image.identifier)}/full/max/0/default.jpg"),
        type="Image",
        format="image/jpeg",
        width=image.width,
        height=image.height,
        service=[_image_service(image, absolute)],
    )
    painting = Annotation(
        id=f"{page_id}/painting", motivation="painting", body=body, target=canvas_id
    )
    extra: dict[str, Any] = {}
    if image.credit:
        extra["metadata"] = [_entry(_("Photograph"), image.credit)]
    rights = rights_url(image.rights)
    if rights:
        extra["rights"] = rights
    return Canvas(
        id=canvas_id,
        label=_text(image.caption or gettext("Image %(number)d") % {"number": number}),
        width=image.width,
        height=image.height,
        thumbnail=[_thumbnail(image, absolute)],
        items=[AnnotationPage(id=page_id, items=[painting])],
        **extra,
    )


def _artwork_label(artwork: Artwork) -> LanguageMap:
    """The title as written (language unknown), then the titles that name their language."""
    label: LanguageMap = {"none": [artwork.title]}
    for variant in artwork.titles.all():
        key = _language_key(variant.language)
        if key != "none":
            label.setdefault(key, []).append(variant.title)
    return label


def _artwork_metadata(artwork: Artwork) -> list[Any]:
    creations = getattr(artwork, "visible_creations", [])
    entries = []
    if creations:
        entries.append(
            _entry(ngettext_lazy("Artist", "Artists", len(creations)), *(str(c) for c in creations))
        )
    others = [
        variant.title
        for variant in artwork.titles.all()
        if _language_key(variant.language) == "none"
    ]
    if others:
        entries.append(_entry(_("Other titles"), *others))
    if artwork.date:
        entries.append(_entry(_("Date"), artwork.date))
    entries.append(_entry(_("Classification"), artwork.get_classification_display()))
    if artwork.medium:
        entries.append(_entry(_("Medium"), artwork.medium))
    if artwork.dimensions:
        entries.append(_entry(_("Dimensions"), artwork.display_dimensions))
    if artwork.inventory_number:
        entries.append(_entry(_("Inventory number"), artwork.inventory_number))
    return entries


def _shared_rights(images: Sequence[Image]) -> str | None:
    """The rights of the whole work: only when every image carries the same valid URI."""
    found = {rights_url(image.rights) for image in images}
    if len(found) == 1:
        return found.pop()
    return None


def manifest_path(artwork: Artwork) -> str:
    return reverse("interop:artwork-manifest", kwargs={"slug": artwork.slug})


def collection_path(person: Person) -> str:
    return reverse("interop:person-collection", kwargs={"slug": person.slug})


def manifest_build(*, artwork: Artwork, images: Sequence[Image], absolute: Absolute) -> Any:
    """The Manifest of one work: one Canvas per image, in order, each the image's own size.

    ``artwork`` comes from ``artwork_get`` (makers and titles prefetched for the viewer) and
    ``images`` from ``images_for_artwork``; this function reads nothing else.
    """
    manifest_id = absolute(manifest_path(artwork))
    base = manifest_id.rsplit("/", 1)[0]
    fields: dict[str, Any] = {
        "homepage": [
            Homepage(
                id=absolute(artwork.get_absolute_url()),
                type="Text",
                format="text/html",
                label=_text(artwork.title),
            )
        ],
        "metadata": _artwork_metadata(artwork),
    }
    if artwork.description:
        fields["summary"] = _text(artwork.description)
    statement = [part for part in (artwork.credit_line, artwork.copyright) if part]
    if statement:
        fields["requiredStatement"] = KeyValueString(
            label=_in_every_language(_("Credit")), value={"none": statement}
        )
    rights = _shared_rights(images)
    if rights:
        fields["rights"] = rights
    if images:
        fields["thumbnail"] = [_thumbnail(images[0], absolute)]
    return Manifest(
        id=manifest_id,
        label=_artwork_label(artwork),
        items=[
            _canvas(image, number=number, base=base, absolute=absolute)
            for number, image in enumerate(images, start=1)
        ],
        **fields,
    )


def collection_build(*, person: Person, works: Sequence[Artwork], absolute: Absolute) -> Any:
    """The Collection of one artist: a reference to the Manifest of each work, in order.

    ``works`` carry ``visible_images`` (``images_prefetch``) for their thumbnails.
    """
    label: LanguageMap = {"none": [person.display_name]}
    for name in person.names.all():
        key = _language_key(name.language)
        if key != "none":
            label.setdefault(key, []).append(name.name)
    items = []
    for artwork in works:
        images: list[Image] = getattr(artwork, "visible_images", [])
        reference: dict[str, Any] = {}
        if images:
            reference["thumbnail"] = [_thumbnail(images[0], absolute)]
        items.append(
            ManifestRef(
                id=absolute(manifest_path(artwork)),
                type="Manifest",
                label=_text(artwork.title),
                **reference,
            )
        )
    return Collection(
        id=absolute(collection_path(person)),
        label=label,
        summary=_in_every_language(_("Works by %(name)s"), name=person.display_name),
        homepage=[
            Homepage(
                id=absolute(person.get_absolute_url()),
                type="Text",
                format="text/html",
                label=_text(person.display_name),
            )
        ],
        items=items,
    )


def artwork_manifest(*, slug: str, viewer: Viewer, absolute: Absolute) -> Any:
    """The Manifest of the work at ``slug`` as ``viewer`` may see it; 404 if they may not.

    A work with no image the viewer may see has no Manifest either (404): IIIF requires
    at least one Canvas, and there would be nothing to look at.
    """
    artwork = artwork_get(slug=slug, viewer=viewer)
    images = images_for_artwork(artwork=artwork, viewer=viewer)
    if not images:
        raise Http404("This work has no image to show.")
    return manifest_build(artwork=artwork, images=images, absolute=absolute)


def person_collection(*, slug: str, viewer: Viewer, absolute: Absolute) -> Any:
    """The Collection of the person at ``slug`` as ``viewer`` may see it; 404 if they may not.

    It lists the works of theirs that the viewer may see and that have a Manifest, that is
    at least one image the viewer may see.
    """
    person = person_get(slug=slug, viewer=viewer)
    works = works_by(person=person, viewer=viewer).prefetch_related(images_prefetch(viewer))
    with_images = [artwork for artwork in works if getattr(artwork, "visible_images", [])]
    return collection_build(person=person, works=with_images, absolute=absolute)
