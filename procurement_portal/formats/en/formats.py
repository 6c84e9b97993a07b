# Canadian English: "November 22, 2026" in prose, ISO dates in tables (use "Y-m-d").
DATE_FORMAT = "F j, Y"
DATETIME_FORMAT = "F j, Y, g:i a"
SHORT_DATE_FORMAT = "Y-m-d"
TIME_FORMAT = "g:i a"
