"""Reviews, quotes and press requests: what the services keep, what they refuse, and what the
selectors show each viewer."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from tests.factories import press as make
from tests.factories.guests import staff_in
from tests.factories.people import PersonFactory
from tests.factories.works import ArtworkFactory
from vernissage.core.models import AuditLog
from vernissage.market.contacts_models import Interaction
from vernissage.people.services import person_delete
from vernissage.press import services
from vernissage.press.models import PressRequest, Quote, Review, ReviewAuthor
from vernissage.press.selectors import press_request_list, quotes_for, review_list

pytestmark = pytest.mark.django_db


def test_a_review_keeps_spring_2011_as_written_with_its_bounds() -> None:
    review = make.review(date="spring 2011")
    review.refresh_from_db()
    assert (review.date, review.date_earliest, review.date_latest) == (
        "spring 2011",
        dt.date(2011, 3, 1),
        dt.date(2011, 5, 31),
    )


@pytest.mark.parametrize(
    "url",
    ["ftp://example.org/review", "javascript:alert(1)", "file:///etc/passwd", "example.org"],
    ids=["ftp", "javascript", "file", "no scheme"],
)
def test_a_web_address_must_be_http_or_https(url: str) -> None:
    with pytest.raises(ValidationError) as refusal:
        make.review(url=url)
    assert refusal.value.message_dict == {
        "url": ["Give a web address starting with http:// or https://."]
    }
    assert Review.objects.count() == 0


def test_a_review_needs_a_title_and_a_publication_that_publishes() -> None:
    with pytest.raises(ValidationError) as refusal:
        make.review(title="   ")
    assert refusal.value.message_dict == {"title": ["Give the title of the review or article."]}
    gallery = make.publication("Galerie Hallmann", "gallery")
    with pytest.raises(ValidationError) as refusal:
        make.review(publication=gallery)
    assert refusal.value.message_dict == {
        "publication": ["Choose a newspaper, magazine or other publication."]
    }


def test_a_review_is_audited_with_its_authors_in_order() -> None:
    owner = staff_in("Owner")
    first, second = make.critic("Sophia Petrova"), make.critic("Ivan Critic")
    review = services.review_create(
        acting_user=owner, title="Two voices", authors=[second, first, second]
    )
    lines = ReviewAuthor.objects.filter(review=review).order_by("order")
    assert [(line.order, line.person.display_name) for line in lines] == [
        (0, "Ivan Critic"),
        (1, "Sophia Petrova"),
    ]
    row = AuditLog.objects.filter(content_type__model="review", action="create").get()
    assert (row.actor, row.changes["title"]) == (owner, [None, "Two voices"])
    services.review_update(review=review, authors=[first], stance="mixed", acting_user=owner)
    assert [line.person.display_name for line in review.author_lines.all()] == ["Sophia Petrova"]
    assert Review.objects.get().stance == "mixed"


def test_review_update_refuses_fields_a_review_does_not_have() -> None:
    review = make.review()
    with pytest.raises(ValidationError) as refusal:
        services.review_update(review=review, price="100", acting_user=None)
    assert refusal.value.messages == ["A review has no field price."]


def test_deleting_a_review_keeps_its_values_in_the_log() -> None:
    review = make.review(authors=[make.critic()])
    services.quote_add(review=review, text="Bold.", acting_user=None)
    services.review_delete(review=review, acting_user=None)
    assert (Review.objects.count(), Quote.objects.count(), ReviewAuthor.objects.count()) == (
        0,
        0,
        0,
    )
    deleted = AuditLog.objects.filter(action="delete").values_list("content_type__model", flat=True)
    assert sorted(deleted) == ["quote", "review", "reviewauthor"]


def test_an_erased_critics_review_stays_attributed_to_a_critic() -> None:
    jacques = PersonFactory(display_name="Jacques Kalmurzaev")
    sophia, ivan = make.critic("Sophia Petrova"), make.critic("Ivan Critic")
    make.review(authors=[sophia, ivan], people=[jacques])
    person_delete(person=sophia, acting_user=None)  # soft: hidden
    ivan.delete()  # gone from the database altogether
    (review,) = review_list(viewer=None, person=jacques)
    assert [(credit.name, credit.person) for credit in review.credits] == [
        ("a critic", None),
        ("a critic", None),
    ]


def test_a_private_critic_is_a_critic_to_the_public_and_named_to_staff() -> None:
    jacques = PersonFactory(display_name="Jacques Kalmurzaev")
    make.review(authors=[make.critic("Hidden Writer", is_public=False)], people=[jacques])
    (public,) = review_list(viewer=None, person=jacques)
    (staff,) = review_list(viewer=staff_in("Registrar"), person=jacques)
    assert [str(credit) for credit in public.credits] == ["a critic"]
    assert [str(credit) for credit in staff.credits] == ["Hidden Writer"]


def test_a_review_about_a_private_work_shows_the_public_part_only() -> None:
    jacques = PersonFactory(display_name="Jacques Kalmurzaev")
    secret = ArtworkFactory(title="Secret Canvas", is_public=False, makers=[(jacques, "artist")])
    shown = ArtworkFactory(title="Shown Canvas", makers=[(jacques, "artist")])
    hidden_person = PersonFactory(display_name="Private Sitter", is_public=False)
    make.review(people=[jacques, hidden_person], works=[secret, shown])
    (public,) = review_list(viewer=None, person=jacques)
    assert [work.title for work in public.visible_works] == ["Shown Canvas"]
    assert [person.display_name for person in public.visible_people] == ["Jacques Kalmurzaev"]
    assert review_list(viewer=None, artwork=secret) != []  # the review is public...
    (staff,) = review_list(viewer=staff_in("Registrar"), person=jacques)
    assert [work.title for work in staff.visible_works] == ["Secret Canvas", "Shown Canvas"]


def test_a_private_review_is_for_staff_who_keep_the_press_or_see_private_records() -> None:
    jacques = PersonFactory()
    make.review(title="Unpublished notice", is_public=False, people=[jacques])
    seen = {
        role: [r.title for r in review_list(viewer=staff_in(role), person=jacques)]
        for role in ("Viewer", "Press", "Registrar")
    }
    assert seen == {
        "Viewer": [],
        "Press": ["Unpublished notice"],
        "Registrar": ["Unpublished notice"],
    }
    assert review_list(viewer=None, person=jacques) == []


def test_a_quote_without_rights_is_for_staff_only() -> None:
    review = make.review()
    services.quote_add(
        review=review, text="Free to quote.", page="3", may_publish=True, acting_user=None
    )
    services.quote_add(review=review, text="Rights not cleared.", page="4", acting_user=None)
    assert [q.text for q in quotes_for(viewer=None, review=review)] == ["Free to quote."]
    assert [q.text for q in quotes_for(viewer=staff_in("Viewer"), review=review)] == [
        "Free to quote.",
        "Rights not cleared.",
    ]
    with pytest.raises(ValidationError) as refusal:
        services.quote_add(review=review, text="  ", acting_user=None)
    assert refusal.value.message_dict == {"text": ["Write the quote."]}


def test_reviews_come_newest_first_undated_last() -> None:
    jacques = PersonFactory()
    for title, date in (
        ("Old", "2009"),
        ("Undated", ""),
        ("New", "March 2014"),
        ("Mid", "spring 2011"),
    ):
        make.review(title=title, date=date, people=[jacques])
    assert [r.title for r in review_list(viewer=None, person=jacques)] == [
        "New",
        "Mid",
        "Old",
        "Undated",
    ]


def test_a_press_request_is_written_in_the_critics_contact_log_and_answered() -> None:
    press = staff_in("Press")
    ana, critic = PersonFactory(display_name="Ana Kalmurzaev"), make.critic("Léa Fontaine")
    request = services.press_request_record(
        critic=critic,
        artist=ana,
        kind="interview",
        date=dt.date(2016, 3, 10),
        note="About the brushstrokes.",
        acting_user=press,
    )
    entry = Interaction.objects.get()
    assert (entry.contact.person, entry.kind, entry.note, entry.staff) == (
        critic,
        "press_request",
        "Asked Ana Kalmurzaev for: interview. About the brushstrokes.",
        press,
    )
    assert request.interaction == entry
    services.press_request_answer(
        press_request=request, answer="declined", on=dt.date(2016, 3, 12), acting_user=press
    )
    request.refresh_from_db()
    assert (request.answer, request.answered_on) == ("declined", dt.date(2016, 3, 12))
    assert Interaction.objects.count() == 2
    with pytest.raises(ValidationError) as refusal:
        services.press_request_answer(press_request=request, answer="accepted", acting_user=press)
    assert refusal.value.message_dict == {
        "answer": ["This request was already answered (declined)."]
    }
    assert [r.pk for r in press_request_list(viewer=press, artist=ana)] == [request.pk]
    assert press_request_list(viewer=None, artist=ana) == []
    assert press_request_list(viewer=staff_in("Viewer"), artist=ana) == []


@pytest.mark.parametrize(
    ("_case", "changes", "message"),
    [
        ("unknown kind", {"kind": "gossip"}, {"kind": ["“gossip” is not a kind of request."]}),
        (
            "in the future",
            {"date": dt.date(2999, 1, 1)},
            {"date": ["A request is recorded once it was made."]},
        ),
        (
            "to themselves",
            {"self": True},
            {"critic": ["An artist does not ask themselves for an interview."]},
        ),
    ],
)
def test_a_press_request_refuses_bad_input(
    _case: str, changes: dict[str, Any], message: Any
) -> None:
    ana = PersonFactory()
    arguments: dict[str, Any] = {
        "critic": ana if changes.pop("self", False) else make.critic(),
        "artist": ana,
        "kind": "interview",
        "acting_user": None,
        **changes,
    }
    with pytest.raises(ValidationError) as refusal:
        services.press_request_record(**arguments)
    assert refusal.value.message_dict == message
    assert (PressRequest.objects.count(), Interaction.objects.count()) == (0, 0)
