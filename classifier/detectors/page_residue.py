"""``page.*``: scrape residue a reader would notice: list lead-ins whose items were stripped, and the like."""

from __future__ import annotations

import re

from ..page import Page
from ..results import Flag
from .base import Detector, make_flag

# A line that announces a list ("... may include:", "Responsible use includes:") ends with a colon.
_LEAD_IN = re.compile(r"^[^\n]{8,200}:[ \t]*$", re.M)


class EmptyListResidue(Detector):
    """A list lead-in line followed by no list items: the scraper dropped the list body.

    In the text the lead-in is followed directly by an ordinary sentence or another lead-in instead of
    short item lines or an HTML list.
    """

    name = "empty_list_residue"
    family = "page"

    def detect(self, page: Page) -> list[Flag]:
        text = page.text
        list_starts = {b.start for b in page.blocks if b.kind in ("ul", "ol", "li")}
        flags: list[Flag] = []
        for m in _LEAD_IN.finditer(text):
            nxt_start = m.end()
            while nxt_start < len(text) and text[nxt_start] in "\n \t":
                nxt_start += 1
            if nxt_start >= len(text):
                flags.append(self._flag(page, m))
                continue
            if nxt_start in list_starts:
                continue
            line_end = text.find("\n", nxt_start)
            nxt = text[nxt_start : line_end if line_end >= 0 else len(text)]
            if _looks_like_item(nxt):
                continue
            flags.append(self._flag(page, m))
        return flags

    def _flag(self, page: Page, m: re.Match[str]) -> Flag:
        return make_flag(page, "page.empty_list_residue", m.start(), m.end(), 0.2,
                         "This line introduces a list, but the list items are missing from the page.")


def _looks_like_item(line: str) -> bool:
    """Short lines, bullets and numbered lines are list items; a full sentence or another lead-in is not."""
    s = line.strip()
    if not s:
        return False
    if s[0] in "•-*–·▪◦●" or re.match(r"^\(?\d{1,2}[.)]\s", s):
        return True
    if s.endswith(":"):
        return False
    return len(s.split()) <= 8 and not s.endswith(".")


DETECTORS: tuple[Detector, ...] = (EmptyListResidue(),)
