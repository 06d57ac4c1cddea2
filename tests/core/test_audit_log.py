from __future__ import annotations

from django.contrib.auth.models import User
from tests.factories.people import PersonFactory

from vernissage.core.models import AuditLog
from vernissage.core.selectors import audit_log_for
from vernissage.people import services
from vernissage.people.models import Person


def test_create_writes_who_when_which_and_the_values(staff: User) -> None:
    person = services.person_create(acting_user=staff, display_name="Viktor Petrov")
    entry = audit_log_for(instance=person).get()
    assert entry.actor == staff
    assert entry.action == AuditLog.Action.CREATE
    assert entry.object_id == str(person.pk)
    assert entry.object_repr == "Viktor Petrov"
    assert entry.changes["display_name"] == [None, "Viktor Petrov"]
    assert entry.changes["sort_name"] == [None, "Petrov, Viktor"]


def test_update_records_before_and_after_of_changed_fields_only(staff: User) -> None:
    person = PersonFactory(display_name="Ana Kalmurzaev", birth_date="1990s")
    person.birth_date = "early 1990s"
    services.person_save(person=person, acting_user=staff)
    entry = audit_log_for(instance=person).filter(action=AuditLog.Action.UPDATE).get()
    assert entry.actor == staff
    assert entry.changes == {
        "birth_date": ["1990s", "early 1990s"],
        "birth_date_latest": ["1999-12-31", "1993-12-31"],
    }


def test_saving_without_a_change_writes_no_update_row(staff: User) -> None:
    person = PersonFactory()
    services.person_save(person=person, acting_user=staff)
    assert not audit_log_for(instance=person).filter(action=AuditLog.Action.UPDATE).exists()


def test_soft_delete_and_restore_are_logged_and_reversible(staff: User) -> None:
    person = PersonFactory(display_name="Romy Kalmurzaev")
    services.person_delete(person=person, acting_user=staff)
    assert not Person.objects.filter(pk=person.pk).exists()
    assert Person.all_objects.get(pk=person.pk).is_deleted
    services.person_restore(person=Person.all_objects.get(pk=person.pk), acting_user=staff)
    assert Person.objects.get(pk=person.pk).display_name == "Romy Kalmurzaev"
    actions = list(audit_log_for(instance=person).values_list("action", flat=True))
    assert actions == ["restore", "delete", "create"]


def test_role_changes_are_logged(staff: User) -> None:
    person = PersonFactory(roles=["artist"])
    services.person_set_roles(person=person, roles=["artist", "photographer"], acting_user=staff)
    entry = audit_log_for(instance=person).filter(actor=staff).get()
    before, after = entry.changes["roles"]
    assert len(before) == 1
    assert len(after) == 2
