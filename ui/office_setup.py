"""Setting up a new office: the form (office details and the first administrator) and the
creation itself.

The database is built under a temporary ``.partial`` name beside the target and renamed only once
the administrator and the office details are in, so a refused form or a crash never leaves a
half-made office database under the real name, and an existing file is never overwritten (P7).
Every refusal names its field, all at once, so the form can mark them and keep the typing.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from argon2 import PasswordHasher
from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from liaison.clock import Clock
from liaison.errors import LiaisonError, ValidationError, ValidationErrors
from liaison.models import StaffDraft
from liaison.office import Office
from ui import prompts
from ui.widgets.forms import Form, with_button
from ui.widgets.text import line_edit, long_text

OFFICE_FIELDS = ("office_name", "office_address", "office_phone", "office_email", "office_po_box")
ADMIN_FIELDS = ("username", "full_name", "initials", "password", "password_again")


def tr(text: str) -> str:
    return QCoreApplication.translate("OfficeSetup", text)


def password_edit() -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMaxLength(1000)
    return edit


def _discard(path: Path) -> None:
    for leftover in (path, path.with_name(path.name + "-journal")):
        with contextlib.suppress(FileNotFoundError):
            leftover.unlink()


def create_office_database(
    target: Path,
    office_details: dict[str, str],
    admin: StaffDraft,
    password_again: str,
    *,
    clock: Clock | None = None,
    hasher: PasswordHasher | None = None,
) -> Path:
    """A new office database at ``target`` with its first administrator and office details.
    Raises ValidationError(s) naming every refused field; nothing is left behind then."""
    if target.exists():
        raise ValidationError(
            "path",
            tr(
                "A file already exists there. Open it, or choose another name for the new database."
            ),
            code="exists",
        )
    partial = target.with_name(target.name + ".partial")
    _discard(partial)
    office = Office.create(partial, clock=clock, hasher=hasher)
    problems: list[ValidationError] = []
    try:
        try:
            staff, _ = office.staff.create(admin, first_admin=True)
            office.act_as(staff)  # the office details are then set in the admin's name
        except (ValidationError, ValidationErrors) as exc:
            problems.extend(exc.errors if isinstance(exc, ValidationErrors) else [exc])
        try:
            office.settings.update(office_details)
        except (ValidationError, ValidationErrors) as exc:
            problems.extend(exc.errors if isinstance(exc, ValidationErrors) else [exc])
        if (admin.password or "") != password_again:
            problems.append(
                ValidationError("password_again", tr("The two passwords differ."), code="mismatch")
            )
        if problems:
            raise problems[0] if len(problems) == 1 else ValidationErrors(problems)
    except BaseException:
        office.close()
        _discard(partial)
        raise
    office.close()
    if target.exists():  # appeared meanwhile: keep it, throw ours away
        _discard(partial)
        raise ValidationError("path", tr("A file already exists there."), code="exists")
    os.replace(partial, target)
    return target


class OfficeSetupForm(Form):
    """Office details, the first administrator, and where the file goes."""

    path_changed = Signal(object)

    def __init__(self, target: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.target = target
        self.fields: dict[str, QWidget] = {}

        self.add_heading(tr("The office (printed on letters; can be changed later)"))
        self._line(
            "office_name",
            tr("Office name"),
            400,
            tr("Kenya Ports Authority — Kigali Liaison Office"),
        )
        address = long_text(400, text=tr("Kigali, Rwanda"), lines=3)
        address.setFixedHeight(address.fontMetrics().lineSpacing() * 4 + 16)
        self.fields["office_address"] = address
        self.add("office_address", tr("Address"), address)
        self._line("office_phone", tr("Phone"), 40, "", placeholder=tr("e.g. 0788 123 456"))
        self._line("office_email", tr("E-mail"), 200, "")
        self._line("office_po_box", tr("P.O. Box"), 100, "")

        self.add_heading(tr("The first administrator (you)"))
        self._line("username", tr("Username"), 40, "", placeholder=tr("e.g. amina"))
        self._line("full_name", tr("Full name"), 120, "")
        self._line("initials", tr("Initials"), 6, "")
        for name, text in (("password", tr("Password")), ("password_again", tr("Password again"))):
            edit = password_edit()
            self.fields[name] = edit
            self.add(
                name,
                text,
                edit,
                note=tr("At least 8 characters.") if name == "password" else "",
            )

        self.add_heading(tr("Where the database file goes"))
        self.path_label = QLabel()
        self.path_label.setTextFormat(Qt.TextFormat.PlainText)
        self.path_label.setWordWrap(True)
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.change_path = QPushButton(tr("Change…"))
        self.change_path.clicked.connect(self._choose_path)
        holder = with_button(self.path_label, self.change_path)
        self.add("path", tr("File"), holder, marks=[self.path_label])
        self.set_target(target)
        outer = self.layout()
        if isinstance(outer, QVBoxLayout):
            outer.addStretch(1)  # spare height below the form, not inside a field

    def _line(self, name: str, text: str, limit: int, value: str, *, placeholder: str = "") -> None:
        edit = line_edit(limit, text=value, placeholder=placeholder)
        self.fields[name] = edit
        self.add(name, text, edit)

    def value(self, name: str) -> str:
        return str(self.fields[name].text())  # type: ignore[attr-defined]

    def office_details(self) -> dict[str, str]:
        return {name: self.value(name) for name in OFFICE_FIELDS}

    def admin_draft(self) -> StaffDraft:
        return StaffDraft(
            username=self.value("username"),
            full_name=self.value("full_name"),
            initials=self.value("initials"),
            role="admin",
            password=self.value("password"),
        )

    def set_target(self, target: Path) -> None:
        self.target = target
        self.path_label.setText(str(target))
        self.clear_error("path")
        self.path_changed.emit(target)

    def _choose_path(self) -> None:
        chosen = prompts.save_file(
            self,
            tr("Where should the new office database go?"),
            str(self.target),
            tr("Liaison Desk database (*.db)"),
        )
        if chosen is not None:
            self.set_target(chosen if chosen.suffix else chosen.with_suffix(".db"))

    def create(
        self, *, clock: Clock | None = None, hasher: PasswordHasher | None = None
    ) -> Path | None:
        """Create the database; on refusal mark the fields and return None."""
        self.clear_errors()
        try:
            return create_office_database(
                self.target,
                self.office_details(),
                self.admin_draft(),
                self.value("password_again"),
                clock=clock,
                hasher=hasher,
            )
        except LiaisonError as exc:
            self.show_error(exc)
            return None
        except OSError as exc:  # e.g. a folder the user may not write to
            self.mark(
                "path",
                tr("The file cannot be created there: {reason}").format(
                    reason=exc.strerror or str(exc)
                ),
            )
            return None
