"""Every worksheet of the guideline, by code, in the guideline's order."""

from colead.worksheets import a_1, a_2, a_3, a_4, b_1, b_2, b_3, b_4, b_5, b_6
from colead.worksheets.schema import Track, Worksheet

WORKSHEETS: dict[str, Worksheet] = {
    module.WORKSHEET.code: module.WORKSHEET
    for module in (a_1, a_2, a_3, a_4, b_1, b_2, b_3, b_4, b_5, b_6)
}


def by_track(track: Track) -> list[Worksheet]:
    return [sheet for sheet in WORKSHEETS.values() if sheet.track == track]


def question_totals() -> dict[str, int]:
    return {code: len(sheet.questions()) for code, sheet in WORKSHEETS.items()}
