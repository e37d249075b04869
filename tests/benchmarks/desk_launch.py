"""One measured launch, run in a fresh process by ``test_desk_bench``; prints one JSON line.

``python desk_launch.py bare`` shows a bare PySide6 window (a QMainWindow with a label);
``python desk_launch.py desk DB USERNAME NOW`` starts the desk the way ``main.py`` and
``ui.app.run`` do (``ui.app`` imported first, as it decides what is imported before PySide6; log
file, application, translations, crash hook, then the Launcher: open the database, sign in, main
window with Today) and signs in through the real sign-in dialog, filled in as soon as it shows,
with the password from the ``LIAISON_BENCH_PASSWORD`` environment variable (a real argon2
account). The automatic backup is
left off (``Launcher(auto_backup=False)``): on a file that was never backed up it would start
copying the whole database in the background at once.

Both report ``shown``: the monotonic clock when the window's first expose event has been handled
(its first frame painted; the parent takes the process start from the same clock just before
starting this process), ``cpu_s``, the CPU time the process had used by then, and ``first_VmRSS``,
its resident memory then. The desk then opens the Cases page, reloads its list (count and first
window) and sorts it by Trader and by Stage a few times, lets the event loop run for a moment,
and reports those times with its peak (VmHWM) and resident (VmRSS) memory; ``sign_in_VmRSS`` and
``sign_in_VmHWM`` are the resident memory just before the password was checked and the peak just
after (the difference is the argon2 verify's working memory). The bare window reports the same
memory figures once its loop has run for the same moment.
"""

from __future__ import annotations

import time

STARTED = time.monotonic()

import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
from collections.abc import Callable  # noqa: E402
from typing import Any  # noqa: E402

SORTS = ("trader_name", "stage")
ROUNDS = 4
SETTLE_MS = 500  # the event loop runs this long before the final memory reading

Then = Callable[[float, float], None]


def memory_kb() -> dict[str, int]:
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


def watch_first_frame(widget: Any, then: Then) -> Any:
    """Calls ``then(monotonic, cpu)`` once, just after ``widget``'s first expose is handled."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class FirstFrame(QObject):
        def __init__(self) -> None:
            super().__init__(widget)
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
            QTimer.singleShot(0, lambda: then(time.monotonic(), time.process_time()))

    return FirstFrame()


def after_settling(figures: dict[str, Any]) -> None:
    """Let the event loop run for ``SETTLE_MS``, then report with the memory figures."""
    from PySide6.QtCore import QTimer

    def done() -> None:
        figures.update(memory_kb())
        report(figures)

    QTimer.singleShot(SETTLE_MS, done)


def bare() -> int:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    label = QLabel("Liaison Desk")
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    window.setCentralWidget(label)
    window.resize(1280, 760)
    window.show()
    figures: dict[str, Any] = {"started": STARTED}

    def shown(at: float, cpu: float) -> None:
        figures.update(shown=at, cpu_s=cpu, first_VmRSS=memory_kb()["VmRSS"])
        after_settling(figures)

    watcher = watch_first_frame(window, shown)
    code = app.exec()
    del watcher
    return code


def desk(db: str, username: str, now: str) -> int:
    # ui.app first, as main.py has it: what it imports before PySide6 is part of the launch.
    from ui.app import install_translators, make_application, setup_logging

    # isort: split
    import datetime as dt
    from pathlib import Path

    from PySide6.QtCore import Qt, QTimer

    from liaison import paths
    from liaison.clock import FixedClock
    from ui.crash import CrashHandler
    from ui.launcher import Launcher
    from ui.signin import SignInDialog

    password = os.environ["LIAISON_BENCH_PASSWORD"]
    setup_logging(paths.log_dir())
    app = make_application([])
    translators = install_translators(app)
    CrashHandler(app).install()
    figures: dict[str, Any] = {"started": STARTED}
    watchers: list[Any] = []

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
            watchers.append(watch_first_frame(self.window, shown))

    def sign_in(dialog: SignInDialog) -> None:
        dialog.choose(username)
        dialog.password.setText(password)
        figures["sign_in_VmRSS"] = memory_kb()["VmRSS"]
        dialog.sign_in_button.click()
        figures["sign_in_VmHWM"] = memory_kb()["VmHWM"]
        if dialog.isVisible():
            figures["sign_in_refused"] = dialog.message.text()
            report(figures)

    def settle() -> None:
        for _ in range(3):
            app.processEvents()

    def shown(at: float, cpu: float) -> None:
        figures.update(shown=at, cpu_s=cpu, first_VmRSS=memory_kb()["VmRSS"])
        window = launcher.window
        assert window is not None
        today = window.pages["today"]  # type: ignore[attr-defined]
        figures["today_items"] = today.total()
        started = time.perf_counter()
        window.show_page("cases")  # type: ignore[attr-defined]
        settle()
        figures["cases_open_ms"] = (time.perf_counter() - started) * 1000
        page = window.pages["cases"]  # type: ignore[attr-defined]
        figures["cases_total"] = page.model.total
        figures["cases_rows"] = page.model.rowCount()
        columns = [c.sort for c in page.model.columns]
        figures["reload_ms"] = []
        for _ in range(ROUNDS):
            started = time.perf_counter()
            page.model.reload()
            settle()
            figures["reload_ms"].append((time.perf_counter() - started) * 1000)
        for key in SORTS:
            figures[f"sort_{key}_ms"] = []
        for round_ in range(ROUNDS):
            order = Qt.SortOrder.DescendingOrder if round_ % 2 else Qt.SortOrder.AscendingOrder
            for key in SORTS:
                started = time.perf_counter()
                page.view.sortByColumn(columns.index(key), order)
                settle()
                figures[f"sort_{key}_ms"].append((time.perf_counter() - started) * 1000)
                assert page.model.sort_key == key
        figures["first_row"] = page.model.index(0, 0).data()
        after_settling(figures)

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
