"""In a real browser: staff take a work from a hold to a paid invoice on the sales panel and
the sale's page, htmx swapping each panel in place, a refusal shown on the page."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import User
from django.utils import timezone

from tests.factories.market import buyer_make, work_make
from vernissage.market.models import Hold, Sale
from vernissage.works.models import Artwork


def test_a_work_goes_from_hold_to_a_paid_invoice(live_server: Any, page: Any) -> None:
    from playwright.sync_api import expect

    # A superuser: tests that commit start without the role groups of the migrations.
    User.objects.create_superuser(username="patron", password="patron-pass-1")
    work = work_make("Siberian Morning")
    buyer = buyer_make("Viktor Petrov")
    url = f"/market/works/{work.slug}/"
    page.goto(f"{live_server.url}/accounts/login/?next={url}")
    page.fill("input[name=login]", "patron")
    page.fill("input[name=password]", "patron-pass-1")
    page.locator("form button[type=submit]").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Siberian Morning")
    page.evaluate("window.notReloaded = true")

    hold = page.locator("#hold-form")
    hold.get_by_label("For").select_option(str(buyer.pk))
    hold.get_by_label("Until").fill((timezone.localdate() + dt.timedelta(days=5)).isoformat())
    hold.get_by_role("button", name="Hold").click()
    expect(page.get_by_role("status")).to_have_text(
        "“Siberian Morning” is on hold for Viktor Petrov."
    )
    expect(page.locator("#work-status")).to_have_text("reserved")
    assert page.evaluate("window.notReloaded === true")

    sell = page.locator("#sell-form")
    sell.get_by_label("Buyer").select_option(str(buyer.pk))
    sell.get_by_label("Price", exact=True).fill("20000")
    sell.get_by_label("Tax rate (%)").fill("5.5")
    sell.get_by_role("button", name="Start the sale").click()
    expect(page.locator("#sale-state")).to_have_text("draft")
    sale = Sale.objects.get()

    page.get_by_role("button", name="Confirm the sale").click()
    expect(page.locator("#sale-state")).to_have_text("confirmed")
    page.get_by_role("button", name="Make the invoice").click()
    expect(page.locator("#sale-state")).to_have_text("invoiced")
    expect(page.locator("#invoice-pdf")).to_be_visible()

    payment = page.locator("#payment-form")
    payment.get_by_label("Amount").fill("30000")
    payment.get_by_role("button", name="Record the payment").click()
    expect(page.get_by_role("alert")).to_contain_text("more than the €21,100.00 still owed")
    payment = page.locator("#payment-form")
    payment.get_by_label("Amount").fill("21100")
    payment.get_by_role("button", name="Record the payment").click()
    expect(page.locator("#sale-state")).to_have_text("paid")
    expect(page.locator("#sale-balance")).to_have_text("€0.00")

    pdf = page.request.get(f"{live_server.url}/market/sales/{sale.pk}/invoice.pdf")
    assert pdf.status == 200
    assert pdf.headers["content-type"] == "application/pdf"
    sale.refresh_from_db()
    work.refresh_from_db()
    assert (sale.state, work.status) == ("paid", Artwork.Status.SOLD)
    assert Hold.objects.get().state == "sold"
