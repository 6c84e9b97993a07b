import pytest
from django.db import DatabaseError, connection, transaction

from procurement_portal.models import AuditEntry, Role
from procurement_portal.models.audit import AuditLogIsAppendOnly
from procurement_portal.services.audit import audit_record
from tests.factories import DepartmentFactory, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(department):
    user = make_user(Role.BUYER, department=department)
    return audit_record(
        actor=user,
        action="test.change",
        obj=user,
        from_state="a",
        to_state="b",
        department=department,
    )


def test_entry_records_who_what_when(entry):
    assert entry.actor_label.endswith("@example.gc.ca")
    assert (entry.action, entry.from_state, entry.to_state) == ("test.change", "a", "b")
    assert entry.object_type == "procurement_portal.user"
    assert entry.created_at is not None


def test_orm_refuses_update_and_delete(entry):
    entry.action = "rewritten"
    with pytest.raises(AuditLogIsAppendOnly):
        entry.save()
    with pytest.raises(AuditLogIsAppendOnly):
        entry.delete()
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEntry.objects.filter(pk=entry.pk).update(action="rewritten")
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.get(pk=entry.pk).action == "test.change"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE procurement_portal_auditentry SET action = 'rewritten' WHERE id = %s",
        "DELETE FROM procurement_portal_auditentry WHERE id = %s",
    ],
)
def test_database_refuses_raw_update_and_delete(entry, sql):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(sql, [entry.pk])
    assert AuditEntry.objects.get(pk=entry.pk).action == "test.change"


def test_request_ip_is_recorded(client, department):
    officer = make_user(Role.PROCUREMENT_OFFICER, department=department)
    from tests.factories import UserFactory

    target = UserFactory(email="ip.check@example.gc.ca")
    client.force_login(officer)
    client.post(
        "/en/roles/",
        {"email": target.email, "role": "buyer", "department": department.pk},
        REMOTE_ADDR="203.0.113.9",
    )
    assert AuditEntry.objects.get(action="role.grant", object_id=str(target.pk)).ip_address == (
        "203.0.113.9"
    )


def test_officer_sees_only_own_department_and_can_filter(client, department):
    officer = make_user(Role.PROCUREMENT_OFFICER, department=department)
    other_department = DepartmentFactory()
    mine = make_user(Role.BUYER, department=department)
    theirs = make_user(Role.BUYER, department=other_department)
    client.force_login(officer)
    body = client.get("/en/audit/").content.decode()
    assert mine.full_name in body
    assert theirs.full_name not in body
    filtered = client.get("/en/audit/", {"action": "role.revoke"}).content.decode()
    assert mine.full_name not in filtered
    assert "No entries match" in filtered


def test_audit_list_has_constant_queries(client, department, django_assert_max_num_queries):
    officer = make_user(Role.PROCUREMENT_OFFICER, department=department)
    for _ in range(60):
        audit_record(actor=officer, action="test.bulk", obj=officer, department=department)
    client.force_login(officer)
    with django_assert_max_num_queries(12):
        response = client.get("/en/audit/")
    assert response.status_code == 200
    assert "Page 1 of 2" in response.content.decode()
