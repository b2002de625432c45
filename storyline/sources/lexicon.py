"""Word lists behind attribution and entity resolution: reporting cues, source nouns, outlet words.

Agencies and spellings shared with the other stages come from :mod:`storyline.lexicon`.
"""

from __future__ import annotations

import re

from storyline import lexicon

# Lemmas of verbs that introduce reported content (speech, writing, belief, finding).
REPORT_LEMMAS: frozenset[str] = frozenset(
    """
    say tell report state add claim announce deny accuse warn confirm note explain insist argue
    write reply respond comment acknowledge admit allege assert predict suggest urge estimate
    reveal disclose declare stress emphasize emphasise tweet testify recall agree complain contend
    maintain concede conclude indicate show find believe cite quote describe charge
    caution signal threaten vow pledge promise ask question criticize criticise blame condemn
    dispute reject observe mention echo brief inform
    """.split()
)

# Cue lemmas of stances and intentions, whose content is what follows them ("called for X", "wants to X").
STANCE_LEMMAS: frozenset[str] = frozenset(
    """
    call attack blast slam praise demand propose want plan decline refuse offer defend criticize
    criticise condemn blame accuse urge vow pledge promise push seek support oppose reject dismiss
    """.split()
)

# Cue lemmas that count only with clausal content (they are too often used in other senses).
WEAK_LEMMAS: frozenset[str] = frozenset(
    "show find believe think ask question continue agree describe indicate suggest promise pledge vow signal "
    "echo".split()
)

# Adverbs that mark content as reported by someone left unnamed.
HEARSAY_ADVERBS: frozenset[str] = frozenset({"reportedly", "allegedly", "purportedly", "supposedly", "apparently"})

# Surface forms of the cues for the rule-based path (no parser available).
CUE_WORDS: tuple[str, ...] = (
    "said",
    "says",
    "say",
    "told",
    "tells",
    "reported",
    "reports",
    "report",
    "stated",
    "states",
    "added",
    "adds",
    "claimed",
    "claims",
    "announced",
    "announces",
    "denied",
    "denies",
    "deny",
    "accused",
    "accuses",
    "warned",
    "warns",
    "confirmed",
    "confirms",
    "noted",
    "notes",
    "explained",
    "insisted",
    "insists",
    "argued",
    "argues",
    "wrote",
    "writes",
    "replied",
    "responded",
    "commented",
    "acknowledged",
    "admitted",
    "alleges",
    "asserted",
    "predicted",
    "suggested",
    "urged",
    "estimated",
    "revealed",
    "disclosed",
    "declared",
    "stressed",
    "emphasized",
    "emphasised",
    "tweeted",
    "testified",
    "recalled",
    "cited",
    "quoted",
    "believes",
    "believe",
    "thinks",
)

PRONOUN_PERSON: frozenset[str] = frozenset({"he", "she", "i", "we", "you"})
PRONOUN_RELATIVE: frozenset[str] = frozenset({"who", "which", "that", "whom"})

# Head nouns naming a source without naming it ("a senior official", "sources").
UNNAMED_HEADS: frozenset[str] = frozenset(
    """
    official officials source sources person people spokesman spokeswoman spokesperson aide aides
    diplomat diplomats officer officers insider insiders analyst analysts expert experts lawmaker
    lawmakers observer observers witness witnesses resident residents critic critics supporter
    supporters member members adviser advisers advisor advisors staff staffer staffers employee
    employees executive executives investigator investigators authority authorities someone
    man woman men women researcher researchers economist economists protester
    protesters activist activists
    """.split()
)

# Head nouns of written or recorded sources.
DOCUMENT_HEADS: frozenset[str] = frozenset(
    """
    report reports statement statements document documents study studies survey surveys poll polls
    filing filings letter letters memo memos data figures analysis ruling record records email
    emails tweet tweets post website release communique indictment complaint lawsuit transcript
    article paper papers review assessment estimate estimates research findings book notice
    order decree guidance bulletin readout summary draft proposal plan statistics numbers tally
    """.split()
)

POLL_WORDS: frozenset[str] = frozenset({"poll", "polls", "survey", "surveys"})
"""Head nouns of a poll a finding is credited to by "in" ("In a CNN poll released Monday, ..."): the learned
finder's poll cue and the prefilter that lets its sentences be parsed."""

PUBLISHING_UNITS: dict[str, str] = {
    "bureau of labor statistics": "Labor Department",
    "bls": "Labor Department",
    "employment and training administration": "Labor Department",
    "census bureau": "Commerce Department",
    "bureau of the census": "Commerce Department",
    "bureau of economic analysis": "Commerce Department",
}
"""Offices whose figures their department publishes as its own (the jobs report is the Bureau of Labor
Statistics' and the Labor Department's): one origin, not two. Keys are folded names without "the" or "U.S.".
Only publishing offices: a department's inspector general or a court is an independent source."""

# News agencies (the wire services of storyline.lexicon, lower case) and the phrases that name one unnamed.
AGENCIES: frozenset[str] = frozenset(lexicon.AGENCIES) | frozenset({"news agency", "wire service"})

# Outlets known by name, lower case.
OUTLETS: frozenset[str] = frozenset(
    """
    cnn bbc nhk fnn msnbc cnbc npr pbs politico axios breitbart huffpost vox slate
    guardian telegraph independent economist forbes fortune newsweek time nikkei asahi yomiuri
    mainichi chosun joongang hankyoreh dong-a fox nbc cbs abc itv sky
    """.split()
) | frozenset(
    {
        "al jazeera",
        "fox news",
        "the straits times",
        "straits times",
        "new york times",
        "washington post",
        "wall street journal",
        "financial times",
        "usa today",
        "korea herald",
        "korea times",
        "south china morning post",
        "huffington post",
        "the hill",
        "daily mail",
        "new york post",
        "los angeles times",
        "chicago tribune",
        "sky news",
        "nk news",
        "daily nk",
        "channel newsasia",
    }
)

# Words that make a name an outlet ("Japanese TV network FNN", "The Charlotte Observer").
ORGANISATION_HEADS: frozenset[str] = frozenset(
    """
    terminals transit lines airlines airways railways holdings group bank industries motors systems partners
    energy power hydro utilities authority council committee ministry department corporation company union
    association federation institute university hospital court police army navy party foundation fund trust
    commission agency office board bureau service services
    """.split()
)
"""Last words that make a capitalised name a body, whatever an entity tagger guessed ("Velm Terminals",
"Lesna Transit", "Nordvik Lines" are companies, not people)."""

OUTLET_WORDS = re.compile(
    r"\b(times|post|journal|herald|tribune|gazette|telegraph|guardian|observer|chronicle|daily|"
    r"news|tv|television|radio|network|newspaper|newspapers|broadcaster|broadcasters|magazine|media|"
    r"outlet|outlets|channel|press|reporter|reporters|correspondent|columnist|newswire|wire)\b",
    re.I,
)

# Words that make a capitalised name an organisation in the rule-based path.
ORG_WORDS = re.compile(
    r"\b(ministry|agency|council|university|party|department|committee|bank|company|inc|corp|"
    r"association|organi[sz]ation|union|army|navy|forces?|office|court|commission|institute|"
    r"service|government|administration|house|senate|congress|parliament|assembly|campaign|"
    r"group|foundation|center|centre|police|command|board|bureau|authority|fund|nations)\b",
    re.I,
)

HONORIFICS: frozenset[str] = frozenset(
    """
    mr mrs ms miss mx dr prof sir dame lord lady rev fr sen rep gov gen lt col maj capt sgt adm
    president minister premier chancellor secretary senator governor mayor leader chairman chairwoman
    chair director general ambassador judge justice king queen prince princess pope
    """.split()
)

RANKS: frozenset[str] = frozenset(
    """
    constable detective det officer trooper deputy corporal cpl sergeant lieutenant captain inspector
    superintendent supt commissioner sheriff chief agent spokesman spokeswoman spokesperson professor
    coach attorney prosecutor coroner councilman councilwoman councillor councilor alderman
    assemblyman assemblywoman congressman congresswoman representative
    """.split()
)
"""Ranks and roles written before a person's name ("Constable Tim Fanning", "Police Chief Ed Flynn"):
dropped when comparing people's names only, since they also head bodies' names ("Sheriff's Office")."""

SHORT_RANKS: frozenset[str] = frozenset(
    "Sgt Cpl Lt Det Ofc Capt Cmdr Insp Supt Dep Gen Col Maj Gov Sen Rep Atty Dr Prof Rev".split()
)
"""Ranks and titles written short before a person's name ("IMPD Sgt. Kendale Adams", "Gov. Ortiz"), as
written: a source the parser ended at one runs on to the name after it."""
SHORT_TITLES: frozenset[str] = SHORT_RANKS | frozenset("Adm Mr Mrs Ms Hon St".split())
"""Short forms whose full stop ends no sentence before a capitalised word (the ranks, "Mr.", "St.")."""

# British spellings folded to American ones when comparing names.
SPELLING: dict[str, str] = lexicon.SPELLING_VARIANTS

# Words dropped from organisation names when comparing them ("Yonhap News Agency" = "Yonhap").
ORG_SUFFIXES: tuple[str, ...] = (
    "news agency",
    "agency",
    "l p",
    "lp",
    "inc",
    "ltd",
    "llc",
    "plc",
    "corp",
    "corporation",
    "co",
    "group",
    "news service",
)

_IRREGULAR = """
pay paid|say said|sell sold|buy bought|win won|give gave|take took|make made|know knew|find found|see saw
tell told|sink sank|meet met|send sent|build built|spend spent|lose lost|hold held|bring brought
keep kept|run ran|come came|go went|get got|break broke|fall fell|steal stole|write wrote|speak spoke
begin began|fly flew|drive drove|shoot shot|flee fled|lead led|fight fought|catch caught|teach taught
think thought|seek sought|feel felt|strike struck|hide hid|wear wore|eat ate|drink drank|sing sang|swim swam
ring rang|sit sat|stand stood|understand understood|grow grew|throw threw|draw drew|forget forgot|freeze froze
choose chose|wake woke|slide slid|deal dealt|mean meant|lend lent|bend bent|sweep swept
sleep slept|weep wept|feed fed|bleed bled|breed bred|hang hung|swing swung|stick stuck|sting stung|dig dug
"""
IRREGULAR_PAST: dict[str, str] = dict(
    pair.split() for pair in _IRREGULAR.replace("\n", "|").split("|") if len(pair.split()) == 2
)
"""Base form -> simple past of common irregular verbs ("did not pay" denies what "paid" states). Pasts
that are also common other words ("bit", "lit", "left", "rose") are left out."""
