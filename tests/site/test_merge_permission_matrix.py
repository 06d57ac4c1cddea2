"""Who may use the merge pages: Owner and Registrar (and superusers); everyone else signed in
gets the 404 of an unknown page, anonymous visitors the login page, and asking changes
nothing. Then the pages themselves: candidates, the merge screen, undo, keeping apart, and the
merged person's old address."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from tests.factories.people import PersonFactory

from vernissage.core.services import staff_roles_set
from vernissage.people.models import Person, PersonDistinction, PersonMerge
from vernissage.people.services import person_merge
from vernissage.search.selectors import PERSON, search

#: viewer -> may merge people
VIEWERS: dict[str, bool] = {
    "anonymous": False,
    "signed in, no role": False,
    "staff, no permission": False,
    "Viewer": False,
    "Sales": False,
    "Press": False,
    "Registrar": True,
    "Owner": True,
    "superuser": True,
}


def _viewer(client: Client, name: str) -> User | None:
    if name == "anonymous":
        return None
    if name == "superuser":
        user = User.objects.create_superuser(username="root", password="x")
    else:
        user = User.objects.create_user(
            username="someone", password="x", is_staff=name == "staff, no permission"
        )
        if name not in {"signed in, no role", "staff, no permission"}:
            staff_roles_set(user=user, roles=[name], acting_user=None)
    client.force_login(user)
    return user


def _pair() -> tuple[Person, Person]:
    keep = PersonFactory(display_name="Viktor Petrov", roles=("artist",))
    merged = PersonFactory(display_name="Petrov", roles=("collector",), notes="Paid in cash.")
    return keep, merged


@pytest.mark.parametrize("viewer", list(VIEWERS))
def test_merge_permission_matrix(client: Client, db: Any, viewer: str) -> None:
    allowed = VIEWERS[viewer]
    keep, merged = _pair()
    done = person_merge(
        keep=PersonFactory(display_name="Ana Lutz"),
        merged=PersonFactory(display_name="Ana"),
        acting_user=None,
    )
    _viewer(client, viewer)
    pages = [
        "/merges/",
        f"/merges/compare/{keep.slug}/{merged.slug}/",
        f"/merges/{done.pk}/",
    ]
    for page in pages:
        response = client.get(page)
        if viewer == "anonymous":
            assert response.status_code == 302
            assert response["Location"].startswith("/accounts/login/")
        elif allowed:
            assert response.status_code == 200
        else:
            assert response.status_code == 404
            assert response.content == client.get("/no-such-page/").content
            assert "Paid in cash" not in response.content.decode()
    kept_apart = client.post("/merges/keep-apart/", {"first": keep.slug, "second": merged.slug})
    undone = client.post(f"/merges/{done.pk}/undo/")
    merging = client.post(f"/merges/compare/{keep.slug}/{merged.slug}/")
    done.refresh_from_db()
    if allowed:
        assert [kept_apart.status_code, undone.status_code, merging.status_code] == [302] * 3
        assert PersonDistinction.objects.count() == 1
        assert done.undone_at is not None
        assert PersonMerge.objects.filter(keep=keep, merged=merged).exists()
    else:
        statuses = {kept_apart.status_code, undone.status_code, merging.status_code}
        assert statuses == ({302} if viewer == "anonymous" else {404})
        assert PersonDistinction.objects.count() == 0
        assert done.undone_at is None
        assert PersonMerge.objects.count() == 1
        assert Person.objects.filter(pk=merged.pk).exists()


def test_candidates_page_shows_the_pair_with_its_evidence(client: Client, db: Any) -> None:
    keep, merged = _pair()
    _viewer(client, "Registrar")
    page = client.get("/merges/").content.decode()
    assert "“Petrov” is part of “Viktor Petrov”" in page
    assert f"/merges/compare/{keep.slug}/{merged.slug}/" in page


def test_merge_screen_shows_both_and_what_moves_then_merges_with_an_undo(
    client: Client, db: Any
) -> None:
    keep, merged = _pair()
    _viewer(client, "Owner")
    screen = client.get(f"/merges/compare/{keep.slug}/{merged.slug}/").content.decode()
    assert "Merge Petrov into Viktor Petrov" in screen
    assert "Moves onto Viktor Petrov:" in screen
    assert "<li>roles: 1</li>" in screen
    assert "adds “Petrov” as another name of the person kept" in screen
    assert "Paid in cash." in screen
    response = client.post(f"/merges/compare/{keep.slug}/{merged.slug}/", follow=True)
    page = response.content.decode()
    merge = PersonMerge.objects.get()
    assert response.redirect_chain == [(f"/merges/{merge.pk}/", 302)]
    assert "Petrov was merged into Viktor Petrov." in page
    assert f'action="/merges/{merge.pk}/undo/"' in page
    undone = client.post(f"/merges/{merge.pk}/undo/", follow=True).content.decode()
    assert "The merge was undone: Petrov and Viktor Petrov are two records again." in undone
    assert Person.objects.filter(pk=merged.pk).exists()


def test_a_refused_merge_is_told_on_the_page(client: Client, db: Any) -> None:
    keep, _merged = _pair()
    _viewer(client, "Owner")
    response = client.post(f"/merges/compare/{keep.slug}/{keep.slug}/")
    assert response.status_code == 200
    assert "A person cannot be merged into themselves." in response.content.decode()
    assert PersonMerge.objects.count() == 0


def test_an_unsafe_undo_is_told_on_the_page(client: Client, db: Any) -> None:
    keep, merged = _pair()
    merge = person_merge(keep=keep, merged=merged, acting_user=None)
    keep.names.get(name="Petrov").delete()
    keep.roles.clear()
    _viewer(client, "Owner")
    page = client.get(f"/merges/{merge.pk}/").content.decode()
    assert "The merge cannot be undone now:" in page
    response = client.post(f"/merges/{merge.pk}/undo/", follow=True).content.decode()
    assert "1 of the roles moved in the merge were deleted since." in response
    merge.refresh_from_db()
    assert merge.undone_at is None


@pytest.mark.parametrize(
    ("merged_public_case", "keep_public", "status"),
    [("both public", True, 301), ("kept one private", False, 404)],
)
def test_the_merged_person_old_address_leads_to_the_kept_one(
    client: Client, db: Any, merged_public_case: str, keep_public: bool, status: int
) -> None:
    keep = PersonFactory(display_name="Viktor Petrov", is_public=keep_public)
    merged = PersonFactory(display_name="Petrov", is_public=True)
    person_merge(keep=keep, merged=merged, acting_user=None)
    response = client.get(f"/people/{merged.slug}/")
    assert response.status_code == status
    if status == 301:
        assert response["Location"] == f"/people/{keep.slug}/"


def test_after_a_merge_history_and_search_follow_the_kept_person(client: Client, db: Any) -> None:
    keep, merged = _pair()
    person_merge(keep=keep, merged=merged, acting_user=None)
    _viewer(client, "Owner")
    history = client.get(f"/people/{keep.slug}/history/")
    assert history.status_code == 200
    assert "Petrov merged into Viktor Petrov" in history.content.decode()
    assert client.get(f"/people/{merged.slug}/history/").status_code == 200
    found = search(viewer=None, query="Petrov", kinds=[PERSON])
    assert [person.pk for person in found.kinds[PERSON]] == [keep.pk]
