"""Spreadsheet formats that never let a cell run as a formula (CSV/formula injection).

django-import-export's own option only drops a leading "="; a cell starting with + - @, a
tab or a carriage return can also run in Excel or LibreOffice, so we prefix such cells
with an apostrophe, which spreadsheets show as text.
"""

from import_export.formats import base_formats

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


class SafeExportMixin:
    """Mixed into import-export admin classes and resources (which define export_data)."""

    def export_data(self, dataset, **kwargs):
        rows = [[neutralise(cell) for cell in row] for row in dataset]
        clean = dataset.__class__(*rows, headers=dataset.headers, title=dataset.title)
        return super().export_data(clean, **kwargs)  # type: ignore[misc]


class SafeCSV(SafeExportMixin, base_formats.CSV):
    pass


class SafeXLSX(SafeExportMixin, base_formats.XLSX):
    pass
