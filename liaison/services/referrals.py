"""Referrals: a matter sent to an outside party (a KPA desk, KRA, RRA, a shipping line…) and
what came back, with the date a response is expected so Today can chase late ones."""

from __future__ import annotations

import datetime as dt

from liaison.db import rows
from liaison.enums import Channel, Entity, ReferralStatus
from liaison.errors import NotFound, ValidationError
from liaison.models import Changes, Referral, ReferralDraft
from liaison.rules.dates import parse_date
from liaison.rules.text import clean_text
from liaison.rules.transitions import REFERRAL_TRANSITIONS, check_move
from liaison.services.base import Collector, Service, choice
from liaison.services.owners import one_owner, owner_reference

RS = ReferralStatus
DEFAULT_RESPONSE_DAYS = 5
# Statuses that record a reply from the party, and so a reply date.
REPLIED = frozenset({RS.ACKNOWLEDGED, RS.ANSWERED})

SELECT = (
    "SELECT r.id, r.trader_id, r.inquiry_id, r.case_id, r.party_id, p.name AS party_name, "
    "r.referred_on, r.channel, r.their_reference, r.response_due_on, r.responded_on, "
    "r.response_summary, r.status, r.version FROM referrals r JOIN parties p ON p.id = r.party_id"
)


class ReferralService(Service):
    def get(self, referral_id: int) -> Referral:
        row = self.store.one(f"{SELECT} WHERE r.id = ?", (referral_id,))
        if row is None:
            raise NotFound(f"No referral with id {referral_id}.")
        return rows.to_record(Referral, row)

    def allowed_responses(self, referral: Referral) -> list[ReferralStatus]:
        """The statuses this referral may move to (empty once answered or cancelled)."""
        allowed = REFERRAL_TRANSITIONS[referral.status]
        return [status for status in ReferralStatus if status in allowed]

    def for_owner(
        self,
        *,
        inquiry_id: int | None = None,
        case_id: int | None = None,
        trader_id: int | None = None,
    ) -> list[Referral]:
        owner = one_owner(trader_id=trader_id, inquiry_id=inquiry_id, case_id=case_id)
        return [
            rows.to_record(Referral, r)
            for r in self.store.all(
                f"{SELECT} WHERE r.{owner.column} = ? ORDER BY r.referred_on DESC, r.id DESC",
                (owner.id,),
            )
        ]

    def refer(
        self,
        draft: ReferralDraft,
        *,
        inquiry_id: int | None = None,
        case_id: int | None = None,
        trader_id: int | None = None,
    ) -> tuple[Referral, Changes]:
        actor = self.require_editor()
        owner = one_owner(trader_id=trader_id, inquiry_id=inquiry_id, case_id=case_id)
        today = self.today()
        c = Collector()
        if draft.party_id is None:
            c.add("party_id", "Choose who the matter is referred to.", "required")
        referred_on = c.check(parse_date, draft.referred_on, "referred_on") or today
        if referred_on > today:
            c.add("referred_on", "A referral cannot be dated in the future.", "future")
        due = c.check(parse_date, draft.response_due_on, "response_due_on")
        if due is None:
            due = referred_on + dt.timedelta(days=DEFAULT_RESPONSE_DAYS)
        elif due < referred_on:
            c.add(
                "response_due_on",
                "The response cannot be due before the referral was made.",
                "early",
            )
        values = {
            **owner.columns(),
            "party_id": draft.party_id,
            "referred_on": referred_on,
            "channel": c.check(choice, Channel, draft.channel, "channel"),
            "their_reference": c.check(
                clean_text, draft.their_reference, "their_reference", max_length=60
            ),
            "response_due_on": due,
            "status": RS.SENT,
        }
        c.raise_if_any()
        stamp = self.now()
        with self.store.write() as conn:
            if inquiry_id is not None:
                status = conn.execute(
                    "SELECT status FROM inquiries WHERE id = ?", (inquiry_id,)
                ).fetchone()
                if status is not None and status[0] == "CLOSED":
                    raise ValidationError(
                        "inquiry_id",
                        "This inquiry is closed; log a new inquiry to refer the matter again.",
                        code="closed",
                    )
            reference = owner_reference(conn, owner)
            if (
                draft.party_id is not None
                and conn.execute(
                    "SELECT 1 FROM parties WHERE id = ? AND active = 1", (draft.party_id,)
                ).fetchone()
                is None
            ):
                raise ValidationError("party_id", "Choose a party from the list.", code="not_found")
            referral_id = rows.insert_audited(
                conn, "referrals", values, stamp=stamp, staff_id=actor.id, reference=reference
            )
        changes = Changes.of(
            Entity.REFERRALS, ids=((Entity.REFERRALS, referral_id), (owner.entity, owner.id))
        )
        return self.get(referral_id), changes

    def record_response(
        self,
        referral_id: int,
        status: str,
        *,
        responded_on: str | dt.date = "",
        summary: str = "",
        their_reference: str = "",
        expected_version: int,
    ) -> tuple[Referral, Changes]:
        """Record what the party did: acknowledged, answered (a summary is required), did not
        respond, or the referral was withdrawn. An empty reference keeps the one on record."""
        actor = self.require_editor()
        today = self.today()
        c = Collector()
        goal = c.check(choice, RS, status, "status")
        replied_on = c.check(parse_date, responded_on, "responded_on")
        text = c.check(clean_text, summary, "summary", max_length=4000, multiline=True)
        their_ref = c.check(clean_text, their_reference, "their_reference", max_length=60)
        if goal is RS.ANSWERED and text is None and not any(e.field == "summary" for e in c.errors):
            c.add("summary", "Summarise the answer.", "required")
        if replied_on is not None and replied_on > today:
            c.add("responded_on", "A response cannot be dated in the future.", "future")
        c.raise_if_any()
        assert isinstance(goal, RS)
        stamp = self.now()
        with self.store.write() as conn:
            old = rows.fetch(conn, "referrals", referral_id, "referral")
            current = RS(old["status"])
            check_move("A referral", REFERRAL_TRANSITIONS, current, goal)
            patch: dict[str, object] = {"status": goal}
            if goal in REPLIED:
                day = replied_on or today
                if day < dt.date.fromisoformat(old["referred_on"]):
                    raise ValidationError(
                        "responded_on",
                        "The response cannot be dated before the referral.",
                        code="early",
                    )
                patch["responded_on"] = day
            if text is not None:
                patch["response_summary"] = text
            if their_ref is not None:
                patch["their_reference"] = their_ref
            changed = rows.diff(old, patch)
            rows.update_audited(
                conn,
                "referrals",
                referral_id,
                patch,
                expected_version,
                stamp=stamp,
                staff_id=actor.id,
                changes=changed,
                action="transition",
            )
        return self.get(referral_id), Changes.of(
            Entity.REFERRALS, ids=((Entity.REFERRALS, referral_id),)
        )
