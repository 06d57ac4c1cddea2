"""The bibliography: Chicago author-date by citeproc-py, CSL JSON and BibTeX, exact."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.factories import press as make
from tests.factories.guests import staff_in
from tests.factories.people import PersonFactory
from vernissage.people.models import Person
from vernissage.people.services import person_delete
from vernissage.press import bibliography
from vernissage.press.selectors import review_list

pytestmark = pytest.mark.django_db


@pytest.fixture
def jacques(db: Any) -> Person:
    """Jacques with three reviews: a signed one in a newspaper, an unsigned one dated
    "spring 2011" in a magazine, and one whose title needs escaping in LaTeX."""
    jacques = PersonFactory(display_name="Jacques Kalmurzaev")
    sophia = make.critic("Sophia Petrova", sort_name="Petrova, Sophia")
    make.review(
        title="Le peintre de Moscou",
        publication=make.publication("Le Monde", "newspaper"),
        date="12 March 2011",
        url="https://example.org/le-peintre_de-moscou",
        pages="12–14",
        language="fr",
        authors=[sophia],
        people=[jacques],
    )
    make.review(
        title="Spring shows",
        publication=make.publication("Art Review", "magazine"),
        date="spring 2011",
        people=[jacques],
    )
    make.review(
        title="Paint & 100% {colour}",
        kind="book",
        publication=make.publication("Éditions du Regard", "publisher"),
        date="2009",
        authors=[make.critic("Ivan Critic")],
        people=[jacques],
    )
    return jacques


def test_chicago_author_date_text_and_html(jacques: Person) -> None:
    entries = bibliography.formatted(review_list(viewer=None, person=jacques))
    assert [entry.text for entry in entries] == [
        "Art Review. 2011. “Spring Shows”. Art Review, Spring.",
        "Critic, Ivan. 2009. Paint & 100% {colour}. Éditions du Regard.",
        "Petrova, Sophia. 2011. “Le peintre de Moscou”. Le Monde, March 12. "
        "https://example.org/le-peintre_de-moscou.",
    ]
    assert [str(entry.html) for entry in entries] == [
        "<i>Art Review</i>. 2011. “Spring Shows”. <i>Art Review</i>, Spring.",
        "Critic, Ivan. 2009. <i>Paint &amp; 100% {colour}</i>. Éditions du Regard.",
        "Petrova, Sophia. 2011. “Le peintre de Moscou”. <i>Le Monde</i>, March 12. "
        "https://example.org/le-peintre_de-moscou.",
    ]


def test_csl_json(jacques: Person) -> None:
    reviews = review_list(viewer=None, person=jacques)
    items = json.loads(bibliography.csl_json(reviews))
    ids = {review.title: review.pk for review in reviews}
    assert items == [
        {
            "id": f"anon2011-{ids['Spring shows']}",
            "type": "article-magazine",
            "title": "Spring shows",
            "issued": {"date-parts": [[2011]], "season": 1},
            "container-title": "Art Review",
        },
        {
            "id": f"petrova2011-{ids['Le peintre de Moscou']}",
            "type": "article-newspaper",
            "title": "Le peintre de Moscou",
            "author": [{"family": "Petrova", "given": "Sophia"}],
            "issued": {"date-parts": [[2011, 3, 12]]},
            "container-title": "Le Monde",
            "URL": "https://example.org/le-peintre_de-moscou",
            "page": "12–14",
            "language": "fr",
        },
        {
            "id": f"critic2009-{ids['Paint & 100% {colour}']}",
            "type": "book",
            "title": "Paint & 100% {colour}",
            "author": [{"family": "Critic", "given": "Ivan"}],
            "issued": {"date-parts": [[2009]]},
            "publisher": "Éditions du Regard",
        },
    ]


def test_bibtex_escapes_latex_and_keeps_the_url(jacques: Person) -> None:
    reviews = review_list(viewer=None, person=jacques)
    ids = {review.title: review.pk for review in reviews}
    assert bibliography.bibtex_entries(reviews) == (
        f"@article{{anon2011-{ids['Spring shows']},\n"
        "\ttitle = {Spring shows},\n"
        "\tjournal = {Art Review},\n"
        "\tyear = 2011,\n"
        "\tnote = {spring 2011}\n"
        "}\n\n\n"
        f"@article{{petrova2011-{ids['Le peintre de Moscou']},\n"
        "\tauthor = {Petrova, Sophia},\n"
        "\ttitle = {Le peintre de Moscou},\n"
        "\tjournal = {Le Monde},\n"
        "\tyear = 2011,\n"
        "\tmonth = 3,\n"
        "\tpages = {12--14},\n"
        "\tlanguage = {fr},\n"
        "\turl = {https://example.org/le-peintre_de-moscou}\n"
        "}\n\n\n"
        f"@book{{critic2009-{ids['Paint & 100% {colour}']},\n"
        "\tauthor = {Critic, Ivan},\n"
        "\ttitle = {Paint \\& 100\\% \\{colour\\}},\n"
        "\tpublisher = {\\'Editions du Regard},\n"
        "\tyear = 2009\n"
        "}\n"
    )


def test_the_exports_honour_the_viewer(jacques: Person) -> None:
    make.review(title="Staff-only notice", is_public=False, people=[jacques])
    hidden = make.critic("Hidden Writer", sort_name="Writer, Hidden", is_public=False)
    make.review(title="By a private critic", date="2015", authors=[hidden], people=[jacques])
    public = bibliography.csl_json(review_list(viewer=None, person=jacques))
    staff = bibliography.csl_json(review_list(viewer=staff_in("Owner"), person=jacques))
    assert ("Staff-only notice" in public, "Hidden" in public) == (False, False)
    assert '"literal": "A critic"' in public
    assert ("Staff-only notice" in staff, '"family": "Writer"' in staff) == (True, True)


def test_an_erased_critic_is_cited_as_a_critic(jacques: Person) -> None:
    sophia = Person.objects.get(display_name="Sophia Petrova")
    person_delete(person=sophia, acting_user=None)
    entries = bibliography.formatted(review_list(viewer=staff_in("Owner"), person=jacques))
    assert entries[0].text == (
        "A critic. 2011. “Le peintre de Moscou”. Le Monde, March 12. "
        "https://example.org/le-peintre_de-moscou."
    )


def test_no_reviews_no_bibliography(db: Any) -> None:
    assert (bibliography.formatted([]), bibliography.bibtex_entries([])) == ([], "")
    assert bibliography.csl_json([]) == "[]\n"
