"""Starting the app: arguments, the log file, translations, and a whole start and stop."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QLocale

from liaison import paths
from ui import app as app_module
from ui.app import install_translators, parse_args, setup_logging, translations_dir
from ui.launcher import Launcher


def test_our_options_are_read_and_qt_options_pass_through(tmp_path: Path) -> None:
    args, rest = parse_args(["--db", str(tmp_path / "x.db"), "-platform", "offscreen"])
    assert args.db == tmp_path / "x.db" and args.data_dir is None
    assert rest == ["-platform", "offscreen"]
    args, rest = parse_args(["--data-dir", str(tmp_path)])
    assert args.data_dir == tmp_path and args.db is None and rest == []


def test_the_log_is_a_rotating_file_for_the_owner_only(tmp_path: Path) -> None:
    handler = setup_logging(tmp_path / "logs")
    try:
        logging.getLogger("liaison.test").warning("a line for the log")
        handler.flush()
        log_file = tmp_path / "logs" / "liaison-desk.log"
        assert "a line for the log" in log_file.read_text(encoding="utf-8")
        assert (log_file.stat().st_mode & 0o777) == 0o600
        assert ((tmp_path / "logs").stat().st_mode & 0o777) == 0o700
        assert handler.maxBytes > 0 and handler.backupCount > 0  # type: ignore[attr-defined]
    finally:
        logging.getLogger().removeHandler(handler)
        handler.close()


def test_translations_load_for_the_locale_when_present(qapp: Any) -> None:
    untranslated = QCoreApplication.translate("QPlatformTheme", "Cancel")
    installed = install_translators(qapp, QLocale(QLocale.Language.French))
    try:
        assert installed  # Qt's own French; ours when resources/translations has it
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Annuler"
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == untranslated
    assert translations_dir().name == "translations"
    assert install_translators(qapp, QLocale(QLocale.Language.Kinyarwanda)) == []


def test_a_whole_start_and_stop(qapp: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[Launcher] = []

    def start(self: Launcher) -> None:  # the user quits at once
        started.append(self)
        self.finish()

    monkeypatch.setattr(Launcher, "start", start)
    monkeypatch.delenv("LIAISON_DATA_DIR")
    organisation = QCoreApplication.organizationName()
    try:
        assert app_module.run(["--data-dir", str(tmp_path / "data")]) == 0
        assert QCoreApplication.organizationName() == app_module.ORGANISATION
    finally:
        QCoreApplication.setOrganizationName(organisation)
        qapp.setQuitOnLastWindowClosed(True)
    assert started and started[0].is_done
    assert os.environ["LIAISON_DATA_DIR"] == str((tmp_path / "data").resolve())
    assert paths.log_dir() == (tmp_path / "data" / "logs").resolve()
    text = (paths.log_dir() / "liaison-desk.log").read_text(encoding="utf-8")
    assert "starting" in text and "stopped" in text
    assert not paths.default_db_path().exists()  # nothing created
