"""Staff roles: Django groups whose permissions say what each kind of staff member does.

A gallery's staff are not all equal: the registrar catalogues works and images but sees no
prices and no collectors; the sales director sees prices and contacts; an intern reads the
catalogue; the owner sees everything. Each role is a group holding permissions; what a role
may *see* is then decided by :mod:`vernissage.core.access` from those permissions.

The groups are made by the data migration ``core/0003_staff_roles`` from a copy of
:data:`ROLES` (a migration never imports app code); a test keeps the two equal, and checks
that the Owner holds every permission there is, so an area that adds models must grant
their permissions in a migration of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class StaffRole(StrEnum):
    OWNER = "Owner"
    REGISTRAR = "Registrar"
    SALES = "Sales"
    PRESS = "Press"
    VIEWER = "Viewer"


#: The catalogue (its vocabulary of media and themes included) and the exhibitions: what
#: every role may at least read.
CATALOGUE_APPS = ("people", "works", "images", "exhibitions")
#: Guest lists hold people's addresses: only the roles that run them (Press, Owner) keep them,
#: Sales reads them.
GUEST_LIST_MODELS = ("exhibitions.guest", "exhibitions.guestmessage", "exhibitions.checkin")
#: Beyond every model permission of the catalogue's areas: the history, and private records.
CATALOGUE_KEEPING = ("core.view_auditlog", "core.view_private_records")


@dataclass(frozen=True)
class RoleDefinition:
    role: StaffRole
    description: Promise
    #: Whole apps whose every model permission the role holds.
    apps: tuple[str, ...] = ()
    #: Apps of which the role holds only the ``view_`` permissions.
    view_apps: tuple[str, ...] = ()
    #: Single permissions, as ``app_label.codename``.
    permissions: tuple[str, ...] = ()
    #: Models (``app_label.model``) left out of ``apps`` and ``view_apps``.
    exclude_models: tuple[str, ...] = ()
    #: Every permission there is.
    everything: bool = False


ROLES: dict[StaffRole, RoleDefinition] = {
    StaffRole.OWNER: RoleDefinition(
        StaffRole.OWNER, _("Everything, including staff accounts and their roles."), everything=True
    ),
    StaffRole.REGISTRAR: RoleDefinition(
        StaffRole.REGISTRAR,
        _("Catalogue, images and exhibitions, private records included; no prices, no contacts."),
        apps=(*CATALOGUE_APPS, "biographies"),
        view_apps=("press",),
        permissions=CATALOGUE_KEEPING,
        exclude_models=GUEST_LIST_MODELS,
    ),
    StaffRole.SALES: RoleDefinition(
        StaffRole.SALES,
        _("Contacts, prices, holds, sales and consignments; reads the whole catalogue."),
        apps=("market",),
        view_apps=(*CATALOGUE_APPS, "press"),
        permissions=(
            "core.view_private_records",
            "core.view_prices",
            "core.view_contacts",
            "core.view_auditlog",
        ),
    ),
    StaffRole.PRESS: RoleDefinition(
        StaffRole.PRESS,
        _("Reviews, publications and guest lists; reads the public catalogue."),
        apps=("press", "biographies"),
        view_apps=CATALOGUE_APPS,
        permissions=(
            "exhibitions.add_guest",
            "exhibitions.change_guest",
            "exhibitions.delete_guest",
            "exhibitions.view_guest",
            "exhibitions.view_guestmessage",
            "exhibitions.add_checkin",
            "exhibitions.view_checkin",
        ),
        exclude_models=GUEST_LIST_MODELS,
    ),
    StaffRole.VIEWER: RoleDefinition(
        StaffRole.VIEWER,
        _("Reads the catalogue; no private records, no notes, no prices."),
        view_apps=(*CATALOGUE_APPS, "press"),
        exclude_models=GUEST_LIST_MODELS,
    ),
}


#: Roles whose members must sign in with a second factor when VERNISSAGE_REQUIRE_2FA is on:
#: they see prices and collectors' contacts (superusers must too).
TWO_FACTOR_ROLES = (StaffRole.OWNER, StaffRole.SALES)


def role_permissions(definition: RoleDefinition) -> QuerySet[Permission]:
    """The permissions a role should hold, as they exist in the database now."""
    if definition.everything:
        return Permission.objects.all()
    whole = Q(pk__in=[])
    for app_label in definition.apps:
        whole |= Q(content_type__app_label=app_label)
    for app_label in definition.view_apps:
        whole |= Q(content_type__app_label=app_label, codename__startswith="view_")
    for name in definition.exclude_models:
        app_label, model = name.split(".", 1)
        whole &= ~Q(content_type__app_label=app_label, content_type__model=model)
    single = Q(pk__in=[])
    for name in definition.permissions:
        app_label, codename = name.split(".", 1)
        single |= Q(content_type__app_label=app_label, codename=codename)
    return Permission.objects.filter(whole | single)


def role_group(role: StaffRole) -> Group:
    group: Group = Group.objects.get(name=role.value)
    return group


def staff_role_parse(text: str) -> StaffRole:
    """The role named ``text``, in any case; a clear refusal for any other word."""
    for role in StaffRole:
        if role.value.casefold() == text.strip().casefold():
            return role
    raise ValidationError(
        _("There is no role “%(role)s”. The roles are: %(known)s.")
        % {"role": text, "known": ", ".join(role.value for role in StaffRole)}
    )
