"""The Desk: what every page and dialog of the window shares.

It holds the Office façade (the only way into the data), the one refresh signal
``data_changed(Changes)`` that pages listen to (ARCHITECTURE rule 4), and ``open_record`` which
asks the window to show a record. Pages never wire themselves to each other.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from liaison.errors import LiaisonError
from liaison.models import Changes
from liaison.office import Office
from ui import prompts
from ui.wording import error_text

T = TypeVar("T")


class Desk(QObject):
    data_changed = Signal(object)  # liaison.models.Changes
    open_record = Signal(str, int)  # an Entity value ("cases", "traders", …) and the record id
    show_in_list = Signal(str, int)  # the same: choose the record in its list page

    def __init__(self, office: Office, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.office = office

    @property
    def can_edit(self) -> bool:
        return self.office.actor.can_edit

    def call(
        self, parent: QWidget | None, fn: Callable[..., Any], *args: Any, **kwargs: Any
    ) -> Any:
        """Run a use case. On success announce its Changes and return its result; on a known
        error show it plainly and return ``None``. Validation errors are re-raised so that a
        dialog can mark the field (dialogs call services through ``call_in_dialog``)."""
        try:
            result = fn(*args, **kwargs)
        except LiaisonError as exc:
            prompts.error(parent, error_text(exc))
            return None
        self.announce(result)
        return result

    def announce(self, result: Any) -> None:
        changes = _changes_of(result)
        if changes:
            self.data_changed.emit(changes)


def _changes_of(result: Any) -> Changes | None:
    if isinstance(result, Changes):
        return result
    if isinstance(result, tuple) and result and isinstance(result[-1], Changes):
        return result[-1]
    return None
