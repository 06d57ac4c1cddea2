"""Admin plumbing shared by the areas: every admin write goes through a service, so that the
admin is one more thin door and the audit log sees everything staff do there."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import UserChangeForm
from django.contrib.auth.models import User
from django.db import models
from django.db.models import QuerySet
from django.forms import BaseFormSet, ModelForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _

from vernissage.core.access import can_see_private
from vernissage.core.models import AuditLog, Term
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
        for field in fields:
            if isinstance(field, list | tuple):
                inner = [name for name in field if name not in hidden]
                if inner:
                    kept.append(tuple(inner))
            elif field not in hidden:
                kept.append(field)
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


class ServiceAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """A ModelAdmin whose saves and deletes call the area's services.

    ``save_service(instance=..., acting_user=...)`` saves the edited record; inline models
    map to ``(save, delete)`` pairs in ``inline_services``.
    """

    save_service: SaveService = staticmethod(_save_default)
    inline_services: dict[type[models.Model], tuple[SaveService, SaveService]] = {}  # noqa: RUF012

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
                messages.warning(
                    request,
                    f"The {label} “{value}” could not be read as a date. It is kept as written "
                    "and flagged for checking.",
                )

    def save_related(
        self, request: HttpRequest, form: ModelForm[Any], formsets: Any, change: bool
    ) -> None:
        before = m2m_snapshot(form.instance) if change else None
        super().save_related(request, form, formsets, change)
        audit_m2m(instance=form.instance, acting_user=request.user, before=before)

    def save_formset(
        self, request: HttpRequest, form: ModelForm[Any], formset: BaseFormSet[Any], change: bool
    ) -> None:
        instances = formset.save(commit=False)  # type: ignore[attr-defined]
        save, delete = self.inline_services.get(
            formset.model,  # type: ignore[attr-defined]
            (_save_default, _delete_default),
        )
        for obj in formset.deleted_objects:  # type: ignore[attr-defined]
            delete(instance=obj, acting_user=request.user)
        for obj in instances:
            save(instance=obj, acting_user=request.user)
        formset.save_m2m()  # type: ignore[attr-defined]


class DeletedListFilter(admin.SimpleListFilter):
    title = "deleted"
    parameter_name = "deleted"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("no", "Not deleted"), ("yes", "Deleted"), ("all", "All")]

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
    bring it back."""

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

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        self.delete_service(instance=obj, acting_user=request.user)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        for obj in queryset.filter(deleted_at__isnull=True):
            self.delete_service(instance=obj, acting_user=request.user)

    @admin.action(description="Restore the selected deleted records")
    def restore_selected(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        restored = 0
        for obj in queryset.filter(deleted_at__isnull=False):
            self.restore_service(instance=obj, acting_user=request.user)
            restored += 1
        self.message_user(request, f"Restored {restored} record(s).", messages.SUCCESS)


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


@admin.register(Term)
class TermAdmin(ServiceAdmin):
    list_display = ("label", "kind", "aat_id")
    list_filter = ("kind",)
    search_fields = ("label", "aat_id")


class StaffAccountForm(UserChangeForm):  # type: ignore[type-arg]
    staff_roles = forms.MultipleChoiceField(
        label=_("Roles"),
        required=False,
        choices=[(role.value, f"{role.value}: {ROLES[role].description}") for role in StaffRole],
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
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
        (_("Person"), {"fields": ("first_name", "last_name", "email")}),
        (_("Staff roles"), {"fields": ("staff_roles",)}),
        (
            _("Access"),
            {"fields": ("is_active", "is_staff", "is_superuser", "user_permissions")},
        ),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return super().get_queryset(request).prefetch_related("groups")

    @admin.display(description=_("roles"))
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
