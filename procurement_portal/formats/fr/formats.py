# French (Canada): "22 novembre 2026", "13 h 40", ISO dates in tables.
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H \\h i"
SHORT_DATE_FORMAT = "Y-m-d"
TIME_FORMAT = "H \\h i"
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"
NUMBER_GROUPING = 3
