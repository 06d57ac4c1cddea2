"""Who sees what: the one place that decides.

Every selector, queryset ``visible_to``, IIIF answer, manifest, page context and (later) API
endpoint and PDF asks these predicates; nothing else reads ``user.is_staff`` or a group name
to decide what to show. They read permissions, which staff receive through their roles
(:mod:`vernissage.core.roles`), so a staff account without a permission sees exactly what the
public sees, and a role taken away takes effect on the person's next request.

The predicates cost no query for anonymous visitors and at most two per request for a
signed-in user: Django caches a user's permissions on the user object, which lives as long
as the request. A list of a thousand rows asks once, not once per row.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeAlias

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, PermissionsMixin


class AskedViewer:
    """A viewer as a prepared read's builder sees it (:mod:`vernissage.core.prepared`): the
    predicates of this module answer for the real viewer and each question and its answer
    is remembered, so the read's SQL is reused only for viewers who answer the same. Nothing
    else may be read of it."""

    __slots__ = ("answers", "viewer")

    #: The question :func:`can_use_admin` asks (not a permission).
    ADMIN = ":admin"

    def __init__(self, viewer: Viewer) -> None:
        self.viewer = viewer
        self.answers: dict[str, bool] = {}

    @staticmethod
    def answer(viewer: Viewer, question: str) -> bool:
        """What the access rules answer ``viewer`` to one question."""
        if question == AskedViewer.ADMIN:
            return can_use_admin(viewer)
        return _has(viewer, question)

    def ask(self, question: str) -> bool:
        if question not in self.answers:
            self.answers[question] = self.answer(self.viewer, question)
        return self.answers[question]

    def __getattr__(self, name: str) -> object:
        raise AttributeError(
            f"a prepared read's builder read the viewer's {name!r}: only the access rules "
            "(vernissage.core.access) may ask about the viewer there"
        )


#: Whoever is looking: a signed-in user, an anonymous visitor, or nobody (the command line,
#: background work, public exports), who sees what the public sees; or, while a prepared
#: read is built, an :class:`AskedViewer`.
Viewer: TypeAlias = AbstractBaseUser | AnonymousUser | AskedViewer | None

#: Private people, works, series, images, ties and life events, and private notes.
VIEW_PRIVATE_RECORDS = "core.view_private_records"
#: Prices, valuations, and what was paid.
VIEW_PRICES = "core.view_prices"
#: Collectors' and clients' contact details, and who owns what.
VIEW_CONTACTS = "core.view_contacts"
#: The audit log: who changed what, when, before and after.
VIEW_HISTORY = "core.view_auditlog"
#: Opening nights' guest lists: names, addresses, answers, access needs.
VIEW_GUEST_LISTS = "exhibitions.view_guest"
#: Checking guests in at the door.
CHECK_IN = "exhibitions.add_checkin"


def _has(viewer: Viewer, permission: str) -> bool:
    if isinstance(viewer, AskedViewer):
        return viewer.ask(permission)
    if not isinstance(viewer, PermissionsMixin) or not viewer.is_active:
        return False
    return viewer.has_perm(permission)


def can_see_private(viewer: Viewer) -> bool:
    """Private records exist for this viewer: private people, works, series and images,
    private ties and events, private notes, and a work's stock status."""
    return _has(viewer, VIEW_PRIVATE_RECORDS)


def can_see_prices(viewer: Viewer) -> bool:
    return _has(viewer, VIEW_PRICES)


def can_see_contacts(viewer: Viewer) -> bool:
    return _has(viewer, VIEW_CONTACTS)


def can_keep_contacts(viewer: Viewer) -> bool:
    """The viewer may change contacts: their details, consent and log, their export and
    erasure (Sales, Owner); reading them is :func:`can_see_contacts`."""
    return (
        _has(viewer, VIEW_CONTACTS)
        and _has(viewer, "market.change_contact")
        and _has(viewer, "market.add_interaction")
    )


def can_see_history(viewer: Viewer) -> bool:
    """The viewer may read a record's history (still only of records they may see)."""
    return _has(viewer, VIEW_HISTORY)


def can_see_guest_lists(viewer: Viewer) -> bool:
    return _has(viewer, VIEW_GUEST_LISTS)


def can_keep_guest_lists(viewer: Viewer) -> bool:
    """The viewer may change guest lists: add guests, import them, send their invitations
    (Press, Owner); reading a list (Sales) is :func:`can_see_guest_lists`."""
    return (
        _has(viewer, VIEW_GUEST_LISTS)
        and _has(viewer, "exhibitions.add_guest")
        and _has(viewer, "exhibitions.change_guest")
    )


def can_check_in(viewer: Viewer) -> bool:
    """The viewer may work the door: find guests and check them in."""
    return _has(viewer, CHECK_IN) and _has(viewer, VIEW_GUEST_LISTS)


def can_see_sales(viewer: Viewer) -> bool:
    """The viewer may read the market's money: holds, offers, sales, invoices, payments,
    consignments and their reports (they name buyers and prices, so both are needed)."""
    return _has(viewer, VIEW_PRICES) and _has(viewer, VIEW_CONTACTS)


def can_keep_sales(viewer: Viewer) -> bool:
    """The viewer may hold, sell, invoice and record payments (Sales, Owner)."""
    return (
        can_see_sales(viewer)
        and _has(viewer, "market.add_sale")
        and _has(viewer, "market.change_sale")
        and _has(viewer, "market.add_hold")
    )


#: Reading reviews, quotes whatever their rights, and press requests (every staff role).
VIEW_PRESS = "press.view_review"


def can_see_press(viewer: Viewer) -> bool:
    """The viewer reads the press as staff: quotes the rights keep off public pages too."""
    return _has(viewer, VIEW_PRESS)


def can_keep_press(viewer: Viewer) -> bool:
    """The viewer records reviews, their quotes and press requests (Press, Owner)."""
    return (
        _has(viewer, VIEW_PRESS)
        and _has(viewer, "press.add_review")
        and _has(viewer, "press.change_review")
    )


def can_see_private_press(viewer: Viewer) -> bool:
    """Private reviews, the private copy of a review's text, and press requests: for those
    who keep the press and those who see private records."""
    return can_see_private(viewer) or can_keep_press(viewer)


def can_keep_provenance(viewer: Viewer) -> bool:
    """The viewer may add to a work's provenance and issue and revoke its certificates (Sales,
    Owner); reading the provenance with private owners named is :func:`can_see_contacts`."""
    return (
        _has(viewer, VIEW_CONTACTS)
        and _has(viewer, "market.add_provenanceevent")
        and _has(viewer, "market.add_certificate")
        and _has(viewer, "market.change_certificate")
    )


def can_use_admin(viewer: Viewer) -> bool:
    """The viewer may open the staff admin (Django asks ``is_staff`` there; so do we, here
    only)."""
    if isinstance(viewer, AskedViewer):
        return viewer.ask(AskedViewer.ADMIN)
    return bool(
        viewer is not None
        and viewer.is_authenticated
        and viewer.is_active
        and getattr(viewer, "is_staff", False)
    )


@dataclass(frozen=True)
class Access:
    """What one viewer may see, worked out once per request and handed to templates as
    booleans (templates never read ``user.is_staff``)."""

    private: bool
    prices: bool
    contacts: bool
    history: bool
    guest_lists: bool
    door: bool
    admin: bool
    #: The market's money: sales, the sales report, the payables statement.
    sales: bool = False
    #: The biography reader's pages.
    biographies: bool = False
    #: The merge candidates among people, and merging them.
    merging: bool = False

    @classmethod
    def of(cls, viewer: Viewer) -> Access:
        return cls(
            private=can_see_private(viewer),
            prices=can_see_prices(viewer),
            contacts=can_see_contacts(viewer),
            history=can_see_history(viewer),
            guest_lists=can_see_guest_lists(viewer),
            door=can_check_in(viewer),
            admin=can_use_admin(viewer),
            sales=can_see_sales(viewer),
            biographies=can_read_biographies(viewer),
            merging=can_merge_people(viewer),
        )


PUBLIC = Access(
    private=False,
    prices=False,
    contacts=False,
    history=False,
    guest_lists=False,
    door=False,
    admin=False,
)


#: Reading biographies into draft records, and accepting their facts.
READ_BIOGRAPHIES = "biographies.add_biography"


def can_read_biographies(viewer: Viewer) -> bool:
    """The viewer may hand in biographies, review what the reader proposes and accept it into
    the catalogue (Owner, Registrar, Press)."""
    return _has(viewer, READ_BIOGRAPHIES)


#: Merging two records of one person, and deciding two people are not the same.
MERGE_PEOPLE = "people.add_personmerge"


def can_merge_people(viewer: Viewer) -> bool:
    """The viewer may see the merge candidates among people, merge two people into one, undo
    a merge and keep two people apart (Owner, Registrar). Merging moves private records, so
    it asks for them too."""
    return _has(viewer, MERGE_PEOPLE) and can_see_private(viewer)
