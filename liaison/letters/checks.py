"""Checks of the texts files, run by the test suite: every language has every kind and label,
and templates use only known placeholders, block types, rowsets and columns.

``VALUE_NAMES`` lists every value ``builder.values`` can fill; a test checks the two agree.
"""

from __future__ import annotations

import re

from liaison.letters import matters
from liaison.letters.builder import CONDITIONS, ROWSETS
from liaison.letters.content import BLOCK_TYPES
from liaison.letters.store import BATCH_RULES
from liaison.letters.templates import kinds, languages, pack

VALUE_NAMES = (
    "date",
    "trader_name",
    "trader_tin",
    "trader_code",
    "officer_name",
    "auction_threshold_days",
    "auction_notice_days",
    "container_subject",
    "container_count_text",
    "case_ref",
    "bl_number",
    "bl_line",
    "shipping_line",
    "vessel_voyage",
    "manifest_no",
    "declaration",
    "rctg_carnet_no",
    "route",
    "cargo_description",
    "release_status",
    "do_status",
    "invoice_status",
    "storage_place",
    "earliest_free_until",
    "free_days",
    "tariff_note",
    "daily_rate",
    "line_free_until",
    "earliest_auction_on",
    "earliest_notice_ends",
    "docs_missing_count",
    "docs_missing_list",
    "docs_deadline",
    "discharged_on",
    "arrived_on",
    "days_taken",
    "case_opened_on",
    "inquiry_ref",
    "inquiry_received",
    "inquiry_channel",
    "inquiry_category",
    "inquiry_subject",
    "inquiry_description",
    "inquiry_due",
    "inquiry_officer",
    *matters.VALUE_NAMES,
)


def template_problems() -> list[str]:
    """Every mistake in the texts files: a missing kind or label, an unknown placeholder, block
    type, rowset or column. The test suite asserts this list is empty."""
    problems: list[str] = []
    names = set(VALUE_NAMES)
    for code, spec in kinds().items():
        if spec.requires is not None and spec.requires not in (*ROWSETS, *CONDITIONS):
            problems.append(f"kinds.json {code}: unknown requirement {spec.requires}")
        if spec.batch is not None and spec.batch not in BATCH_RULES:
            problems.append(f"kinds.json {code}: unknown batch rule {spec.batch}")
    english = pack("en")
    for code in languages():
        pk = pack(code)
        for group, labels in english.labels.items():
            missing = set(labels) - set(pk.labels.get(group, {}))
            problems += [f"{code}: no {group} label for {key}" for key in sorted(missing)]
        problems += [f"{code}: no common text {k}" for k in english.common if k not in pk.common]
        problems += [f"{code}: no column {k}" for k in english.columns if k not in pk.columns]
        for kind in kinds():
            if kind not in pk.kinds:
                problems.append(f"{code}: no template for {kind}")
                continue
            template = pk.kinds[kind]
            texts = [template["subject"], *template.get("cc", [])]
            for spec in template["blocks"]:
                block_type = next((t for t in BLOCK_TYPES if t in spec), None)
                if block_type is None:
                    problems.append(f"{code} {kind}: unknown block {sorted(spec)}")
                    continue
                if spec.get("when") and spec["when"] not in names:
                    problems.append(f"{code} {kind}: unknown value {spec['when']}")
                if block_type == "table":
                    if spec["table"] not in ROWSETS:
                        problems.append(f"{code} {kind}: unknown rowset {spec['table']}")
                    allowed = ROWSETS.get(spec["table"], ())
                    problems += [
                        f"{code} {kind}: column {col} not in {spec['table']}"
                        for col in spec["columns"]
                        if col not in allowed or col not in pk.columns
                    ]
                elif block_type == "facts":
                    texts += [t for row in spec["facts"] for t in row]
                elif block_type == "list":
                    texts += spec["list"]
                else:
                    texts.append(spec[block_type])
            for text in texts:
                problems += [
                    f"{code} {kind}: unknown placeholder {{{m}}}"
                    for m in re.findall(r"\{([a-z_]+)\}", text)
                    if m not in names
                ]
                if text.count("**") % 2:
                    problems.append(f"{code} {kind}: unbalanced ** in {text[:40]!r}")
    return problems
