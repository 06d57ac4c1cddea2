"""The admin of the market's money: sales (with their lines, payments and history), holds and
offers, consignments, exchange rates. Every save goes through the services, as everywhere in
the admin; what the services own is read-only here: a sale's state changes only through its
steps (confirm, invoice, cancel with a reason), buttons and actions that call the services,
whose refusals come back as messages. Only viewers who may see sales (``can_see_sales``) see
any of it; changing needs ``can_keep_sales`` too."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from vernissage.core.access import can_keep_sales, can_see_sales
from vernissage.core.admin import ServiceAdmin
from vernissage.market import consignments, exchange_rates, holds, sales
from vernissage.market.models import (
    Consignment,
    ExchangeRate,
    Hold,
    Offer,
    Payment,
    Sale,
    SaleEvent,
    SaleLine,
)


class SalesAccessMixin:
    """The admin's permissions, and the market's rule on top: money only for viewers who may
    see sales, changes only for those who may keep them."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return super().has_module_permission(request) and can_see_sales(request.user)  # type: ignore[misc]

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_view_permission(request, obj) and can_see_sales(request.user)  # type: ignore[misc]

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return super().has_add_permission(request, *args) and can_keep_sales(request.user)  # type: ignore[misc]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_change_permission(request, obj) and can_keep_sales(request.user)  # type: ignore[misc]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_delete_permission(request, obj) and can_keep_sales(request.user)  # type: ignore[misc]


def _refuse(message: Any) -> Callable[..., Any]:
    """A service that refuses, saying ``message`` (translated when it is said)."""

    def refuse(*, instance: Any, acting_user: Any) -> Any:
        raise ValidationError(str(message))

    return refuse


# --- sales ----------------------------------------------------------------------------------


def _save_line(*, instance: SaleLine, acting_user: Any) -> SaleLine:
    if instance.pk is not None:
        raise ValidationError(_("A line is not changed: remove it and add it again."))
    return sales.sale_line_add(
        sale=instance.sale,
        artwork=instance.artwork,
        price=instance.price,
        currency=instance.sale.currency,
        discount=instance.discount,
        tax_rate=instance.tax_rate,
        acting_user=acting_user,
    )


def _remove_line(*, instance: SaleLine, acting_user: Any) -> None:
    sales.sale_line_remove(line=instance, acting_user=acting_user)


def _save_payment(*, instance: Payment, acting_user: Any) -> Payment:
    if instance.pk is not None:
        raise ValidationError(_("A payment received is not changed."))
    return sales.payment_record(
        sale=instance.sale,
        amount=instance.amount,
        received_on=instance.received_on,
        method=instance.method,
        reference=instance.reference,
        acting_user=acting_user,
    )


class SaleLineInline(SalesAccessMixin, admin.TabularInline):  # type: ignore[type-arg]
    """Works are put on a sale, and taken off it, while it is a draft."""

    model = SaleLine
    extra = 0
    fields = ("artwork", "price", "discount", "tax_rate", "net_amount")
    readonly_fields = ("net_amount",)
    autocomplete_fields = ("artwork",)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        draft = obj is None or obj.state == Sale.State.DRAFT
        return draft and super().has_add_permission(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        draft = obj is None or obj.state == Sale.State.DRAFT
        return draft and super().has_delete_permission(request, obj)


class PaymentInline(SalesAccessMixin, admin.TabularInline):  # type: ignore[type-arg]
    """Money received: recorded while the sale is confirmed or invoiced, never changed."""

    model = Payment
    extra = 0
    fields = ("amount", "received_on", "method", "reference")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        open_ = obj is not None and obj.state in {Sale.State.CONFIRMED, Sale.State.INVOICED}
        return open_ and super().has_add_permission(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class SaleEventInline(SalesAccessMixin, admin.TabularInline):  # type: ignore[type-arg]
    """The sale's history, as its steps wrote it."""

    model = SaleEvent
    extra = 0
    fields = ("created_at", "from_state", "to_state", "actor", "note")
    readonly_fields = fields
    verbose_name_plural = gettext_lazy("history")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


def _save_sale(*, instance: Sale, acting_user: Any) -> Sale:
    return sales.sale_save(sale=instance, acting_user=acting_user)


#: step → (the states it is offered from, its button, what is said when it is done)
SALE_STEPS: dict[str, tuple[tuple[str, ...], Any, Any]] = {
    "confirm": (
        (Sale.State.DRAFT,),
        gettext_lazy("Confirm the sale"),
        gettext_lazy("The sale is confirmed."),
    ),
    "invoice": (
        (Sale.State.CONFIRMED,),
        gettext_lazy("Make the invoice"),
        gettext_lazy("The invoice is made."),
    ),
    "cancel": (
        (Sale.State.DRAFT, Sale.State.CONFIRMED, Sale.State.INVOICED),
        gettext_lazy("Cancel the sale"),
        gettext_lazy("The sale is cancelled."),
    ),
}


@admin.register(Sale)
class SaleAdmin(SalesAccessMixin, ServiceAdmin):
    save_service = staticmethod(_save_sale)
    delete_service = staticmethod(
        _refuse(gettext_lazy("A sale is not deleted: cancel it, saying why."))
    )
    inlines = (SaleLineInline, PaymentInline, SaleEventInline)
    inline_services = {  # noqa: RUF012
        SaleLine: (_save_line, _remove_line),
        Payment: (_save_payment, _refuse(gettext_lazy("A payment received is not deleted."))),
        SaleEvent: (
            _refuse(gettext_lazy("A sale's history is written by its steps.")),
            _refuse(gettext_lazy("A sale's history is not deleted.")),
        ),
    }
    change_form_template = "admin/market/sale/change_form.html"
    list_display = (
        "__str__",
        "buyer",
        "state",
        "currency",
        "total",
        "confirmed_at",
        "invoice_number",
    )
    list_select_related = ("buyer__person", "buyer__organization")
    list_filter = ("state", "currency")
    search_fields = (
        "invoice_number",
        "buyer__person__display_name",
        "buyer__organization__name",
        "lines__artwork__title",
    )
    autocomplete_fields = ("buyer",)
    actions = ("confirm_selected", "invoice_selected")
    fieldsets = (
        (None, {"fields": ("buyer", "currency", "artist_share", "terms", "notes")}),
        (
            gettext_lazy("State"),
            {
                "fields": (
                    "state",
                    "totals",
                    ("confirmed_at", "invoiced_at", "paid_at"),
                    "invoice_number",
                    "cancel_reason",
                )
            },
        ),
    )
    #: Written by the sale's steps, never typed.
    step_fields = (
        "state",
        "totals",
        "confirmed_at",
        "invoiced_at",
        "paid_at",
        "invoice_number",
        "cancel_reason",
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return super().get_queryset(request).prefetch_related("lines", "payments")

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # a sale is cancelled with a reason, never erased: the ledger stays whole

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        fields = [*super().get_readonly_fields(request, obj), *self.step_fields]
        if obj is not None and obj.state != Sale.State.DRAFT:
            fields += ["buyer", "currency", "artist_share"]
        return fields

    @admin.display(description=gettext_lazy("total"))
    def total(self, sale: Sale) -> str:
        return str(sales.sale_totals(sale).total_money)

    @admin.display(description=gettext_lazy("totals"))
    def totals(self, sale: Sale) -> str:
        if sale.pk is None:
            return "—"
        totals = sales.sale_totals(sale)
        return _(
            "net %(net)s, tax %(tax)s, total %(total)s; paid %(paid)s, owed %(balance)s; "
            "artist %(artist)s, gallery %(gallery)s"
        ) % {
            "net": totals.net_money,
            "tax": totals.tax_money,
            "total": totals.total_money,
            "paid": totals.paid_money,
            "balance": totals.balance_money,
            "artist": totals.artist_money,
            "gallery": totals.gallery_money,
        }

    # --- the steps: buttons on the sale's page, actions on the list --------------------------

    def get_urls(self) -> list[URLPattern]:
        step = require_POST(self.admin_site.admin_view(self.step_view))
        return [
            path("<path:object_id>/step/<slug:step>/", step, name="market_sale_step"),
            *super().get_urls(),
        ]

    def step_view(self, request: HttpRequest, object_id: str, step: str) -> HttpResponse:
        sale = self.get_object(request, object_id)
        if sale is None or step not in SALE_STEPS or not self.has_change_permission(request, sale):
            raise Http404
        _states, _label, done = SALE_STEPS[step]
        try:
            if step == "confirm":
                sales.sale_confirm(sale=sale, acting_user=request.user)
            elif step == "invoice":
                sales.sale_invoice(sale=sale, acting_user=request.user)
            else:
                sales.sale_cancel(
                    sale=sale, reason=request.POST.get("reason", ""), acting_user=request.user
                )
        except ValidationError as refusal:
            self.message_user(request, " ".join(refusal.messages), messages.ERROR)
        else:
            self.message_user(request, str(done), messages.SUCCESS)
        return HttpResponseRedirect(
            reverse("admin:market_sale_change", args=(sale.pk,), current_app=self.admin_site.name)
        )

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        sale = self.get_object(request, object_id)
        context = dict(extra_context or {})
        if sale is not None:
            may = self.has_change_permission(request, sale)
            context["sale_steps"] = [
                {
                    "name": name,
                    "label": label,
                    "url": reverse(
                        "admin:market_sale_step",
                        args=(sale.pk, name),
                        current_app=self.admin_site.name,
                    ),
                }
                for name, (states, label, _done) in SALE_STEPS.items()
                if may and sale.state in states
            ]
            context["sale_page"] = reverse("site:sale-detail", kwargs={"pk": sale.pk})
            if sale.invoice_number:
                context["invoice_pdf"] = reverse("site:sale-invoice-pdf", kwargs={"pk": sale.pk})
        return super().change_view(request, object_id, form_url, context)

    def _each(
        self,
        request: HttpRequest,
        queryset: QuerySet[Any],
        service: Callable[..., Any],
        done: str,
    ) -> None:
        """``service`` on each sale chosen, in its own transaction: a refusal is said and the
        others go on."""
        kept = 0
        for sale in queryset.order_by("pk"):
            try:
                service(sale=sale, acting_user=request.user)
            except ValidationError as refusal:
                self.message_user(request, f"{sale}: {' '.join(refusal.messages)}", messages.ERROR)
            else:
                kept += 1
        if kept:
            self.message_user(request, done % {"count": kept}, messages.SUCCESS)

    @admin.action(description=gettext_lazy("Confirm the selected sales"), permissions=["change"])
    def confirm_selected(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        self._each(request, queryset, sales.sale_confirm, _("Sales confirmed: %(count)s."))

    @admin.action(description=gettext_lazy("Invoice the selected sales"), permissions=["change"])
    def invoice_selected(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        self._each(request, queryset, sales.sale_invoice, _("Sales invoiced: %(count)s."))


# --- holds and offers: read here, changed on a work's sales panel -------------------------


@admin.register(Hold)
class HoldAdmin(SalesAccessMixin, ServiceAdmin):
    """Holds are placed on a work's sales panel; here they are listed, and released."""

    save_service = staticmethod(
        _refuse(gettext_lazy("A hold changes on the work's sales panel, or is released here."))
    )

    list_display = ("artwork", "contact", "until", "state", "ended_at")
    list_select_related = ("artwork", "contact__person", "contact__organization")
    list_filter = ("state",)
    search_fields = ("artwork__title", "contact__person__display_name")
    fields = ("artwork", "contact", "until", "state", "ended_at", "note")
    readonly_fields = fields
    actions = ("release_selected",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.action(description=gettext_lazy("Release the selected holds"), permissions=["change"])
    def release_selected(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        released = 0
        for hold in queryset.order_by("pk"):
            try:
                holds.hold_release(hold=hold, acting_user=request.user)
            except ValidationError as refusal:
                self.message_user(request, f"{hold}: {' '.join(refusal.messages)}", messages.ERROR)
            else:
                released += 1
        if released:
            self.message_user(
                request, _("Holds released: %(count)s.") % {"count": released}, messages.SUCCESS
            )


@admin.register(Offer)
class OfferAdmin(SalesAccessMixin, ServiceAdmin):
    """Offers are recorded and answered on a work's sales panel; here they are listed."""

    list_display = ("artwork", "contact", "amount", "currency", "answer", "answered_at")
    list_select_related = ("artwork", "contact__person", "contact__organization")
    list_filter = ("answer", "currency")
    search_fields = ("artwork__title", "contact__person__display_name")
    fields = (
        "artwork",
        "contact",
        ("amount", "currency"),
        "answer",
        "counter_amount",
        "answered_at",
        "note",
    )
    readonly_fields = (
        "artwork",
        "contact",
        "amount",
        "currency",
        "answer",
        "counter_amount",
        "answered_at",
        "note",
    )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


# --- consignments ---------------------------------------------------------------------------


def _save_consignment(*, instance: Consignment, acting_user: Any) -> Consignment:
    if instance.pk is None:
        made = consignments.consignment_create(
            artwork=instance.artwork,
            consignor_person=instance.consignor_person,
            consignor_contact=instance.consignor_contact,
            net_price=instance.net_price,
            commission=instance.commission,
            currency=instance.currency,
            received_on=instance.received_on,
            ends_on=instance.ends_on,
            note=instance.note,
            acting_user=acting_user,
        )
        # The admin goes on with the instance it built (its log entry, its redirect).
        instance.pk, instance._state.adding = made.pk, False
        return made
    return consignments.consignment_save(consignment=instance, acting_user=acting_user)


@admin.register(Consignment)
class ConsignmentAdmin(SalesAccessMixin, ServiceAdmin):
    save_service = staticmethod(_save_consignment)
    delete_service = staticmethod(
        _refuse(gettext_lazy("A consignment is not deleted: record the work's return."))
    )
    list_display = (
        "artwork",
        "consignor",
        "net_price",
        "commission",
        "currency",
        "received_on",
        "ends_on",
        "returned_on",
    )
    list_select_related = (
        "artwork",
        "consignor_person",
        "consignor_contact__person",
        "consignor_contact__organization",
    )
    list_filter = ("currency", "returned_on")
    search_fields = ("artwork__title", "consignor_person__display_name", "note")
    autocomplete_fields = ("artwork", "consignor_person", "consignor_contact")
    fields = (
        "artwork",
        ("consignor_person", "consignor_contact"),
        ("net_price", "commission", "currency"),
        ("received_on", "ends_on", "returned_on"),
        "note",
    )
    actions = ("return_selected",)
    #: Agreed when the work came in; they change by a new consignment, not by editing.
    agreed_fields = (
        "artwork",
        "consignor_person",
        "consignor_contact",
        "net_price",
        "commission",
        "currency",
        "received_on",
    )

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # a consignment ends with the work's return, recorded

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        fields = [*super().get_readonly_fields(request, obj), "returned_on"]
        if obj is not None:
            fields += self.agreed_fields
        return fields

    @admin.display(description=gettext_lazy("consignor"))
    def consignor(self, consignment: Consignment) -> str:
        return str(consignment.consignor)

    @admin.action(
        description=gettext_lazy("Record the selected works as returned today"),
        permissions=["change"],
    )
    def return_selected(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        returned = 0
        for consignment in queryset.order_by("pk"):
            try:
                consignments.consignment_return(
                    consignment=consignment,
                    returned_on=timezone.localdate(),
                    acting_user=request.user,
                )
            except ValidationError as refusal:
                self.message_user(
                    request, f"{consignment}: {' '.join(refusal.messages)}", messages.ERROR
                )
            else:
                returned += 1
        if returned:
            self.message_user(
                request, _("Works returned: %(count)s.") % {"count": returned}, messages.SUCCESS
            )


# --- exchange rates -------------------------------------------------------------------------


def _save_rate(*, instance: ExchangeRate, acting_user: Any) -> ExchangeRate:
    return exchange_rates.exchange_rate_save(rate=instance, acting_user=acting_user)


def _delete_rate(*, instance: ExchangeRate, acting_user: Any) -> None:
    exchange_rates.exchange_rate_delete(rate=instance, acting_user=acting_user)


@admin.register(ExchangeRate)
class ExchangeRateAdmin(SalesAccessMixin, ServiceAdmin):
    save_service = staticmethod(_save_rate)
    delete_service = staticmethod(_delete_rate)
    list_display = ("currency", "base_currency", "rate", "valid_from", "source", "entered_by")
    list_select_related = ("entered_by",)
    list_filter = ("currency", "base_currency")
    search_fields = ("currency", "source")
    date_hierarchy = "valid_from"
    fields = (("currency", "base_currency"), "rate", "valid_from", "source", "entered_by")
    readonly_fields = ("entered_by",)

    def get_changeform_initial_data(self, request: HttpRequest) -> dict[str, Any]:
        initial = super().get_changeform_initial_data(request)
        initial.setdefault("base_currency", exchange_rates.reporting_currency())
        return initial
