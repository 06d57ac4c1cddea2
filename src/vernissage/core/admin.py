"""Admin plumbing shared by the areas: every admin write goes through a service, so that the
admin is one more thin door and the audit log sees everything staff do there.

A service that refuses a change (it raises :class:`ValidationError`) is heard on the page:
the whole change is rolled back, and the change form comes back with the user's input and the
refusal among its errors (on the field it names, on the inline row it concerns); a refused
delete, restore or action becomes a message and changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from typing import Any, TypeVar, cast

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import UserChangeForm
from django.contrib.auth.models import User
from django.core.exceptions import (
    NON_FIELD_ERRORS,
    FieldDoesNotExist,
    ImproperlyConfigured,
    ValidationError,
)
from django.db import models, router, transaction
from django.db.models import QuerySet
from django.forms import BaseFormSet, ModelForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from vernissage.core.access import can_see_private
from vernissage.core.models import AuditLog
from vernissage.core.pagination import EstimatedCountPaginator
from vernissage.core.roles import ROLES, StaffRole
from vernissage.core.selectors import staff_roles_of
from vernissage.core.services import (
    Actor,
    audit_m2m,
    audited_delete,
    audited_save,
    m2m_snapshot,
    soft_delete,
    soft_restore,
    staff_roles_set,
)

SaveService = Callable[..., Any]
FormT = TypeVar("FormT", bound=forms.BaseForm)

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


def private_fields_for(request: HttpRequest, model: type[models.Model]) -> set[str]:
    """Fields of ``model`` this staff member may not read (private notes, for a Viewer)."""
    if can_see_private(request.user):
        return set()
    return set(getattr(model, "private_fields", ()))


def visible_in_admin(request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
    """The rows of an admin list or inline this staff member may see: the model's own
    ``visible_to`` rule where it has one, else its public flag; so a staff member without
    ``view_private_records`` sees in the admin exactly what the public sees on the site."""
    if can_see_private(request.user):
        return queryset  # deleted records too: the admin's "deleted" filter shows them
    visible_to = getattr(queryset, "visible_to", None)
    if visible_to is not None:
        return visible_to(request.user)  # type: ignore[no-any-return]
    if any(field.name == "is_public" for field in queryset.model._meta.concrete_fields):
        return queryset.filter(is_public=True)
    return queryset


def without_private_fields(request: HttpRequest, model: type[models.Model], fieldsets: Any) -> Any:
    hidden = private_fields_for(request, model)
    if not hidden:
        return fieldsets

    def keep(fields: Any) -> list[Any]:
        kept = []
        for entry in fields:
            if isinstance(entry, list | tuple):
                inner = [name for name in entry if name not in hidden]
                if inner:
                    kept.append(tuple(inner))
            elif entry not in hidden:
                kept.append(entry)
        return kept

    result = []
    for name, options in fieldsets:
        fields = keep(options.get("fields", ()))
        if fields:
            result.append((name, {**options, "fields": fields}))
    return result


def _inline_queryset(
    original: Callable[[HttpRequest], QuerySet[Any]], request: HttpRequest
) -> QuerySet[Any]:
    return visible_in_admin(request, original(request))


def _save_default(*, instance: models.Model, acting_user: Actor) -> models.Model:
    return audited_save(instance=instance, acting_user=acting_user)


def _delete_default(*, instance: models.Model, acting_user: Actor) -> None:
    audited_delete(instance=instance, acting_user=acting_user)


class Refusal(Exception):
    """A service refused part of an admin change: why, and the form it concerns by its
    prefix (``None`` for the record's own form, ``"names-2"`` for an inline row)."""

    def __init__(self, error: ValidationError, *, prefix: str | None = None) -> None:
        super().__init__(*error.messages)
        self.error = error
        self.prefix = prefix

    @property
    def messages(self) -> list[str]:
        return self.error.messages

    def place_on(self, form: forms.BaseForm) -> None:
        """Add the refusal to the form's errors: on a field of the form the error names,
        else on the form as a whole, naming the field it was about."""
        if not hasattr(self.error, "error_dict"):
            form.add_error(None, self.error.error_list)
            return
        for name, errors in self.error.error_dict.items():
            if name in form.fields:
                form.add_error(name, errors)
            elif name == NON_FIELD_ERRORS:
                form.add_error(None, errors)
            else:
                label = _field_label(form, name)
                form.add_error(
                    None,
                    [
                        _("%(field)s: %(message)s") % {"field": label, "message": message}
                        for message in ValidationError(errors).messages
                    ],
                )


def _field_label(form: forms.BaseForm, name: str) -> str:
    model = getattr(getattr(form, "_meta", None), "model", None)
    if model is not None:
        try:
            return str(model._meta.get_field(name).verbose_name).capitalize()
        except FieldDoesNotExist:
            pass
    return name


def _refusing_form(form_class: type[FormT], refusal: Refusal) -> type[FormT]:
    """``form_class`` whose validation also reports ``refusal`` when it concerns it."""

    def clean(form: forms.BaseForm) -> Any:
        cleaned = form_class.clean(form)
        if form.prefix == refusal.prefix:
            refusal.place_on(form)
        return cleaned

    metaclass: Any = type(form_class)  # ModelFormMetaclass for a ModelForm, as Django does
    attrs = {"clean": clean, "__module__": form_class.__module__}
    return cast("type[FormT]", metaclass(form_class.__name__, (form_class,), attrs))


def _refusing_formset(formset_class: type[BaseFormSet[Any]], refusal: Refusal) -> Any:
    """``formset_class`` whose rows report ``refusal`` where it concerns one; a row whose
    removal was refused is checked like a kept row, so that its error counts."""

    def should_delete(formset: BaseFormSet[Any], form: forms.BaseForm) -> bool:
        return form.prefix != refusal.prefix and formset_class._should_delete_form(  # type: ignore[attr-defined]
            formset, form
        )

    metaclass: Any = type(formset_class)
    attrs = {
        "form": _refusing_form(formset_class.form, refusal),
        "_should_delete_form": should_delete,
        "__module__": formset_class.__module__,
    }
    return metaclass(formset_class.__name__, (formset_class,), attrs)


def _through(service: SaveService, *, prefix: str | None, **arguments: Any) -> Any:
    """Call a service for the form ``prefix``; its refusal names that form."""
    try:
        return service(**arguments)
    except ValidationError as error:
        raise Refusal(error, prefix=prefix) from error


@dataclass
class _Attempt:
    """One admin request's change in progress: what to say once it is kept, what to undo
    outside the database if it is refused, and the refusal to show."""

    notices: list[tuple[int, str]] = field(default_factory=list)
    undo: list[Callable[[], None]] = field(default_factory=list)
    refusal: Refusal | None = None

    def refused(self) -> None:
        self.notices.clear()
        undo, self.undo = self.undo, []
        for callback in reversed(undo):
            callback()


_ATTEMPT = "vernissage_admin_attempt"


def _attempt(request: HttpRequest) -> _Attempt:
    attempt = vars(request).get(_ATTEMPT)
    if attempt is None:
        attempt = vars(request)[_ATTEMPT] = _Attempt()
    return attempt


class ServiceAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """A ModelAdmin whose saves and deletes call the area's services.

    ``save_service(instance=..., acting_user=...)`` saves the edited record and
    ``delete_service`` deletes one (the change list's "delete" action too); the model of
    every inline maps to its ``(save, delete)`` pair in ``inline_services``, and an admin
    without one fails when it is made (at start-up, when the admin is registered).

    A service's refusal comes back as errors on the change form, or as a message for a
    delete or an action (see the module).
    """

    save_service: SaveService = staticmethod(_save_default)
    # Long change lists: no COUNT(*) of the whole table for each page (issue 11).
    paginator = EstimatedCountPaginator
    show_full_result_count = False
    delete_service: SaveService = staticmethod(_delete_default)
    inline_services: dict[type[models.Model], tuple[SaveService, SaveService]] = {}  # noqa: RUF012

    def __init__(self, model: type[models.Model], admin_site: admin.AdminSite) -> None:
        super().__init__(model, admin_site)
        missing = [
            inline.model.__name__
            for inline in self.inlines
            if inline.model not in self.inline_services
        ]
        if missing:
            raise ImproperlyConfigured(
                f"{type(self).__name__} has no (save, delete) services in inline_services "
                f"for {', '.join(missing)}: the rows of every inline are written through "
                "services."
            )

    # --- what staff are told, and what a refusal undoes ----------------------------------

    def notify(self, request: HttpRequest, message: str, level: int = messages.INFO) -> None:
        """Say ``message`` once the change is kept; nothing is said of a refused change."""
        _attempt(request).notices.append((level, message))

    def on_refusal(self, request: HttpRequest, callback: Callable[[], None]) -> None:
        """Run ``callback`` if the change is refused, to undo what the database's rollback
        does not (a file written on the way)."""
        _attempt(request).undo.append(callback)

    def _kept(self, request: HttpRequest, attempt: _Attempt) -> None:
        notices, attempt.notices = attempt.notices, []
        for level, message in notices:
            self.message_user(request, message, level)

    def _refusable(
        self, request: HttpRequest, view: Callable[[], HttpResponse], *, back_to: str
    ) -> HttpResponse:
        """Run ``view`` in one transaction; a refusal rolls it back and becomes a message."""
        attempt = _attempt(request)
        try:
            with transaction.atomic(using=router.db_for_write(self.model)):
                response = view()
        except (Refusal, ValidationError) as error:
            attempt.refused()
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return HttpResponseRedirect(back_to)
        self._kept(request, attempt)
        return response

    # --- views ---------------------------------------------------------------------------

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        if request.method in SAFE_METHODS:
            return super().changeform_view(request, object_id, form_url, extra_context)
        attempt = _attempt(request)
        try:
            with transaction.atomic(using=router.db_for_write(self.model)):
                response = super().changeform_view(request, object_id, form_url, extra_context)
        except Refusal as refusal:
            attempt.refusal = refusal
        except ValidationError as error:
            attempt.refusal = Refusal(error)
        else:
            self._kept(request, attempt)
            return response
        attempt.refused()
        # The form again, from the same input: the refusal is among its errors, so the form
        # is not valid and nothing is saved this time.
        return super().changeform_view(request, object_id, form_url, extra_context)

    def delete_view(
        self, request: HttpRequest, object_id: str, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        if request.method in SAFE_METHODS:
            return super().delete_view(request, object_id, extra_context)
        opts = self.model._meta
        return self._refusable(
            request,
            lambda: super(ServiceAdmin, self).delete_view(request, object_id, extra_context),
            back_to=reverse(
                f"admin:{opts.app_label}_{opts.model_name}_change",
                args=(object_id,),
                current_app=self.admin_site.name,
            ),
        )

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        if request.method in SAFE_METHODS:
            return super().changelist_view(request, extra_context)
        return self._refusable(
            request,
            lambda: super(ServiceAdmin, self).changelist_view(request, extra_context),
            back_to=request.get_full_path(),
        )

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> type[ModelForm[Any]]:
        form = super().get_form(request, obj, change, **kwargs)
        refusal = _attempt(request).refusal
        return form if refusal is None else _refusing_form(form, refusal)

    def get_formsets_with_inlines(self, request: HttpRequest, obj: Any = None) -> Iterator[Any]:
        refusal = _attempt(request).refusal
        for formset, inline in super().get_formsets_with_inlines(request, obj):
            yield (formset if refusal is None else _refusing_formset(formset, refusal)), inline

    # --- writes --------------------------------------------------------------------------

    def save_model(
        self, request: HttpRequest, obj: Any, form: ModelForm[Any], change: bool
    ) -> None:
        self.save_service(instance=obj, acting_user=request.user)
        self.warn_unreadable_dates(request, obj)

    # --- who sees what: the admin asks the same access rules as every other door -----------

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return visible_in_admin(request, super().get_queryset(request))

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        return without_private_fields(request, self.model, super().get_fieldsets(request, obj))

    def get_list_display(self, request: HttpRequest) -> Any:
        hidden = private_fields_for(request, self.model)
        return [name for name in super().get_list_display(request) if name not in hidden]

    def get_inline_instances(self, request: HttpRequest, obj: Any = None) -> list[Any]:
        instances = super().get_inline_instances(request, obj)
        for inline in instances:  # each inline lists only the parts the viewer may see
            # each inline lists only the parts the viewer may see
            inline.get_queryset = partial(  # type: ignore[method-assign]
                _inline_queryset, inline.get_queryset
            )
        return instances

    def history_view(
        self, request: HttpRequest, object_id: str, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        """The admin's "History" button opens the record's own history page (every change
        made through any door, with before and after), where the record has one."""
        obj = self.get_object(request, object_id)
        if obj is not None and hasattr(obj, "get_history_url"):
            return redirect(obj.get_history_url())
        return super().history_view(request, object_id, extra_context)

    def warn_unreadable_dates(self, request: HttpRequest, obj: Any) -> None:
        for field_name in getattr(obj, "fuzzy_date_fields", ()):
            value = getattr(obj, field_name)
            if value and getattr(obj, f"{field_name}_earliest") is None:
                label = obj._meta.get_field(field_name).verbose_name
                self.notify(
                    request,
                    _(
                        "The %(label)s “%(value)s” could not be read as a date. It is kept as "
                        "written and flagged for checking."
                    )
                    % {"label": label, "value": value},
                    messages.WARNING,
                )

    def save_related(
        self, request: HttpRequest, form: ModelForm[Any], formsets: Any, change: bool
    ) -> None:
        before = m2m_snapshot(form.instance) if change else None
        super().save_related(request, form, formsets, change)
        audit_m2m(instance=form.instance, acting_user=request.user, before=before)

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        self.delete_service(instance=obj, acting_user=request.user)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        for obj in queryset:
            self.delete_service(instance=obj, acting_user=request.user)

    def save_formset(
        self, request: HttpRequest, form: ModelForm[Any], formset: Any, change: bool
    ) -> None:
        instances = formset.save(commit=False)
        save, delete = self.inline_services[formset.model]
        row_of = {id(row.instance): row.prefix for row in formset.forms}
        for obj in formset.deleted_objects:
            _through(delete, prefix=row_of.get(id(obj)), instance=obj, acting_user=request.user)
        for obj in instances:
            _through(save, prefix=row_of.get(id(obj)), instance=obj, acting_user=request.user)
        formset.save_m2m()


class DeletedListFilter(admin.SimpleListFilter):
    title = gettext_lazy("deleted")
    parameter_name = "deleted"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [("no", _("Not deleted")), ("yes", _("Deleted")), ("all", _("All"))]

    def choices(self, changelist: Any) -> Any:
        value = self.value() or "no"
        for lookup, title in self.lookup_choices:
            yield {
                "selected": value == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        value = self.value() or "no"
        if value == "no":
            return queryset.filter(deleted_at__isnull=True)
        if value == "yes":
            return queryset.filter(deleted_at__isnull=False)
        return queryset


class SoftDeleteAdmin(ServiceAdmin):
    """Deleting hides the record (reversibly); the "deleted" filter and the restore action
    bring it back. Which records may be deleted or restored is the services' to say."""

    delete_service: SaveService = staticmethod(
        lambda *, instance, acting_user: soft_delete(instance=instance, acting_user=acting_user)
    )
    restore_service: SaveService = staticmethod(
        lambda *, instance, acting_user: soft_restore(instance=instance, acting_user=acting_user)
    )
    actions = ["restore_selected"]  # noqa: RUF012

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return visible_in_admin(request, self.model.all_objects.get_queryset())

    def get_deleted_objects(self, objs: Any, request: HttpRequest) -> Any:
        # A soft delete touches nothing else: no cascade to list, nothing protected.
        to_delete = [str(obj) for obj in objs]
        return to_delete, {self.model._meta.verbose_name_plural: len(to_delete)}, set(), []

    @admin.action(
        description=gettext_lazy("Restore the selected deleted records"), permissions=["change"]
    )
    def restore_selected(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        restored = 0
        for obj in queryset:
            self.restore_service(instance=obj, acting_user=request.user)
            restored += 1
        self.notify(
            request,
            ngettext("Restored %(count)d record.", "Restored %(count)d records.", restored)
            % {"count": restored},
            messages.SUCCESS,
        )


@admin.register(AuditLog)
class AuditLogAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("at", "actor", "action", "content_type", "object_repr")
    list_filter = ("action", "content_type")
    list_select_related = ("actor", "content_type")
    search_fields = ("object_repr", "object_id")
    date_hierarchy = "at"
    readonly_fields = (
        "at",
        "actor",
        "action",
        "content_type",
        "object_id",
        "object_repr",
        "changes",
    )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class StaffAccountForm(UserChangeForm):  # type: ignore[type-arg]
    staff_roles = forms.MultipleChoiceField(
        label=gettext_lazy("Roles"),
        required=False,
        choices=[
            (role.value, format_lazy("{}: {}", role.value, ROLES[role].description))
            for role in StaffRole
        ],
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy(
            "What this person does here decides what they see: only the Owner and Sales see "
            "prices and contacts; Viewer and Press see no private record. A person with a role "
            "may open the admin; taking every role away closes it on their next request."
        ),
    )


class StaffAccountAdmin(UserAdmin):  # type: ignore[type-arg]
    """The accounts of the house, with their staff roles given through ``staff_roles_set``
    (audited) rather than by editing groups and the staff flag by hand."""

    form = StaffAccountForm
    list_display = ("username", "email", "first_name", "last_name", "roles", "is_active")
    list_filter = ("groups", "is_active", "is_superuser")
    readonly_fields = ("is_staff", "last_login", "date_joined")
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (gettext_lazy("Person"), {"fields": ("first_name", "last_name", "email")}),
        (gettext_lazy("Staff roles"), {"fields": ("staff_roles",)}),
        (
            gettext_lazy("Access"),
            {"fields": ("is_active", "is_staff", "is_superuser", "user_permissions")},
        ),
        (gettext_lazy("Dates"), {"fields": ("last_login", "date_joined")}),
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return super().get_queryset(request).prefetch_related("groups")

    @admin.display(description=gettext_lazy("roles"))
    def roles(self, user: Any) -> str:
        names = {role.value for role in StaffRole}
        return ", ".join(sorted(g.name for g in user.groups.all() if g.name in names)) or "—"

    def get_form(
        self, request: HttpRequest, obj: Any | None = None, change: bool = False, **kwargs: Any
    ) -> type[ModelForm[Any]]:
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is not None and "staff_roles" in form.base_fields:
            form.base_fields["staff_roles"].initial = staff_roles_of(obj)
        return form

    def save_related(
        self, request: HttpRequest, form: ModelForm[Any], formsets: Any, change: bool
    ) -> None:
        super().save_related(request, form, formsets, change)
        if "staff_roles" in form.cleaned_data:
            staff_roles_set(
                user=form.instance,
                roles=form.cleaned_data["staff_roles"],
                acting_user=request.user,
            )


admin.site.unregister(User)
admin.site.register(User, StaffAccountAdmin)
