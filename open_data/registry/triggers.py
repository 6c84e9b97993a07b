"""The registry's validation triggers, re-expressed in Python.

The registry refuses a row when its PL/pgSQL trigger (`contracts_trigger`, `contractsa_trigger`,
`contracts_nil_trigger` in the table definitions, with the helpers `required_error`,
`choice_error`, `choices_clean_error` and `truthy_to_yn` of ckanext/canada/triggers.py) returns
errors. These functions follow the same rules, in the same order and with the same messages, so
a test can say which of our rows the registry would refuse and why. SQL's NULL logic is kept:
a comparison with an empty value is never true.

Rows come as published (CSV strings) or as the registry's own examples (lists, numbers).
"""

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from . import choices, field, fields, trigger_string

REQUIRED = "This field must not be empty"
WHITESPACE = "\t\n\x0b\x0c\r \xa0"
TRUTHY = re.compile(r"\b(true|t|vrai|v|1|yes|y|oui|o)\b", re.IGNORECASE)
FALSY = re.compile(r"\b(false|f|faux|0|no|n|non)\b", re.IGNORECASE)
POSTAL_PREFIX = re.compile(r"^[A-Z][0-9][A-Z]$")


class _Errors(dict):
    def add(self, name: str, message: str) -> None:
        self.setdefault(name, []).append(message)

    def required(self, value, name: str) -> None:
        if value is None or value == "" or value == []:
            self.add(name, REQUIRED)

    def choice(self, value, allowed, name: str) -> None:
        if value not in (None, "") and value not in allowed:
            self.add(name, f'Invalid choice: "{value}"')

    def clean_choices(self, value, allowed, name: str) -> list[str]:
        value = value or []
        bad = [code for code in value if code not in allowed]
        if bad:
            self.add(name, f'Invalid choice: "{",".join(bad)}"')
        return [code for code in allowed if code in value]


def _parse(resource: str, row: dict, errors: _Errors) -> dict:
    """Convert each value to the field's datastore type, as the registry's datastore does."""
    parsed = {}
    for name, value in row.items():
        try:
            kind = field(resource, name).get("datastore_type", "text")
        except StopIteration:
            continue  # owner_org and owner_org_title: the registry sets them itself
        if isinstance(value, str) and kind != "text":
            value = value.strip()
        if value in (None, ""):
            parsed[name] = None if kind != "text" else value
            continue
        try:
            if kind == "_text":
                parsed[name] = (
                    [str(v).strip() for v in value]
                    if isinstance(value, list)
                    else [v.strip() for v in str(value).split(",") if v.strip()]
                )
            elif kind == "date":
                parsed[name] = value if isinstance(value, date) else date.fromisoformat(value)
            elif kind == "money":
                amount = Decimal(str(value))
                if not amount.is_finite():
                    raise InvalidOperation
                parsed[name] = amount
            elif kind in {"int", "year"}:
                parsed[name] = int(str(value))
            else:
                parsed[name] = str(value)
        except (ValueError, InvalidOperation):
            errors.add(name, f'Invalid value: "{value}"')
            parsed[name] = None
    return parsed


def _truthy_to_yn(value):
    if value is None:
        return None
    truthy, falsy = bool(TRUTHY.search(value)), bool(FALSY.search(value))
    if truthy and not falsy:
        return "Y"
    if falsy and not truthy:
        return "N"
    return None


def _trim(value):
    return value.strip(WHITESPACE) if isinstance(value, str) else value


def _on_or_after(day, text: str) -> bool:
    return day is not None and day >= date.fromisoformat(text)


def _zero_pad(codes: list[str] | None) -> list[str] | None:
    if codes and len("".join(codes)) == 1:
        return ["0" + "".join(codes)]
    return codes


def contracts_errors(row: dict) -> dict[str, list[str]]:
    """contracts_trigger: what the registry says about one row of the contracts table."""
    errors = _Errors()
    r = _parse("contracts", row, errors)
    get = r.get
    text = lambda key: get(key) or ""  # noqa: E731 - NULL and '' alike for <> ''
    message = lambda key: trigger_string("contracts", key)  # noqa: E731
    cd = get("contract_date")
    since_2019, since_2022 = _on_or_after(cd, "2019-01-01"), _on_or_after(cd, "2022-01-01")
    instrument = get("instrument_type")

    errors.required(get("reference_number"), "reference_number")
    if "," in text("reference_number"):
        errors.add("reference_number", message("reference_number_error"))
    errors.required(cd, "contract_date")
    r["procurement_id"] = _trim(get("procurement_id"))
    if since_2019:
        errors.required(get("procurement_id"), "procurement_id")
        errors.required(get("vendor_name"), "vendor_name")
    if since_2022:
        errors.required(get("vendor_postal_code"), "vendor_postal_code")
    postal = text("vendor_postal_code")
    if postal and postal != "NA" and not POSTAL_PREFIX.match(postal):
        errors.add("vendor_postal_code", message("vendor_postal_code_error"))
    if since_2022:
        errors.required(get("buyer_name"), "buyer_name")
        if get("buyer_name") is not None and _trim(get("buyer_name")) != "NA" and instrument == "A":
            errors.add("buyer_name", message("buyer_name_error"))

    r["economic_object_code"] = _trim(get("economic_object_code"))
    if len(text("economic_object_code")) > 4:
        errors.add("economic_object_code", message("economic_object_code_limit_error"))
    if get("economic_object_code") == "NA" and instrument is not None and instrument != "SOSA":
        errors.add("economic_object_code", message("economic_object_code_error"))
    if since_2019:
        for name in (
            "economic_object_code",
            "description_en",
            "description_fr",
            "delivery_date",
            "contract_value",
        ):
            errors.required(get(name), name)
    commodity_type = get("commodity_type")
    if since_2019 and commodity_type is not None and commodity_type != "G":
        errors.required(get("contract_period_start"), "contract_period_start")
    if since_2019 and instrument == "A":
        errors.required(get("amendment_value"), "amendment_value")
    if since_2019:
        errors.required(get("original_value"), "original_value")

    if since_2022:
        errors.required(get("trade_agreement"), "trade_agreement")
    agreements = errors.clean_choices(
        get("trade_agreement"), choices("contracts", "trade_agreement"), "trade_agreement"
    )
    if "XX" in agreements and agreements != ["XX"]:
        errors.add("trade_agreement", message("trade_agreement_error"))
    if since_2022:
        if text("agreement_type_code"):
            errors.add("agreement_type_code", message("agreement_type_code_discontinued_error"))
    elif agreements == [] and since_2019:
        errors.required(get("agreement_type_code"), "agreement_type_code")
    if agreements and text("agreement_type_code"):
        errors.add("agreement_type_code", message("agreement_type_code_error"))

    if since_2022:
        errors.required(get("land_claims"), "land_claims")
    claims = errors.clean_choices(
        get("land_claims"), choices("contracts", "land_claims"), "land_claims"
    )
    if "NA" in claims and claims != ["NA"]:
        errors.add("land_claims", message("land_claims_error"))

    if since_2019:
        errors.required(commodity_type, "commodity_type")
    errors.choice(commodity_type, choices("contracts", "commodity_type"), "commodity_type")
    if since_2019:
        errors.required(get("commodity_code"), "commodity_code")
        errors.required(get("country_of_vendor"), "country_of_vendor")
    if len(_trim(text("commodity_code"))) > 8:
        errors.add("commodity_code", message("commodity_code_error"))
    errors.choice(
        get("country_of_vendor"), choices("contracts", "country_of_vendor"), "country_of_vendor"
    )

    procedure = get("solicitation_procedure")
    if since_2022:
        errors.required(procedure, "solicitation_procedure")
    errors.choice(
        procedure, choices("contracts", "solicitation_procedure"), "solicitation_procedure"
    )

    tendering = _zero_pad(get("limited_tendering_reason"))
    if since_2022:
        errors.required(tendering, "limited_tendering_reason")
    allowed = list(choices("contracts", "limited_tendering_reason"))
    if since_2022:
        allowed = [c for c in allowed if c not in {"24", "25", "85", "86", "87", "90"}]
    tendering = errors.clean_choices(tendering, allowed, "limited_tendering_reason")
    if "00" in tendering and tendering != ["00"]:
        errors.add("limited_tendering_reason", message("limited_tendering_reason_00_error"))
    if (
        procedure in {"TC", "TN", "AC"}
        and agreements not in ([], ["XX"])
        and tendering == ["00"]
        and since_2022
    ):
        errors.add("limited_tendering_reason", message("limited_tendering_reason_error"))
        errors.add("solicitation_procedure", message("solicitation_procedure_error"))

    exceptions = _zero_pad(get("trade_agreement_exceptions"))
    if exceptions and "00" in exceptions and exceptions != ["00"]:
        errors.add("trade_agreement_exceptions", message("trade_agreement_exceptions_error"))
    if since_2019:
        errors.required(exceptions, "trade_agreement_exceptions")
    if since_2022:
        errors.clean_choices(
            exceptions,
            [c for c in choices("contracts", "trade_agreement_exceptions") if c != "04"],
            "trade_agreement_exceptions",
        )

    indigenous = get("indigenous_business")
    if since_2022:
        errors.required(indigenous, "indigenous_business")
    errors.choice(indigenous, choices("contracts", "indigenous_business"), "indigenous_business")
    excluding_psib = _truthy_to_yn(get("indigenous_business_excluding_psib"))
    property_code = get("intellectual_property")
    if since_2019:
        errors.required(excluding_psib, "indigenous_business_excluding_psib")
        errors.required(property_code, "intellectual_property")
    if excluding_psib not in (None, "", "N") and indigenous in {"MS", "VS"}:
        errors.add(
            "indigenous_business_excluding_psib",
            message("indigenous_business_excluding_psib_error"),
        )
    property_choices = list(choices("contracts", "intellectual_property"))
    if _on_or_after(cd, "2017-01-01"):
        property_choices = [c for c in property_choices if c not in {"A65", "D"}]
    if since_2022:
        property_choices = [c for c in property_choices if c not in {"A1", "NA"}]
    errors.choice(property_code, property_choices, "intellectual_property")
    exploitation = _truthy_to_yn(get("potential_commercial_exploitation"))
    if since_2019 and property_code is not None and property_code not in {"C", "NA"}:
        errors.required(exploitation, "potential_commercial_exploitation")

    if since_2019:
        errors.required(_truthy_to_yn(get("former_public_servant")), "former_public_servant")
    entity = get("contracting_entity")
    if since_2022 and text("standing_offer_number"):
        errors.required(entity, "contracting_entity")
    errors.choice(entity, choices("contracts", "contracting_entity"), "contracting_entity")
    if since_2019 and entity in {"PWSOSA", "SSCSOSA"}:
        errors.required(get("standing_offer_number"), "standing_offer_number")
    if since_2019:
        errors.required(instrument, "instrument_type")
    errors.choice(instrument, choices("contracts", "instrument_type"), "instrument_type")
    ministers_office = _truthy_to_yn(get("ministers_office"))
    if _on_or_after(cd, "2019-06-21"):
        errors.required(ministers_office, "ministers_office")
    errors.choice(ministers_office, choices("contracts", "ministers_office"), "ministers_office")

    bids = get("number_of_bids")
    if bids is not None and procedure in {"TN", "AC"} and bids != 1:
        errors.add("number_of_bids", message("number_of_bids_error"))
    criteria = text("award_criteria")
    if criteria not in {"", "0"} and (procedure in {"TN", "AC"} or instrument == "A"):
        errors.add("award_criteria", message("award_criteria_error"))
    article_6 = text("article_6_exceptions")
    if article_6 not in {"", "0"} and procedure is not None and procedure not in {"TN", "AC"}:
        errors.add("article_6_exceptions", message("article_6_exceptions_error"))
    if since_2019:
        errors.required(get("reporting_period"), "reporting_period")
        errors.choice(
            get("reporting_period"), choices("contracts", "reporting_period"), "reporting_period"
        )
    return dict(errors)


def contractsa_errors(row: dict, *, today: date | None = None) -> dict[str, list[str]]:
    """contractsa_trigger: every figure is required; the year is a calendar year, not later
    than the current one."""
    from django.utils import timezone

    errors = _Errors()
    r = _parse("contractsa", row, errors)
    for definition in fields("contractsa"):
        name = definition["datastore_id"]
        if name not in errors:
            errors.required(r.get(name), name)
    year = r.get("year")
    if year is not None and year > (today or timezone.localdate()).year:
        errors.add("year", trigger_string("contractsa", "year_error"))
    return dict(errors)


def nil_errors(row: dict) -> dict[str, list[str]]:
    """contracts_nil_trigger: the reporting period is required."""
    errors = _Errors()
    r = _parse("contracts-nil", row, errors)
    errors.required(r.get("reporting_period"), "reporting_period")
    return dict(errors)
