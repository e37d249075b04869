"""Building the demo office off the main thread.

The demo generator (``liaison.demo.create_demo_database``) opens its own connection to a new file;
it runs on a QThread so the window keeps painting and answering. The database is built under a
``.partial`` name and renamed when complete; an existing file is replaced only if it is a demo
database itself (real office data is never touched).
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Callable
from pathlib import Path

from argon2 import PasswordHasher
from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal, Slot

from liaison.clock import Clock
from liaison.errors import LiaisonError
from liaison.office import Office
from ui.wording import error_text

log = logging.getLogger("liaison.ui.demo")

DEMO_FILENAME = "demo.db"


def tr(text: str) -> str:
    return QCoreApplication.translate("DemoWorker", text)


def is_demo_database(path: Path) -> bool:
    """True only for a readable Liaison Desk database marked as a demo."""
    try:
        office = Office.open(path)
    except LiaisonError:
        return False
    try:
        return office.settings.is_demo()
    finally:
        office.close()


def _discard(path: Path) -> None:
    for leftover in (path, path.with_name(path.name + "-journal")):
        with contextlib.suppress(FileNotFoundError):
            leftover.unlink()


def build_demo_file(
    path: Path,
    *,
    cases: int,
    clock: Clock | None = None,
    hasher: PasswordHasher | None = None,
    progress: Callable[[str], None] | None = None,
) -> object:
    """Build a fresh demo database at ``path``; returns the generator's summary."""
    from liaison.demo import create_demo_database

    if path.exists() and not is_demo_database(path):
        raise LiaisonError(
            tr("{path} exists and is not a demo database; it was left alone.").format(path=path),
            code="not_demo",
        )
    partial = path.with_name(path.name + ".partial")
    _discard(partial)
    try:
        summary = create_demo_database(
            partial, cases=cases, clock=clock, hasher=hasher, progress=progress
        )
    except BaseException:
        _discard(partial)
        raise
    os.replace(partial, path)
    return summary


class DemoWorker(QObject):
    done = Signal(object)  # the DemoSummary
    failed = Signal(str)
    step = Signal(str)  # the generator's progress line (English, from the core)

    def __init__(
        self,
        path: Path,
        cases: int,
        clock: Clock | None = None,
        hasher: PasswordHasher | None = None,
    ) -> None:
        super().__init__()
        self.path = path
        self.cases = cases
        self.clock = clock
        self.hasher = hasher

    @Slot()
    def run(self) -> None:
        try:
            summary = build_demo_file(
                self.path,
                cases=self.cases,
                clock=self.clock,
                hasher=self.hasher,
                progress=self.step.emit,
            )
        except LiaisonError as exc:
            log.warning("Demo not built: %s", exc.message)
            self.failed.emit(error_text(exc))
            return
        except Exception as exc:
            log.exception("Demo build failed")
            self.failed.emit(
                tr(
                    "The demo office could not be built ({kind}). The details are in the log."
                ).format(kind=type(exc).__name__)
            )
            return
        self.done.emit(summary)


class DemoBuild(QObject):
    """Owns the thread and the worker for one build; keep a reference until ``finished``."""

    done = Signal(object)
    failed = Signal(str)
    step = Signal(str)
    finished = Signal()

    def __init__(
        self,
        path: Path,
        cases: int,
        clock: Clock | None = None,
        hasher: PasswordHasher | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.thread = QThread(self)
        self.thread.setObjectName("demo-builder")
        self.worker = DemoWorker(path, cases, clock, hasher)
        self.worker.step.connect(self.step)
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        self.worker.done.connect(self.done)
        self.worker.failed.connect(self.failed)
        self.worker.done.connect(self.thread.quit)
        self.worker.failed.connect(self.thread.quit)
        self.thread.finished.connect(self.finished)

    def start(self) -> None:
        self.thread.start()

    def wait(self, ms: int = 60_000) -> bool:
        return self.thread.wait(ms)
