"""The demo corpus: an invented story, written for Corroborate, with figures that disagree.

The Velka valley crisis never happened; every outlet, official and number here is made up so
that the demo shows what the product is for: claims from sources of different standing that
contradict or corroborate each other across articles.
"""

USERS = {
    # username: (groups, is_staff)
    "admin": ((), True),
    "analyst": (("analyst",), False),
    "analyst2": (("analyst",), False),
    "reviewer": (("reviewer",), False),
}

SOURCES = [
    # name, kind, reliability, description
    ("Meridian Post", "media_outlet", "B", "Daily newspaper with a standing bureau in Kardenia."),
    ("Valley Courier", "media_outlet", "C", "Regional paper published in Dravik, near the border."),
    ("Eastgate Wire", "media_outlet", "B", "News agency; first on most breaking stories."),
    (
        "Ostravian Ministry of Defence",
        "government",
        "D",
        "Official statements of the Ostravian government on the operation.",
    ),
    (
        "Kardenian General Staff",
        "military",
        "C",
        "Daily operational briefings of Kardenia's armed forces.",
    ),
    (
        "UN Monitoring Mission in Velka",
        "international_organisation",
        "B",
        "Civilian observers deployed along the 2019 ceasefire line.",
    ),
    (
        "Northline Intelligence Directorate",
        "intelligence",
        "B",
        "Foreign intelligence service of a neighbouring state; briefs journalists on background.",
    ),
    (
        "Senior Western official",
        "anonymous_official",
        "F",
        "Unnamed official speaking on condition of anonymity.",
    ),
    (
        "Institute for Conflict Cartography",
        "think_tank",
        "B",
        "Open-source analysts who map the front line from satellite imagery.",
    ),
    (
        "Dravik Regional Hospital",
        "other",
        "C",
        "The main hospital receiving wounded from the valley.",
    ),
    (
        "Kardenian Interior Ministry",
        "government",
        "C",
        "Responsible for the civil defence and evacuation of the valley.",
    ),
]

ARTICLES = {
    "crossing": {
        "title": "Ostravian troops cross into the Velka valley",
        "outlet": "Eastgate Wire",
        "author": "Lena Marsh",
        "published_on": "2026-03-05",
        "url": "https://example.org/eastgate/velka-crossing",
        "text": """Ostravian armoured columns crossed the 2019 ceasefire line into Kardenia's Velka valley before dawn on 4 March, according to officials on both sides of the border.

The Kardenian General Staff said that about 12,000 Ostravian troops had entered the valley in three columns, supported by artillery firing from the Ostravian side of the river.

Ostravia's Ministry of Defence described the move as a "limited security operation" involving no more than 4,000 personnel, and said it would end "within days".

Observers from the UN Monitoring Mission in Velka reported hearing sustained shelling near the village of Halvern from 03:40 local time.

The mission said its patrols had been refused access to the Halvern bridge, the only crossing on the upper river that can carry heavy vehicles.

Residents of Dravik, the regional capital, described long queues at petrol stations as families prepared to leave.""",
    },
    "numbers": {
        "title": "How many troops are in the valley? Estimates diverge sharply",
        "outlet": "Meridian Post",
        "author": "Tomas Reiter",
        "published_on": "2026-03-07",
        "url": "https://example.org/meridian/velka-troop-numbers",
        "text": """Three days into the Velka crisis, estimates of the size of the Ostravian force vary by a factor of three.

The Northline Intelligence Directorate told journalists on Friday that it had identified elements of four Ostravian brigades in the valley, "amounting to roughly 7,500 soldiers".

A senior Western official, speaking on condition of anonymity, said the real figure was "closer to 9,000, with more waiting at the border".

The Institute for Conflict Cartography, which counts vehicles on commercial satellite images, said it could confirm at least 310 armoured vehicles south of the river but could not estimate the number of troops with confidence.

Ostravia's defence ministry repeated that fewer than 4,000 personnel were taking part.

Kardenian officials continue to cite 12,000, a figure first given by the General Staff on the morning of the crossing.

Analysts note that the higher estimates include logistics units that may never have crossed the ceasefire line.""",
    },
    "halvern": {
        "title": "Halvern bridge destroyed as fighting spreads",
        "outlet": "Valley Courier",
        "author": "Mirela Dusan",
        "published_on": "2026-03-06",
        "url": "https://example.org/courier/halvern-bridge",
        "text": """The Halvern bridge collapsed into the river on the evening of 5 March after what witnesses described as two large explosions.

The Kardenian General Staff said its engineers had blown the bridge to stop an Ostravian armoured column from reaching the northern bank.

Ostravia's Ministry of Defence said the bridge had been destroyed by Kardenian artillery "in a deliberate attempt to trap civilians".

UN observers said they had not been able to reach the site and could not say who destroyed the bridge.

The Dravik Regional Hospital said it had admitted 64 wounded people from the Halvern area since the fighting began, most of them civilians.

By nightfall the road north of Halvern was jammed with cars, tractors and horse-drawn carts.""",
    },
    "casualties": {
        "title": "Casualty figures from Velka contested",
        "outlet": "Meridian Post",
        "author": "Tomas Reiter",
        "published_on": "2026-03-10",
        "url": "https://example.org/meridian/velka-casualties",
        "text": """A week after the crossing, the death toll in the Velka valley remains disputed.

The Kardenian General Staff said on Monday that 140 Kardenian soldiers and civilians had been killed.

Ostravia's Ministry of Defence said 38 people had died, "almost all of them Kardenian combatants".

The UN Monitoring Mission in Velka said it had verified 61 deaths, including 27 civilians, and warned that the true number was "certainly higher".

The Dravik Regional Hospital said it had treated 212 wounded since 4 March.

Ostravia has not published any figures for its own losses. The Northline Intelligence Directorate estimated them at between 80 and 120 killed.""",
    },
    "refugees": {
        "title": "Tens of thousands flee the valley",
        "outlet": "Eastgate Wire",
        "author": "Lena Marsh",
        "published_on": "2026-03-09",
        "url": "https://example.org/eastgate/velka-refugees",
        "text": """Kardenia's Interior Ministry said on Sunday that 40,000 people had left the Velka valley since the fighting began, most of them heading north to Dravik.

The UN Monitoring Mission in Velka gave a lower figure of about 18,000 registered arrivals at reception centres.

Officials in Dravik said schools and sports halls had been turned into shelters.

Ostravia's Ministry of Defence said that humanitarian corridors had been open "since the first day" and that no civilians had been prevented from leaving.

The Valley Courier reported that a convoy of buses was turned back at an Ostravian checkpoint south of Halvern on 6 March.""",
    },
    "ceasefire": {
        "title": "Talks on a new ceasefire open in Lindau",
        "outlet": "Meridian Post",
        "author": "Anja Brecht",
        "published_on": "2026-03-14",
        "url": "https://example.org/meridian/lindau-talks",
        "text": """Delegations from Ostravia and Kardenia met in Lindau on Friday for the first talks since the crossing on 4 March.

Ostravia's Ministry of Defence said its forces had begun to withdraw from positions north of Halvern "as a gesture of good will".

The Institute for Conflict Cartography said satellite images taken on Thursday showed no sign of a withdrawal, and that armoured vehicles had in fact moved closer to the river.

A senior Western official said the withdrawal claim was "not borne out by anything we are seeing".

The UN Monitoring Mission in Velka said it would need at least 200 additional observers to monitor any new ceasefire line.""",
    },
    "social": {
        "title": "Velka residents document the war on their phones",
        "outlet": "Valley Courier",
        "author": "Mirela Dusan",
        "published_on": "2026-03-08",
        "url": "https://example.org/courier/velka-phones",
        "text": """“Convoy heading north again tonight 🚛🚛🚛 stay indoors,” wrote one Halvern resident on a neighbourhood channel on 5 March, with a photo of tanks on the river road.

Another post, signed only “Zoë 🌻”, listed the names of 11 families still sheltering in the basement of the Halvern school 🏫.

The Institute for Conflict Cartography said it had geolocated 46 videos from the valley, and that they placed Ostravian tanks north of the river as early as the afternoon of 4 March.

Ostravia's Ministry of Defence said that no Ostravian unit had crossed the river at any point.

Residents say mobile coverage in the valley fails for hours at a time. 📵 “We post when we can,” one said.""",
    },
    "briefing": {
        "title": "Analyst briefing: what we know about the Velka operation",
        "outlet": None,
        "author": "Corroborate demo team",
        "published_on": "2026-03-16",
        "url": "",
        "text": """This briefing summarises open reporting on the Velka valley operation up to 15 March.

Size of the force: estimates range from under 4,000 (Ostravian Ministry of Defence) to 12,000 (Kardenian General Staff). The Northline Intelligence Directorate's figure of roughly 7,500 is the most specific and matches the vehicle count of the Institute for Conflict Cartography.

Timing: all sources agree the crossing took place in the early hours of 4 March.

Casualties: the UN Monitoring Mission in Velka has verified 61 deaths; both governments' figures should be treated with caution.

Displacement: the gap between 40,000 (Interior Ministry) and 18,000 (UN registrations) may be explained by people staying with relatives rather than in reception centres.

Open question: who destroyed the Halvern bridge on 5 March.""",
    },
}

# Claims: (key, article, quote, source, credibility, statement, tags, status, author)
CLAIMS = [
    (
        "cross-12000",
        "crossing",
        "about 12,000 Ostravian troops had entered the valley in three columns",
        "Kardenian General Staff",
        3,
        "Ostravian force size: 12,000",
        ["troop-numbers"],
        "approved",
        "analyst",
    ),
    (
        "cross-4000",
        "crossing",
        "no more than 4,000 personnel",
        "Ostravian Ministry of Defence",
        4,
        "Ostravian force size: at most 4,000",
        ["troop-numbers"],
        "approved",
        "analyst",
    ),
    (
        "cross-date",
        "crossing",
        "crossed the 2019 ceasefire line into Kardenia's Velka valley before dawn on 4 March",
        "Eastgate Wire",
        2,
        "Crossing took place before dawn on 4 March",
        ["timeline"],
        "approved",
        "analyst2",
    ),
    (
        "cross-shelling",
        "crossing",
        "sustained shelling near the village of Halvern from 03:40 local time",
        "UN Monitoring Mission in Velka",
        2,
        "Shelling near Halvern from 03:40 on 4 March",
        ["timeline"],
        "submitted",
        "analyst2",
    ),
    (
        "cross-limited",
        "crossing",
        '"limited security operation"',
        "Ostravian Ministry of Defence",
        5,
        "Ostravia calls it a limited security operation",
        ["framing"],
        "draft",
        "analyst",
    ),
    (
        "cross-access",
        "crossing",
        "its patrols had been refused access to the Halvern bridge",
        "UN Monitoring Mission in Velka",
        2,
        "UN patrols refused access to Halvern bridge",
        ["access"],
        "submitted",
        "analyst",
    ),
    (
        "num-7500",
        "numbers",
        '"amounting to roughly 7,500 soldiers"',
        "Northline Intelligence Directorate",
        2,
        "Ostravian force size: about 7,500",
        ["troop-numbers"],
        "approved",
        "analyst2",
    ),
    (
        "num-9000",
        "numbers",
        '"closer to 9,000, with more waiting at the border"',
        "Senior Western official",
        3,
        "Ostravian force size: about 9,000",
        ["troop-numbers"],
        "submitted",
        "analyst2",
    ),
    (
        "num-310",
        "numbers",
        "at least 310 armoured vehicles south of the river",
        "Institute for Conflict Cartography",
        2,
        "At least 310 armoured vehicles south of the river",
        ["troop-numbers", "equipment"],
        "approved",
        "analyst",
    ),
    (
        "num-4000",
        "numbers",
        "fewer than 4,000 personnel were taking part",
        "Ostravian Ministry of Defence",
        4,
        "Ostravian force size: under 4,000",
        ["troop-numbers"],
        "rejected",
        "analyst",
    ),
    (
        "num-12000",
        "numbers",
        "Kardenian officials continue to cite 12,000",
        "Kardenian General Staff",
        3,
        "Kardenia maintains 12,000",
        ["troop-numbers"],
        "draft",
        "analyst2",
    ),
    (
        "hal-engineers",
        "halvern",
        "its engineers had blown the bridge to stop an Ostravian armoured column",
        "Kardenian General Staff",
        3,
        "Kardenian engineers destroyed the Halvern bridge",
        ["halvern-bridge"],
        "approved",
        "analyst",
    ),
    (
        "hal-artillery",
        "halvern",
        "the bridge had been destroyed by Kardenian artillery",
        "Ostravian Ministry of Defence",
        4,
        "Kardenian artillery destroyed the Halvern bridge",
        ["halvern-bridge"],
        "submitted",
        "analyst",
    ),
    (
        "hal-unknown",
        "halvern",
        "could not say who destroyed the bridge",
        "UN Monitoring Mission in Velka",
        6,
        "Who destroyed the bridge is unverified",
        ["halvern-bridge"],
        "approved",
        "analyst2",
    ),
    (
        "hal-date",
        "halvern",
        "collapsed into the river on the evening of 5 March",
        "Valley Courier",
        2,
        "Bridge collapsed on the evening of 5 March",
        ["halvern-bridge", "timeline"],
        "approved",
        "analyst2",
    ),
    (
        "hal-wounded",
        "halvern",
        "admitted 64 wounded people from the Halvern area",
        "Dravik Regional Hospital",
        2,
        "64 wounded admitted by 6 March",
        ["casualties"],
        "draft",
        "analyst",
    ),
    (
        "cas-140",
        "casualties",
        "140 Kardenian soldiers and civilians had been killed",
        "Kardenian General Staff",
        4,
        "Deaths: 140",
        ["casualties"],
        "approved",
        "analyst",
    ),
    (
        "cas-38",
        "casualties",
        "38 people had died",
        "Ostravian Ministry of Defence",
        4,
        "Deaths: 38",
        ["casualties"],
        "approved",
        "analyst2",
    ),
    (
        "cas-61",
        "casualties",
        "it had verified 61 deaths, including 27 civilians",
        "UN Monitoring Mission in Velka",
        1,
        "Deaths verified: 61, of whom 27 civilians",
        ["casualties"],
        "approved",
        "analyst",
    ),
    (
        "cas-212",
        "casualties",
        "it had treated 212 wounded since 4 March",
        "Dravik Regional Hospital",
        2,
        "Wounded treated: 212",
        ["casualties"],
        "submitted",
        "analyst2",
    ),
    (
        "cas-ostravian",
        "casualties",
        "estimated them at between 80 and 120 killed",
        "Northline Intelligence Directorate",
        3,
        "Ostravian deaths: 80–120",
        ["casualties"],
        "draft",
        "analyst2",
    ),
    (
        "ref-40000",
        "refugees",
        "40,000 people had left the Velka valley since the fighting began",
        "Kardenian Interior Ministry",
        3,
        "Displaced: 40,000",
        ["displacement"],
        "approved",
        "analyst",
    ),
    (
        "ref-18000",
        "refugees",
        "about 18,000 registered arrivals at reception centres",
        "UN Monitoring Mission in Velka",
        2,
        "Registered arrivals: about 18,000",
        ["displacement"],
        "approved",
        "analyst2",
    ),
    (
        "ref-corridors",
        "refugees",
        'humanitarian corridors had been open "since the first day"',
        "Ostravian Ministry of Defence",
        5,
        "Corridors open since day one",
        ["access", "displacement"],
        "submitted",
        "analyst",
    ),
    (
        "ref-turned-back",
        "refugees",
        "a convoy of buses was turned back at an Ostravian checkpoint south of Halvern on 6 March",
        "Valley Courier",
        3,
        "Bus convoy turned back on 6 March",
        ["access", "displacement"],
        "submitted",
        "analyst2",
    ),
    (
        "ref-shelters",
        "refugees",
        "schools and sports halls had been turned into shelters",
        "Eastgate Wire",
        2,
        "",
        ["displacement"],
        "draft",
        "analyst",
    ),
    (
        "cf-withdraw",
        "ceasefire",
        "its forces had begun to withdraw from positions north of Halvern",
        "Ostravian Ministry of Defence",
        5,
        "Ostravia says it is withdrawing north of Halvern",
        ["withdrawal"],
        "approved",
        "analyst",
    ),
    (
        "cf-no-withdraw",
        "ceasefire",
        "showed no sign of a withdrawal",
        "Institute for Conflict Cartography",
        2,
        "Satellite images show no withdrawal",
        ["withdrawal"],
        "approved",
        "analyst2",
    ),
    (
        "cf-western",
        "ceasefire",
        '"not borne out by anything we are seeing"',
        "Senior Western official",
        3,
        "Western official doubts the withdrawal",
        ["withdrawal"],
        "submitted",
        "analyst2",
    ),
    (
        "cf-observers",
        "ceasefire",
        "at least 200 additional observers",
        "UN Monitoring Mission in Velka",
        2,
        "UN needs 200 more observers",
        ["ceasefire"],
        "draft",
        "analyst",
    ),
    (
        "cf-date",
        "ceasefire",
        "the first talks since the crossing on 4 March",
        "Meridian Post",
        2,
        "Crossing on 4 March",
        ["timeline"],
        "rejected",
        "analyst2",
    ),
    (
        "soc-convoy",
        "social",
        "Convoy heading north again tonight 🚛🚛🚛 stay indoors",
        "Other residents",
        3,
        "Convoy moving north on 5 March",
        ["timeline"],
        "submitted",
        "analyst",
    ),
    (
        "soc-families",
        "social",
        "listed the names of 11 families still sheltering in the basement of the Halvern school 🏫",
        "Other residents",
        3,
        "11 families sheltering in Halvern school",
        ["displacement"],
        "draft",
        "analyst2",
    ),
    (
        "soc-geoloc",
        "social",
        "placed Ostravian tanks north of the river as early as the afternoon of 4 March",
        "Institute for Conflict Cartography",
        2,
        "Ostravian tanks north of the river on 4 March",
        ["withdrawal", "timeline"],
        "approved",
        "analyst",
    ),
    (
        "soc-denial",
        "social",
        "no Ostravian unit had crossed the river at any point",
        "Ostravian Ministry of Defence",
        5,
        "Ostravia denies crossing the river",
        ["withdrawal"],
        "rejected",
        "analyst",
    ),
    (
        "brief-7500",
        "briefing",
        "The Northline Intelligence Directorate's figure of roughly 7,500 is the most specific",
        "Institute for Conflict Cartography",
        3,
        "7,500 matches the vehicle count",
        ["troop-numbers"],
        "draft",
        "analyst",
    ),
    (
        "brief-timing",
        "briefing",
        "all sources agree the crossing took place in the early hours of 4 March",
        "Meridian Post",
        2,
        "Crossing in the early hours of 4 March",
        ["timeline"],
        "draft",
        "analyst2",
    ),
    (
        "brief-61",
        "briefing",
        "has verified 61 deaths",
        "UN Monitoring Mission in Velka",
        1,
        "Deaths verified: 61",
        ["casualties"],
        "submitted",
        "analyst",
    ),
    (
        "brief-gap",
        "briefing",
        "may be explained by people staying with relatives rather than in reception centres",
        "Institute for Conflict Cartography",
        4,
        "Displacement gap explained by private housing",
        ["displacement"],
        "rejected",
        "analyst2",
    ),
    (
        "brief-bridge",
        "briefing",
        "who destroyed the Halvern bridge on 5 March",
        "Kardenian General Staff",
        6,
        "Bridge destruction still unattributed",
        ["halvern-bridge"],
        "rejected",
        "analyst",
    ),
]

# Sources named only by claims above that are not in SOURCES are created as kind "other".
EXTRA_SOURCES = [
    ("Other residents", "other", "F", "Posts by residents of the valley on social media.")
]

REVIEW_NOTES = {
    "num-4000": "Duplicate of the earlier ministry figure; attach it to the 4 March statement instead.",
    "cf-date": "The outlet is not the originator of the date; attribute it to the delegations.",
    "soc-denial": "Quote is the ministry's claim; grade it 5 only if contradicted by imagery links.",
    "brief-gap": "This is our own hypothesis, not a sourced claim.",
    "brief-bridge": "A question, not a claim.",
}

# Links: (kind, claim, claim, status, note)
LINKS = [
    (
        "contradicts",
        "cross-12000",
        "cross-4000",
        "confirmed",
        "12,000 vs at most 4,000 on the same day.",
    ),
    (
        "contradicts",
        "num-7500",
        "cross-4000",
        "confirmed",
        "Intelligence estimate nearly double the ministry's ceiling.",
    ),
    ("contradicts", "num-9000", "num-4000", "proposed", "Anonymous official vs ministry."),
    ("corroborates", "num-7500", "num-310", "confirmed", "310 vehicles fits four brigades."),
    (
        "contradicts",
        "hal-engineers",
        "hal-artillery",
        "confirmed",
        "Who destroyed the bridge: engineers or artillery.",
    ),
    ("contradicts", "cas-140", "cas-38", "confirmed", "Death toll 140 vs 38."),
    (
        "contradicts",
        "cas-61",
        "cas-38",
        "proposed",
        "UN verified count exceeds the ministry's total.",
    ),
    ("corroborates", "cas-61", "brief-61", "confirmed", "Same UN figure."),
    (
        "contradicts",
        "ref-40000",
        "ref-18000",
        "proposed",
        "Displacement 40,000 vs 18,000 registered.",
    ),
    (
        "contradicts",
        "ref-corridors",
        "ref-turned-back",
        "proposed",
        "Corridors open vs convoy turned back.",
    ),
    (
        "contradicts",
        "cf-withdraw",
        "cf-no-withdraw",
        "confirmed",
        "Withdrawal claimed, imagery shows none.",
    ),
    ("corroborates", "cf-no-withdraw", "cf-western", "proposed", ""),
    # Proposed, not confirmed: the denial was rejected, and a link resting on a rejected claim
    # cannot be confirmed (the board marks it).
    ("contradicts", "soc-geoloc", "soc-denial", "proposed", "Geolocated video vs denial."),
    (
        "corroborates",
        "cross-date",
        "brief-timing",
        "confirmed",
        "Both place the crossing early on 4 March.",
    ),
    (
        "corroborates",
        "hal-date",
        "soc-convoy",
        "dismissed",
        "Same evening, but the post is about a convoy, not the bridge.",
    ),
]
