"""The words the demo office is made of: Rwandan names and places, the corridor's shipping lines
and their number formats, vessels, cargo, and the texts staff write in inquiries and notes.

Pure data. Every list is a tuple so iteration order (and so the demo) is the same in every run.
"""

from __future__ import annotations

from dataclasses import dataclass

SURNAMES = (
    "Mugisha", "Habimana", "Uwimana", "Niyonzima", "Nshimiyimana", "Mukamana", "Uwase",
    "Ingabire", "Nyiramana", "Hakizimana", "Ndayisaba", "Twagirimana", "Bizimana", "Munyaneza",
    "Kayitesi", "Mutoni", "Iradukunda", "Ishimwe", "Gasana", "Rutagengwa", "Kamanzi", "Karangwa",
    "Nkurunziza", "Byiringiro", "Tuyisenge", "Uwamahoro", "Mukeshimana", "Nsengiyumva",
    "Sibomana", "Murekatete", "Rwabukamba", "Semana", "Kanamugire", "Nzeyimana", "Rukundo",
    "Gatera", "Mbonigaba", "Ntaganda", "Uwera", "Mukandayisenga", "Ndagijimana", "Safari",
    "Kabera", "Rwigamba", "Ntawukuriryayo", "Nyirahabimana", "Habyarimana", "Mpatswe",
    "Kagame", "Munyakazi", "Rwagasana", "Butera", "Mutabazi", "Niyitegeka", "Uwizeye",
    "Nsabimana", "Hategekimana", "Ndahiro", "Musoni", "Kalisa", "Rugamba", "Mukarugwiza",
    "Uwitonze", "Bagabo", "Kanyarwanda", "Shyaka", "Mushimiyimana", "Ntirenganya", "Gakwaya",
)  # fmt: skip

GIVEN_NAMES = (
    "Jean Claude", "Jean de Dieu", "Emmanuel", "Eric", "Patrick", "Aimable", "Olivier",
    "Innocent", "Vestine", "Claudine", "Alice", "Grace", "Diane", "Josiane", "Théoneste",
    "Félicien", "Célestin", "Protais", "Anastase", "Dative", "Jeanne d'Arc", "Marie Chantal",
    "Immaculée", "Espérance", "Béatrice", "Frédéric", "Gérard", "Joséphine", "Hélène", "Aloys",
    "Yves", "Clarisse", "Sandrine", "Fabrice", "Gilbert", "Solange", "Aline", "Samuel",
    "Jean Bosco", "Jean Paul", "Marie Claire", "Pacifique", "Théogène", "Valens", "Egide",
    "Alphonsine", "Chantal", "Didier", "Faustin", "Godfrey", "Honorine", "Léonidas", "Moïse",
)  # fmt: skip

KINYARWANDA_WORDS = (
    "Umurava", "Ubumwe", "Agaciro", "Imena", "Intego", "Ishema", "Amahoro", "Urumuri",
    "Icyerekezo", "Indatwa", "Ubudasa", "Umucyo", "Inyenyeri", "Isoko", "Ubuzima", "Iterambere",
    "Ingoboka", "Umuhuza", "Akanyamuneza", "Uruyange",
)  # fmt: skip

GOODS_WORDS = (
    "Hardware", "Motors", "Pharma", "Textiles", "Building Materials", "Electronics", "Foods",
    "Agro Supplies", "Steel", "Cement Distributors", "Auto Spares", "Solar Solutions", "Tiles",
    "Beverages", "Furniture",
)  # fmt: skip

# French trades with their preposition, as in "Société Rwandaise d'Électroménager".
FRENCH_TRADES = (
    "de Distribution", "de Commerce Général", "de Matériaux de Construction",
    "de Produits Pharmaceutiques", "de Pièces Détachées", "d'Électroménager", "de Quincaillerie",
    "d'Import-Export", "de Textiles et Pagnes", "de Produits Alimentaires",
)  # fmt: skip
FRENCH_GOODS = (
    "de Ciment",
    "de Riz",
    "d'Huile",
    "de Pagnes",
    "de Carreaux",
    "de Pneus",
    "de Tôles",
)

PLACE_WORDS = ("Kigali", "Rwanda", "Nyabugogo", "Kimironko", "Remera", "Gikondo", "Kivu", "Akagera")

# The patterns with room for tens of thousands of distinct names (used again on a clash).
WIDE_PATTERNS = (
    ("{g} {s}", 8),
    ("{g} {s} Enterprises", 5),
    ("Ets {g} {s}", 4),
    ("{s} & {t} Ltd", 4),
    ("{i} {s} {w} Ltd", 6),
    ("{s}'s {w}", 2),
    ("Dépôt d'Huile {g} {s}", 1),
)

# Patterns for a business name, with a weight: {s} and {t} surnames, {g} a given name, {i} its
# initials, {k} a Kinyarwanda word, {w} goods, {f} a French trade, {c} French goods, {p} a place.
# Several carry accents or apostrophes on purpose.
TRADER_PATTERNS = (
    ("Ets {s} & Fils", 6),
    ("{s} Trading Ltd", 6),
    ("{s} General Trading Ltd", 4),
    ("{p} {w} Ltd", 5),
    ("Société Rwandaise {f}", 3),
    ("{k} Import Export", 4),
    ("{k} {w} Ltd", 5),
    ("{s} & Sons Ltd", 3),
    ("Entreprise {s} SARL", 3),
    ("Quincaillerie de l'Avenir {s}", 1),
    ("Dépôt {c} {s}", 1),
    ("Nyiramana Trading", 1),
    ("Kigali Hardware Ltd", 1),
    ("{s} Frères SARL", 2),
    ("Koperative {k} {p}", 2),
    *WIDE_PATTERNS,
)
SECTORS_BY_GOODS = {
    "Hardware": "Hardware",
    "Motors": "Motor vehicles",
    "Pharma": "Pharmaceuticals",
    "Textiles": "Textiles and clothing",
    "Building Materials": "Construction materials",
    "Electronics": "Electronics",
    "Foods": "Food import",
    "Agro Supplies": "Agro-inputs",
    "Steel": "Construction materials",
    "Cement Distributors": "Construction materials",
    "Auto Spares": "Motor vehicles",
    "Solar Solutions": "Energy equipment",
    "Tiles": "Construction materials",
    "Beverages": "Beverages",
    "Furniture": "Furniture",
}

# District → sectors (Kigali's three districts, then a few upcountry towns), with a weight.
DISTRICTS = (
    ("Nyarugenge", ("Nyamirambo", "Muhima", "Nyarugenge", "Gitega", "Kimisagara", "Rwezamenyo"), 30),
    ("Gasabo", ("Kimironko", "Remera", "Kacyiru", "Kimihurura", "Gisozi", "Kinyinya", "Ndera"), 30),
    ("Kicukiro", ("Kicukiro", "Gikondo", "Kagarama", "Niboye", "Kanombe", "Masaka", "Gatenga"), 28),
    ("Musanze", ("Muhoza", "Cyuve"), 4),
    ("Rubavu", ("Gisenyi", "Rubavu"), 4),
    ("Huye", ("Ngoma", "Tumba"), 4),
)  # fmt: skip
STREET_PREFIX = {"Nyarugenge": "KN", "Gasabo": "KG", "Kicukiro": "KK"}
STREET_KINDS = ("St", "Ave", "Rd")

EMAIL_DOMAINS = ("example.com", "example.org", "example.net")

# The (username, full name, initials, role) of staff beyond the demo sign-ins.
EXTRA_OFFICERS = (
    ("jp.habimana", "Jean-Paul Habimana", "JPH"),
    ("c.mukamana", "Claudine Mukamana", "CM"),
    ("e.nshimiyimana", "Eric Nshimiyimana", "EN"),
    ("a.uwera", "Aline Uwera", "AU"),
)
DEMO_STAFF_NAMES = {
    "admin": ("Grace Mukeshimana", "GM"),
    "officer": ("Patrick Niyonzima", "PN"),
    "viewer": ("Diane Ingabire", "DI"),
}


@dataclass(frozen=True)
class LineStyle:
    """How one shipping line numbers its bills of lading, boxes, seals and voyages."""

    bl_style: str
    owner_codes: tuple[str, ...]
    vessels: tuple[str, ...]
    seal_prefix: str
    voyage_style: str
    weight: int  # share of Rwanda-bound boxes, roughly
    agent_name: str


LINES: dict[str, LineStyle] = {
    "Maersk": LineStyle(
        "maersk",
        ("MSKU", "MRKU", "MAEU"),
        ("Maersk Cabo Verde", "Maersk Kensington", "Maersk Chennai", "Maersk Kampala",
         "Maersk Durban", "Maersk Salalah"),
        "ML",
        "digits",
        25,
        "Maersk Kenya Ltd, Mombasa",
    ),
    "Mediterranean Shipping Company (MSC)": LineStyle(
        "msc",
        ("MSCU", "MEDU", "MSDU"),
        ("MSC Aurora", "MSC Kalina", "MSC Adelaide", "MSC Sasha", "MSC Rania", "MSC Nuria"),
        "FX",
        "msc",
        30,
        "MSC Kenya, Mombasa",
    ),
    "CMA CGM": LineStyle(
        "cma",
        ("CMAU", "ECMU", "CGMU"),
        ("CMA CGM Tage", "CMA CGM Rhone", "CMA CGM Zanzibar", "CMA CGM Lamu", "CMA CGM Nilgai"),
        "C",
        "cma",
        15,
        "CMA CGM Kenya, Mombasa",
    ),
    "Hapag-Lloyd": LineStyle(
        "hapag",
        ("HLXU", "HLBU", "UACU"),
        ("Bremen Express", "Santos Express", "Kilimanjaro Express", "Dubai Express"),
        "HLG",
        "digits",
        8,
        "Hapag-Lloyd Kenya, Mombasa",
    ),
    "COSCO Shipping": LineStyle(
        "cosco",
        ("CBHU", "CSNU", "CCLU"),
        ("Cosco Shipping Rose", "Cosco Durban", "Cosco Africa", "Xin Ya Zhou"),
        "CS",
        "digits",
        8,
        "COSCO Shipping Kenya, Mombasa",
    ),
    "Ocean Network Express (ONE)": LineStyle(
        "one",
        ("ONEU", "NYKU", "MOLU"),
        ("ONE Commitment", "ONE Harmony", "ONE Crane", "ONE Olympus"),
        "ONE",
        "digits",
        5,
        "ONE Kenya, Mombasa",
    ),
    "Evergreen": LineStyle(
        "evergreen",
        ("EGHU", "EISU", "EMCU"),
        ("Ever Lucid", "Ever Gentle", "Ever Bright", "Ever Unique"),
        "EMC",
        "evergreen",
        6,
        "Evergreen Shipping Agency Kenya, Mombasa",
    ),
    "PIL Pacific International Lines": LineStyle(
        "pil",
        ("PCIU",),
        ("Kota Lestari", "Kota Pekarang", "Kota Manzanillo", "Kota Nazar"),
        "PIL",
        "digits",
        3,
        "PIL Kenya, Mombasa",
    ),
}  # fmt: skip
# Leasing companies' boxes travel under every line.
LEASED_OWNER_CODES = ("TEXU", "TGHU", "TCLU", "SEGU", "CAIU", "GESU", "FCIU", "TCNU", "BMOU")
PORT_CODES = ("SHA", "NGB", "TAO", "JEA", "NSA", "SIN", "PKL", "KHI", "ANR", "YOK", "CHT", "MER")


@dataclass(frozen=True)
class Cargo:
    description: str
    hs_codes: str
    ports: tuple[str, ...]
    size_types: tuple[str, ...]
    tonnes: tuple[int, int]  # gross weight per box, range
    packages: tuple[int, int]  # packages per box, range
    weight: int


CARGO = (
    Cargo("Portland cement, 50 kg bags", "2523.29", ("Karachi", "Shanghai"), ("22G1",), (24, 28), (480, 560), 10),
    Cargo("Long grain white rice, 25 kg bags", "1006.30", ("Karachi", "Laem Chabang", "Kolkata"), ("22G1",), (22, 27), (880, 1080), 9),
    Cargo("Refined palm olein cooking oil, 20 L jerrycans", "1511.90", ("Port Klang", "Belawan"), ("22G1", "42G1"), (19, 25), (950, 1200), 8),
    Cargo("Deformed reinforcing steel bars Y12–Y16", "7214.20", ("Tianjin", "Jebel Ali", "Mumbai"), ("22G1",), (24, 28), (60, 90), 8),
    Cargo("Used motor vehicles (Toyota RAV4, Corolla)", "8703.23", ("Yokohama", "Nagoya", "Jebel Ali"), ("45G1", "42G1"), (5, 9), (3, 4), 6),
    Cargo("Pharmaceutical products (antibiotics, analgesics)", "3004.90", ("Nhava Sheva", "Chennai", "Antwerp"), ("22R1", "22G1"), (6, 12), (300, 800), 5),
    Cargo("Cotton textiles and kitenge fabric", "5208.52", ("Shanghai", "Ningbo", "Chittagong"), ("45G1", "42G1"), (12, 18), (200, 400), 6),
    Cargo("Second-hand clothing (mitumba), pressed bales", "6309.00", ("Antwerp", "Jebel Ali"), ("45G1",), (24, 27), (500, 600), 5),
    Cargo("Ceramic floor and wall tiles", "6907.21", ("Nansha", "Foshan"), ("22G1",), (25, 28), (1400, 1800), 5),
    Cargo("Solar panels and inverters", "8541.43", ("Shanghai", "Ningbo"), ("45G1",), (10, 16), (600, 900), 4),
    Cargo("Mobile phones and accessories", "8517.13", ("Shenzhen", "Jebel Ali"), ("22G1", "45G1"), (5, 10), (400, 900), 3),
    Cargo("NPK fertilizer 17-17-17, 50 kg bags", "3105.20", ("Jebel Ali", "Antwerp", "Mersin"), ("22G1",), (25, 28), (500, 560), 5),
    Cargo("Car tyres and inner tubes", "4011.10", ("Qingdao",), ("45G1",), (10, 14), (700, 1100), 4),
    Cargo("Motor vehicle spare parts", "8708.99", ("Yokohama", "Jebel Ali", "Shanghai"), ("22G1", "45G1"), (8, 16), (100, 400), 5),
    Cargo("HDPE plastic granules for manufacturing", "3901.20", ("Jebel Ali", "Dammam"), ("22G1", "45G1"), (22, 26), (880, 1040), 3),
    Cargo("Refined white sugar, 50 kg bags", "1701.99", ("Nhava Sheva", "Santos"), ("22G1",), (25, 28), (500, 560), 5),
    Cargo("Wheat flour, 50 kg bags", "1101.00", ("Mersin", "Karachi"), ("22G1",), (24, 27), (480, 540), 3),
    Cargo("Galvanised roofing iron sheets (mabati)", "7210.49", ("Tianjin", "Mumbai"), ("22G1",), (22, 27), (80, 140), 4),
    Cargo("Electrical cables and switchgear", "8544.49", ("Ningbo", "Istanbul"), ("22G1", "45G1"), (10, 18), (150, 400), 3),
    Cargo("Furniture and mattresses", "9403.60", ("Nansha", "Istanbul"), ("45G1",), (6, 10), (120, 300), 3),
)  # fmt: skip

AGENTS = (
    "Gasabo Clearing & Forwarding Ltd", "Trans-Akagera Logistics", "Nyabugogo Freight Agents",
    "Kivu Clearing Services", "Rwenzori Forwarders Ltd", "Ubumwe Customs Agency",
    "Mille Collines Logistics", "Virunga Freight Solutions", "Agaciro Clearing SARL",
    "Umurava Logistics Ltd", "Great Lakes Transit Agency", "Karisimbi Forwarding",
    "Nyungwe Cargo Services", "Isoko Clearing Agency", "Intego Freight & Logistics",
    "Akagera Customs Brokers", "Kigali Express Clearing", "Imena Logistics Ltd",
)  # fmt: skip
KENYAN_AGENTS = ("Changamwe Clearing Agencies", "Kilindini Freight Ltd", "Port Reitz Logistics")
TRANSPORTERS = (
    "Umuhuza Transport Ltd", "Northern Corridor Haulage", "Gatuna Express Trucking",
    "Malaba Line Transporters", "Kagitumba Road Freight", "Rusumo Haulers SARL",
)  # fmt: skip

MILESTONE_LOCATIONS = {
    "DISCHARGED": "Mombasa container yard",
    "VERIFICATION": "Mombasa CFS verification bay",
    "CUSTOMS_RELEASED": "Mombasa",
    "LOADED_TRUCK": "Mombasa gate",
    "LOADED_SGR": "Mombasa SGR terminal",
}
ICD_NAMES = {"sgr_icdn": "ICD Nairobi (Embakasi)", "sgr_nicd": "Naivasha ICD"}
BORDER_NAMES = {
    "MALABA": "Malaba",
    "BUSIA": "Busia",
    "GATUNA": "Gatuna",
    "KAGITUMBA": "Kagitumba",
}
DESTINATION_NAMES = {"KLP_MASAKA": "KLP Masaka", "GIKONDO": "Gikondo (MAGERWA)", "OTHER": "Kigali"}

# Who usually tells the office of a milestone, and the note an exception event carries.
MILESTONE_SOURCES = {
    "DOCS_RECEIVED": "trader", "MANIFESTED": "shipping_line", "VESSEL_ARRIVED": "kwatos",
    "DISCHARGED": "kwatos", "DECLARED": "agent", "TAXES_PAID": "rra", "BOND_DEBITED": "agent",
    "VERIFICATION": "rra", "CUSTOMS_RELEASED": "rra", "DO_ISSUED": "shipping_line",
    "PORT_CHARGES_PAID": "agent", "LOADED_TRUCK": "kwatos", "LOADED_SGR": "kwatos",
    "AT_ICD": "kwatos", "LEFT_ICD": "kwatos", "BORDER_KE_UG": "rects", "BORDER_UG_RW": "rects",
    "ARRIVED_KIGALI": "rects", "DELIVERED": "trader", "EMPTY_RETURNED": "shipping_line",
}  # fmt: skip
EXCEPTION_NOTES = {
    "ON_HOLD": "Query on the declared value; RRA asked for the supplier's invoice.",
    "LONG_STAY": "Box on the KPA long-stay list.",
    "AUCTION_RISK": "Past 21 days uncollected; KRA notice expected.",
    "INCIDENT": "Truck accident near Lukaya; cargo moved to another truck, police abstract taken.",
}
