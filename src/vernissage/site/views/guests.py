"""The staff page of an opening's guest list: the figures, the guests with their answers and
the fate of their e-mails, and (for those who keep the list) adding guests by hand, by tag or
from a CSV file, sending the invitations and sending a failed message again. The list as CSV.

Every form posts and redirects without JavaScript; with htmx the same views answer with the
panel they change (``request.htmx``). Reading needs ``can_see_guest_lists`` (anyone else gets
the 404 of an unknown opening); changing needs ``can_keep_guest_lists``.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
    StreamingHttpResponse,
)
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from vernissage.core.access import can_keep_guest_lists
from vernissage.exhibitions.calendar import opening_title
from vernissage.exhibitions.guests import (
    guest_add,
    guest_counts,
    guest_list,
    guest_list_add_tag,
    guest_list_csv_rows,
    guest_list_import_csv,
    invitations_send,
    local_moment,
    opening_get_for_guest_list,
)
from vernissage.exhibitions.mail import message_send_again
from vernissage.exhibitions.models import Guest, GuestMessage, Opening
from vernissage.market.models import ContactTag

#: The largest CSV file one import takes.
IMPORT_MAX_BYTES = 5_000_000
FILTERS = [
    ("", gettext_lazy("everyone")),
    (Guest.Response.ATTENDING, gettext_lazy("attending")),
    ("waiting", gettext_lazy("waiting list")),
    (Guest.Response.MAYBE, gettext_lazy("maybe")),
    (Guest.Response.NOT_ATTENDING, gettext_lazy("not attending")),
    (Guest.Response.PENDING, gettext_lazy("no answer yet")),
]


class GuestAddForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=300)
    email = forms.EmailField(label=gettext_lazy("E-mail"), required=False)
    party_allowed = forms.IntegerField(
        label=gettext_lazy("Party allowed"), min_value=1, max_value=50, initial=1
    )
    language = forms.ChoiceField(
        label=gettext_lazy("Language"), choices=settings.LANGUAGES, initial="en"
    )
    note = forms.CharField(label=gettext_lazy("Private note"), required=False, max_length=2000)


class TagAddForm(forms.Form):
    tag = forms.ModelChoiceField(
        label=gettext_lazy("Contacts tagged"), queryset=ContactTag.objects.order_by("name")
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV file"),
        help_text=gettext_lazy(
            "First row: name, email, party allowed, language, note. Nothing is imported if a "
            "row is wrong; each wrong row is listed."
        ),
    )


def _refused(request: HttpRequest) -> HttpResponse:
    return render(request, "site/guests/refused.html", status=403)


def _context(
    request: HttpRequest,
    opening: Opening,
    *,
    add_form: GuestAddForm | None = None,
    tag_form: TagAddForm | None = None,
    import_form: ImportForm | None = None,
    import_errors: list[str] | None = None,
    notices: list[str] | None = None,
) -> dict[str, Any]:
    shown = request.GET.get("answer", "")
    may_keep = can_keep_guest_lists(request.user)
    return {
        "opening": opening,
        "title": opening_title(opening),
        "starts": local_moment(opening.starts_at, opening),
        "counts": guest_counts(opening=opening),
        "guests": guest_list(opening=opening, viewer=request.user, response=shown),
        "filters": FILTERS,
        "shown": shown,
        "may_keep": may_keep,
        "add_form": add_form or GuestAddForm(),
        "tag_form": tag_form or TagAddForm() if may_keep else None,
        "import_form": import_form or ImportForm(),
        "import_errors": import_errors or [],
        "notices": notices or [],
    }


def _answer(
    request: HttpRequest, opening: Opening, context: dict[str, Any], *, status: int = 200
) -> HttpResponse:
    """The panel for htmx, the whole page otherwise."""
    template = "site/guests/_panel.html" if request.htmx else "site/guests/guest_list.html"  # type: ignore[attr-defined]
    return render(request, template, context, status=200 if request.htmx else status)  # type: ignore[attr-defined]


def _back(request: HttpRequest, opening: Opening, notice: str) -> HttpResponse:
    """After a change: the panel for htmx; a message and the page again otherwise."""
    if request.htmx:  # type: ignore[attr-defined]
        return render(
            request, "site/guests/_panel.html", _context(request, opening, notices=[notice])
        )
    messages.success(request, notice)
    return HttpResponseRedirect(reverse("site:guest-list", kwargs={"pk": opening.pk}))


@never_cache
@require_GET
def guest_list_view(request: HttpRequest, pk: int) -> HttpResponse:
    opening = opening_get_for_guest_list(pk=pk, viewer=request.user)
    context = _context(request, opening)
    if request.htmx and request.GET.get("part") == "table":  # type: ignore[attr-defined]
        return render(request, "site/guests/_table.html", context)
    return render(request, "site/guests/guest_list.html", context)


@never_cache
@require_GET
def guest_list_csv_view(request: HttpRequest, pk: int) -> StreamingHttpResponse:
    opening = opening_get_for_guest_list(pk=pk, viewer=request.user)

    class Echo:
        def write(self, value: str) -> str:
            return value

    writer = csv.writer(Echo())

    def lines() -> Iterator[str]:
        yield "\ufeff"  # so that spreadsheets read the names as UTF-8
        for row in guest_list_csv_rows(opening=opening, viewer=request.user):
            yield writer.writerow(row)

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="guests-opening-{opening.pk}.csv"'
    return response


@require_POST
def guest_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    opening = opening_get_for_guest_list(pk=pk, viewer=request.user)
    if not can_keep_guest_lists(request.user):
        return _refused(request)
    form = GuestAddForm(request.POST)
    if form.is_valid():
        try:
            guest = guest_add(opening=opening, acting_user=request.user, **form.cleaned_data)
        except ValidationError as refusal:
            form.add_error(None, refusal)
        else:
            return _back(request, opening, _("%(name)s is on the list.") % {"name": guest.name})
    return _answer(request, opening, _context(request, opening, add_form=form), status=400)


@require_POST
def guest_add_tag_view(request: HttpRequest, pk: int) -> HttpResponse:
    opening = opening_get_for_guest_list(pk=pk, viewer=request.user)
    if not can_keep_guest_lists(request.user):
        return _refused(request)
    form = TagAddForm(request.POST)
    if form.is_valid():
        try:
            report = guest_list_add_tag(
                opening=opening, tag=form.cleaned_data["tag"], acting_user=request.user
            )
        except ValidationError as refusal:
            form.add_error(None, refusal)
        else:
            return _back(request, opening, report.summary())
    return _answer(request, opening, _context(request, opening, tag_form=form), status=400)


@require_POST
def guest_import_view(request: HttpRequest, pk: int) -> HttpResponse:
    opening = opening_get_for_guest_list(pk=pk, viewer=request.user)
    if not can_keep_guest_lists(request.user):
        return _refused(request)
    form = ImportForm(request.POST, request.FILES)
    errors: list[str] = []
    if form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > IMPORT_MAX_BYTES:
            errors = [
                _("The file is larger than %(mb)d MB; split it.")
                % {"mb": IMPORT_MAX_BYTES // 1_000_000}
            ]
        else:
            try:
                report = guest_list_import_csv(
                    opening=opening, data=upload.read(), acting_user=request.user
                )
            except ValidationError as refusal:
                errors = refusal.messages
            else:
                notice = _("Imported %(n)d guests.") % {"n": report.added}
                if report.ignored_columns:
                    notice += " " + _("Columns left aside: %(names)s.") % {
                        "names": ", ".join(report.ignored_columns)
                    }
                return _back(request, opening, notice)
    context = _context(request, opening, import_form=form, import_errors=errors)
    return _answer(request, opening, context, status=400)


@require_POST
def invitations_send_view(request: HttpRequest, pk: int) -> HttpResponse:
    opening = opening_get_for_guest_list(pk=pk, viewer=request.user)
    if not can_keep_guest_lists(request.user):
        return _refused(request)
    try:
        report = invitations_send(
            opening=opening, acting_user=request.user, again=request.POST.get("again") == "1"
        )
    except ValidationError as refusal:
        context = _context(request, opening, notices=refusal.messages)
        return _answer(request, opening, context, status=409)
    return _back(request, opening, report.summary())


@require_POST
def message_send_again_view(request: HttpRequest, pk: int, message_pk: int) -> HttpResponse:
    opening = opening_get_for_guest_list(pk=pk, viewer=request.user)
    if not can_keep_guest_lists(request.user):
        return _refused(request)
    message = get_object_or_404(GuestMessage, pk=message_pk, guest__opening=opening)
    try:
        message_send_again(message=message, acting_user=request.user)
    except ValidationError as refusal:
        context = _context(request, opening, notices=refusal.messages)
        return _answer(request, opening, context, status=409)
    return _back(request, opening, _("Sending again to %(to)s.") % {"to": message.to})
