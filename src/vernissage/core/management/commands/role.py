"""``vernissage manage role``: give staff their roles, take them away, list who has which."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from vernissage.core.roles import ROLES, StaffRole
from vernissage.core.selectors import staff_roles_of
from vernissage.core.services import staff_role_grant, staff_role_revoke


class Command(BaseCommand):
    help = "Give a person a staff role, take it away, or list the roles and who holds them."

    def add_arguments(self, parser: CommandParser) -> None:
        verbs = parser.add_subparsers(dest="verb", required=True)
        for verb, text in (("grant", "give a role"), ("revoke", "take a role away")):
            sub = verbs.add_parser(verb, help=text)
            sub.add_argument("username")
            sub.add_argument("role", help=", ".join(role.value for role in StaffRole))
        verbs.add_parser("list", help="the roles and who holds them")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["verb"] == "list":
            self._list()
            return
        user_model = get_user_model()
        try:
            user = user_model.objects.get(username=options["username"])
        except user_model.DoesNotExist:
            raise CommandError(f"No account is named {options['username']!r}.") from None
        change = staff_role_grant if options["verb"] == "grant" else staff_role_revoke
        try:
            roles = change(user=user, role=options["role"], acting_user=None)
        except ValidationError as refused:
            raise CommandError(" ".join(refused.messages)) from None
        self.stdout.write(f"{user.get_username()}: {', '.join(roles) or 'no role'}")

    def _list(self) -> None:
        user_model = get_user_model()
        for role, definition in ROLES.items():
            holders = user_model.objects.filter(groups__name=role.value).order_by("username")
            names = ", ".join(user.get_username() for user in holders) or "nobody"
            self.stdout.write(f"{role.value}: {names}  ({definition.description})")
        unassigned = [
            user.get_username()
            for user in user_model.objects.filter(is_staff=True).order_by("username")
            if not staff_roles_of(user) and not user.is_superuser
        ]
        if unassigned:
            self.stdout.write(f"Staff with no role: {', '.join(unassigned)}")
