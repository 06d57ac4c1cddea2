"""Reads of the insights area for the doors: a career with its figures and chart, and the CV."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.safestring import SafeString

from vernissage.core.access import Viewer
from vernissage.exhibitions.selectors import ArtistExhibitions
from vernissage.insights.chart import career_chart_svg
from vernissage.insights.figures import Figures, career_figures
from vernissage.insights.timeline import Career, career_for
from vernissage.people.models import LifeEvent, Person, Relationship


@dataclass(frozen=True)
class CareerSummary:
    """What the artist's page shows of the career: the timeline, its figures, the chart."""

    career: Career
    figures: Figures
    chart: SafeString

    @property
    def entries(self) -> list[object]:
        return list(self.career.entries)


def career_summary(
    *,
    viewer: Viewer,
    person: Person,
    exhibitions: ArtistExhibitions | None = None,
    events: Iterable[LifeEvent] | None = None,
    ties: Iterable[Relationship] | None = None,
) -> CareerSummary:
    """The career as the artist's page shows it; what the page has already read for the same
    viewer is passed in and not read again (see ``career_for``)."""
    career = career_for(
        viewer=viewer, person=person, exhibitions=exhibitions, events=events, ties=ties
    )
    figures = career_figures(career)
    return CareerSummary(career=career, figures=figures, chart=career_chart_svg(figures.years))
