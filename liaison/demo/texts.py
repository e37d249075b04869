"""What the demo's staff and traders write: inquiry subjects and descriptions by category,
resolutions, notes, follow-up titles and outcomes, referral answers.

Placeholders: {box} a container number, {bl} the B/L, {line} the shipping line, {vessel} the
ship, {decl} the declaration number, {party} the external party, {n} a small number.
"""

from __future__ import annotations

# category → (subjects, descriptions); English and French mixed as traders write them.
INQUIRIES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "cargo_status": (
        (
            "Where is container {box}?",
            "Status of B/L {bl}",
            "Suivi du conteneur {box}",
            "Cargo on {vessel} not yet released",
            "When will {box} leave Mombasa?",
            "Où se trouve ma marchandise (B/L {bl}) ?",
        ),
        (
            "Trader says the agent has no news since the vessel arrived. Asks for the current "
            "position of the boxes and the expected arrival in Kigali.",
            "Le commerçant demande la position actuelle du conteneur et la date prévue "
            "d'arrivée à Masaka.",
            "Customer wants to know whether the container has been discharged and if the "
            "release message from RRA has reached KPA.",
        ),
    ),
    "charges_quote": (
        (
            "Storage charges for {box}",
            "Devis des frais portuaires pour B/L {bl}",
            "KPA invoice amount for B/L {bl}",
        ),
        (
            "Asks how much KPA storage will be charged if the boxes leave next week.",
            "Demande le montant de la facture KPA et les moyens de paiement (eCitizen).",
        ),
    ),
    "storage_waiver": (
        (
            "Request for storage waiver — {box}",
            "Demande d'exonération des frais de magasinage ({box})",
        ),
        (
            "Release was delayed by a system outage; the trader asks KPA to waive the storage "
            "days that followed.",
            "Le retard de mainlevée n'est pas de son fait ; il sollicite une exonération.",
        ),
    ),
    "demurrage_detention": (
        ("Demurrage charged by {line}", "Detention on empty return of {box}"),
        (
            "The shipping line is charging detention although the empty was returned within "
            "the free days. Trader has the interchange receipt.",
        ),
    ),
    "delay": (
        (
            "Delay at Malaba border",
            "Release delayed by system outage",
            "Retard de chargement SGR pour {box}",
        ),
        (
            "Truck has been waiting at the border for {n} days; the trader asks the office to "
            "find out why.",
            "Le conteneur attend un wagon SGR depuis {n} jours.",
        ),
    ),
    "documentation_procedure": (
        (
            "Which documents are needed for IM8 transit?",
            "Procedure for getting the delivery order",
            "Documents requis pour le dédouanement",
        ),
        (
            "New importer, first shipment through Mombasa; asks for the list of documents and "
            "the order of the steps.",
        ),
    ),
    "long_stay_auction": (
        ("Container {box} on the long-stay list?", "Risque de vente aux enchères — {box}"),
        (
            "Trader heard the box may be moved to a customs warehouse; asks what to do to "
            "avoid auction.",
        ),
    ),
    "damage_loss": (
        ("Damaged cargo on arrival at Masaka", "Seal broken on {box}"),
        (
            "At KLP Masaka the seal number did not match the one on the position slip; {n} "
            "cartons missing.",
        ),
    ),
    "deposit_refund": (
        ("Container deposit refund from {line}", "Remboursement de la caution conteneur"),
        ("The deposit for the empties has not been refunded after {n} weeks.",),
    ),
    "complaint": (
        ("Complaint about handling at the CFS", "Plainte : retard de traitement du dossier"),
        (
            "Trader complains that the clearing agent was told to come back several times at "
            "the port.",
        ),
    ),
    "tariff_info": (
        ("Free storage days for transit cargo", "Tarif de magasinage à Naivasha"),
        ("Asks how many free days apply to transit cargo by SGR to Naivasha.",),
    ),
    "other": (
        ("Request for a meeting with the KPA delegation", "Invitation to a traders' forum"),
        ("Business association asks for a briefing on the corridor for its members.",),
    ),
}

RESOLUTIONS = (
    "Confirmed with KPA Container Operations; trader informed by phone.",
    "Position obtained from KWATOS and sent to the trader by WhatsApp.",
    "Explained the procedure and gave the checklist of documents.",
    "KPA Customer Service confirmed the charges; trader advised to pay through eCitizen.",
    "Shipping line agreed to correct the invoice; trader informed.",
    "Waiver request forwarded to KPA headquarters; outcome communicated to the trader.",
    "Réponse transmise au commerçant par courriel.",
)

NOTES = (
    "Trader called to ask about the release; advised to pay port charges through eCitizen.",
    "Agent confirmed taxes paid at RRA; waiting for the release message.",
    "Spoke to KPA Customer Service (ticket {n}); they will check the yard position.",
    "Shipping line says the delivery order is ready once local charges are paid.",
    "Le commerçant est passé au bureau avec la facture commerciale.",
    "Copy of the B/L received by e-mail.",
    "RECTS centre confirms the e-seal was armed at Mombasa gate.",
    "Truck reported at Malaba; driver waiting for T1 validation.",
    "Umucuruzi yahamagaye abaza aho kontineri igeze.",
    "Agent says the declaration was lodged under IM4; checking the assessment.",
)

FOLLOWUP_TITLES = {
    "call_trader": ("Call the trader about {box}", "Rappeler le commerçant (B/L {bl})"),
    "chase_kpa": ("Chase KPA Container Ops on {box}", "Ask KPA for the yard position of {box}"),
    "chase_shipping_line": ("Ask {line} for the DO on B/L {bl}", "Chase {line} on demurrage"),
    "chase_rra": ("Check the RRA release for {decl}", "Ask RRA about verification of {box}"),
    "chase_kra": ("Ask KRA about the manifest of {vessel}",),
    "send_letter": ("Send the storage warning letter", "Send the cargo status letter"),
    "site_visit": ("Visit KLP Masaka about {box}",),
    "other": ("Prepare the file for the corridor meeting",),
}

OUTCOMES = (
    "Done; trader informed.",
    "KPA confirmed the position; no further action.",
    "Shipping line issued the DO.",
    "RRA confirmed the release.",
    "Letter handed to the trader.",
    "Fait ; le commerçant a été informé.",
)
CANCEL_REASONS = ("No longer needed; the trader cleared it himself.", "Duplicate follow-up.")

REFERRAL_ANSWERS = (
    "Box located in the yard; gate-out expected after payment.",
    "Release message transmitted; agent may proceed.",
    "Waiver granted for {n} days of storage.",
    "Request declined; charges stand.",
    "Manifest amended as requested.",
)

OVERRIDE_REASONS = (
    "Number as printed on the B/L; shipping line confirms the box",
    "Check digit as on the KPA manifest; box sighted by the agent",
)
VOID_REASONS = ("Entered against the wrong case", "Wrong date; re-entered")
