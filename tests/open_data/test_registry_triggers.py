"""Our Python copy of the registry's triggers gives the registry's own answers.

The cases are those of the registry's test suite (ckanext/canada/tests/test_contracts.py and
test_contractsa.py), run against `open_data.registry.triggers`: if the copy drifted from the
PL/pgSQL it re-expresses, these fail before any dataset test trusts it.
"""

from datetime import date

import pytest

from open_data.registry import resource
from open_data.registry.triggers import contracts_errors, contractsa_errors, nil_errors

REQ = ["This field must not be empty"]


def example(**changes):
    return {**resource("contracts")["examples"]["record"], **changes}


def test_the_registry_example_passes():
    assert contracts_errors(example()) == {}
    assert contractsa_errors(resource("contractsa")["examples"]["record"]) == {}
    assert nil_errors(resource("contracts-nil")["examples"]["record"]) == {}


def test_commas_in_the_reference_number():
    assert contracts_errors(example(reference_number="this,is,a,failure")) == {
        "reference_number": ["Comma is not allowed in Reference Number field"]
    }


def test_required_fields():
    assert contracts_errors({"reference_number": "42"}) == {"contract_date": REQ}
    since_2022 = contracts_errors({"reference_number": "42", "contract_date": "2022-01-01"})
    assert since_2022 == {
        name: REQ
        for name in [
            "buyer_name",
            "commodity_code",
            "commodity_type",
            "contract_value",
            "country_of_vendor",
            "delivery_date",
            "description_en",
            "description_fr",
            "economic_object_code",
            "former_public_servant",
            "indigenous_business",
            "indigenous_business_excluding_psib",
            "instrument_type",
            "intellectual_property",
            "land_claims",
            "limited_tendering_reason",
            "ministers_office",
            "original_value",
            "procurement_id",
            "reporting_period",
            "solicitation_procedure",
            "trade_agreement",
            "trade_agreement_exceptions",
            "vendor_name",
            "vendor_postal_code",
        ]
    }
    since_2019 = contracts_errors({"reference_number": "42", "contract_date": "2019-01-01"})
    assert since_2019 == {
        name: REQ
        for name in [
            "agreement_type_code",
            "commodity_code",
            "commodity_type",
            "contract_value",
            "country_of_vendor",
            "delivery_date",
            "description_en",
            "description_fr",
            "economic_object_code",
            "former_public_servant",
            "indigenous_business_excluding_psib",
            "instrument_type",
            "intellectual_property",
            "original_value",
            "procurement_id",
            "reporting_period",
            "trade_agreement_exceptions",
            "vendor_name",
        ]
    }
    assert contracts_errors({"reference_number": "42", "contract_date": "2018-12-31"}) == {}


def test_ministers_office():
    assert "ministers_office" in contracts_errors(
        example(contract_date="2019-06-21", ministers_office=None)
    )
    assert contracts_errors(example(contract_date="2019-06-21", ministers_office="N")) == {}


def test_2022_fields():
    assert contracts_errors(
        example(
            contract_date="2022-01-01",
            vendor_postal_code=None,
            buyer_name="",
            trade_agreement="",
            agreement_type_code="Z",
            land_claims=None,
            indigenous_business="",
        )
    ) == {
        "vendor_postal_code": REQ,
        "buyer_name": REQ,
        "trade_agreement": REQ,
        "agreement_type_code": ["Discontinued as of 2022-01-01"],
        "land_claims": REQ,
        "indigenous_business": REQ,
    }


def test_multi_field_errors():
    errors = contracts_errors(
        example(
            trade_agreement=["XX", "NA"],
            land_claims=["JN", "NA"],
            limited_tendering_reason=["00", "05"],
            trade_agreement_exceptions=["00", "01"],
        )
    )
    assert errors == {
        "trade_agreement": [
            "If the value XX (none) is entered, then no other value can be entered in this field."
        ],
        "land_claims": [
            "If the value NA (not applicable) is entered, then no other value can "
            "be entered in this field."
        ],
        "limited_tendering_reason": [
            "If the value 00 (none) is entered, then no other value can be entered in this field."
        ],
        "trade_agreement_exceptions": [
            "If the value 00 (none) is entered, then no other value can be entered in this field."
        ],
    }


def test_inter_field_errors():
    assert contracts_errors(
        example(
            contract_date="2022-01-01",
            instrument_type="A",
            buyer_name="Smith",
            economic_object_code="NA",
            trade_agreement=["CA"],
            land_claims=["JN"],
            award_criteria="0",
            solicitation_procedure="TN",
        )
    ) == {
        "buyer_name": [
            "This field must be populated with an NA if an amendment is disclosed "
            "under Instrument Type"
        ],
        "economic_object_code": [
            "If N/A, then Instrument Type must be identified as a "
            "standing offer/supply arrangement (SOSA)"
        ],
        "number_of_bids": [
            "This field must be populated with a 1 if the solicitation "
            "procedure is identified as non-competitive (TN) or Advance "
            "Contract Award Notice (AC)."
        ],
    }
    assert contracts_errors(example(trade_agreement=["CA"], agreement_type_code="0")) == {
        "agreement_type_code": ["Must be left blank when trade agreements specified"]
    }
    errors = contracts_errors(
        example(
            contract_date="2022-01-01",
            solicitation_procedure="TC",
            trade_agreement=["CA"],
            limited_tendering_reason=["00"],
            indigenous_business_excluding_psib="Y",
            indigenous_business="MS",
        )
    )
    assert set(errors) == {
        "limited_tendering_reason",
        "solicitation_procedure",
        "indigenous_business_excluding_psib",
    }
    errors = contracts_errors(
        example(
            contract_date="2022-01-01",
            instrument_type="A",
            award_criteria="1",
            article_6_exceptions="1",
            solicitation_procedure="OB",
            buyer_name="NA",
        )
    )
    assert set(errors) == {"award_criteria", "article_6_exceptions"}


def test_field_lengths_and_postal_code():
    assert contracts_errors(
        example(economic_object_code="467782", commodity_code="K23HG367BU")
    ) == {
        "economic_object_code": ["This field is limited to only 3 or 4 digits."],
        "commodity_code": ["The field is limited to eight alpha-numeric digits or less."],
    }
    assert contracts_errors(example(vendor_postal_code="1A1")) == {
        "vendor_postal_code": [
            "This field must contain the first three digits of a postal code in A1A format or the "
            'value "NA"'
        ]
    }


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("indigenous_business", "Y"),
        ("socioeconomic_indicator_is_not_checked", None),
        ("country_of_vendor", "XX"),
        ("reporting_period", "2026-Q3"),
        ("commodity_type", "D"),
    ],
)
def test_codes_outside_the_choice_lists_are_refused(name, value):
    if value is None:
        # The trigger does not check socioeconomic_indicator; our dataset tests do.
        return
    assert contracts_errors(example(contract_date="2022-01-01", **{name: value}))[name][
        0
    ].startswith("Invalid choice")


def test_contractsa_year_and_blanks():
    record = resource("contractsa")["examples"]["record"]
    assert contractsa_errors({**record, "year": "2050"}, today=date(2026, 12, 1)) == {
        "year": ["This must list the year you are reporting on (not the fiscal year)."]
    }
    assert set(contractsa_errors({"year": "2026"})) == {f for f in record if f != "year"}
    assert nil_errors({"reporting_period": ""}) == {"reporting_period": REQ}


def test_the_shipped_definitions_know_this_quarter():
    """The registry adds each fiscal year's quarters to choices/quarter.yaml; our copy must be
    refreshed when it lags, or the triggers would refuse this quarter's rows."""
    from django.utils import timezone

    from open_data.disclosure import Quarter

    this_quarter = str(Quarter.containing(timezone.localdate()))
    assert this_quarter in resource_choices("reporting_period"), (
        f"{this_quarter} is not in open_data/registry/choices/quarter.yaml: copy the newer "
        "files from the registry's repository (see open_data/registry/NOTICE.md)"
    )


def resource_choices(name):
    from open_data.registry import choices

    return choices("contracts", name)
