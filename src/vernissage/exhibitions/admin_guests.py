"""The admin of invitations to exhibit, guests and the e-mails sent to them. Every write goes
through the services of :mod:`.invitations`, :mod:`.guests` and :mod:`.mail`; the history of an
invitation and its messages are shown, never edited.

Guests are private as a whole (names, addresses, answers, access needs): the admin shows them
to staff with the guest-list permissions, whole, and to nobody else, whatever their right to
private records of the catalogue.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from vernissage.core.access import can_keep_guest_lists
from vernissage.core.admin import ServiceAdmin
from vernissage.core.services import Actor
from vernissage.exhibitions import guests as guest_services
from vernissage.exhibitions import invitations as invitation_services
from vernissage.exhibitions.mail import message_send_again
from vernissage.exhibitions.models import Guest, GuestMessage, Invitation, InvitationEvent


def _written_by_transitions(*, instance: Any, acting_user: Actor) -> None:
    raise ValidationError(_("The history and the messages are written by the system only."))


class InvitationEventInline(admin.TabularInline):  # type: ignore[type-arg]
    model = InvitationEvent
    extra = 0
    can_delete = False
    fields = ("at", "from_state", "to_state", "actor", "note")
    readonly_fields = fields
    verbose_name = gettext_lazy("change")
    verbose_name_plural = gettext_lazy("history")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class MessageInline(admin.TabularInline):  # type: ignore[type-arg]
    model = GuestMessage
    extra = 0
    can_delete = False
    fields = ("created_at", "kind", "to", "status", "attempts", "sent_at", "last_error")
    readonly_fields = fields
    verbose_name_plural = gettext_lazy("e-mails")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


def _invitation_delete(*, instance: Invitation, acting_user: Actor) -> None:
    if instance.state != Invitation.State.DRAFT:
        raise ValidationError(
            _("Only a draft can be deleted; withdraw a sent invitation instead (it is kept).")
        )
    from vernissage.core.services import audited_delete

    audited_delete(instance=instance, acting_user=acting_user)


@admin.register(Invitation)
class InvitationAdmin(ServiceAdmin):
    save_service = staticmethod(
        lambda *, instance, acting_user: invitation_services.invitation_save(
            invitation=instance, acting_user=acting_user
        )
    )
    delete_service = staticmethod(_invitation_delete)
    inlines = (InvitationEventInline, MessageInline)
    inline_services = {  # noqa: RUF012
        InvitationEvent: (_written_by_transitions, _written_by_transitions),
        GuestMessage: (_written_by_transitions, _written_by_transitions),
    }
    list_display = ("artist", "inviter_name", "what", "state", "deadline", "sent_at")
    list_filter = ("state",)
    search_fields = ("artist__display_name", "proposal", "exhibition__title", "email")
    list_select_related = ("artist", "from_person", "from_organization", "exhibition")
    raw_id_fields = ("artist", "from_person", "from_organization", "exhibition")
    readonly_fields = ("state", "sent_at", "answered_at", "answer")
    fieldsets = (
        (None, {"fields": ("artist", "email", ("from_person", "from_organization"))}),
        (gettext_lazy("For"), {"fields": ("exhibition", "proposal")}),
        (gettext_lazy("The invitation"), {"fields": ("message", "deadline")}),
        (
            gettext_lazy("State"),
            {"fields": ("state", "sent_at", "answered_at", "answer", "is_public", "source")},
        ),
    )
    actions = ("send_selected", "withdraw_selected", "record_accepted", "record_declined")

    @admin.display(description=gettext_lazy("from"))
    def inviter_name(self, invitation: Invitation) -> str:
        return str(invitation.inviter or "—")

    @admin.display(description=gettext_lazy("for"))
    def what(self, invitation: Invitation) -> str:
        return invitation.exhibition.title if invitation.exhibition else invitation.proposal

    def _each(
        self, request: HttpRequest, queryset: QuerySet[Invitation], service: Any, done: str
    ) -> None:
        count = 0
        for invitation in queryset:
            service(invitation=invitation, acting_user=request.user)
            count += 1
        self.notify(request, done % {"n": count}, messages.SUCCESS)

    @admin.action(description=gettext_lazy("Send the selected drafts"), permissions=["change"])
    def send_selected(self, request: HttpRequest, queryset: QuerySet[Invitation]) -> None:
        self._each(
            request, queryset, invitation_services.invitation_send, _("Sent %(n)d invitations.")
        )

    @admin.action(description=gettext_lazy("Withdraw the selected"), permissions=["change"])
    def withdraw_selected(self, request: HttpRequest, queryset: QuerySet[Invitation]) -> None:
        self._each(
            request,
            queryset,
            invitation_services.invitation_withdraw,
            _("Withdrew %(n)d invitations."),
        )

    @admin.action(
        description=gettext_lazy("Record a yes given another way"), permissions=["change"]
    )
    def record_accepted(self, request: HttpRequest, queryset: QuerySet[Invitation]) -> None:
        self._each(
            request,
            queryset,
            invitation_services.invitation_accept,
            _("Recorded %(n)d acceptances."),
        )

    @admin.action(description=gettext_lazy("Record a no given another way"), permissions=["change"])
    def record_declined(self, request: HttpRequest, queryset: QuerySet[Invitation]) -> None:
        self._each(
            request,
            queryset,
            invitation_services.invitation_decline,
            _("Recorded %(n)d refusals."),
        )


def _guest_delete(*, instance: Guest, acting_user: Actor) -> None:
    guest_services.guest_remove(guest=instance, acting_user=acting_user)


@admin.register(Guest)
class GuestAdmin(ServiceAdmin):
    save_service = staticmethod(
        lambda *, instance, acting_user: guest_services.guest_save(
            guest=instance, acting_user=acting_user
        )
    )
    delete_service = staticmethod(_guest_delete)
    inlines = (MessageInline,)
    inline_services = {  # noqa: RUF012
        GuestMessage: (_written_by_transitions, _written_by_transitions),
    }
    list_display = (
        "name",
        "opening",
        "email",
        "response",
        "party_size",
        "on_waiting_list",
        "checked_in_party",
    )
    list_filter = ("response", "opening")
    search_fields = ("name", "search_name", "email")
    list_select_related = ("opening__exhibition",)
    raw_id_fields = ("person", "contact")
    readonly_fields = (
        "response",
        "party_size",
        "access_needs",
        "answered_at",
        "waitlisted_at",
        "checked_in_at",
        "checked_in_party",
    )
    fieldsets = (
        (None, {"fields": ("opening", "name", "email", "language", "party_allowed", "note")}),
        (gettext_lazy("From the records"), {"fields": ("person", "contact")}),
        (
            gettext_lazy("Answer"),
            {
                "fields": (
                    "response",
                    "party_size",
                    "access_needs",
                    "answered_at",
                    "waitlisted_at",
                    "checked_in_at",
                    "checked_in_party",
                )
            },
        ),
    )

    @admin.display(description=gettext_lazy("waiting list"), boolean=True)
    def on_waiting_list(self, guest: Guest) -> bool:
        return guest.waitlisted_at is not None

    # Guests are private as a whole, behind the guest-list permissions (which the admin asks
    # for the model); within, nothing is hidden from those who keep the list.
    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        return admin.ModelAdmin.get_fieldsets(self, request, obj)

    def get_list_display(self, request: HttpRequest) -> Any:
        return admin.ModelAdmin.get_list_display(self, request)


@admin.register(GuestMessage)
class GuestMessageAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Every e-mail and its fate; those that failed can be sent again from here."""

    list_display = ("created_at", "kind", "to", "status", "attempts", "sent_at", "short_error")
    list_filter = ("status", "kind")
    search_fields = ("to", "subject", "guest__name")
    list_select_related = ("guest", "invitation")
    readonly_fields = (
        "guest",
        "invitation",
        "kind",
        "to",
        "subject",
        "status",
        "attempts",
        "last_error",
        "sent_at",
        "message_id",
        "created_at",
        "updated_at",
    )
    fields = readonly_fields
    actions = ("send_again",)

    @admin.display(description=gettext_lazy("error"))
    def short_error(self, message: GuestMessage) -> str:
        return message.last_error[:120]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_send_again_permission(self, request: HttpRequest) -> bool:
        return can_keep_guest_lists(request.user)

    @admin.action(
        description=gettext_lazy("Send the selected messages again"), permissions=["send_again"]
    )
    def send_again(self, request: HttpRequest, queryset: QuerySet[GuestMessage]) -> None:
        sent, refused = 0, 0
        for message in queryset:
            try:
                message_send_again(message=message, acting_user=request.user)
            except ValidationError:
                refused += 1
            else:
                sent += 1
        self.message_user(
            request,
            ngettext("Sending %(n)d message again.", "Sending %(n)d messages again.", sent)
            % {"n": sent},
            messages.SUCCESS,
        )
        if refused:
            self.message_user(
                request,
                ngettext(
                    "%(n)d message was not failed and was left alone.",
                    "%(n)d messages were not failed and were left alone.",
                    refused,
                )
                % {"n": refused},
                messages.WARNING,
            )
