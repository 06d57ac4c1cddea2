"""The press on the site: the section of an artist's, a work's and an exhibition's page, the
bibliography exports, the staff's quick form and the admin: who sees and does what (the
permission matrix), refusals on the page, and the queries they cost."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.factories import press as make
from tests.factories.exhibitions import ExhibitionFactory
from tests.factories.guests import staff_in
from tests.factories.people import PersonFactory
from tests.factories.works import ArtworkFactory
from vernissage.core.models import AuditLog
from vernissage.exhibitions.models import Exhibition
from vernissage.people.models import Person
from vernissage.press import services
from vernissage.press.models import Quote, Review
from vernissage.press.selectors import review_list
from vernissage.works.models import Artwork

pytestmark = pytest.mark.django_db

#: What only staff may read: a private review, a quote without rights, a private critic.
SECRETS = ("Unpublished notice", "Rights not cleared", "Hidden Writer")
#: viewer → (reads the press as staff, sees private reviews, keeps the press)
VIEWERS: dict[str, tuple[bool, bool, bool]] = {
    "anonymous": (False, False, False),
    "signed in, no role": (False, False, False),
    "Viewer": (True, False, False),
    "Sales": (True, True, False),
    "Registrar": (True, True, False),
    "Press": (True, True, True),
    "Owner": (True, True, True),
}


@pytest.fixture
def subjects(db: Any) -> tuple[Person, Artwork, Exhibition]:
    jacques = PersonFactory(display_name="Jacques Kalmurzaev")
    work = ArtworkFactory(title="Empty Chair, Winter", makers=[(jacques, "artist")])
    show = ExhibitionFactory(title="Bold Visions")
    about = {"people": [jacques], "works": [work], "exhibitions": [show]}
    review = make.review(
        title="Bold Visions in Paris",
        publication=make.publication("Carnets d'Atelier", "magazine"),
        date="November 2013",
        authors=[make.critic("Sophia Petrova", sort_name="Petrova, Sophia")],
        stance="praise",
        **about,
    )
    services.quote_add(
        review=review, text="An artist unafraid.", may_publish=True, acting_user=None
    )
    services.quote_add(review=review, text="Rights not cleared.", acting_user=None)
    make.review(title="Unpublished notice", is_public=False, **about)
    make.review(
        title="By someone private",
        authors=[make.critic("Hidden Writer", sort_name="Writer, Hidden", is_public=False)],
        **about,
    )
    return jacques, work, show


def _viewer(client: Client, name: str) -> User | None:
    if name == "anonymous":
        return None
    if name == "signed in, no role":
        user = User.objects.create_user(username="someone", password="x")
    else:
        user = staff_in(name, "someone")
    client.force_login(user)
    return user


def _leaks(response: Any) -> list[str]:
    body = response.content.decode(errors="replace")
    return [secret for secret in SECRETS if secret in body]


@pytest.mark.parametrize("viewer", list(VIEWERS))
def test_press_pages_and_exports_permission_matrix(
    client: Client, subjects: tuple[Person, Artwork, Exhibition], viewer: str
) -> None:
    staff, private, keeps = VIEWERS[viewer]
    jacques, work, show = subjects
    _viewer(client, viewer)
    before = AuditLog.objects.count()
    for page in (jacques.get_absolute_url(), work.get_absolute_url(), show.get_absolute_url()):
        response = client.get(page)
        body = response.content.decode()
        assert response.status_code == 200, page
        assert "Bold Visions in Paris" in body
        assert "An artist unafraid." in body
        assert ("Rights not cleared." in body) == staff, page
        assert ("Unpublished notice" in body) == private, page
        # a private critic is named to those who see private people (not Press)
        named = viewer in ("Sales", "Registrar", "Owner")
        assert ("Hidden Writer" in body) == named, page
        if not staff:
            assert _leaks(response) == [], page
        assert ("Add a review" in body) == (keeps and page != work.get_absolute_url()), page
    for base in (jacques.get_absolute_url(), work.get_absolute_url(), show.get_absolute_url()):
        for fmt in ("json", "bib"):
            response = client.get(f"{base}bibliography.{fmt}")
            assert response.status_code == 200
            assert "Bold Visions in Paris" in response.content.decode()
            assert ("Unpublished notice" in response.content.decode()) == private
            assert "Rights not cleared" not in response.content.decode()  # exports hold no quotes
    assert client.get(f"{jacques.get_absolute_url()}bibliography.pdf").status_code == 404
    assert AuditLog.objects.count() == before  # looking changed nothing


@pytest.mark.parametrize("viewer", list(VIEWERS))
def test_the_quick_form_permission_matrix(
    client: Client, subjects: tuple[Person, Artwork, Exhibition], viewer: str
) -> None:
    _staff, _private, keeps = VIEWERS[viewer]
    jacques, _work, show = subjects
    _viewer(client, viewer)
    count = Review.objects.count()
    for url in (f"/people/{jacques.slug}/reviews/add/", f"/exhibitions/{show.slug}/reviews/add/"):
        got = client.get(url)
        posted = client.post(url, {"title": "A new notice", "kind": "review", "is_public": "on"})
        if viewer == "anonymous":
            assert (got.status_code, posted.status_code) == (302, 302)
            assert posted["Location"].startswith("/accounts/login/")
        elif keeps:
            assert (got.status_code, posted.status_code) == (200, 302)
        else:
            assert (got.status_code, posted.status_code) == (404, 404)
    assert Review.objects.count() == count + (2 if keeps else 0)


@pytest.mark.parametrize("viewer", list(VIEWERS))
def test_the_quick_form_is_fetched_when_opened_from_the_page(
    client: Client, subjects: tuple[Person, Artwork, Exhibition], viewer: str
) -> None:
    """A page's press section holds the form's address, not the form: htmx asks for it when
    "Add a review" is opened, and gets the form alone, posting to that address."""
    _staff, _private, keeps = VIEWERS[viewer]
    jacques, _work, show = subjects
    _viewer(client, viewer)
    for page, add in (
        (jacques.get_absolute_url(), f"/people/{jacques.slug}/reviews/add/"),
        (show.get_absolute_url(), f"/exhibitions/{show.slug}/reviews/add/"),
    ):
        body = client.get(page).content.decode()
        assert ('name="title"' in body, f'hx-get="{add}"' in body) == (False, keeps), page
        fragment = client.get(add, headers={"HX-Request": "true"})
        if not keeps:
            assert fragment.status_code in (302, 404)
            continue
        html = fragment.content.decode()
        assert fragment.status_code == 200
        assert "HX-Request" in fragment["Vary"]
        assert html.startswith("<form")
        assert "<html" not in html
        assert f'action="{add}"' in html
        assert 'name="csrfmiddlewaretoken"' in html
        assert 'name="title"' in html
        # Without htmx the same address is a whole page with the same form.
        whole = client.get(add).content.decode()
        assert "<html" in whole
        assert 'name="title"' in whole


def test_staff_add_a_review_from_the_artist_page_and_see_it_there(
    client: Client, subjects: tuple[Person, Artwork, Exhibition]
) -> None:
    jacques, _work, _show = subjects
    press = staff_in("Press")
    client.force_login(press)
    sophia = Person.objects.get(display_name="Sophia Petrova")
    response = client.post(
        f"/people/{jacques.slug}/reviews/add/",
        {
            "author": "sophia petrova",  # as typed: case and accents aside
            "publication": Review.objects.get(title="Bold Visions in Paris").publication_id,
            "date": "spring 2011",
            "title": "Moscow's bold colourist",
            "url": "https://example.org/colourist",
            "kind": "review",
            "stance": "praise",
            "quote": "Vivid.",
            "is_public": "on",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == f"{jacques.get_absolute_url()}#reviews"
    review = Review.objects.get(title="Moscow's bold colourist")
    assert (review.date_earliest.isoformat(), review.stance, review.is_public) == (
        "2011-03-01",
        "praise",
        True,
    )
    assert list(review.people.all()) == [jacques]
    assert [line.person for line in review.author_lines.all()] == [sophia]
    assert list(Quote.objects.filter(review=review).values_list("text", "may_publish")) == [
        ("Vivid.", False)
    ]
    page = client.get(jacques.get_absolute_url()).content.decode()
    assert "The review “Moscow&#x27;s bold colourist” was added." in page
    assert "Moscow&#x27;s bold colourist" in client.get(jacques.get_absolute_url()).content.decode()
    # The artist's page links to the bibliography on the CV, which formats it.
    assert f'href="/people/{jacques.slug}/cv/#bibliography"' in page
    assert '<ol class="bibliography">' not in page
    cv = client.get(f"/people/{jacques.slug}/cv/").content.decode()
    bibliography = cv[cv.index('id="bibliography"') :]
    assert (
        "Petrova, Sophia. 2011. “Moscow&#x27;s Bold Colourist”. <i>Carnets d&#x27;Atelier</i>, "
        "Spring. https://example.org/colourist."
    ) in bibliography


def test_a_refused_review_comes_back_on_the_form(
    client: Client, subjects: tuple[Person, Artwork, Exhibition]
) -> None:
    jacques, _work, _show = subjects
    client.force_login(staff_in("Press"))
    count = Review.objects.count()
    response = client.post(
        f"/people/{jacques.slug}/reviews/add/",
        {"title": "Bad address", "url": "ftp://example.org/x", "kind": "review"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Give a web address starting with http:// or https://." in body
    assert 'value="Bad address"' in body
    assert Review.objects.count() == count


def test_a_review_of_a_show_is_on_its_artists_pages(client: Client, db: Any) -> None:
    ana = PersonFactory(display_name="Ana Kalmurzaev")
    show = ExhibitionFactory(title="Threads", artists=[ana])
    client.force_login(staff_in("Owner"))
    client.post(f"/exhibitions/{show.slug}/reviews/add/", {"title": "Threads", "kind": "review"})
    review = Review.objects.get()
    assert (list(review.exhibitions.all()), list(review.people.all())) == ([show], [ana])


def test_a_private_artists_exports_are_not_found_by_the_public(client: Client, db: Any) -> None:
    hidden = PersonFactory(display_name="Private Artist", is_public=False)
    make.review(title="About someone private", people=[hidden])
    assert client.get(f"/people/{hidden.slug}/bibliography.json").status_code == 404
    client.force_login(staff_in("Registrar"))
    assert client.get(f"/people/{hidden.slug}/bibliography.json").status_code == 200


def test_review_list_costs_six_queries_for_any_number_of_reviews(
    db: Any, django_assert_num_queries: Any
) -> None:
    jacques = PersonFactory()
    for number in range(30):
        review = make.review(
            title=f"Review {number}",
            authors=[make.critic(f"Critic {number}")],
            publication=make.publication(f"Paper {number}"),
            people=[jacques],
            works=[ArtworkFactory(makers=[(jacques, "artist")])],
        )
        services.quote_add(review=review, text="Good.", may_publish=True, acting_user=None)
    viewer = staff_in("Registrar")
    assert viewer.has_perm("core.view_private_records")  # its permissions read once, before
    with django_assert_num_queries(6):
        reviews = review_list(viewer=viewer, person=jacques)
        assert [len(review.credits) for review in reviews] == [1] * 30
        assert sum(len(review.visible_quotes) for review in reviews) == 30


@pytest.mark.parametrize("role", ["anonymous", "Viewer", "Press"])
def test_the_artist_page_costs_the_same_queries_for_1_and_25_reviews(
    client: Client, db: Any, django_assert_num_queries: Any, role: str
) -> None:
    jacques = PersonFactory(display_name="Jacques Kalmurzaev")

    def add() -> None:
        make.review(
            title="A review",
            authors=[make.critic()],
            publication=make.publication(),
            date="2011",
            people=[jacques],
        )

    add()
    if role != "anonymous":
        client.force_login(staff_in(role))
    client.get(jacques.get_absolute_url())  # the viewer's permissions, read once
    with CaptureQueriesContext(connection) as one:
        assert client.get(jacques.get_absolute_url()).status_code == 200
    for _ in range(24):
        add()
    # Past 20 reviews the section shows 20, and its count is the timeline's: no query more.
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(jacques.get_absolute_url())
    body = response.content.decode()
    assert body.count('<li class="review">') == 20
    assert (
        f'<a href="/people/{jacques.slug}/cv/#bibliography">'
        "And 5 more reviews, in the bibliography.</a>"
    ) in body


@pytest.mark.parametrize("viewer", ["Viewer", "Press", "Owner"])
def test_the_admin_of_reviews_and_press_requests(client: Client, db: Any, viewer: str) -> None:
    review = make.review(title="In the admin", is_public=False)
    client.force_login(staff_in(viewer))
    listing = client.get("/admin/press/review/")
    assert listing.status_code == 200
    assert ("In the admin" in listing.content.decode()) == (viewer != "Viewer")
    add = client.get("/admin/press/review/add/")
    assert add.status_code == (403 if viewer == "Viewer" else 200)
    if viewer != "Viewer":
        change = client.get(f"/admin/press/review/{review.pk}/change/")
        assert 'name="private_text"' in change.content.decode()
    assert client.get("/admin/press/pressrequest/").status_code == 200


@pytest.mark.parametrize("viewer", list(VIEWERS))
def test_critic_suggestions_permission_matrix(
    client: Client, subjects: tuple[Person, Artwork, Exhibition], viewer: str
) -> None:
    _staff, _private, keeps = VIEWERS[viewer]
    _viewer(client, viewer)

    response = client.get("/press/critics/", {"author": "Sophia Petrva"})  # a letter missing
    hidden = client.get("/press/critics/", {"author": "Hidden"})

    if viewer == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
    elif keeps:
        assert response.status_code == 200
        assert '<option value="Sophia Petrova">' in response.content.decode()
        # a private critic is suggested to those who see private people only
        assert ("Hidden Writer" in hidden.content.decode()) == (viewer == "Owner")
        assert response["Cache-Control"] == "private, no-store"
    else:
        assert (response.status_code, hidden.status_code) == (404, 404)
        assert response.content == client.get("/no-such-page/").content


def test_the_critic_is_chosen_by_name_and_two_of_one_name_told_apart(
    client: Client, subjects: tuple[Person, Artwork, Exhibition]
) -> None:
    jacques, _work, _show = subjects
    first = make.critic("Anna Ivanova")
    second = make.critic("Anna Ivanova")
    client.force_login(staff_in("Owner"))
    add = f"/people/{jacques.slug}/reviews/add/"

    suggested = client.get("/press/critics/", {"author": "anna ivan"}).content.decode()
    both = client.post(add, {"author": "Anna Ivanova", "title": "Twice", "kind": "review"})
    unknown = client.post(add, {"author": "Nobody Known", "title": "Lost", "kind": "review"})
    hidden_to_press = Client()
    hidden_to_press.force_login(staff_in("Press", "press-person"))
    private = hidden_to_press.post(add, {"author": "Hidden Writer", "title": "X", "kind": "review"})
    chosen = client.post(
        add, {"author": f"Anna Ivanova ({second.slug})", "title": "Once", "kind": "review"}
    )

    assert f'<option value="Anna Ivanova ({first.slug})">' in suggested
    assert f'<option value="Anna Ivanova ({second.slug})">' in suggested
    assert both.status_code == 200
    assert "2 critics are called “Anna Ivanova”" in both.content.decode()
    assert unknown.status_code == 200
    assert "No critic is called “Nobody Known”" in unknown.content.decode()
    assert 'value="Nobody Known"' in unknown.content.decode()  # the input is kept
    # a private critic cannot be found by typing their name by someone who may not see them
    assert "No critic is called “Hidden Writer”" in private.content.decode()
    assert chosen.status_code == 302
    once = Review.objects.get(title="Once")
    assert [line.person for line in once.author_lines.all()] == [second]
    assert not Review.objects.filter(title__in=["Twice", "Lost", "X"]).exists()
