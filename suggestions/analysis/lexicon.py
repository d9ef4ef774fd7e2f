"""The small vocabularies the analysis reads with: counted things, events, parties.

Written for reporting on wars and crises in English. Every list is general (no word or number
of a particular article): extend a list rather than adding a rule elsewhere.
"""

import re


def _alternation(words: list[str]) -> str:
    return "|".join(sorted((re.escape(word) for word in words), key=len, reverse=True))


#: Counted things: the normalized subject and the nouns (plural and singular) that name it.
SUBJECTS: dict[str, list[str]] = {
    "troops": [
        "sailors",
        "seamen",
        "airmen",
        "crewmen",
        "crew members",
        "naval infantry",
        "guardsmen",
        "militiamen",
        "militants",
        "insurgents",
        "rebels",
        "troops",
        "troop",
        "soldiers",
        "soldier",
        "forces",
        "personnel",
        "servicemen",
        "service members",
        "servicemembers",
        "fighters",
        "combatants",
        "infantry",
        "infantrymen",
        "marines",
        "paratroopers",
        "mercenaries",
        "special forces",
        "commandos",
        "peacekeepers",
        "peacekeeping troops",
        "comrades",
        "reservists",
        "men under arms",
        "military personnel",
        "army",
        "workers and soldiers",
    ],
    "recruits": [
        "recruits",
        "recruit",
        "conscripts",
        "conscript",
        "draftees",
        "volunteers",
        "mobilised",
        "mobilized",
        "new recruits",
    ],
    "casualties": [
        "casualties",
        "casualty",
        "losses",
        "killed or wounded",
        "killed and wounded",
        "dead or injured",
        "dead and injured",
        "dead or wounded",
        "dead and wounded",
        "killed or injured",
        "killed and injured",
        "killed, wounded",
        "killed, injured",
    ],
    "deaths": ["deaths", "dead", "killed", "fatalities", "lives", "death toll", "bodies"],
    "wounded": ["wounded", "injured", "injuries"],
    "prisoners": ["prisoners", "prisoners of war", "pows", "captives", "captured"],
    "civilians": ["civilians", "civilian", "residents", "inhabitants"],
    "refugees": [
        "refugees",
        "displaced people",
        "displaced persons",
        "asylum seekers",
        "arrivals",
        "evacuees",
        "internally displaced",
    ],
    "missiles": ["missiles", "missile", "ballistic missiles", "cruise missiles", "rockets"],
    "artillery shells": ["shells", "artillery shells", "rounds", "rounds of ammunition"],
    "drones": ["drones", "drone", "uavs"],
    "tanks": ["tanks", "tank"],
    "aircraft": ["aircraft", "jets", "fighter jets", "planes", "helicopters"],
    "artillery pieces": ["howitzers", "artillery pieces", "guns", "artillery systems"],
    "vehicles": ["vehicles", "armoured vehicles", "armored vehicles", "personnel carriers"],
    "warheads": ["warheads", "nuclear warheads"],
    "pay": [
        "salary",
        "salaries",
        "pay",
        "paid",
        "wage",
        "wages",
        "bonus",
        "bonuses",
        "sign-up bonus",
        "earns",
        "earn",
        "earning",
        "payment",
        "payments",
    ],
    "aid": ["aid", "assistance", "military aid", "support package"],
    "spending": ["spending", "budget", "defence spending", "defense spending"],
}

#: Plural nationality nouns ("10,000 North Koreans") count troops in a military context.
MILITARY_CONTEXT = re.compile(
    r"\b(?:troops?|soldiers?|forces|military|army|armies|deploy\w*|combat|battle\w*|"
    r"fight\w*|front ?lines?|units?|war|recruit\w*|mobili[sz]\w*)\b",
    re.IGNORECASE,
)

#: What happened to the people counted, read near the figure; overrides "troops"/"people".
STATUS: list[tuple[str, re.Pattern[str]]] = [
    (
        "casualties",
        re.compile(
            r"\b(?:killed|dead|died)\s*(?:,\s*\w+\s*)*(?:or|and)\s+(?:wounded|injured|missing)"
            r"|\b(?:wounded|injured)\s+(?:or|and)\s+(?:killed|dead)|\bcasualt(?:y|ies)\b"
            r"|\blosses\b|\b(?:lost|los(?:e|es|ing))\b",
            re.IGNORECASE,
        ),
    ),
    ("deaths", re.compile(r"\b(?:killed|dead|died|deaths?|death toll)\b", re.IGNORECASE)),
    (
        "refugees",
        re.compile(
            r"\b(?:fled|fleeing|flee|displaced|evacuated|(?:had |have |has )?left (?:the|their)"
            r"|crossed into)\b",
            re.IGNORECASE,
        ),
    ),
    ("wounded", re.compile(r"\b(?:wounded|injured)\b", re.IGNORECASE)),
    (
        "prisoners",
        re.compile(r"\b(?:captur(?:e|ed|ing)|taken prisoner|prisoners?)\b", re.IGNORECASE),
    ),
    (
        "recruits",
        re.compile(r"\b(?:recruit(?:s|ed|ing)?|mobili[sz](?:ed|es|ing)|conscripted)\b", re.I),
    ),
]
PEOPLE_SUBJECTS = frozenset({"troops", "people", ""})
#: Subjects counted in people (their unit is "people").
PEOPLE_COUNTED = frozenset(
    {
        "troops",
        "recruits",
        "casualties",
        "deaths",
        "wounded",
        "prisoners",
        "civilians",
        "refugees",
        "people",
    }
)
#: What a sum of money can be counted for.
MONEY_SUBJECTS = frozenset({"pay", "aid", "spending"})

#: Events that a date can be the date of, with the words that name them near the date.
EVENTS: dict[str, str] = {
    "invasion start": r"invasion|invaded|invade|full-scale war|war began|war started",
    "incursion start": (
        r"incursion|cross-border (?:offensive|attack|operation|raid)|crossed the border"
        r"|(?:advance|advanced|push|pushed|offensive|thrust|attack|raid) into"
        r"|stormed into|entered the \w+ (?:region|oblast|province)"
    ),
    "deployment": (
        r"deploy(?:ed|ment|ments)?|sent (?:\w+ )?(?:troops|soldiers|forces)|arrived|arrival"
        r"|dispatched|were transferred|transported"
    ),
    "first combat": (
        r"(?:first|began|begun|started) (?:\w+ )?(?:fighting|combat)|entered combat"
        r"|first (?:clashes|spotted fighting|engaged)|spotted fighting"
    ),
    "agreement signed": r"signed|signing|agreement|treaty|pact",
    "mobilization": r"mobili[sz]ation|mobili[sz]ed",
    "ceasefire": r"ceasefire|cease-fire|truce|armistice",
    "election": r"election|elected|vote",
    "offensive start": (
        r"offensive|counter-?offensive|launched (?:an? |the |its )?(?:attack|assault|operation"
        r"|campaign)|assault began|attack began"
    ),
    "blockade start": r"blockade|blockaded|siege|besieged|embargo",
    "withdrawal": r"withdr[ae]w\w*|pulled out|pull-out|retreat(?:ed)?",
    "annexation": r"annex(?:ed|ation)",
}
EVENT_PATTERNS = {
    event: re.compile(rf"\b(?:{words})\b", re.IGNORECASE) for event, words in EVENTS.items()
}

#: Parties: the name a figure is counted for, and the words that name it.
PARTIES: dict[str, list[str]] = {
    "North Korea": ["North Korea", "North Korean", "North Koreans", "Pyongyang", "DPRK"],
    "South Korea": ["South Korea", "South Korean", "South Koreans", "Seoul"],
    "Russia": ["Russia", "Russian", "Russians", "Moscow", "Kremlin", "Russian Federation"],
    "Ukraine": ["Ukraine", "Ukrainian", "Ukrainians", "Kyiv", "Kiev"],
    "United States": [
        "United States",
        "US",
        "U.S.",
        "USA",
        "American",
        "Americans",
        "Washington",
        "Pentagon",
    ],
    "United Kingdom": ["United Kingdom", "UK", "U.K.", "Britain", "British", "Britons"],
    "France": ["France", "French"],
    "Germany": ["Germany", "German", "Germans"],
    "Italy": ["Italy", "Italian", "Italians"],
    "Spain": ["Spain", "Spanish"],
    "Poland": ["Poland", "Polish", "Poles"],
    "China": ["China", "Chinese", "Beijing"],
    "Japan": ["Japan", "Japanese", "Tokyo"],
    "India": ["India", "Indian", "Indians"],
    "Iran": ["Iran", "Iranian", "Iranians", "Tehran"],
    "Israel": ["Israel", "Israeli", "Israelis"],
    "Turkey": ["Turkey", "Türkiye", "Turkish", "Turks"],
    "Belarus": ["Belarus", "Belarusian", "Belarusians", "Minsk"],
    "Syria": ["Syria", "Syrian", "Syrians"],
    "Estonia": ["Estonia", "Estonian", "Estonians"],
    "Latvia": ["Latvia", "Latvian", "Latvians"],
    "Lithuania": ["Lithuania", "Lithuanian", "Lithuanians"],
    "Finland": ["Finland", "Finnish", "Finns"],
    "Sweden": ["Sweden", "Swedish", "Swedes"],
    "Georgia": ["Georgia", "Georgian", "Georgians", "Tbilisi"],
    "Moldova": ["Moldova", "Moldovan"],
    "Hungary": ["Hungary", "Hungarian"],
    "Romania": ["Romania", "Romanian"],
    "Canada": ["Canada", "Canadian", "Canadians"],
    "Australia": ["Australia", "Australian", "Australians"],
    "NATO": ["NATO", "Nato"],
    "Europe": ["Europe", "European", "Europeans", "EU", "European Union"],
    "Hamas": ["Hamas"],
    "Hezbollah": ["Hezbollah"],
    "Wagner": ["Wagner"],
    "Palestine": ["Palestinian", "Palestinians", "Gaza"],
    "Sudan": ["Sudan", "Sudanese"],
    "Yemen": ["Yemen", "Yemeni", "Houthi", "Houthis"],
}
_PARTY_OF = {word: party for party, words in PARTIES.items() for word in words}
PARTY_PATTERN = re.compile(rf"(?<![\w.])(?:{_alternation(list(_PARTY_OF))})(?:['’]s)?(?![\w])")


_POSSESSIVE = re.compile(r"['’]s$")


def party_of(word: str) -> str:
    """The party a matched name stands for ("Pyongyang" → "North Korea")."""
    return _PARTY_OF.get(_POSSESSIVE.sub("", word), "")


#: Nationality plurals that can be the counted noun itself ("10,000 North Koreans").
DEMONYM_PLURALS = frozenset(
    word
    for party, words in PARTIES.items()
    for word in words[1:]
    if word.endswith(("ans", "ese", "ns", "es", "is", "ts", "ks", "ps")) and word != "Belarus"
)


def _adjective(party: str, words: list[str]) -> str:
    for word in words[1:]:
        if word.endswith(("an", "ese", "ish", "ch", "i")) and " " not in word.replace(
            "North ", ""
        ).replace("South ", ""):
            return word
    return party


#: "North Korea" → "North Korean", for notes that read naturally.
PARTY_ADJECTIVES = {party: _adjective(party, words) for party, words in PARTIES.items()}

_SUBJECT_OF = {noun: subject for subject, nouns in SUBJECTS.items() for noun in nouns}
SUBJECT_PATTERN = re.compile(rf"(?<!\w)(?:{_alternation(list(_SUBJECT_OF))})\b", re.IGNORECASE)


def subject_of(noun: str) -> str:
    return _SUBJECT_OF.get(noun.lower(), "")


#: Roles a party's troops can be said to have (the qualitative stretch goal of issue 14).
ROLES: dict[str, re.Pattern[str]] = {
    "support": re.compile(
        r"\b(?:(?:providing|provide|provides|in|a|for)\s+(?:\w+\s+)?support(?:ing)?\s+roles?"
        r"|logistic(?:al|s)\s+(?:support|roles?|tasks?|duties)|non-combat\s+roles?"
        r"|(?:providing|provide|provides)\s+(?:logistical|logistic|engineering|technical)\s+support"
        r"|(?:as|in)\s+(?:labou?rers|construction workers|engineers|guards|drivers)"
        r"|guard(?:ing|s)?\s+(?:\w+\s+)?(?:supply|depots?|bases?|infrastructure|rail\w*|bridges?|"
        r"borders?|the rear|warehouses?)(?:\s+(?:depots|lines|junctions|routes))?"
        r"(?:\s+and\s+(?:\w+\s+)?\w+)?|(?:well\s+)?behind the (?:front\s+)?lines"
        r"|rear(?:-area)?\s+(?:duties|roles?|positions|areas|security)"
        r"|(?:manning|staffing|running)\s+(?:\w+\s+)?(?:checkpoints|roadblocks|depots|bases)"
        r"(?:\s+around\s+the\s+\w+)?|garrison duty"
        r"|(?:training|train)\s+(?:local|\w+ian)\s+(?:troops|forces|soldiers|recruits))\b",
        re.IGNORECASE,
    ),
    "combat": re.compile(
        r"\b(?:(?:engage\w*|used|use|deployed|sent|thrown)\s+(?:\w+\s+){0,4}?in\s+combat"
        r"|combat\s+(?:roles?|operations|missions)|(?:fighting|fight|fought)\s+(?:alongside|"
        r"side by side|on the front|in the \w+ region|against)|front[- ]?lines?|assault units?"
        r"|spotted fighting|(?:are|were|is|was)\s+(?:actively\s+)?fighting"
        r"|assault operations(?:\s+on the front[- ]?lines?)?"
        r"|storm(?:ing|ed)? (?:enemy )?positions|in action|in battle|cannon fodder"
        r"|(?:took|take|taking|takes) part in (?:the )?(?:fighting|combat|battles?|assaults?)"
        r"|(?:killed|wounded) in (?:action|combat|battle|the fighting)"
        r"|in (?:frontal |infantry |human[- ]wave )?assaults"
        r"|(?:leading|led|lead|carrying out|carried out|conducting)\s+(?:\w+\s+){0,2}?"
        r"(?:raids?|attacks?|assaults?|offensives?)(?:\s+against(?:\s+\w+){1,2})?)\b",
        re.IGNORECASE,
    ),
}
ROLE_DOUBT = re.compile(
    r"(?i)\b(?:if|whether|unless|should|could|would|might|may|not certain|uncertain|unclear|"
    r"unlikely|not yet|no evidence|denied|deny|denies)\b"
)
_ROLE_NOUNS = (
    r"troops|soldiers|forces|units|servicemen|personnel|fighters|battalions?|brigades?|"
    r"regiments?|contingent|officers?|marines|sailors|paratroopers|mercenaries"
)
#: A party's troops: a known party, or any proper adjective ("the Belmark units").
ROLE_TROOPS = re.compile(
    r"(?<![\w.])(?!(?:The|A|An|This|These|Those|His|Her|Their|Its|Our|Some|Most|All|Both|He|"
    r"She|It|They|We|I|You|If|When|But|And)\b)"
    rf"(?P<party>[A-Z][\w’'-]+(?:\s[A-Z][\w’'-]+)?)\s+(?:[a-z][\w-]*\s+){{0,2}}?(?:{_ROLE_NOUNS})\b"
)
#: Troops named without a party ("the marines"): a role read for them fits any party.
ROLE_TROOPS_UNNAMED = re.compile(rf"(?i)\b(?:the|these|those|its|their)\s+(?:{_ROLE_NOUNS})\b")
#: "have not been in action": a denied role is no role.
ROLE_NEGATION = re.compile(r"(?i)\b(?:not|never|no|n[’']t)\s+(?:\w+\s+){0,2}$")
