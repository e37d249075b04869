"""Where the office's files live: platformdirs folders, overridable for tests and scripts.

``LIAISON_DB`` overrides the database path, ``LIAISON_DATA_DIR`` the data folder (and so the
default database, backups and logs below it).
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "LiaisonDesk"
APP_AUTHOR = "KPA"
DB_FILENAME = "office.db"


def data_dir() -> Path:
    override = os.environ.get("LIAISON_DATA_DIR")
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))


def default_db_path() -> Path:
    override = os.environ.get("LIAISON_DB")
    if override:
        return Path(override).expanduser()
    return data_dir() / DB_FILENAME


def log_dir() -> Path:
    if os.environ.get("LIAISON_DATA_DIR"):
        return data_dir() / "logs"
    return Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR))


def default_backup_dir() -> Path:
    return data_dir() / "backups"


def export_dir() -> Path:
    return data_dir() / "exports"
