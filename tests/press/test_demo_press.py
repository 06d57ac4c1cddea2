"""The stories' press in the demo world: Sophia Petrova's review of the Paris show, the local
critics' acclaim in Moscow, and the critics who sought Ana out."""

from __future__ import annotations

from django.test import Client

from vernissage.demo.loader import WorldSummary
from vernissage.market.contacts_models import Interaction
from vernissage.press.models import PressRequest, Review


def test_sophia_petrova_reviewed_the_paris_show(world: WorldSummary) -> None:
    review = Review.objects.get(title="Bold Visions: Jacques Kalmurzaev in Paris")
    assert [line.person.display_name for line in review.author_lines.all()] == ["Sophia Petrova"]
    assert review.publication.name == "Carnets d'Atelier"
    assert (review.date, str(review.date_earliest), str(review.date_latest)) == (
        "November 2013",
        "2013-11-01",
        "2013-11-30",
    )
    assert review.stance == "praise"
    assert [show.title for show in review.exhibitions.all()] == ["Bold Visions"]
    assert "“She was enchanted by his work”" in review.notes


def test_the_local_critics_acclaim_is_dated_spring_2011(world: WorldSummary) -> None:
    review = Review.objects.get(publication__name="Moscow Art Courier", kind="review")
    assert (review.date, str(review.date_earliest), str(review.date_latest)) == (
        "spring 2011",
        "2011-03-01",
        "2011-05-31",
    )
    assert list(review.author_lines.all()) == []
    assert "earning him critical acclaim from local critics" in review.notes


def test_critics_sought_ana_out(world: WorldSummary) -> None:
    requests = PressRequest.objects.filter(artist__slug="ana-kalmurzaev").order_by("date")
    assert [(r.critic.display_name, r.kind, r.answer) for r in requests] == [
        ("Léa Fontaine", "interview", "accepted"),
        ("Marc Delorme", "studio_visit", "pending"),
    ]
    log = Interaction.objects.filter(contact__person__display_name="Léa Fontaine").order_by("at")
    assert [entry.kind for entry in log] == ["press_request", "press_request"]
    assert log[0].note == (
        "Asked Ana Kalmurzaev for: interview. Wants to ask about the brushstrokes of the Paris "
        "paintings."
    )


def test_an_anonymous_visitor_sees_jacques_press(world: WorldSummary, client: Client) -> None:
    page = client.get("/people/jacques-kalmurzaev/").content.decode()
    assert "Bold Visions: Jacques Kalmurzaev in Paris" in page
    assert "An artist unafraid to challenge the status quo with his bold visions." in page
    assert "Technical skill and emotional depth, in equal measure." not in page
    assert "Moscow Art Courier" in page
