"""``commercial.obfuscated_drug_name``: one flag per disguised drug name that :mod:`.disguise` finds."""

from __future__ import annotations

from ...page import Page
from ...results import Flag
from ..base import Detector, make_flag
from ._shared import _quoted, _severity, _warned_list
from .context import _context


class ObfuscatedDrugNameDetector(Detector):
    """Drug names disguised to pass keyword filters; plain spellings are never flagged, and neither are disguised
    names the page quotes (news of a spam wave naming its "V1agra") or lists under warning signs ("Red flags:
    • names spelled like V1agra")."""

    name = "commercial_obfuscated_drug_name"
    family = "commercial"
    code = "commercial.obfuscated_drug_name"

    def detect(self, page: Page) -> list[Flag]:
        text = page.text
        return [make_flag(page, self.code, d.start, d.end, _severity(0.6, d.drug),
                          f"'{text[d.start:d.end]}' is {d.name} spelled to dodge filters ({d.how}).")
                for d in _context(page).disguised
                if not (_quoted(text, d.start, d.end) or _warned_list(text, d.start))]
