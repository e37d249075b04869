"""Registering and editing a trader through the traders page and the trader window."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSettings, Qt

from liaison.enums import Entity
from liaison.models import Changes, ListQuery, TraderDraft
from tests.ui.shots import shot
from ui.desk import Desk
from ui.dialogs.trader import TraderDialog
from ui.pages.traders import TradersPage
from ui.records import open_record_window
from ui.records.trader import TraderWindow


def make_page(qtbot: Any, desk: Desk) -> TradersPage:
    page = TradersPage(desk)
    qtbot.addWidget(page)
    page.resize(1100, 600)
    page.show()
    return page


def test_register_a_trader_a_bad_tin_is_marked_and_the_typing_kept(
    qtbot: Any, desk: Desk, answers: Any
) -> None:
    page = make_page(qtbot, desk)
    assert page.title == "Traders"
    assert page.model.total == 0 and not page.empty_label.isHidden()
    dialog = page.new_record()
    assert isinstance(dialog, TraderDialog)
    qtbot.keyClicks(dialog.legal_name, "Umurava Import Export")
    qtbot.keyClicks(dialog.tin, "12345")
    qtbot.keyClicks(dialog.phone, "0788 123 456")
    dialog.save_button.click()

    assert dialog.isVisible()  # refused: the dialog stays open
    assert dialog.form.messages() == {"tin": "A Rwanda TIN is exactly 9 digits."}
    assert dialog.tin.property("invalid") is True
    assert dialog.form.banner.text().startswith("TIN:")  # the message names the field
    assert (dialog.legal_name.text(), dialog.tin.text()) == ("Umurava Import Export", "12345")
    assert desk.office.traders.count(ListQuery()) == 0
    qtbot.wait(20)
    shot(dialog, "trader_dialog_refused")

    dialog.tin.clear()
    qtbot.keyClicks(dialog.tin, "102 345 679")
    with qtbot.waitSignal(desk.data_changed):
        dialog.save_button.click()
    saved = desk.office.traders.by_tin("102345679")
    assert saved is not None and saved.legal_name == "Umurava Import Export"
    assert saved.phone == "+250788123456"
    assert page.model.total == 1  # the list refreshed from data_changed
    assert page.count_label.text() == "1 trader"
    assert page.selected_record().id == saved.id
    shot(page, "traders_page_one")


def test_closing_with_unsaved_typing_asks_first(qtbot: Any, desk: Desk, answers: Any) -> None:
    page = make_page(qtbot, desk)
    dialog = page.new_record()
    dialog.reject()  # nothing typed: closes without asking
    assert answers.discards == 0
    dialog = page.new_record()
    qtbot.keyClicks(dialog.legal_name, "Half typed")
    answers.answer = False  # "keep editing"
    dialog.reject()
    assert answers.discards == 1 and dialog.isVisible()
    assert dialog.legal_name.text() == "Half typed"
    answers.answer = True
    dialog.reject()
    assert answers.discards == 2 and not dialog.isVisible()


def test_a_stale_edit_offers_to_reload(qtbot: Any, desk: Desk, trader: Any, answers: Any) -> None:
    window = open_record_window(desk, "traders", trader.id, None)
    qtbot.addWidget(window)
    assert isinstance(window, TraderWindow)
    dialog = window.edit()
    # Someone else (another instance) changes the trader meanwhile.
    desk.office.traders.update(
        trader.id, TraderDraft("Kigali Hardware Limited", tin=trader.tin or ""), trader.version
    )
    dialog.email.setText("sales@kigalihardware.rw")
    dialog.save_button.click()
    assert answers.questions and "Someone else changed" in answers.questions[0]
    # Reloaded: their change shows, and a second save goes through.
    assert dialog.legal_name.text() == "Kigali Hardware Limited"
    dialog.email.setText("sales@kigalihardware.rw")
    dialog.save_button.click()
    assert not dialog.isVisible()
    assert desk.office.traders.get(trader.id).email == "sales@kigalihardware.rw"
    assert window.title_label.text() == "Kigali Hardware Limited"


def test_enter_on_a_row_opens_the_trader(qtbot: Any, desk: Desk, trader: Any) -> None:
    page = make_page(qtbot, desk)
    page.view.setFocus()
    page.view.selectRow(0)
    with qtbot.waitSignal(desk.open_record) as opened:
        qtbot.keyClick(page.view, Qt.Key.Key_Return)
    assert opened.args == ["traders", trader.id]


def test_filters_and_column_layout_are_remembered(qtbot: Any, desk: Desk, trader: Any) -> None:
    desk.office.traders.set_status(trader.id, "inactive", trader.version)
    page = make_page(qtbot, desk)
    assert page.model.total == 1
    page.status.set_value("active")
    assert page.model.total == 0
    page.view.sortByColumn(page.model.column_of("tin"), Qt.SortOrder.DescendingOrder)
    page.view.horizontalHeader().resizeSection(1, 333)
    page.view.horizontalHeader().resizeSection(0, 40)  # narrower than its content
    settings = QSettings()
    settings.beginGroup("pages/traders")
    page.save_state(settings)
    settings.endGroup()

    again = make_page(qtbot, desk)
    assert again.model.total == 1  # a new page starts with the default filters
    settings = QSettings()
    settings.beginGroup("pages/traders")
    again.restore_state(settings)
    settings.endGroup()
    assert again.status.text_value() == "active" and again.model.total == 0
    assert (again.model.sort_key, again.model.descending) == ("tin", True)
    assert again.view.horizontalHeader().sectionSize(1) == 333
    desk.data_changed.emit(Changes.of(Entity.TRADERS))  # a reload keeps the user's widths
    assert again.view.horizontalHeader().sectionSize(0) == 40


def test_the_trader_window_shows_the_traders_work(
    qtbot: Any, desk: Desk, trader: Any, answers: Any
) -> None:
    window = open_record_window(desk, "traders", trader.id, None)
    qtbot.addWidget(window)
    assert open_record_window(desk, "traders", trader.id, None) is window  # one per record
    dialog = window.new_inquiry()
    qtbot.keyClicks(dialog.subject, "Where is my cement?")
    with qtbot.waitSignal(desk.open_record):
        dialog.save_button.click()
    assert window.inquiries.model.rowCount() == 1
    assert window.tabs.tabText(window.tabs.indexOf(window.inquiries)) == "Inquiries (1)"
    note = window.notes.add_note()
    note.text.setPlainText("Called: the agent has the documents.")
    note.save_button.click()
    assert window.notes.table.model.rowCount() == 1
    window.tabs.setCurrentWidget(window.history)
    assert window.history.model.rowCount() > 0
    shot(window, "trader_window_history")


def test_user_text_is_shown_as_typed_never_as_markup(qtbot: Any, desk: Desk, answers: Any) -> None:
    name = "Urgent <b>clearance</b> & <font size=60>Co</font>"
    trader, _ = desk.office.traders.create(TraderDraft(name))
    note = "<img src='x'> <i>call</i> back " + "x" * 60
    desk.office.notes.add(note, trader_id=trader.id)
    window = open_record_window(desk, "traders", trader.id, None)
    qtbot.addWidget(window)
    assert window.title_label.text() == name
    assert window.title_label.textFormat() == Qt.TextFormat.PlainText
    assert window.profile.values["legal_name"].textFormat() == Qt.TextFormat.PlainText
    notes = window.notes.table.model
    body = notes.index(0, notes.column_of("body"))
    assert body.data() == note
    tip = body.data(Qt.ItemDataRole.ToolTipRole)
    assert "&lt;img src=&#x27;x&#x27;&gt; &lt;i&gt;call&lt;/i&gt;" in tip  # escaped
    window.notes.table.view.selectRow(0)
    assert window.notes.reader.toPlainText() == note
    page = make_page(qtbot, desk)
    assert page.model.index(0, page.model.column_of("legal_name")).data() == name
