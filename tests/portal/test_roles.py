import pytest

from procurement_portal.exceptions import RoleNotAllowed
from procurement_portal.models import AuditEntry, Role, RoleAssignment
from procurement_portal.services.roles import is_government_email, role_grant, role_revoke
from tests.factories import DepartmentFactory, UserFactory, make_user

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("email", "expected"),
    [
        ("jane@tbs-sct.gc.ca", True),
        ("jane@canada.ca", True),
        ("jane@GC.CA", True),
        ("jane@example.com", False),
        ("jane@notgc.ca", False),
        ("jane@gc.ca.evil.com", False),
    ],
)
def test_government_email_domains(email, expected):
    assert is_government_email(email) is expected


@pytest.mark.parametrize("role", [r for r in Role.government() if r != Role.SITE_ADMIN])
def test_non_government_address_cannot_get_a_government_role(role):
    user = UserFactory(email="owner@small-business.ca")
    with pytest.raises(RoleNotAllowed) as error:
        role_grant(user=user, role=role, department=DepartmentFactory())
    assert "government email" in str(error.value)
    assert not RoleAssignment.objects.filter(user=user).exists()
    assert not AuditEntry.objects.exists()


def test_non_government_address_cannot_be_site_admin():
    user = UserFactory(email="owner@small-business.ca")
    with pytest.raises(RoleNotAllowed):
        role_grant(user=user, role=Role.SITE_ADMIN)
    user.refresh_from_db()
    assert not user.is_staff


def test_government_role_needs_a_department():
    user = UserFactory(email="a@example.gc.ca")
    with pytest.raises(RoleNotAllowed):
        role_grant(user=user, role=Role.BUYER)


def test_grant_is_audited_and_repeating_it_is_harmless():
    officer = make_user(Role.PROCUREMENT_OFFICER)
    department = DepartmentFactory()
    user = UserFactory(email="b@example.gc.ca")
    role_grant(user=user, role=Role.BUYER, department=department, actor=officer)
    role_grant(user=user, role=Role.BUYER, department=department, actor=officer)
    assert RoleAssignment.objects.filter(user=user, role=Role.BUYER).count() == 1
    entries = AuditEntry.objects.filter(action="role.grant", object_id=str(user.pk))
    assert entries.count() == 1
    assert entries.get().actor == officer
    assert user.has_role(Role.BUYER, department)


def test_vendor_signs_up_freely_with_any_address():
    user = UserFactory(email="owner@small-business.ca")
    role_grant(user=user, role=Role.VENDOR_MEMBER, actor=user)
    assert user.is_vendor and not user.is_government


def test_revoke_removes_the_role_and_is_harmless_twice():
    department = DepartmentFactory()
    user = make_user(Role.EVALUATOR, department=department)
    role_revoke(user=user, role=Role.EVALUATOR, department=department)
    role_revoke(user=user, role=Role.EVALUATOR, department=department)
    assert not user.has_role(Role.EVALUATOR)
    assert AuditEntry.objects.filter(action="role.revoke").count() == 1


def test_site_admin_gets_and_loses_admin_access():
    user = make_user(Role.SITE_ADMIN)
    user.refresh_from_db()
    assert user.is_staff and user.is_superuser
    role_revoke(user=user, role=Role.SITE_ADMIN)
    user.refresh_from_db()
    assert not user.is_staff and not user.is_superuser


def test_officer_grants_a_role_through_the_roles_page(client, department):
    officer = make_user(Role.PROCUREMENT_OFFICER, department=department)
    target = UserFactory(email="new.buyer@example.gc.ca")
    client.force_login(officer)
    response = client.post(
        "/en/roles/",
        {"email": target.email, "role": Role.BUYER, "department": department.pk},
    )
    assert response.status_code == 302
    assert target.role_assignments.filter(role=Role.BUYER, department=department).exists()


def test_roles_page_shows_a_clear_error_for_a_vendor_address(client, department):
    officer = make_user(Role.PROCUREMENT_OFFICER, department=department)
    UserFactory(email="owner@small-business.ca")
    client.force_login(officer)
    response = client.post(
        "/fr/roles/",
        {"email": "owner@small-business.ca", "role": Role.BUYER, "department": department.pk},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert 'class="error-summary"' in body
    assert "gouvernement" in body  # the message is in French on the French page


def test_officer_cannot_grant_in_another_department(client, department):
    officer = make_user(Role.PROCUREMENT_OFFICER, department=department)
    other = DepartmentFactory()
    target = UserFactory(email="x@example.gc.ca")
    client.force_login(officer)
    response = client.post(
        "/en/roles/", {"email": target.email, "role": "buyer", "department": other.pk}
    )
    assert response.status_code == 200
    assert not target.role_assignments.exists()


def test_the_person_is_told_about_a_new_government_role_in_their_language(
    mailoutbox, django_capture_on_commit_callbacks
):
    department = DepartmentFactory(name_en="Parks Canada", name_fr="Parcs Canada")
    user = UserFactory(email="new.evaluator@example.gc.ca", preferred_language="fr")
    with django_capture_on_commit_callbacks(execute=True):
        role_grant(user=user, role=Role.EVALUATOR, department=department)
        role_grant(user=user, role=Role.EVALUATOR, department=department)  # no 2nd email
    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == [user.email]
    assert "Parcs Canada" in email.body
    assert "/fr/compte/" in email.body
    assert email.alternatives[0].mimetype == "text/html"
