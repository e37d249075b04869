"""Table models of the desk: lazy models over the core's list queries for the big tables, and
small in-memory models for a record's containers, milestones, documents, notes and history."""

from ui.models.base import IdRole, RecordRole
from ui.models.lazy import LazyTableModel
from ui.models.small import RecordListModel

__all__ = ["IdRole", "LazyTableModel", "RecordListModel", "RecordRole"]
