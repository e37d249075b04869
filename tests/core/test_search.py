"""Global search (P10): any typed text is safe; identifiers match in any spacing; names match
whatever their case, accents, dotted İ or invisible characters; exact identifiers come first."""

from __future__ import annotations

import pytest

from liaison.enums import Entity
from liaison.models import CaseDraft, ContainerDraft, InquiryDraft, Trader, TraderDraft
from liaison.office import Office
from liaison.services import search as search_module
from liaison.services.search import match_expression, query_tokens

HOSTILE = [
    "",
    "   ",
    '"',
    '""',
    '"""',
    '"unterminated',
    "'",
    "*",
    "**",
    "AND",
    "OR NOT",
    "NOT",
    "a OR b",
    "NEAR(",
    "NEAR(a b, 3)",
    "x-ray",
    "l'export",
    "-x",
    "^",
    ":",
    "col:val",
    "search_text:kigali",
    "{search_text}: x",
    "(((",
    ")",
    "+",
    "a*b",
    "%",
    "_",
    "__",
    "\\",
    "🚢",
    "🚢 kigali 🇷🇼",
    "x" * 10_000,
    "kigali " * 2_000,
    "\x00",
    "ki\x00gali",
    "\u200b",
    "\u200b\u200c\u2060",
    "\ud800",
    "ki\udfffgali",
    "中文 العربية",
    "İ",
    "ǅ",
    "; DROP TABLE traders; --",
    "CSQU3054383'",
    "1e10",
    "-",
    "*kigali",
]


@pytest.fixture
def records(office: Office, trader: Trader) -> dict[str, int]:
    """A trader with accents and an invisible character, a case with a spaced B/L and a
    declaration, two containers, and an inquiry."""
    other, _ = office.traders.create(
        TraderDraft("Société Générale de Mu\u200bgisha", tin="109876543", district="Gasabo")
    )
    case, _ = office.cases.create(
        CaseDraft(
            trader.id, "medu 12 345678", declaration_no="C 2026/123", vessel_name="MSC Aurora"
        ),
        [ContainerDraft("CSQU 305438 3", seal_no="ML-KE 1234567"), ContainerDraft("TEXU3070079")],
    )
    boxes = {b.number: b.id for b in office.tracking.containers(case.id)}
    inquiry, _ = office.inquiries.create(
        InquiryDraft(trader.id, "Storage charges on container CSQU 305438 3")
    )
    return {
        "trader": trader.id,
        "other": other.id,
        "case": case.id,
        "box": boxes["CSQU3054383"],
        "box2": boxes["TEXU3070079"],
        "inquiry": inquiry.id,
    }


def kinds_and_ids(hits: list) -> list[tuple[Entity, int]]:  # type: ignore[type-arg]
    return [(hit.kind, hit.id) for hit in hits]


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_queries_never_raise(office: Office, records: dict[str, int], text: str) -> None:
    hits = office.search.search(text)
    assert isinstance(hits, list)
    assert office.search(text) == hits


@pytest.mark.parametrize(
    "text", ["", "   ", "\t\n", '"', "*", "-", "^", ":", "🚢", "\u200b", "\x00"]
)
def test_nothing_to_look_for_returns_no_hits(
    office: Office, records: dict[str, int], text: str
) -> None:
    assert match_expression(text) is None
    assert office.search.search(text) == []


def test_every_token_is_quoted_so_fts_syntax_is_plain_text() -> None:
    assert match_expression("AND") == '"and"*'
    assert match_expression("x-ray NEAR(") == (
        '("x" "ray" "near"*) OR "x ray near"* OR "xraynear"*'
    )
    assert match_expression("col:val") == '("col" "val"*) OR "col val"* OR "colval"*'
    assert match_expression('say "hi"') == '("say" "hi"*) OR "say hi"* OR "sayhi"*'
    assert match_expression("csqu 305438 3") == (
        '("csqu" "305438" "3") OR "csqu 305438 3" OR "csqu3054383"*'
    )
    # A one-character last token is matched whole: a prefix of one letter matches everything.
    assert match_expression("k") == '"k"'
    assert len(query_tokens("a " * 1000)) == search_module.MAX_TOKENS


@pytest.mark.parametrize(
    "typed",
    [
        "csqu 305438-3",
        "CSQU3054383",
        "CSQU 305438 3",
        "csqu-305438-3",
        " csqu.305438/3 ",
        "305438",
        "3054383",
        "csqu 3054",
        "CSQU\u200b3054383",
    ],
)
def test_a_container_is_found_in_any_spacing(
    office: Office, records: dict[str, int], typed: str
) -> None:
    hits = office.search.search(typed, kinds=(Entity.CONTAINERS,))
    assert kinds_and_ids(hits)[:1] == [(Entity.CONTAINERS, records["box"])]
    assert hits[0].title == "CSQU 305438 3"
    assert hits[0].detail == "CASE-2026-000001 · Kigali Hardware Ltd"
    assert hits[0].case_id == records["case"]


@pytest.mark.parametrize(
    "typed",
    ["MEDU 12 345678", "medu12345678", "MEDU-12-345678", "medu 12345678", "c 2026/123", "C2026123"],
)
def test_a_bl_or_declaration_is_found_in_any_spacing(
    office: Office, records: dict[str, int], typed: str
) -> None:
    hits = office.search.search(typed)
    assert kinds_and_ids(hits)[0] == (Entity.CASES, records["case"])
    assert hits[0].title == "CASE-2026-000001"
    assert hits[0].detail == "Kigali Hardware Ltd · MEDU 12 345678"


@pytest.mark.parametrize(
    "typed",
    [
        "societe generale",
        "SOCIÉTÉ",
        "Société Générale",
        "mugisha",
        "MUGISHA",
        "Mu\u200bgi",
        "muğisha",
    ],
)
def test_names_match_whatever_case_accents_or_invisible_characters(
    office: Office, records: dict[str, int], typed: str
) -> None:
    hits = office.search.search(typed, kinds=(Entity.TRADERS,))
    assert kinds_and_ids(hits) == [(Entity.TRADERS, records["other"])]
    assert hits[0].title == "Société Générale de Mu\u200bgisha"
    assert hits[0].detail == "TRD-000002 · 109876543"


@pytest.mark.parametrize("typed", ["KİGALİ", "kıgalı", "KIGALI", "kigali", "K\u0131gal\u0131 hard"])
def test_dotted_and_dotless_i_match_plain_i(
    office: Office, records: dict[str, int], typed: str
) -> None:
    hits = office.search.search(typed, kinds=(Entity.TRADERS,))
    assert (Entity.TRADERS, records["trader"]) in kinds_and_ids(hits)


def test_a_stored_dotted_capital_i_is_found_by_a_plain_query(office: Office) -> None:
    trader, _ = office.traders.create(TraderDraft("İNYANGE İNDUSTRİES"))
    hits = office.search.search("inyange industries")
    assert kinds_and_ids(hits) == [(Entity.TRADERS, trader.id)]


def test_prefix_matching_on_the_last_token_as_the_user_types(
    office: Office, records: dict[str, int]
) -> None:
    assert office.search.search("k", kinds=(Entity.TRADERS,)) == []
    assert [h.id for h in office.search.search("ki", kinds=(Entity.TRADERS,))] == [
        records["trader"]
    ]
    assert [h.id for h in office.search.search("kigali hard", kinds=(Entity.TRADERS,))] == [
        records["trader"]
    ]
    # Only the last token is a prefix: "kig hardware" does not find "Kigali Hardware".
    assert office.search.search("kig hardware", kinds=(Entity.TRADERS,)) == []


def test_trader_code_tin_and_references_are_exact_identifiers(
    office: Office, records: dict[str, int]
) -> None:
    assert kinds_and_ids(office.search.search("TRD-000002"))[0] == (
        Entity.TRADERS,
        records["other"],
    )
    assert kinds_and_ids(office.search.search("109 876 543"))[0] == (
        Entity.TRADERS,
        records["other"],
    )
    assert kinds_and_ids(office.search.search("case-2026-000001"))[0] == (
        Entity.CASES,
        records["case"],
    )
    inquiry = office.inquiries.get(records["inquiry"])
    hits = office.search.search(inquiry.ref.lower().replace("-", " "))
    assert kinds_and_ids(hits)[0] == (Entity.INQUIRIES, records["inquiry"])
    assert hits[0].detail == "Storage charges on container CSQU 305438 3 · Kigali Hardware Ltd"


def test_an_exact_container_number_puts_containers_first(
    office: Office, records: dict[str, int], trader: Trader
) -> None:
    # A newer case whose consignee text also holds the number, and a newer container whose
    # seal starts with it: both match, but the container with that number comes first.
    case, _ = office.cases.create(
        CaseDraft(trader.id, "MAEU123456789", consignee_name="CSQU3054383 Ltd"),
        [ContainerDraft("MSKU6011672", seal_no="CSQU3054383X")],
    )
    hits = office.search.search("csqu 305438 3")
    kinds = [hit.kind for hit in hits]
    assert kinds[0] is Entity.CONTAINERS
    assert hits[0].id == records["box"]
    assert (Entity.CASES, case.id) in kinds_and_ids(hits)
    # Groups stay together, in the fixed order after the exact kind.
    order = list(dict.fromkeys(kinds))
    assert order == [Entity.CONTAINERS, Entity.CASES, Entity.INQUIRIES]


def test_without_an_exact_hit_the_groups_follow_the_fixed_order(
    office: Office, records: dict[str, int]
) -> None:
    hits = office.search.search("csqu 3054")
    assert list(dict.fromkeys(hit.kind for hit in hits)) == [Entity.CONTAINERS, Entity.INQUIRIES]
    hits = office.search.search("kigali")
    assert [hit.kind for hit in hits] == [Entity.TRADERS]


def test_merged_traders_are_not_offered(office: Office, records: dict[str, int]) -> None:
    duplicate, _ = office.traders.create(TraderDraft("Kigali Hardware Limited"))
    assert len(office.search.search("kigali hardware", kinds=(Entity.TRADERS,))) == 2
    office.traders.merge(duplicate.id, records["trader"])
    hits = office.search.search("kigali hardware", kinds=(Entity.TRADERS,))
    assert kinds_and_ids(hits) == [(Entity.TRADERS, records["trader"])]
    assert office.search.search(duplicate.code) == []


def test_results_are_ranked_by_bm25(office: Office) -> None:
    loose, _ = office.traders.create(
        TraderDraft("Rubavu Cement Transport and General Supplies Company")
    )
    close, _ = office.traders.create(TraderDraft("Rubavu Cement"))
    # Several words are scored in the pass that finds them, one word in a second pass over
    # the few found: the same bm25 order either way.
    assert [h.id for h in office.search.search("rubavu cement")] == [close.id, loose.id]
    assert [h.id for h in office.search.search("rubavu")] == [close.id, loose.id]


def test_a_huge_match_set_is_listed_newest_first(
    office: Office, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = [office.traders.create(TraderDraft(f"Nyabugogo Traders {n}"))[0].id for n in range(5)]
    monkeypatch.setattr(search_module, "RANK_CEILING", 3)
    hits = office.search.search("nyabugogo", limit_per_kind=2)
    assert [h.id for h in hits] == [made[4], made[3]]
    hits = office.search.search("nyabugogo traders", limit_per_kind=2)
    assert [h.id for h in hits] == [made[4], made[3]]


def test_limit_per_kind_and_kinds(office: Office, records: dict[str, int]) -> None:
    for n in range(4):
        office.traders.create(TraderDraft(f"Gasabo Store {n}"))
    assert len(office.search.search("gasabo", limit_per_kind=3)) == 3
    assert len(office.search.search("gasabo", limit_per_kind=0)) == 1
    assert office.search.search("csqu3054383", kinds=(Entity.TRADERS,)) == []
    hits = office.search.search("csqu 305438", kinds=(Entity.INQUIRIES,))
    assert kinds_and_ids(hits) == [(Entity.INQUIRIES, records["inquiry"])]


def test_an_edit_is_found_under_its_new_name(office: Office, trader: Trader) -> None:
    office.traders.update(trader.id, TraderDraft("Huye Coffee Exporters"), trader.version)
    assert office.search.search("kigali hardware") == []
    assert [h.id for h in office.search.search("huye coffee")] == [trader.id]


@pytest.mark.parametrize("typed", ["CSQU 305438 4", "csqu305438", "CSQU-305438"])
def test_a_container_with_a_mistyped_or_missing_check_digit_is_found(
    office: Office, records: dict[str, int], typed: str
) -> None:
    hits = office.search.search(typed)
    assert kinds_and_ids(hits)[0] == (Entity.CONTAINERS, records["box"])


def test_the_exact_container_number_comes_before_its_twin_serial(
    office: Office, records: dict[str, int], trader: Trader
) -> None:
    # Another box with the same owner and serial but another check digit (override given).
    case, _ = office.cases.create(
        CaseDraft(trader.id, "MAEU123456789"),
        [ContainerDraft("CSQU3054384", check_digit_override="as painted on the box")],
    )
    twin = office.tracking.containers(case.id)[0].id
    hits = office.search.search("CSQU 305438 3", kinds=(Entity.CONTAINERS,))
    assert [h.id for h in hits] == [records["box"], twin]
    hits = office.search.search("CSQU 305438 4", kinds=(Entity.CONTAINERS,))
    assert [h.id for h in hits] == [twin, records["box"]]


def test_the_words_in_the_typed_order_rank_first(office: Office) -> None:
    # Both match every word; only the second holds them in the order typed (its name).
    other, _ = office.traders.create(
        TraderDraft("Chantal Enterprises", contact_person="Yves Ntaganda")
    )
    named, _ = office.traders.create(TraderDraft("Yves Ntaganda Enterprises Limited Kigali"))
    hits = office.search.search("yves ntaganda enter", kinds=(Entity.TRADERS,))
    assert [h.id for h in hits] == [named.id, other.id]
