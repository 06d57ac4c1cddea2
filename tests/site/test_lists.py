"""The items of the site's lists written in Python (``{% load lists %}``): every text of a
record escaped, attributes included; the same markup the pages' other tests read."""

from __future__ import annotations

from typing import Any

from django.template import engines

from vernissage.exhibitions.models import Exhibition, ExhibitionVenue, Venue
from vernissage.people.models import Organization, Place
from vernissage.site.cards import ArtworkCard, CardPicture
from vernissage.works.models import Artwork

HOSTILE = "<script>alert('x')</script> & \"Birches\""
ESCAPED = "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;Birches&quot;"


def _render(text: str, **context: Any) -> str:
    return str(engines.all()[0].from_string("{% load lists %}" + text).render(context))


def test_a_cards_texts_are_escaped_and_its_picture_is_described() -> None:
    work = Artwork(title=HOSTILE, slug="birches", classification="painting", date="c. 1998")
    picture = CardPicture(
        src="/iiif/a/full/320,/0/default.jpg",
        srcset='/iiif/a/full/320,/0/default.jpg 1x, /x" onerror="y 2x',
        width=320,
        height=240,
        alt=HOSTILE,
    )
    html = _render(
        "{% artwork_card_items cards %}",
        cards=[
            ArtworkCard(artwork=work, picture=picture, url="/works/birches/", makers=HOSTILE),
            ArtworkCard(artwork=work, picture=None, url="/works/birches/", makers=""),
        ],
    )
    assert HOSTILE not in html
    assert "<script>" not in html
    assert f'<span class="card-title">{ESCAPED}</span>' in html
    assert f'<span class="card-makers">{ESCAPED}</span>' in html
    assert f'alt="{ESCAPED}"' in html
    assert 'srcset="/iiif/a/full/320,/0/default.jpg 1x, /x&quot; onerror=&quot;y 2x"' in html
    assert 'width="320" height="240"' in html
    assert '<span class="card-meta">painting, c. 1998</span>' in html
    assert html.count('<li class="card">') == 2
    assert html.count('<span class="card-placeholder" aria-hidden="true"></span>') == 1


def test_a_picture_being_prepared_says_so_at_its_size() -> None:
    preparing = CardPicture(src="", srcset="", width=320, height=180, alt="", preparing=True)
    html = _render("{% card_picture picture %}", picture=preparing)
    assert html == (
        '<span class="card-placeholder preparing" style="aspect-ratio: 320 / 180">'
        "preparing the picture…</span>"
    )
    assert _render("{% card_picture picture %}", picture=None) == (
        '<span class="card-placeholder" aria-hidden="true"></span>'
    )


def test_an_exhibitions_row_names_its_stops_or_its_own_dates() -> None:
    gallery = Organization(name="Galerie <Hallmann>", kind="gallery")
    venue = Venue(organization=gallery, place=Place(name="Paris & Co", kind="city"))
    toured = Exhibition(title=HOSTILE, slug="bold", kind="solo", is_public=False)
    toured.visible_stops = [  # type: ignore[attr-defined]
        ExhibitionVenue(venue=venue, start_date="2013", end_date=""),
        ExhibitionVenue(venue=venue, start_date="", end_date="spring 2014"),
    ]
    undated_stop = Exhibition(title="Group", slug="group", kind="group", is_public=True)
    undated_stop.visible_stops = []  # type: ignore[attr-defined]
    undated_stop.start_date, undated_stop.end_date = "May 2010", "June 2010"
    html = _render(
        "{% exhibition_rows shows %}",
        shows=[
            toured,
            undated_stop,
            Exhibition(title="None", slug="none", kind="group", is_public=True),
        ],
    )
    assert f'<span class="card-title">{ESCAPED}</span>' in html
    assert '<a href="/exhibitions/bold/">' in html
    assert 'Solo exhibition · <span class="staff-flag">not public</span>' in html
    assert (
        '<span class="card-makers">Galerie &lt;Hallmann&gt;, Paris &amp; Co · 2013</span>' in html
    )
    assert (
        '<span class="card-makers">Galerie &lt;Hallmann&gt;, Paris &amp; Co · ? – spring 2014'
        "</span>"
    ) in html
    assert '<span class="card-makers">May 2010 – June 2010</span>' in html
    assert html.count('<li class="exhibition-row">') == 3
    assert html.count("staff-flag") == 1


def _review_items(*, staff: bool, private: bool) -> str:
    from types import SimpleNamespace

    from vernissage.people.models import Person
    from vernissage.press.models import Quote, Review
    from vernissage.press.selectors import Credit

    paper = Organization(name="Carnets <d'Atelier>", kind="publication", is_public=False)
    review = Review(
        title=HOSTILE,
        kind="review",
        url="https://example.org/a?b=1&c=2",
        date="spring 2011",
        pages="12–14",
        stance="praise",
        is_public=False,
        publication=paper,
    )
    review.credits = [  # type: ignore[attr-defined]
        Credit("Sophia <Petrova>", Person(display_name="Sophia", slug="sophia-petrova")),
        Credit("a critic", None),
    ]
    review.visible_quotes = [  # type: ignore[attr-defined]
        Quote(text="Bold <visions>,\r\nand more.", page="7", may_publish=False),
        Quote(text="Enchanted.", page="", may_publish=True),
    ]
    untitled = Review(title="Short", kind="mention", url="", is_public=True)
    press = SimpleNamespace(reviews=[review, untitled], staff=staff)
    return _render("{% review_items press private %}", press=press, private=private)


def test_a_reviews_texts_are_escaped_and_its_staff_parts_shown_to_staff_only() -> None:
    public = _review_items(staff=False, private=False)
    assert "<script>" not in public
    assert (
        '<span class="credits"><a href="/people/sophia-petrova/">Sophia &lt;Petrova&gt;</a>, '
        "A critic</span>: "
    ) in public
    assert (
        f'<a href="https://example.org/a?b=1&amp;c=2" rel="nofollow noopener">“{ESCAPED}”</a>'
        ", spring 2011, p. 12–14"
    ) in public
    assert "Carnets" not in public  # a private publication, for a viewer who may not see it
    assert '<span class="kind">(review)</span>' in public
    assert '<span class="kind">(mention)</span>' in public
    assert "“Short”" in public
    assert (
        '<blockquote class="quote">Bold &lt;visions&gt;,<br>and more. <span class="page">(p. 7)'
        '</span> <span class="staff">staff only: no rights to publish</span></blockquote>'
    ) in public
    assert '<blockquote class="quote">Enchanted.</blockquote>' in public
    assert "stance" not in public
    assert public.count('<span class="staff">private</span>') == 0
    assert public.count('<li class="review">') == 2

    staff = _review_items(staff=True, private=True)
    assert ", <cite>Carnets &lt;d&#x27;Atelier&gt;</cite>, spring 2011" in staff
    assert '<span class="stance stance-praise">praise</span>' in staff
    assert staff.count('<span class="staff">private</span>') == 1
