"""Record windows: one top-level window per record, re-raised when asked for again.

``open_record_window(desk, kind, record_id, parent)`` is what the main window connects
``desk.open_record`` to. ``kind`` is a ``liaison.enums.Entity`` value: traders, inquiries and
cases open their own window; a container opens its case with the box selected; a follow-up or a
referral opens the record it belongs to. The open windows are remembered on the desk (a child
object), not in a global.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QWidget

from liaison.enums import Entity
from liaison.errors import NotFound
from ui.desk import Desk
from ui.records.base import RecordWindow
from ui.records.case import CaseWindow
from ui.records.inquiry import InquiryWindow
from ui.records.trader import TraderWindow


def tr(text: str) -> str:
    return QCoreApplication.translate("RecordWindows", text)


WINDOWS: dict[Entity, type[RecordWindow]] = {
    Entity.TRADERS: TraderWindow,
    Entity.INQUIRIES: InquiryWindow,
    Entity.CASES: CaseWindow,
}


class OpenWindows(QObject):
    """The record windows open on one desk, by (kind, id)."""

    def __init__(self, desk: Desk) -> None:
        super().__init__(desk)
        self.setObjectName("openRecordWindows")
        self.windows: dict[tuple[Entity, int], RecordWindow] = {}

    def add(self, key: tuple[Entity, int], window: RecordWindow) -> None:
        self.windows[key] = window
        window.destroyed.connect(lambda _obj=None, k=key: self.windows.pop(k, None))


def open_windows(desk: Desk) -> OpenWindows:
    found = desk.findChild(OpenWindows, "openRecordWindows")
    return found if found is not None else OpenWindows(desk)


def owner_of(desk: Desk, kind: Entity, record_id: int) -> tuple[Entity, int, Entity | None, int]:
    """The window that shows ``kind``/``record_id``: (window kind, window record id, the part to
    select or None, the part's id)."""
    office = desk.office
    if kind in WINDOWS:
        return kind, record_id, None, record_id
    if kind is Entity.CONTAINERS:
        return Entity.CASES, office.tracking.container(record_id).case_id, kind, record_id
    if kind in (Entity.FOLLOWUPS, Entity.REFERRALS):
        item = (office.followups if kind is Entity.FOLLOWUPS else office.referrals).get(record_id)
        for owner_kind, owner_id in (
            (Entity.CASES, item.case_id),
            (Entity.INQUIRIES, item.inquiry_id),
            (Entity.TRADERS, item.trader_id),
        ):
            if owner_id is not None:
                return owner_kind, owner_id, kind, record_id
    raise NotFound(tr("This kind of record ({kind}) does not open in a window.").format(kind=kind))


def open_record_window(desk: Desk, kind: str, record_id: int, parent: QWidget) -> QWidget:
    """Show the record's window (a new one, or the one already open, brought to the front)."""
    try:
        entity = Entity(kind)
    except ValueError:
        raise NotFound(
            tr("This kind of record ({kind}) does not open in a window.").format(kind=kind)
        ) from None
    window_kind, window_id, part, part_id = owner_of(desk, entity, record_id)
    registry = open_windows(desk)
    window = registry.windows.get((window_kind, window_id))
    if window is None:
        window = WINDOWS[window_kind](desk, window_id, parent)
        registry.add((window_kind, window_id), window)
    if part is not None:
        window.select(part.value, part_id)
    if window.isMinimized():
        window.showNormal()
    else:
        window.show()
    window.raise_()
    window.activateWindow()
    return window
