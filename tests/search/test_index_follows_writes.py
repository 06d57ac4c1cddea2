"""The index follows every write, in the writer's transaction: what a search finds is what
the records say now, whichever door changed them."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from tests.factories.people import PersonFactory
from tests.factories.works import ArtworkFactory
from vernissage.people import services as people
from vernissage.search.indexing import index_batch, index_rebuild
from vernissage.search.models import SearchDocument
from vernissage.search.selectors import PERSON, WORK, search
from vernissage.works import services as works
from vernissage.works.models import Artwork, ArtworkTitle, Creation

PUBLIC = AnonymousUser()


def _works(query: str, viewer: Any = PUBLIC) -> list[str]:
    return [w.title for w in search(viewer=viewer, query=query, kinds=[WORK]).kinds[WORK][:20]]


def _people(query: str, viewer: Any = PUBLIC) -> list[str]:
    found = search(viewer=viewer, query=query, kinds=[PERSON]).kinds[PERSON]
    return [p.display_name for p in found[:20]]


def test_a_renamed_work_is_found_by_its_new_title_only(db: Any) -> None:
    work = ArtworkFactory(title="Birches")
    work.title = "Snowfield"
    works.artwork_save(artwork=work, acting_user=None)

    assert _works("snowfield") == ["Snowfield"]
    assert _works("birches") == []


def test_a_soft_deleted_work_is_found_no_more_and_again_once_restored(db: Any) -> None:
    work = ArtworkFactory(title="Birches")
    works.artwork_delete(artwork=work, acting_user=None)
    owner = User.objects.create_superuser(username="owner", password="x")

    assert _works("birches") == []
    assert _works("birches", owner) == []

    works.artwork_restore(artwork=work, acting_user=None)
    assert _works("birches") == ["Birches"]


def test_a_work_made_private_is_found_by_staff_only(db: Any) -> None:
    work = ArtworkFactory(title="Birches")
    work.is_public = False
    works.artwork_save(artwork=work, acting_user=None)
    owner = User.objects.create_superuser(username="owner", password="x")

    assert _works("birches") == []
    assert _works("birches", owner) == ["Birches"]


def test_a_makers_new_name_finds_their_works(db: Any) -> None:
    painter = PersonFactory(display_name="Ana Kalmurzaev")
    ArtworkFactory(title="Birches", makers=[(painter, "artist")])

    people.person_name_add(person=painter, name="Анна Калмурзаева", acting_user=None)

    assert _works("Калмурзаева") == ["Birches"]
    assert _people("Анна") == ["Ana Kalmurzaev"]


def test_a_maker_line_and_a_title_variant_added_or_removed_move_the_work(db: Any) -> None:
    painter = PersonFactory(display_name="Viktor Petrov")
    work = ArtworkFactory(title="Birches")
    line = works.creation_save(
        creation=Creation(artwork=work, person=painter, role="co_artist", position=1),
        acting_user=None,
    )
    variant = works.artwork_title_save(
        title=ArtworkTitle(artwork=work, title="Березы", language="ru"), acting_user=None
    )
    assert _works("petrov") == ["Birches"]
    assert _works("березы") == ["Birches"]

    works.creation_delete(creation=line, acting_user=None)
    works.artwork_title_delete(title=variant, acting_user=None)
    assert _works("petrov") == []
    assert _works("березы") == []


def test_a_private_makers_name_finds_the_public_work_for_staff_only(db: Any) -> None:
    hidden = PersonFactory(display_name="Hidden Collector", is_public=False)
    ArtworkFactory(title="Open Work", makers=[(hidden, "artist")])
    owner = User.objects.create_superuser(username="owner", password="x")

    assert _works("hidden collector") == []
    assert _works("hidden collector", owner) == ["Open Work"]


def test_a_maker_made_public_then_finds_the_work_for_everyone(db: Any) -> None:
    hidden = PersonFactory(display_name="Hidden Collector", is_public=False)
    ArtworkFactory(title="Open Work", makers=[(hidden, "artist")])

    hidden.is_public = True
    people.person_save(person=hidden, acting_user=None)

    assert _works("hidden collector") == ["Open Work"]


def test_themes_set_and_series_renamed_are_searched(db: Any) -> None:
    series = works.series_create(acting_user=None, title="Rural Siberia")
    work = ArtworkFactory(title="Birches", series=series, themes=["melancholy"])
    assert _works("siberia") == ["Birches"]
    assert _works("melancholy") == ["Birches"]

    series.title = "Northern Lights"
    works.series_save(series=series, acting_user=None)
    work.themes.set([works.term_get_or_create(label="joy", kind="theme")])

    assert _works("siberia") == []
    assert _works("northern") == ["Birches"]
    assert _works("melancholy") == []
    assert _works("joy") == ["Birches"]


def test_a_write_rolled_back_leaves_the_index_as_it_was(db: Any) -> None:
    work = ArtworkFactory(title="Birches")

    def rename_then_fail() -> None:
        with transaction.atomic():
            work.title = "Snowfield"
            works.artwork_save(artwork=work, acting_user=None)
            raise RuntimeError

    with pytest.raises(RuntimeError):
        rename_then_fail()

    assert _works("birches") == ["Birches"]
    assert _works("snowfield") == []


def test_a_rebuild_writes_the_same_documents(db: Any) -> None:
    painter = PersonFactory(display_name="Jacques Kalmurzaev", names=[{"name": "Жак Калмурзаев"}])
    ArtworkFactory(title="Birches", makers=[(painter, "artist")])
    kept = sorted(SearchDocument.objects.values_list("kind", "names", "text", "private_text"))

    assert index_rebuild() == SearchDocument.objects.count()
    assert sorted(SearchDocument.objects.values_list("kind", "names", "text", "private_text")) == (
        kept
    )
    assert _works("kalmursaev") == ["Birches"]


def test_a_work_erased_for_good_leaves_no_document(db: Any) -> None:
    work = ArtworkFactory(title="Birches")
    Artwork.all_objects.filter(pk=work.pk).get().delete()

    assert not SearchDocument.objects.filter(kind=WORK, object_id=work.pk).exists()


def test_a_batch_writes_each_document_once_at_its_end_with_every_part(db: Any) -> None:
    with transaction.atomic(), index_batch():
        painter = PersonFactory(display_name="Ana Kalmurzaev")
        work = ArtworkFactory(title="Birches", makers=[(painter, "artist")])
        people.person_name_add(person=painter, name="Анна Калмурзаева", acting_user=None)
        assert not SearchDocument.objects.filter(kind=WORK, object_id=work.pk).exists()

    assert _works("Калмурзаева") == ["Birches"]
    assert _people("Анна") == ["Ana Kalmurzaev"]
    assert SearchDocument.objects.filter(kind=WORK, object_id=work.pk).count() == 1


def test_a_batch_that_fails_writes_nothing(db: Any) -> None:
    def load_then_fail() -> None:
        with transaction.atomic(), index_batch():
            ArtworkFactory(title="Birches")
            raise RuntimeError

    with pytest.raises(RuntimeError):
        load_then_fail()

    assert SearchDocument.objects.count() == 0
    ArtworkFactory(title="Snowfield")  # after the batch, writes are indexed at once again
    assert _works("snowfield") == ["Snowfield"]


def test_a_save_that_leaves_the_words_as_they_were_rewrites_no_document(db: Any) -> None:
    work = ArtworkFactory(title="Birches")
    work.dimensions = "50 x 60 cm"
    with CaptureQueriesContext(connection) as saved:
        works.artwork_save(artwork=work, acting_user=None)
    work.title = "Snowfield"
    with CaptureQueriesContext(connection) as renamed:
        works.artwork_save(artwork=work, acting_user=None)

    def document_writes(captured: CaptureQueriesContext) -> list[str]:
        return [
            query["sql"]
            for query in captured.captured_queries
            if query["sql"].startswith(("DELETE", "INSERT", "UPDATE"))
            and '"search_searchdocument"' in query["sql"]
        ]

    assert document_writes(saved) == []
    assert len(document_writes(renamed)) == 2  # the old document out, the new one in
    assert _works("snowfield") == ["Snowfield"]
    assert _works("birches") == []


def test_a_rebuild_drops_the_documents_of_records_gone(db: Any) -> None:
    work = ArtworkFactory(title="Birches")
    SearchDocument.objects.create(
        id=(work.pk + 1000) * 8 + 1, kind=WORK, object_id=work.pk + 1000, names="orphan"
    )

    assert index_rebuild(kinds=[WORK]) == 1
    assert list(SearchDocument.objects.filter(kind=WORK).values_list("object_id", flat=True)) == [
        work.pk
    ]


def test_the_word_list_keeps_each_word_once_and_is_never_searched_to_be_written(
    db: Any,
) -> None:
    """The typo list gains a document's words; the words it already holds are left to its
    unique index, not looked up first: on PostgreSQL ``word IN (…)`` of a chunk's words is
    answered from the trigram index, seconds a chunk at a million works."""
    from vernissage.search.models import SearchWord

    ArtworkFactory(title="Birches in Snowfield")
    with CaptureQueriesContext(connection) as captured:
        ArtworkFactory(title="Snowfield at Dawn")
    words = list(SearchWord.objects.filter(word__in=["snowfield", "birches", "dawn", "at"]))
    assert sorted(w.word for w in words) == ["birches", "dawn", "snowfield"]  # "at": too short
    assert [(w.drow, w.length) for w in words if w.word == "snowfield"] == [("dleifwons", 9)]
    reads = [
        query["sql"]
        for query in captured.captured_queries
        if query["sql"].startswith("SELECT") and '"search_searchword"' in query["sql"]
    ]
    assert reads == []
    assert sorted(_works("snowfeld")) == ["Birches in Snowfield", "Snowfield at Dawn"]


def test_after_a_rebuild_the_engine_finds_every_document_and_follows_writes(db: Any) -> None:
    """A rebuild on SQLite writes the documents without FTS5's triggers and makes FTS5's
    index from them once: it finds what the documents say, and the triggers are back."""
    birches = ArtworkFactory(title="Birches")
    ArtworkFactory(title="Snowfield")
    SearchDocument.objects.all().delete()
    assert _works("birches") == []

    index_rebuild()
    assert _works("birches") == ["Birches"]
    assert _works("snowfield") == ["Snowfield"]
    birches.title = "Orchard"
    works.artwork_save(artwork=birches, acting_user=None)
    ArtworkFactory(title="Harbour")
    assert (_works("birches"), _works("orchard"), _works("harbour")) == (
        [],
        ["Orchard"],
        ["Harbour"],
    )
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT COUNT(*) FROM sqlite_master "
                "WHERE type = 'trigger' AND name LIKE 'search_fts_%'"
            )
            assert cursor.fetchone()[0] == 3
            cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('integrity-check')")


def test_a_rebuild_that_fails_leaves_the_index_and_its_triggers_as_they_were(db: Any) -> None:
    """The works are written again, then a kind no index knows stops the rebuild: all of
    it is undone, the triggers (dropped for it on SQLite) included."""
    ArtworkFactory(title="Birches")
    with pytest.raises(KeyError):
        index_rebuild(kinds=[WORK, "no such kind"])
    ArtworkFactory(title="Harbour")
    assert _works("birches") == ["Birches"]
    assert _works("harbour") == ["Harbour"]
