import pytest
from django.core.exceptions import ValidationError

from procurement_portal.exceptions import PortalError
from procurement_portal.models import AuditEntry, Role
from tests.factories import make_user
from vendors.models import Vendor, VendorMember
from vendors.models.vendors import validate_business_number
from vendors.services.members import (
    invitation_accept,
    member_invite,
    member_leave,
    member_remove,
    member_set_role,
)

from .factories import business_number, make_vendor

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("number", ["12345678", "1234567890", "12345678A", "123456789"])
def test_invalid_business_numbers_are_refused(number):
    with pytest.raises(ValidationError):
        validate_business_number(number)


def test_a_valid_business_number_passes():
    validate_business_number(business_number(12345678))


def test_first_member_is_owner_and_creation_is_audited():
    vendor = make_vendor()
    member = vendor.members.get()
    assert member.is_owner
    assert AuditEntry.objects.filter(action="vendor.create", object_id=str(vendor.pk)).exists()


def test_duplicate_business_number_is_refused_without_saying_who_holds_it(client):
    number = business_number()
    make_vendor(business_number=number, legal_name="Secret Holder Inc.")
    newcomer = make_user(Role.VENDOR_MEMBER)
    with pytest.raises(PortalError) as error:
        make_vendor(owner=newcomer, business_number=number)
    assert error.value.field == "business_number"
    assert "Secret Holder" not in error.value.message
    assert Vendor.objects.count() == 1
    assert not VendorMember.objects.filter(user=newcomer).exists()


def test_registration_form_shows_errors_at_the_right_fields(client):
    make_vendor(business_number="123456782")
    client.force_login(make_user(Role.VENDOR_MEMBER))
    response = client.post(
        "/en/my-business/register/",
        {
            "legal_name": "New Co",
            "business_number": "123456782",
            "address": "1 Main",
            "city": "Ottawa",
            "province": "ON",
            "postal_code": "K1A 0B1",
            "contact_email": "a@newco.ca",
            "employees": "3",
            "revenue_band": "under_500k",
            "payment_method": "link",
            "payment_link": "https://pay.newco.ca",
        },
    )
    body = response.content.decode()
    assert 'id="id_business_number_error"' in body and "already registered" in body
    response = client.post(
        "/en/my-business/register/", {"postal_code": "12345", "business_number": "111"}
    )
    body = response.content.decode()
    assert 'id="id_postal_code_error"' in body and "Canadian postal code" in body
    assert "9 digits" in body
    assert Vendor.objects.count() == 1


def test_invitation_and_membership_rules(mailoutbox, django_capture_on_commit_callbacks):
    vendor = make_vendor()
    owner = vendor.members.get().user
    colleague = make_user(Role.VENDOR_MEMBER, email="colleague@access-tremblay.ca")
    with django_capture_on_commit_callbacks(execute=True):
        invitation = member_invite(vendor=vendor, actor=owner, email=colleague.email)
    assert mailoutbox[0].to == [colleague.email] and invitation.token in mailoutbox[0].body
    member = invitation_accept(token=invitation.token, actor=colleague)
    assert invitation_accept(token=invitation.token, actor=colleague) == member  # harmless
    assert not member.is_owner
    stranger = make_user(Role.VENDOR_MEMBER)
    with pytest.raises(PortalError):
        invitation_accept(token=invitation.token, actor=stranger)
    with pytest.raises(PortalError):  # a member cannot invite
        member_invite(vendor=vendor, actor=colleague, email="x@example.com")


def test_a_business_always_keeps_an_owner():
    vendor = make_vendor()
    owner_member = vendor.members.get()
    owner = owner_member.user
    with pytest.raises(PortalError, match="always keeps an owner"):
        member_leave(vendor=vendor, actor=owner)
    colleague = make_user(Role.VENDOR_MEMBER)
    member = invitation_accept(
        token=member_invite(vendor=vendor, actor=owner, email=colleague.email).token,
        actor=colleague,
    )
    member_set_role(vendor=vendor, actor=owner, member=member, role="owner")
    member_leave(vendor=vendor, actor=owner)  # another owner remains: allowed
    assert list(vendor.members.values_list("user", "role")) == [(colleague.pk, "owner")]
    with pytest.raises(PortalError, match="always keeps an owner"):
        member_remove(vendor=vendor, actor=colleague, member=vendor.members.get())


def test_size_from_people_and_revenue():
    assert make_vendor(employees=3, revenue_band="under_500k").size == "micro"
    assert make_vendor(employees=3, revenue_band="under_5m").size == "small"
    assert make_vendor(employees=150, revenue_band="under_5m").size == "medium"
    assert make_vendor(employees=20, revenue_band="over_50m").size == "large"


def test_member_roles_are_owner_or_member_only():
    vendor = make_vendor()
    owner = vendor.members.get().user
    colleague = make_user(Role.VENDOR_MEMBER)
    member = invitation_accept(
        token=member_invite(vendor=vendor, actor=owner, email=colleague.email).token,
        actor=colleague,
    )
    with pytest.raises(PortalError):
        member_set_role(vendor=vendor, actor=owner, member=member, role="superuser")
    member.refresh_from_db()
    assert member.role == "member"
