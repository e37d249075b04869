"""First run and opening files: the welcome dialog, creating the office database, and files that
cannot be opened (which never lead to anything being created)."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from liaison import paths
from liaison.clock import FixedClock
from liaison.office import Office
from tests.conftest import NOW, fast_hasher
from ui import prompts
from ui.launcher import BACKUP_FOLDERS_KEY, LAST_DB_KEY, Launcher
from ui.main_window import MainWindow
from ui.signin import SignInDialog
from ui.welcome import WelcomeDialog

ADMIN = {
    "username": "amina",
    "full_name": "Amina Uwase",
    "initials": "au",
    "password": "kigali-2026!",
    "password_again": "kigali-2026!",
}


def fill(dialog: WelcomeDialog, values: dict[str, str]) -> None:
    for name, value in values.items():
        dialog.form.fields[name].setText(value)  # type: ignore[attr-defined]


def files_under(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def launcher(qtbot: Any) -> Any:
    made: list[Launcher] = []

    def make(**kwargs: Any) -> Launcher:
        kwargs.setdefault("auto_backup", False)
        launcher = Launcher(clock=FixedClock(NOW), hasher=fast_hasher(), **kwargs)
        made.append(launcher)
        return launcher

    yield make
    for launcher in made:
        launcher.shutdown()


def test_a_newcomer_creates_the_office_database_and_signs_in(
    qtbot: Any, answers: Any, launcher: Any
) -> None:
    target = paths.default_db_path()
    assert not target.exists()
    flow = launcher()
    flow.start()
    welcome = flow.dialog
    assert isinstance(welcome, WelcomeDialog)
    assert welcome.form.path_label.text() == str(target)
    welcome.create_button.click()
    assert welcome.pages.currentIndex() == WelcomeDialog.CREATE
    fill(
        welcome,
        ADMIN | {"office_name": "KPA Kigali Liaison Office", "office_phone": "0788 300 400"},
    )
    welcome.create_confirm.click()

    assert target.exists()
    assert not target.with_name(target.name + ".partial").exists()
    signin = flow.dialog
    assert isinstance(signin, SignInDialog)
    assert signin.staff_combo.text_value() == "amina"
    signin.password.setText(ADMIN["password"])
    signin.sign_in_button.click()
    assert flow.office is not None and flow.office.actor.username == "amina"
    assert flow.office.actor.role == "admin"
    assert flow.office.settings.get("office_name") == "KPA Kigali Liaison Office"
    assert flow.office.settings.get("office_phone") == "+250788300400"
    window = flow.window
    assert isinstance(window, MainWindow) and window.isVisible()
    assert window.current_key() == "today" and window.stack.currentWidget() is window.pages["today"]
    assert answers.errors == []

    window.menus.actions["sign_out"].trigger()  # sign out: back to the sign-in dialog
    assert isinstance(flow.dialog, SignInDialog) and flow.window is None
    assert flow.office is not None and flow.office.actor.role == "system"
    flow.dialog.password.setText(ADMIN["password"])
    flow.dialog.sign_in_button.click()
    assert isinstance(flow.window, MainWindow)

    flow.window.menus.actions["open_database"].trigger()  # another database: welcome again
    assert isinstance(flow.dialog, WelcomeDialog) and flow.office is None
    with qtbot.waitSignal(flow.finished):
        flow.dialog.reject()


def test_a_refused_form_marks_every_field_keeps_the_typing_and_creates_nothing(
    qtbot: Any, answers: Any, launcher: Any
) -> None:
    folder = paths.data_dir()
    before = files_under(folder) if folder.exists() else set()
    flow = launcher()
    flow.start()
    welcome = flow.dialog
    welcome.create_button.click()
    fill(
        welcome,
        ADMIN
        | {"username": "A B", "password_again": "something else", "office_email": "not-an-email"},
    )
    welcome.create_confirm.click()
    messages = welcome.form.messages()
    assert set(messages) == {"username", "password_again", "office_email"}
    assert welcome.form.fields["username"].property("invalid") is True
    assert welcome.form.fields["username"].text() == "A B"  # the typing is kept
    assert welcome.form.fields["office_email"].text() == "not-an-email"
    assert flow.dialog is welcome and welcome.isVisible()
    assert (files_under(folder) if folder.exists() else set()) == before
    assert not paths.default_db_path().exists()
    fill(welcome, {"username": "amina", "password_again": ADMIN["password"], "office_email": ""})
    welcome.create_confirm.click()
    assert paths.default_db_path().exists()
    assert isinstance(flow.dialog, SignInDialog)


def test_an_existing_file_is_never_overwritten_by_create(
    qtbot: Any, answers: Any, tmp_path: Path
) -> None:
    target = tmp_path / "taken.db"
    target.write_bytes(b"someone's spreadsheet")
    dialog = WelcomeDialog(target, clock=FixedClock(NOW), hasher=fast_hasher())
    qtbot.addWidget(dialog)
    dialog.show_create()
    fill(dialog, ADMIN)
    dialog.create_confirm.click()
    assert "path" in dialog.form.messages()
    assert target.read_bytes() == b"someone's spreadsheet"
    assert dialog.result() == 0


def test_the_create_path_can_be_changed(
    qtbot: Any, answers: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    dialog = WelcomeDialog(paths.default_db_path(), clock=FixedClock(NOW), hasher=fast_hasher())
    qtbot.addWidget(dialog)
    monkeypatch.setattr(prompts, "save_file", lambda *a, **k: tmp_path / "elsewhere" / "kgl")
    dialog.show_create()
    dialog.form.change_path.click()
    fill(dialog, ADMIN)
    dialog.create_confirm.click()
    assert dialog.chosen_path == tmp_path / "elsewhere" / "kgl.db"
    assert dialog.chosen_path.exists() and not paths.default_db_path().exists()


def empty(path: Path) -> bytes:
    path.write_bytes(b"")
    return b""


def garbage(path: Path) -> bytes:
    data = b"this is not a database, just some bytes\n" * 200
    path.write_bytes(data)
    return data


def foreign(path: Path) -> bytes:
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE recipes (name TEXT)")
        conn.execute("INSERT INTO recipes VALUES ('ugali')")
    conn.close()
    return path.read_bytes()


@pytest.mark.parametrize("make", [empty, foreign], ids=["empty", "another-program"])
def test_a_bad_file_gives_a_message_and_returns_to_welcome_without_creating_anything(
    qtbot: Any, answers: Any, launcher: Any, tmp_path: Path, make: Any
) -> None:
    bad = tmp_path / "office.db"
    content = make(bad)
    before = files_under(tmp_path)
    flow = launcher(explicit_db=bad)
    flow.start()
    assert len(answers.errors) == 1
    assert str(bad) in answers.errors[0]
    assert "Traceback" not in answers.errors[0]
    assert isinstance(flow.dialog, WelcomeDialog)
    assert flow.office is None
    assert bad.read_bytes() == content
    assert files_under(tmp_path) == before
    assert not paths.default_db_path().exists()


def test_opening_a_bad_file_from_the_welcome_dialog_comes_back_to_it(
    qtbot: Any, answers: Any, launcher: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = tmp_path / "notes.db"
    content = garbage(bad)
    monkeypatch.setattr(prompts, "open_file", lambda *a, **k: bad)
    flow = launcher()
    flow.start()
    first = flow.dialog
    first.open_button.click()
    assert len(answers.errors) == 1 and "not a database" in answers.errors[0]
    assert isinstance(flow.dialog, WelcomeDialog) and flow.dialog is not first
    assert bad.read_bytes() == content
    assert not paths.default_db_path().exists()


def test_a_missing_explicit_path_is_not_created(
    qtbot: Any, answers: Any, launcher: Any, tmp_path: Path
) -> None:
    missing = tmp_path / "usb" / "office.db"
    flow = launcher(explicit_db=missing)
    flow.start()
    welcome = flow.dialog
    assert isinstance(welcome, WelcomeDialog)
    assert str(missing) in welcome.message.text() and not welcome.message.isHidden()
    assert welcome.form.target == missing  # "create" offers that very path
    assert not missing.exists() and not missing.parent.exists()


def test_the_last_database_is_remembered_and_opened_next_time(
    qtbot: Any, answers: Any, launcher: Any, tmp_path: Path, office: Office, db_path: Path
) -> None:
    office.close()
    first = launcher(explicit_db=db_path)
    first.start()
    assert isinstance(first.dialog, SignInDialog)
    first.shutdown()
    from PySide6.QtCore import QSettings

    assert QSettings().value(LAST_DB_KEY, "", type=str) == str(db_path.resolve())
    folders = QSettings().value(BACKUP_FOLDERS_KEY, [], type=list)
    assert folders == [str(paths.default_backup_dir())]  # for recovery if the file is damaged
    second = launcher()
    assert second.initial_path() == (db_path.resolve(), "")
    db_path.rename(tmp_path / "moved.db")
    third = launcher()
    path, message = third.initial_path()
    assert path is None and str(db_path.resolve()) in message


def test_quitting_the_welcome_dialog_ends_the_app(qtbot: Any, launcher: Any) -> None:
    flow = launcher()
    flow.start()
    with qtbot.waitSignal(flow.finished):
        flow.dialog.reject()
    assert flow.is_done and not paths.default_db_path().exists()


def test_a_damaged_office_database_leads_to_recovery_not_to_a_new_file(
    qtbot: Any,
    answers: Any,
    launcher: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    office: Office,
    db_path: Path,
) -> None:
    from ui.backup import recovery

    office.close()
    damaged = tmp_path / "damaged.db"
    content = garbage(damaged)
    asked: list[tuple[Path, str]] = []

    def recover_to(chosen: Path | None) -> Any:
        def show(parent: Any, path: Path, error: Any, folders: Any = ()) -> Path | None:
            asked.append((path, error.code))
            return chosen

        return show

    monkeypatch.setattr(recovery, "show_recovery", recover_to(None))  # "Quit"
    flow = launcher(explicit_db=damaged)
    with qtbot.waitSignal(flow.finished):
        flow.start()
    assert asked == [(damaged, "database_corrupt")]
    assert damaged.read_bytes() == content and not paths.default_db_path().exists()

    monkeypatch.setattr(recovery, "show_recovery", recover_to(db_path))  # "another file"
    again = launcher(explicit_db=damaged)
    again.start()
    assert isinstance(again.dialog, SignInDialog) and again.office is not None
    assert again.office.path == db_path
    assert answers.errors == []


def damage_inside(path: Path) -> None:
    """Garbage over the traders table's root page: the header and the schema still read, so
    the file opens; a quick check fails."""
    with sqlite3.connect(path) as conn:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute("SELECT rootpage FROM sqlite_schema WHERE name = 'traders'").fetchone()[
            0
        ]
    conn.close()
    with path.open("r+b") as handle:
        handle.seek((root - 1) * page_size + 16)
        handle.write(b"\xff" * (page_size - 32))


def test_damage_inside_a_small_office_file_is_caught_when_it_opens(
    qtbot: Any,
    answers: Any,
    launcher: Any,
    monkeypatch: pytest.MonkeyPatch,
    office: Office,
    db_path: Path,
) -> None:
    from liaison.models import TraderDraft
    from ui.backup import recovery

    for number in range(300):
        office.traders.create(TraderDraft(f"Trader number {number} Ltd"))
    office.close()
    damage_inside(db_path)
    asked: list[str] = []
    monkeypatch.setattr(
        recovery, "show_recovery", lambda parent, path, error, folders=(): asked.append(error.code)
    )
    flow = launcher(explicit_db=db_path)
    flow.start()
    assert asked == ["database_corrupt"] and flow.office is None


def test_only_files_of_a_modest_size_are_checked_while_opening(tmp_path: Path) -> None:
    from ui.launcher import QUICK_CHECK_MAX_BYTES, worth_checking

    small = tmp_path / "small.db"
    small.write_bytes(b"x" * 4096)
    big = tmp_path / "big.db"
    with big.open("wb") as handle:  # sparse: no real disk space used
        handle.truncate(QUICK_CHECK_MAX_BYTES + 1)
    assert worth_checking(small) and not worth_checking(big)
    assert worth_checking(tmp_path / "missing.db")  # opening itself reports what is wrong
