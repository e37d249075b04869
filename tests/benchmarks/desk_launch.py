"""One measured launch, run in a fresh process by ``test_desk_bench``; prints one JSON line.

``python desk_launch.py bare`` shows a bare PySide6 window (a QMainWindow with a label);
``python desk_launch.py desk DB USERNAME NOW`` starts the desk the way ``ui.app.run`` does (log
file, application, translations, crash hook, then the Launcher: open the database, sign in, main
window with Today) and signs in through the real sign-in dialog, filled in as soon as it shows,
with the password from the ``LIAISON_BENCH_PASSWORD`` environment variable (a real argon2
account). The automatic backup is left off (``Launcher(auto_backup=False)``): on a file that was
never backed up it would start copying the whole database in the background at once.

Both report ``shown``: the monotonic clock when the window's first expose event has been handled
(its first frame painted; the parent takes the process start from the same clock just before
starting this process), and ``cpu_s``, the CPU time the process had used by then. The desk then
opens the Cases page, reloads its list (count and first window) and sorts it by Trader and by
Stage a few times, and reports those times and the peak resident memory (VmHWM) after Today and
Cases; the bare window reports its own peak memory.
"""

from __future__ import annotations

import time

STARTED = time.monotonic()

import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
from typing import Any  # noqa: E402

from PySide6.QtCore import QEvent, QObject, Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QWidget  # noqa: E402

SORTS = ("trader_name", "stage")
ROUNDS = 4


def peak_memory_kb() -> dict[str, int]:
    """Peak and current resident set size of this process, from the kernel."""
    found: dict[str, int] = {}
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            key, _, value = line.partition(":")
            if key in ("VmHWM", "VmRSS"):
                found[key] = int(value.split()[0])
    return found


def report(values: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(values) + "\n")
    sys.stdout.flush()
    os._exit(0)  # measured: nothing to tidy up, and no backup on close


class FirstFrame(QObject):
    """Calls ``then(shown)`` once, just after the watched window's first expose is handled."""

    def __init__(self, widget: QWidget, then: Any) -> None:
        super().__init__(widget)
        self.then = then
        self.done = False
        handle = widget.windowHandle()
        assert handle is not None, "the window must be shown before it is watched"
        if handle.isExposed():
            self._exposed()
        else:
            handle.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Expose and not self.done:
            self._exposed()
        return False

    def _exposed(self) -> None:
        self.done = True
        # The expose event is handled (and the frame painted and flushed) before this runs.
        QTimer.singleShot(0, lambda: self.then(time.monotonic(), time.process_time()))


def bare() -> int:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    label = QLabel("Liaison Desk")
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    window.setCentralWidget(label)
    window.resize(1280, 760)
    window.show()

    def shown(at: float, cpu: float) -> None:
        app.processEvents()
        report({"started": STARTED, "shown": at, "cpu_s": cpu, **peak_memory_kb()})

    FirstFrame(window, shown)
    return app.exec()


def desk(db: str, username: str, now: str) -> int:
    import datetime as dt
    from pathlib import Path

    from liaison import paths
    from liaison.clock import FixedClock
    from ui.app import install_translators, make_application, setup_logging
    from ui.crash import CrashHandler
    from ui.launcher import Launcher
    from ui.signin import SignInDialog

    password = os.environ["LIAISON_BENCH_PASSWORD"]
    setup_logging(paths.log_dir())
    app = make_application([])
    translators = install_translators(app)
    CrashHandler(app).install()
    figures: dict[str, Any] = {"started": STARTED}

    class MeasuredLauncher(Launcher):
        def _show(self, dialog: Any) -> None:
            super()._show(dialog)
            if isinstance(dialog, SignInDialog):  # the user types at once
                QTimer.singleShot(0, lambda: sign_in(dialog))
            else:
                figures["unexpected_dialog"] = type(dialog).__name__
                QTimer.singleShot(0, lambda: report(figures))

        def show_main(self) -> None:
            super().show_main()
            assert self.window is not None
            FirstFrame(self.window, shown)

    def sign_in(dialog: SignInDialog) -> None:
        dialog.choose(username)
        dialog.password.setText(password)
        dialog.sign_in_button.click()
        if dialog.isVisible():
            figures["sign_in_refused"] = dialog.message.text()
            report(figures)

    def settle() -> None:
        for _ in range(3):
            app.processEvents()

    def shown(at: float, cpu: float) -> None:
        figures["shown"] = at
        figures["cpu_s"] = cpu
        window = launcher.window
        assert window is not None
        today = window.pages["today"]
        figures["today_items"] = today.total()  # type: ignore[attr-defined]
        started = time.perf_counter()
        window.show_page("cases")  # type: ignore[attr-defined]
        settle()
        figures["cases_open_ms"] = (time.perf_counter() - started) * 1000
        page = window.pages["cases"]
        figures["cases_total"] = page.model.total  # type: ignore[attr-defined]
        figures["cases_rows"] = page.model.rowCount()  # type: ignore[attr-defined]
        columns = [c.sort for c in page.model.columns]  # type: ignore[attr-defined]
        figures["reload_ms"] = []
        for _ in range(ROUNDS):
            started = time.perf_counter()
            page.model.reload()  # type: ignore[attr-defined]
            settle()
            figures["reload_ms"].append((time.perf_counter() - started) * 1000)
        for key in SORTS:
            figures[f"sort_{key}_ms"] = []
        for round_ in range(ROUNDS):
            order = Qt.SortOrder.DescendingOrder if round_ % 2 else Qt.SortOrder.AscendingOrder
            for key in SORTS:
                started = time.perf_counter()
                page.view.sortByColumn(columns.index(key), order)  # type: ignore[attr-defined]
                settle()
                figures[f"sort_{key}_ms"].append((time.perf_counter() - started) * 1000)
                assert page.model.sort_key == key  # type: ignore[attr-defined]
        figures["first_row"] = page.model.index(0, 0).data()  # type: ignore[attr-defined]
        figures.update(peak_memory_kb())
        report(figures)

    clock = FixedClock(dt.datetime.fromisoformat(now))
    launcher = MeasuredLauncher(explicit_db=Path(db), clock=clock, auto_backup=False)
    launcher.finished.connect(app.quit)
    launcher.start()
    code = app.exec()
    del translators
    figures["ended_without_window"] = True
    report(figures)
    return code


def main(argv: list[str]) -> int:
    if argv[:1] == ["bare"]:
        return bare()
    if argv[:1] == ["desk"] and len(argv) == 4:
        return desk(*argv[1:])
    sys.stderr.write(__doc__ or "")
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
