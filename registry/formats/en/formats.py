# Dates as NGO staff type them, as the spreadsheet import reads them: ISO first (what the
# admin's calendar writes), then day first. Django's English also reads month first
# (06/25/2020), which would read 05/06/2020 as 6 May: not here.
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y"]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y",
]
# Shown day first as well, never 12/03/2026 (3 December to the staff, 12 March to Django's
# English).
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
