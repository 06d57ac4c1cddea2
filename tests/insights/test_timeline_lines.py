"""The timeline's lines, written in Python: every text of a record escaped, our markup not."""

from __future__ import annotations

import datetime as dt

from vernissage.core.fuzzy_dates import FuzzyDate
from vernissage.insights.templatetags.careers import career_timeline_lines
from vernissage.insights.timeline import Entry, EntryKind


def test_every_text_of_a_record_is_escaped() -> None:
    entry = Entry(
        kind=EntryKind.SOLO_SHOW,
        when=FuzzyDate(
            text="<b>2011</b>", earliest=dt.date(2011, 1, 1), latest=dt.date(2011, 12, 31)
        ),
        label='<script>alert("x")</script>',
        detail="Galerie <i>Nord</i> & Co",
        url='/exhibitions/x/" onmouseover="alert(1)',
        anchor="career-exhibition-1",
        abroad=True,
        first_show=True,
    )

    html = str(career_timeline_lines([entry]))

    assert "<script>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert '<span class="when">&lt;b&gt;2011&lt;/b&gt;</span>' in html
    assert 'href="/exhibitions/x/&quot; onmouseover=&quot;alert(1)"' in html
    assert '<span class="detail">— Galerie &lt;i&gt;Nord&lt;/i&gt; &amp; Co</span>' in html
    assert '<span class="kind">solo exhibition</span>' in html
    assert '<span class="mark">first exhibition</span>' in html
    assert '<span class="mark">abroad</span>' in html
    assert html.startswith('<li id="career-exhibition-1" class="career-solo_show">')


def test_an_undated_life_entry_reads_a_dash_and_names_no_kind() -> None:
    entry = Entry(
        kind=EntryKind.BORN, when=FuzzyDate(text="", earliest=None, latest=None), label="Born"
    )

    html = str(career_timeline_lines([entry]))

    assert html == '<li id="" class="career-born"><span class="when">—</span> Born</li>'
