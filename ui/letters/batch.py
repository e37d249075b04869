"""Issuing one kind of letter to many cases (e.g. every case with a container near the end of
its free storage): pick the kind and the cases, then a worker with its own database connection
issues them (the core renders in worker processes) while a progress dialog shows how far it got.
Cancel stops between chunks: only whole, numbered letters are left. The window stays responsive.
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from liaison.clock import Clock
from liaison.enums import Entity
from liaison.errors import LiaisonError
from liaison.models import BatchResult, Changes, Staff
from liaison.office import Office
from ui import prompts
from ui.desk import Desk
from ui.widgets.choices import ValueCombo
from ui.widgets.forms import Form
from ui.wording import error_text

log = logging.getLogger(__name__)


def tr(text: str) -> str:
    return QCoreApplication.translate("BatchLetterDialog", text)


class BatchSignals(QObject):
    progress = Signal(int, int)
    finished = Signal(object)  # BatchResult
    failed = Signal(str)


class BatchWorker(QRunnable):
    """Runs in the thread pool with its own Office (its own SQLite connection)."""

    def __init__(
        self,
        path: str,
        clock: Clock,
        actor: Staff,
        kind: str,
        case_ids: list[int],
        language: str | None,
    ) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the dialog keeps it (and so its signals) alive
        self.signals = BatchSignals()
        self.stop = threading.Event()
        self.args = (path, clock, actor, kind, case_ids, language)

    def run(self) -> None:
        path, clock, actor, kind, case_ids, language = self.args
        try:
            office = Office.open(path, clock=clock)
            try:
                office.act_as(actor)
                result = office.letters.issue_batch(
                    kind,
                    case_ids,
                    language=language,
                    progress=self.signals.progress.emit,
                    should_stop=self.stop.is_set,
                )
            finally:
                office.close()
        except LiaisonError as exc:
            self.signals.failed.emit(error_text(exc))
            return
        except Exception:  # a bug: logged with its traceback, told plainly
            log.exception("batch of letters failed")
            self.signals.failed.emit(tr("The batch stopped because of an unexpected error."))
            return
        self.signals.finished.emit(result)


class BatchLetterDialog(QDialog):
    """``case_ids``: the cases chosen elsewhere (e.g. on the Cases page); without them the kind's
    own selection is offered (open cases where it applies)."""

    done = Signal(object)  # BatchResult

    def __init__(
        self,
        desk: Desk,
        case_ids: list[int] | None = None,
        *,
        kind: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.desk = desk
        self.letters = desk.office.letters
        self.given = case_ids
        self.worker: BatchWorker | None = None
        self.progress: QProgressDialog | None = None
        self.result: BatchResult | None = None
        self.setWindowTitle(tr("Letters to many cases"))
        form = Form()
        self.kind = ValueCombo()
        self.kind.set_items(self.letters.kinds(needs="case"))
        if kind is not None:
            self.kind.set_value(kind)
        self.language = ValueCombo()
        self.language.set_items(self.letters.languages(), none=tr("Each trader's own language"))
        form.add("kind", tr("Kind of letter"), self.kind)
        form.add("language", tr("Language"), self.language)
        self.cases = QListWidget()
        self.count = QLabel()
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.issue_button = QPushButton()
        self.issue_button.clicked.connect(self.start)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(form)
        layout.addWidget(self.count)
        layout.addWidget(self.cases, 1)
        layout.addWidget(self.issue_button)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        self.kind.changed.connect(self.load_cases)
        self.cases.itemChanged.connect(lambda _item: self._update())
        self.resize(640, 560)
        self.load_cases()

    def load_cases(self) -> None:
        kind = str(self.kind.value() or "")
        if self.given is not None:
            office = self.desk.office
            rows = [office.cases.get(case_id) for case_id in self.given]
            entries = [(c.id, f"{c.ref} — B/L {c.bl_number}") for c in rows]
        else:
            rows_ = self.letters.candidates(kind) if kind else []
            entries = [(r.id, f"{r.ref} — {r.trader_name} — B/L {r.bl_number}") for r in rows_]
        self.cases.blockSignals(True)
        self.cases.clear()
        for case_id, text in entries:
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, case_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.cases.addItem(item)
        self.cases.blockSignals(False)
        self._update()

    def chosen(self) -> list[int]:
        items = (self.cases.item(i) for i in range(self.cases.count()))
        return [
            int(item.data(Qt.ItemDataRole.UserRole))
            for item in items
            if item.checkState() == Qt.CheckState.Checked
        ]

    def _update(self) -> None:
        chosen = len(self.chosen())
        self.count.setText(
            tr("{n} of {total} cases chosen").format(n=chosen, total=self.cases.count())
        )
        self.issue_button.setText(tr("Issue {n} letters…").format(n=chosen))
        running = self.worker is not None
        self.issue_button.setEnabled(self.desk.can_edit and chosen > 0 and not running)

    # -- running --------------------------------------------------------------------------------
    def start(self) -> BatchWorker | None:
        ids = self.chosen()
        path = self.desk.office.path
        if not ids or self.worker is not None:
            return None
        if path is None:
            prompts.error(self, tr("Batches need the office database file."))
            return None
        question = tr(
            "Issue {n} numbered letters? Each is kept exactly as issued; you can cancel, and the "
            "letters already written stay issued."
        ).format(n=len(ids))
        if not prompts.confirm(self, question, yes=tr("Issue")):
            return None
        language = self.language.value()
        office = self.desk.office
        worker = BatchWorker(
            str(path),
            office.clock,
            office.actor,
            str(self.kind.value()),
            ids,
            language and str(language),
        )
        worker.signals.progress.connect(self._progress)
        worker.signals.finished.connect(self._finished)
        worker.signals.failed.connect(self._failed)
        self.progress = QProgressDialog(tr("Writing letters…"), tr("Cancel"), 0, len(ids), self)
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(0)
        self.progress.setAutoReset(False)
        self.progress.setAutoClose(False)
        self.progress.canceled.connect(self.cancel)
        self.progress.setValue(0)
        self.worker = worker
        self._update()
        QThreadPool.globalInstance().start(worker)
        return worker

    def cancel(self) -> None:
        if self.worker is not None:
            self.worker.stop.set()
            if self.progress is not None:
                self.progress.setLabelText(tr("Cancelling after the letters being written now…"))

    def _progress(self, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress.setMaximum(total)
            self.progress.setValue(done)

    def _end(self) -> None:
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None
        self.worker = None
        self._update()

    def _finished(self, result: BatchResult) -> None:
        self.result = result
        self._end()
        issued = result.issued
        lines = [tr("{n} letters issued.").format(n=len(issued))]
        if issued:
            lines.append(
                tr("From {first} to {last}.").format(first=issued[0].ref, last=issued[-1].ref)
            )
        if result.cancelled:
            lines.append(tr("Cancelled: the remaining cases got no letter."))
        for outcome in result.skipped[:20]:
            lines.append(
                tr("{case}: not issued — {why}").format(case=outcome.case_ref, why=outcome.problem)
            )
        if len(result.skipped) > 20:
            lines.append(tr("… and {n} more not issued.").format(n=len(result.skipped) - 20))
        self.summary.setText("\n".join(lines))
        if issued:
            self.desk.data_changed.emit(Changes.of(Entity.LETTERS))
        self.done.emit(result)

    def _failed(self, message: str) -> None:
        self._end()
        self.desk.data_changed.emit(Changes.of(Entity.LETTERS))  # whole chunks may have landed
        prompts.error(self, message)
