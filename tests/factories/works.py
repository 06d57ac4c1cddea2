from __future__ import annotations

from typing import Any

import factory

from tests.factories.people import PersonFactory
from vernissage.works import services
from vernissage.works.models import Artwork


class ArtworkFactory(factory.Factory):  # type: ignore[misc]
    """Works made through ``artwork_create``, with one maker unless told otherwise."""

    class Meta:
        model = Artwork

    title = factory.Sequence(lambda n: f"Untitled {n}")
    classification = Artwork.Classification.PAINTING
    date = "2012"
    dimensions = "60 x 80 cm"
    is_public = True
    makers = factory.LazyFunction(lambda: [(PersonFactory(), "artist")])

    @classmethod
    def _create(cls, model_class: type[Artwork], *args: Any, **kwargs: Any) -> Artwork:
        return services.artwork_create(acting_user=None, **kwargs)
