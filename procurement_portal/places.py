"""Place names in the reader's language where the two official names differ.

Provinces and territories have official names in both languages; of the cities, only the
few whose English and French names differ are listed (most, like Montréal or Trois-Rivières,
are written the same in both). Free-text places ("Quebec City, Quebec") are translated part
by part; anything unknown is shown as written.
"""

from django.utils import translation

# (English, French). Sources: the names of provinces and territories of the Canadian
# Geographical Names Database, and Canada.ca usage for cities.
NAMES = [
    ("British Columbia", "Colombie-Britannique"),
    ("New Brunswick", "Nouveau-Brunswick"),
    ("Newfoundland and Labrador", "Terre-Neuve-et-Labrador"),
    ("Nova Scotia", "Nouvelle-Écosse"),
    ("Northwest Territories", "Territoires du Nord-Ouest"),
    ("Prince Edward Island", "Île-du-Prince-Édouard"),
    ("Quebec", "Québec"),
    ("Quebec City", "Ville de Québec"),
    ("Montreal", "Montréal"),
    ("St. John's", "St. John’s"),
    ("Greater Sudbury", "Grand Sudbury"),
    ("Remote", "À distance"),
]
_TO_FRENCH = {english.casefold(): french for english, french in NAMES}
_TO_ENGLISH = {french.casefold(): english for english, french in NAMES}
_TO_ENGLISH["ville de québec"] = "Quebec City"
_TO_ENGLISH["montréal"] = "Montréal"  # the city's official name, used in English too


def place_name(text: str) -> str:
    """ "Quebec City, Quebec" → "Ville de Québec, Québec" on a French page, and back."""
    if not text:
        return text
    french = (translation.get_language() or "en").startswith("fr")
    table = _TO_FRENCH if french else _TO_ENGLISH
    parts = [part.strip() for part in text.split(",")]
    return ", ".join(table.get(part.casefold(), part) for part in parts)
