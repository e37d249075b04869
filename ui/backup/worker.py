"""Long backup work off the GUI thread: a QRunnable that runs one core call with a progress
callback and a cancel flag, reporting through signals (ARCHITECTURE rule 11).

The core call opens its own SQLite connections; the runnable never touches the window's. A Python
reference to every running task is kept here, or its signals would be lost with it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

Work = Callable[[Callable[[int, int], None], Callable[[], bool]], Any]

_RUNNING: set[Task] = set()


class TaskSignals(QObject):
    progress = Signal(int, int)  # done, total (pages)
    finished = Signal(object)  # the core call's result
    failed = Signal(object)  # the exception (a LiaisonError is a known refusal)


class Task(QRunnable):
    def __init__(self, work: Work) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.work = work
        self.signals = TaskSignals()
        self._cancel = threading.Event()
        self.signals.finished.connect(self._forget)
        self.signals.failed.connect(self._forget)

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:
        try:
            result = self.work(self.signals.progress.emit, self._cancel.is_set)
        except BaseException as exc:
            self.signals.failed.emit(exc)
            return
        self.signals.finished.emit(result)

    def _forget(self, _: object) -> None:
        _RUNNING.discard(self)


def start(task: Task) -> Task:
    _RUNNING.add(task)
    QThreadPool.globalInstance().start(task)
    return task


def running() -> int:
    return len(_RUNNING)
