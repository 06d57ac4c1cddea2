"""Holds keep a work for one contact until a date, then lapse by themselves and tell the
contact's keeper; offers are written down and answered."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from tests.factories.market import buyer_make, work_make
from vernissage.core.models import AuditLog
from vernissage.market import holds
from vernissage.market.models import Hold, Offer
from vernissage.works.models import Artwork

pytestmark = pytest.mark.django_db


def _in(days: float) -> dt.datetime:
    return timezone.now() + dt.timedelta(days=days)


def test_a_hold_reserves_the_work_and_a_release_frees_it() -> None:
    work = work_make()
    hold = holds.hold_place(artwork=work, contact=buyer_make(), until=_in(3), acting_user=None)
    work.refresh_from_db()
    assert work.status == Artwork.Status.RESERVED

    holds.hold_release(hold=hold, acting_user=None)

    work.refresh_from_db()
    hold.refresh_from_db()
    assert (work.status, hold.state) == ("available", "released")
    assert hold.ended_at is not None


def test_a_second_hold_on_a_held_work_is_refused() -> None:
    work = work_make()
    holds.hold_place(
        artwork=work, contact=buyer_make("Viktor Petrov"), until=_in(3), acting_user=None
    )
    before = AuditLog.objects.count()

    with pytest.raises(ValidationError, match="on hold for Viktor Petrov"):
        holds.hold_place(
            artwork=work, contact=buyer_make("Sophia Petrova"), until=_in(2), acting_user=None
        )

    assert Hold.objects.count() == 1
    assert AuditLog.objects.count() == before + 2  # the contact, made just above, and its person


@pytest.mark.parametrize("status", ["sold", "destroyed", "lost", "on_loan"])
def test_a_work_that_is_not_available_cannot_be_held(status: str) -> None:
    work = work_make()
    Artwork.objects.filter(pk=work.pk).update(status=status)
    work.refresh_from_db()

    with pytest.raises(ValidationError):
        holds.hold_place(artwork=work, contact=buyer_make(), until=_in(3), acting_user=None)

    assert not Hold.objects.exists()


def test_a_hold_in_the_past_is_refused() -> None:
    with pytest.raises(ValidationError, match="still to come"):
        holds.hold_place(artwork=work_make(), contact=buyer_make(), until=_in(-1), acting_user=None)


def test_a_due_hold_lapses_and_its_keeper_is_told(
    mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    keeper = User.objects.create_user(username="irina", email="irina@gallery.example")
    buyer = buyer_make()
    buyer.looked_after_by = keeper
    buyer.save(update_fields=["looked_after_by"])
    work = work_make("Red Square at Dawn")
    hold = holds.hold_place(artwork=work, contact=buyer, until=_in(1), acting_user=None)
    assert holds.hold_lapse_if_due(hold_id=hold.pk) == "not due"
    Hold.objects.filter(pk=hold.pk).update(until=_in(-0.01))

    with django_capture_on_commit_callbacks(execute=True):
        outcome = holds.hold_lapse_if_due(hold_id=hold.pk)

    assert outcome == "lapsed"
    hold.refresh_from_db()
    work.refresh_from_db()
    assert (hold.state, work.status) == ("lapsed", "available")
    (mail,) = mailoutbox
    assert mail.to == ["irina@gallery.example"]
    assert "Red Square at Dawn" in mail.subject
    assert "Viktor Petrov" in mail.body
    assert holds.hold_lapse_if_due(hold_id=hold.pk) == "already lapsed"


def test_the_catch_up_command_lapses_only_what_is_due(capsys: Any) -> None:
    due = holds.hold_place(
        artwork=work_make(), contact=buyer_make(), until=_in(1), acting_user=None
    )
    later = holds.hold_place(
        artwork=work_make(), contact=buyer_make("Sophia Petrova"), until=_in(1), acting_user=None
    )
    Hold.objects.filter(pk=due.pk).update(until=_in(-1))

    call_command("holds_lapse")

    assert capsys.readouterr().out.strip() == "Lapsed 1 hold."
    assert dict(Hold.objects.values_list("pk", "state")) == {due.pk: "lapsed", later.pk: "active"}


def test_offers_are_recorded_and_answered_once() -> None:
    offer = holds.offer_record(
        artwork=work_make(),
        contact=buyer_make(),
        amount=Decimal("8000"),
        currency="eur",
        acting_user=None,
    )
    assert offer.currency == "EUR"

    holds.offer_answer(
        offer=offer, answer="countered", counter_amount=Decimal("9500"), acting_user=None
    )

    offer.refresh_from_db()
    assert (offer.answer, offer.counter_amount) == ("countered", Decimal("9500.00"))
    with pytest.raises(ValidationError, match="answered already"):
        holds.offer_answer(offer=offer, answer="accepted", acting_user=None)


@pytest.mark.parametrize(
    ("case", "amount", "currency", "message"),
    [
        ("zero", Decimal(0), "EUR", "above zero"),
        ("negative", Decimal(-5), "EUR", "above zero"),
        ("unknown_currency", Decimal(5), "XYZ", "not an ISO 4217"),
    ],
)
def test_bad_offers_are_refused(case: str, amount: Decimal, currency: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        holds.offer_record(
            artwork=work_make(),
            contact=buyer_make(),
            amount=amount,
            currency=currency,
            acting_user=None,
        )
    assert not Offer.objects.exists()
