"""What imports and exports hand back: the import report and its per-line problems."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from liaison.models.common import Changes


class ImportProblem(NamedTuple):
    """One refused (or skipped) row: the file's row number as a spreadsheet shows it (the header
    is line 1), the column, and the reason in plain words."""

    line: int
    field: str
    reason: str


@dataclass(frozen=True, slots=True)
class ImportReport:
    kind: str  # "traders" or "cases"
    imported: int  # records written: traders, or cases
    problems: tuple[ImportProblem, ...] = ()  # the rows skipped (only with skip_invalid)
    containers: int = 0  # for cases: the containers written with them
    rows_read: int = 0  # data rows in the file, blank rows not counted
    skipped_rows: int = 0
    changes: Changes = field(default_factory=Changes)
