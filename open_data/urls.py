"""Open-data URLs. The data files are language-neutral and stable (documented in the
README); the bilingual pages are in page_urls.py."""

from django.urls import path

from . import views

urlpatterns = [
    path("open-data/ocds/releases.json", views.bulk_release_package, name="ocds_bulk"),
    path(
        "open-data/ocds/<str:ocid>/releases.json",
        views.release_package,
        name="ocds_release_package",
    ),
    path("open-data/ocds/<str:ocid>/record.json", views.record_package, name="ocds_record_package"),
    path("open-data/contracts.csv", views.contracts_csv, name="open_data_contracts"),
    path("open-data/contracts-nil.csv", views.contracts_nil_csv, name="open_data_contracts_nil"),
    path("open-data/contractsa.csv", views.contractsa_csv, name="open_data_contractsa"),
]
