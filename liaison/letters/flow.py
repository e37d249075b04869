"""Where a letter may break from one page to the next: the rules an office letter keeps.

- The closing and the signature never start a page on their own: the last paragraph of the body
  goes with them, or, when it is long, its last two lines (``KeepEnd``).
- A heading never ends a page: it goes where at least the start of what it heads fits below it,
  a table's header and first two rows or a paragraph's first two lines (``KeepWithNext``).
- A paragraph never leaves its last line alone at the top of a page, nor its first line alone at
  the foot of one (the paragraph styles' ``allowWidows=0`` and reportlab's default orphan
  control); a table repeats its header on every page it continues on and never leaves the header
  without a row (reportlab's ``repeatRows``).

Both flowables work as reportlab's ``KeepTogether`` does: they always ask the frame to split them
and decide there, with the room actually left on the page. Where nothing would be left alone they
hand back the very flowables they hold, so such a letter prints exactly as it would without them.
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Flowable, KeepTogether, Paragraph, Table

LINES_KEPT = 2  # of a paragraph: its last lines go with the closing, its first under a heading
ROWS_KEPT = 2  # of a table: besides its header, under a heading or with the closing
_ENDLESS = 0xFFFFFF  # the height that makes the frame split a flowable (as ``KeepTogether`` does)
_SLACK = 0.01  # points: float rounding between this sum and the frame's never costs a line


def _at_top(flowable: Flowable) -> bool:
    """Whether the frame being filled is still empty: nothing is gained by waiting for the next
    page, and reportlab refuses a flowable that will not go on an empty one."""
    frame = getattr(flowable, "_frame", None)
    return frame is None or bool(getattr(frame, "_atTop", False))


def _stacked(items: list[Any], width: float) -> float:
    """The height ``items`` take one below the other, as a frame places them (reportlab's
    frames let the space after one overlap the space before the next)."""
    total = 0.0
    previous: Any = None
    for item in items:
        total += item.wrap(width, _ENDLESS)[1]
        if previous is not None:
            total += max(previous.getSpaceAfter(), item.getSpaceBefore())
        previous = item
    return total


def _lines(paragraph: Any, width: float) -> int:
    paragraph.wrap(width, _ENDLESS)
    return len(paragraph.blPara.lines)


def _divisible(flowable: Any, width: float) -> bool:
    """Whether ``flowable`` can be parted with enough of it on both sides: two lines of a
    paragraph, or two rows of a table under its header."""
    if isinstance(flowable, Paragraph):
        return _lines(flowable, width) >= 2 * LINES_KEPT
    if isinstance(flowable, Table):
        flowable.wrap(width, _ENDLESS)
        rows: list[float] = flowable._rowHeights
        return len(rows) >= int(flowable.repeatRows) + 2 * ROWS_KEPT
    return False


def least(flowable: Any, width: float) -> float:
    """The least height of ``flowable`` that may stand at the foot of a page: the first lines or
    rows it can be split after, or all of it."""
    if isinstance(flowable, KeepWithNext | KeepEnd):
        return flowable.least(width)
    height: float = flowable.wrap(width, _ENDLESS)[1]
    if isinstance(flowable, Table):
        return min(height, float(sum(flowable._rowHeights[: flowable.repeatRows + ROWS_KEPT])))
    if isinstance(flowable, Paragraph) and _divisible(flowable, width):
        return float(LINES_KEPT * flowable.style.leading)
    return height


def split_keeping_end(flowable: Any, width: float, height: float) -> list[Any]:
    """``flowable`` in two: what fits in ``height`` (at least two lines or rows) and the rest,
    which keeps at least its last two lines or rows (a table's header repeated above them).
    Empty when it cannot be split so."""
    if isinstance(flowable, Paragraph):
        lines = _lines(flowable, width)
        leading = flowable.style.leading
        first = min(int(height / leading), lines - LINES_KEPT)
        if first < LINES_KEPT:
            return []
        parts = flowable.split(width, (first + 0.5) * leading)
    elif isinstance(flowable, Table):
        total = flowable.wrap(width, _ENDLESS)[1]
        rows = flowable._rowHeights
        room = min(height, total - sum(rows[-ROWS_KEPT:]))
        fits, used = 0, 0.0
        while fits < len(rows) and used + rows[fits] <= room:  # reportlab's own count
            used += rows[fits]
            fits += 1
        if fits < flowable.repeatRows + ROWS_KEPT:
            return []
        parts = flowable.split(width, room)
    else:
        return []
    return list(parts) if len(parts) == 2 else []


class KeepEnd(Flowable):  # type: ignore[misc]
    """The body's ``last`` flowable followed by ``tail`` (the closing, the signature, the copies):
    the tail goes on the page where the end of ``last`` is, and never alone at the top of one."""

    def __init__(self, last: Flowable, tail: list[Flowable]) -> None:
        super().__init__()
        self.last = last
        self.tail = tail

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return availWidth, _ENDLESS

    def getSpaceBefore(self) -> float:
        return float(self.last.getSpaceBefore())

    def getSpaceAfter(self) -> float:
        return float(self.tail[-1].getSpaceAfter())

    def least(self, width: float) -> float:
        if _divisible(self.last, width):
            return least(self.last, width)
        return _stacked([self.last, *self.tail], width)

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        items = [self.last, *self.tail]
        if _stacked(items, availWidth) <= availHeight:
            return items
        parts = split_keeping_end(self.last, availWidth, availHeight)
        if parts:  # the start of ``last`` here, its end with the tail overleaf
            return [parts[0], KeepEnd(parts[1], self.tail)]
        if _at_top(self):  # too tall for any page: nothing better than reportlab's own way
            return [self.last, KeepTogether(self.tail)]
        return []  # all of it on the next page


class KeepWithNext(Flowable):  # type: ignore[misc]
    """A ``heading`` and what it heads: the heading goes only where at least the start of
    ``follower`` fits below it, or to the next page."""

    def __init__(self, heading: Flowable, follower: Flowable) -> None:
        super().__init__()
        self.heading = heading
        self.follower = follower

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return availWidth, _ENDLESS

    def getSpaceBefore(self) -> float:
        return float(self.heading.getSpaceBefore())

    def getSpaceAfter(self) -> float:
        return float(self.follower.getSpaceAfter())

    def least(self, width: float) -> float:
        heading, follower = self.heading, self.follower
        gap = max(heading.getSpaceAfter(), follower.getSpaceBefore())
        return float(heading.wrap(width, _ENDLESS)[1] + gap + least(follower, width))

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        if self.least(availWidth) + _SLACK <= availHeight or _at_top(self):
            return [self.heading, self.follower]
        return []


def keep_headings(marked: list[tuple[Flowable, bool]]) -> list[Flowable]:
    """The flowables in order, each one marked as a heading kept with the flowable after it."""
    story: list[Flowable] = []  # built from the end
    for flowable, heading in reversed(marked):
        if heading and story:
            story[-1] = KeepWithNext(flowable, story[-1])
        else:
            story.append(flowable)
    story.reverse()
    return story
