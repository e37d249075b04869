"""Letter templates as data: ``texts/kinds.json`` says what each kind of letter needs, and one
``texts/<language>.json`` per language holds every word printed (labels, the common skeleton and
each kind's subject and blocks).

Adding a language is adding a texts file; adding a kind is adding an entry to ``kinds.json`` and a
template to every texts file. Nothing here knows a particular kind.
"""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from liaison.errors import ValidationError

KINDS_FILE = "kinds.json"
NEEDS = ("case", "inquiry", "case_or_inquiry")
OFFERED = ("always", "when_applicable")


@dataclass(frozen=True, slots=True)
class KindSpec:
    """What a kind of letter is written about, and when it makes sense."""

    code: str
    needs: str  # "case", "inquiry" or "case_or_inquiry"
    requires: str | None  # a rowset that must not be empty, or a condition (builder.CONDITIONS)
    batch: str | None  # how batch issuing picks its cases (see letters.store.BATCH_RULES)
    # "always": offered for every record it is about, refused with a reason when it does not
    # apply (a storage warning for a case without a clock); "when_applicable": offered only
    # where it applies (a complaint acknowledgement only for a complaint).
    offered: str = "always"


@dataclass(frozen=True, slots=True)
class LanguagePack:
    code: str
    name: str
    months: tuple[str, ...]
    common: dict[str, str]
    columns: dict[str, str]
    labels: dict[str, dict[str, str]]
    kinds: dict[str, dict[str, Any]]
    _versions: dict[str, str] = field(default_factory=dict, init=False, repr=False, compare=False)

    def label(self, group: str, key: str | None) -> str:
        if key is None:
            return ""
        return self.labels[group].get(str(key), str(key))

    def kind(self, code: str) -> dict[str, Any]:
        try:
            return self.kinds[code]
        except KeyError:
            raise ValidationError(
                "kind", f"No {code} template in language {self.code}.", code="no_template"
            ) from None

    def template_version(self, code: str) -> str:
        """A short hash of everything printed for this kind in this language: it changes by
        itself when a text is edited, so an issued letter records which wording it used. Worked
        out once per kind (a pack is read once per process and never changed)."""
        known = self._versions.get(code)
        if known is None:
            material = {"common": self.common, "columns": self.columns, "kind": self.kind(code)}
            canonical = json.dumps(material, sort_keys=True, ensure_ascii=False)
            digest = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
            known = self._versions[code] = digest[:12]
        return known


def _read(name: str) -> Any:
    return json.loads(resources.files("liaison.letters.texts").joinpath(name).read_text("utf-8"))


@functools.cache
def kinds() -> dict[str, KindSpec]:
    """Every kind, in the order the office sees them."""
    result: dict[str, KindSpec] = {}
    for code, spec in _read(KINDS_FILE).items():
        if spec["needs"] not in NEEDS:
            raise ValueError(f"kinds.json: {code} needs {spec['needs']!r}")
        offered = spec.get("offered", "always")
        if offered not in OFFERED:
            raise ValueError(f"kinds.json: {code} offered {offered!r}")
        result[code] = KindSpec(
            code, spec["needs"], spec.get("requires"), spec.get("batch"), offered
        )
    return result


@functools.cache
def languages() -> dict[str, str]:
    """Language code → its own name, for every texts file shipped."""
    found: dict[str, str] = {}
    for entry in sorted(resources.files("liaison.letters.texts").iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".json") and entry.name != KINDS_FILE:
            data = json.loads(entry.read_text("utf-8"))
            found[data["language"]] = data["name"]
    return found


@functools.cache
def pack(code: str) -> LanguagePack:
    if code not in languages():
        raise ValidationError(
            "language", f"No letter texts in language {code!r}.", code="no_language"
        )
    data = _read(f"{code}.json")
    return LanguagePack(
        code=data["language"],
        name=data["name"],
        months=tuple(data["months"]),
        common=dict(data["common"]),
        columns=dict(data["columns"]),
        labels={group: dict(values) for group, values in data["labels"].items()},
        kinds=dict(data["kinds"]),
    )


def kind_spec(code: str) -> KindSpec:
    try:
        return kinds()[code]
    except KeyError:
        known = ", ".join(kinds())
        raise ValidationError("kind", f"Not one of: {known}.", code="choice") from None
