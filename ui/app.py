"""Starting the desktop app: arguments, the log file, the Qt application and its translations,
the crash hook, then the Launcher (database → sign in → main window).

``--db PATH`` opens that database (never creating it silently); ``--data-dir PATH`` moves the data
folder (default database, logs, backups, exports). Qt's own arguments (``-platform`` …) pass through.

The version is looked up only where it is shown (``--version``, About, a crash report) and when
the app stops (the log's last line names it): reading the package metadata takes a few
hundredths of a second the first window need not wait for.

The core (``liaison.office`` and all it brings) is imported here before PySide6. Once imported,
PySide6 replaces Python's import function and, for its ``__feature__`` switch, reads the source of
every module imported after it; the core's modules, read like that, cost a few hundredths of a
second at each start and a few megabytes of source text kept in memory, for nothing: they never
use Qt. ``tests/ui/test_app.py`` checks the order.
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
from collections.abc import Sequence
from logging.handlers import RotatingFileHandler
from pathlib import Path

import liaison.office  # noqa: F401 (before PySide6: see the module's docstring)

# isort: split
from PySide6.QtCore import (
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QMessageLogContext,
    QTimer,
    QtMsgType,
    QTranslator,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication

from liaison import paths
from ui.crash import CrashHandler, app_version

ORGANISATION = "KPA"
ORGANISATION_DOMAIN = "kpa.co.ke"
APPLICATION = "LiaisonDesk"
LOG_FILENAME = "liaison-desk.log"
LOG_BYTES = 1_000_000
LOG_BACKUPS = 5

log = logging.getLogger("liaison.app")


def tr(text: str) -> str:
    return QCoreApplication.translate("app", text)


class VersionAction(argparse.Action):
    """``--version``, with the version looked up only when it is asked for."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS) -> None:
        super().__init__(
            option_strings, dest, nargs=0, default=argparse.SUPPRESS, help="show the version"
        )

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        sys.stdout.write(f"Liaison Desk {app_version()}\n")
        parser.exit()


def parse_args(argv: Sequence[str]) -> tuple[argparse.Namespace, list[str]]:
    """Our options, and the rest for Qt."""
    parser = argparse.ArgumentParser(
        prog="liaison-desk",
        description="Liaison Desk — the KPA Kigali liaison office's case manager.",
    )
    parser.add_argument(
        "--db", type=Path, default=None, metavar="PATH", help="open this office database file"
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        metavar="PATH",
        help="the data folder (default database, backups, exports and logs)",
    )
    parser.add_argument("--version", action=VersionAction)
    return parser.parse_known_args(list(argv))


def setup_logging(folder: Path) -> logging.Handler:
    """A rotating log file readable by its owner only; returns the handler (tests remove it)."""
    folder.mkdir(parents=True, exist_ok=True)
    os.chmod(folder, 0o700)
    handler = RotatingFileHandler(
        folder / LOG_FILENAME, maxBytes=LOG_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8"
    )
    handler.setFormatter(
        logging.Formatter("%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s")
    )
    root = logging.getLogger()
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > logging.INFO:
        root.setLevel(logging.INFO)
    os.chmod(folder / LOG_FILENAME, 0o600)
    return handler


def _qt_message(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    level = {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING,
        QtMsgType.QtCriticalMsg: logging.ERROR,
        QtMsgType.QtFatalMsg: logging.CRITICAL,
    }.get(kind, logging.WARNING)
    logging.getLogger("qt").log(level, "%s", message)


def translations_dir() -> Path:
    import resources

    return Path(resources.__file__).resolve().parent / "translations"


def install_translators(app: QCoreApplication, locale: QLocale | None = None) -> list[QTranslator]:
    """Our own translation (``liaison_<lang>.qm``) and Qt's, for the system locale, when present.
    The translators are returned so the caller keeps them alive."""
    locale = locale or QLocale.system()
    installed: list[QTranslator] = []
    sources = (
        ("liaison", str(translations_dir())),
        ("qtbase", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
    )
    for name, folder in sources:
        translator = QTranslator(app)
        if translator.load(locale, name, "_", folder) and app.installTranslator(translator):
            installed.append(translator)
    return installed


def make_application(qt_args: Sequence[str]) -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication([sys.argv[0], *qt_args])
    app.setOrganizationName(ORGANISATION)
    app.setOrganizationDomain(ORGANISATION_DOMAIN)
    app.setApplicationName(APPLICATION)
    app.setQuitOnLastWindowClosed(False)  # the Launcher decides when the app ends
    return app


def run(argv: Sequence[str]) -> int:
    args, qt_args = parse_args(argv)
    if args.data_dir is not None:
        os.environ["LIAISON_DATA_DIR"] = str(args.data_dir.expanduser().resolve())
    handler = setup_logging(paths.log_dir())
    log.info("Liaison Desk starting")
    app = make_application(qt_args)
    app.setApplicationDisplayName(tr("Liaison Desk"))
    previous_handler = qInstallMessageHandler(_qt_message)
    translators = install_translators(app)
    crash = CrashHandler(app)
    crash.install()

    from ui.launcher import Launcher

    launcher = Launcher(explicit_db=args.db.expanduser() if args.db else None)
    launcher.finished.connect(app.quit)
    previous_sigint = signal.signal(signal.SIGINT, lambda *_: app.quit())
    wake = QTimer()  # lets Python see Ctrl+C in a terminal while Qt's loop runs
    wake.timeout.connect(lambda: None)
    wake.start(500)
    code = 1
    try:
        launcher.start()
        code = app.exec() if not launcher.is_done else 0
    except Exception:
        crash.handle(*sys.exc_info())  # type: ignore[arg-type]
    finally:
        wake.stop()
        signal.signal(signal.SIGINT, previous_sigint)
        launcher.shutdown()
        crash.uninstall()
        qInstallMessageHandler(previous_handler)
        for translator in translators:
            app.removeTranslator(translator)
        log.info("Liaison Desk %s stopped", app_version())
        logging.getLogger().removeHandler(handler)
        handler.close()
    return code
