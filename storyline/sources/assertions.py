"""What is a claim: an assertion of fact, attributed or in the outlet's voice; and what denies one.

Not claims: questions, reported absences ("did not say how many..."), non-answers ("declined to comment",
"could not be reached"), the outlet's own evaluation ("This development raises concerns..."), and page
furniture (rights notices, a parenthetical credit alone, a dateline alone). Headlines and decks make no claim
of their own: they are statements of the claim they align with (or of a headline other outlets print too). A
denial or dispute ("Moscow has denied the charges") is a claim of its own that contradicts the claim it
answers.
"""

from __future__ import annotations

import re

from ..lexicon import abbreviation_stop
from .lexicon import IRREGULAR_PAST

_CLOSERS = ".!?\"'\u201d\u2019)]:;"

_ABSENCE = re.compile(
    r"\b(?:did|does|do|would|could|will)(?: not|n't)\s+(?:immediately\s+)?"
    r"(?:say|specify|disclose|elaborate|reveal|confirm|explain|give details|comment|respond|know)\b"
    r"|\b(?:declined|refused|(?:was|were) unable|(?:has|have|had) yet)\s+to\s+(?:comment|say|specify|elaborate|confirm|"
    r"discuss|respond|answer|disclose|identify|provide details|give details|be interviewed|be named)\b"
    r"|\b(?:could not be (?:reached|contacted)|not immediately available"
    r"|did not (?:immediately )?(?:respond|reply|return))\b"
    r"|\b(?:could not|was unable to|were unable to) (?:reach|contact)\b"
    r"|\b(?:gave|offered|provided|released) no (?:details|information|explanation|figures|reason|timeline)\b"
    r"|\bno (?:details|information) (?:was|were|has been|have been) (?:given|released|provided|disclosed)\b"
    r"|\b(?:has|have|had)(?: not|n't)\s+(?:yet\s+)?(?:said|specified|disclosed|elaborated|revealed|confirmed|explained|"
    r"commented|responded|given details|identified)\b"
    r"|\b(?:did|does|do|has|have|had)(?: not|n't)\s+(?:yet\s+)?(?:immediately\s+)?"
    r"(?:offer(?:ed)?|provided?|released?|give|given|disclosed?|shared?)\s+(?:any\s+|many\s+|much\s+|more\s+|further\s+|additional\s+|other\s+|the\s+|(?:his|her|their)\s+)?(?:details|information|"
    r"explanation|specifics|names?|identit(?:y|ies)|motive)\b"
    r"|\b(?:names?|identit(?:y|ies))\s+(?:of\s+(?:the\s+)?(?:\w+\s+){1,3})?(?:has|have|was|were)\s+not\s+(?:yet\s+)?been\s+"
    r"(?:released|disclosed|made public)\b"
    r"|\b(?:could|can)(?: not|n't)\s+(?:(?:immediately|independently)\s+){0,2}(?:verify|confirm)\b"
    r"|\b(?:could|can)(?: not|n't)\s+be\s+(?:independently\s+)?(?:verified|confirmed)\b"
    r"|\bit (?:is|was|remains|remained) (?:not yet |still )?(?:unclear|not (?:immediately |yet )?clear|"
    r"not (?:immediately )?known|unknown)\b",
    re.I,
)

# What a source asked for, not what it said: "... who asked | not to be identified because the talks were private".
_ANONYMITY = re.compile(
    r"^(?:not to be (?:identified|named|quoted)|to remain anonymous|anonymity"
    r"|that (?:his|her|their) names? not be used)\b",
    re.I,
)

_EVALUATION = re.compile(
    r"^(?:this|that|these|those|such|the)(?:\s+[\w-]+){0,5}?\s+"
    r"(?:(?:raises?|raised|sparks?|sparked|fuels?|fuelled|fueled|heightens?|heightened|deepens?|deepened|adds? to)"
    r"(?:\s+[\w-]+){0,2}?\s+(?:concerns?|questions?|fears?|doubts?|worries|alarm|tensions?|uncertainty|risks?)"
    r"|(?:underscores?|underscored|highlights?|highlighted|illustrates?|illustrated|demonstrates?|demonstrated|"
    r"casts? doubt|poses? (?:a |an )?(?:threat|risk|challenge|danger))"
    r"|(?:is|was|would be|will be|comes as|came as) (?:a |an )?(?:major |big |serious |severe |welcome |rare )?"
    r"(?:blow|setback|boost|victory|win|defeat|turning point|wake-up call) (?:to|for))\b",
    re.I,
)
_OPINION = re.compile(r"^(?:it remains to be seen|only time will tell|one thing is clear|needless to say)\b", re.I)

_DENY = (
    r"\b(?:deny|denies|denied|dispute[sd]?|reject(?:s|ed)?|refute[sd]?|dismiss(?:es|ed)?|rebut(?:s|ted)?|"
    r"contest(?:s|ed)?)"
)
_DENIAL_VERB = re.compile(_DENY + r"\b", re.I)
_ANAPHORIC_OBJECT = re.compile(
    _DENY + r"\s+(?:(?:the|these|those|such|this|all|any|both)\s+(?:[\w-]+\s+)?"
    r"(?:charges?|allegations?|accusations?|claims?|reports?|assertions?|suggestions?|accounts?)"
    r"|(?:charges|allegations|accusations|claims|reports|(?:any\s+)?wrongdoing|(?:any\s+)?involvement)"
    r"|(?:them|it|this|that)(?=\s*(?:[,.;:!?\"\u201d)]|$|\b(?:and|but|saying|adding|as|in|on|at|again|too)\b)))"
    r"\b(?!\s+(?:that|of|about|by)\b)",
    re.I,
)


_INDIRECT_QUESTION = re.compile(
    r"^(?:whether|if or when|when or whether)\b"
    r"|^(?:when|where|why|how|who|what)\s+(?:was|were|is|are|did|do|does|will|would|could|can|should)\s+"
    r"(?:he|she|they|it|we|you|i|the|a|an|his|her|their)\b",
    re.I,
)
"""What was asked ("Asked | whether Dresna would pay compensation, he said ...", "my baby asks me | when was
he coming back"), not what was said."""


def is_heading(sentence: str, title: str | None = None) -> bool:
    """A headline, deck or label: the article's title, or a Title Case line with no closing punctuation."""
    s = sentence.strip()
    if not s:
        return True
    if title and " ".join(s.split()) == " ".join(title.split()):
        return True
    if s[-1] in _CLOSERS:
        return False
    words = [w for w in re.findall(r"[^\W\d_][\w'-]*", s) if len(w) > 3]
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def non_claim_reason(sentence: str, in_outlet_voice: bool, title: str | None = None, whole: bool = True) -> str | None:
    """Why a sentence states no claim ("question", "heading", "link", "page furniture", "appeal for information",
    "introduction" of what follows its closing colon, "reported absence", "evaluation", "addressed to the reader"),
    or None. ``whole``
    False: ``sentence`` is a span of one (an attribution's content), whose colon may introduce its source
    ("Worker Kills 2 in Plant Shooting: Police")."""
    s = " ".join(sentence.split())
    if s.rstrip("\"'\u201d\u2019").endswith("?") or _INDIRECT_QUESTION.match(s):
        return "question"
    if (
        _RIGHTS.search(s)
        or _STATION_PROMPT.search(s)
        or _CREDIT_ONLY.match(s)
        or _DATELINE_ONLY.match(s)
        or _REACH_THE_WRITER.match(s)
        or _SITE_PROMPT.match(s)
    ):
        return "page furniture"
    if is_appeal(s):
        return "appeal for information"
    if whole and s.rstrip("\"'\u201d\u2019 ").endswith(":") or _INTRODUCES_A_QUOTE.search(s):
        return "introduction"
    if is_heading(s, title):
        return "heading"
    if _LINK_LIKE.search(s):
        return "link"
    if _ABSENCE.search(s):
        return "reported absence"
    if _ANONYMITY.search(s):
        return "condition of anonymity"
    if in_outlet_voice and (_EVALUATION.search(s) or _OPINION.search(s)):
        return "evaluation"
    if in_outlet_voice and _TO_THE_READER.search(s) and not _QUOTE_MARK.search(s):
        return "addressed to the reader"
    return None


_YOU = r"(?:you|your|yours|yourself|you['\u2019](?:re|ve|ll|d))\b"
_TO_THE_READER = re.compile(rf"(?:^|(?<=[.!?:]\s))(?i:{_YOU})|\b{_YOU}")
"""The outlet speaking to its reader ("If you were lucky enough to get off the Internet ..., you probably would
have had no idea", "You can watch the videos throughout this article"): rhetoric or service, no report of fact.
Capitalised inside a sentence it is a name ("9 On Your Side")."""
_QUOTE_MARK = re.compile("[\"\u201c\u201d]")


_INTRODUCES_A_QUOTE = re.compile(r":[ \t]*[\"\u201c\u2018]$|\bthe following\b[^.;]{0,80}:[\"'\u201d\u2019 ]*$", re.I)
"""A span that ends by opening the quotation it introduces ('posted the following on Facebook: "').
Unlike a bare closing colon, which in a headline may introduce its source ("Worker Kills 2: Police")."""
_LINK_LIKE = re.compile(
    r"^(?:https?\s*+:|www\s*+\.|(?:com|org|net|co\s*+\.\s*+uk)\s*+/)"
    r"|[^\s/]\s*+/\s*+[^\s/]++\s*+/\s*+[^\s/]++\s*+/\s*+[^\s/]",
    re.I,
)
"""A web address or its slug kept as text ("com / 2013 / 03 / 11 / dozens _ riot _ over _"): no sentence."""

_RIGHTS = re.compile(
    r"\u00a9|\bcopyright[ \t]+(?:\(c\)[ \t]*)?(?:19|20)\d\d\b|\ball rights reserved\b|\bmay not be (?:re)?published\b"
    r"|\bused under licen[cs]e\b|\bcontributed (?:to )?(?:this|the) (?:report|story|article)\b",
    re.I,
)
"""A rights notice ("(c) 2014 CBS Radio Inc.", "This material may not be published, broadcast, rewritten ...")
or a credit line ("The Sun-Times Media Wire contributed to this report")."""
_CREDIT_ONLY = re.compile(
    r"^\((?=[^()]{0,160}\)[.\s]*$)[^()]*?\b(?:photos?|images?|video|file|courtesy|source|credit|"
    r"reporting|editing|writing|additional reporting|graphic)\b",
    re.I,
)
"""A statement that is only a parenthetical credit ("(Photo: Andre J. Jackson)", "(Reporting by ...)")."""
_REACH_THE_WRITER = re.compile(
    r"^(?:to\s+(?:contact|reach)|call|contact|reach|e-?mail|follow)\s+(?:[\w.'-]+\s+){0,4}?"
    r"(?:reporter|writer|editor|columnist|correspondent|staff writer)\b",
    re.I,
)
"""How to reach the writer ("Call Star reporter Eric Weddle at ...", "To contact writer Liz Fabian, call ...")."""
_SITE_PROMPT = re.compile(
    r"^(?:[\u00d7\u2715\u2716]\s|(?:more|related|related\s+(?:coverage|stories|links)|see\s+also|also\s+read)\s*:\s*|"
    r"related\s+coverage\b|stay\s+(?:updated|tuned|connected|informed|with\b(?=[^\n]{0,60}?\bfor\s+(?:updates|the\s+latest|more\s+(?:updates|details|information|on\s+this))\b))|"
    r"check\s+back\b|keep\s+checking\b|refresh\s+(?:this|the)\s+page\b|sign\s+up|subscribe|follow\s+us|like\s+us|download\s+(?:the|our)|"
    r"click\s+(?:here|the\s+link)|tap\s+here|watch\s+(?:the|our)\s+(?:video|full|live)|read\s+more|see\s+more|"
    r"get\s+(?:the|our)\s+(?:latest|free|app)|share\s+this|join\s+the\s+(?:conversation|discussion))\b",
    re.I,
)
"""The site talking to its reader ("Stay updated with our RSS feeds", "Download the WKBW app", "Stay with
Fox 8 for updates", "Check back later"), or a related link ("× Teen held in ...", "More: Abbott offers
reward ...", "Related Coverage 3 dead in ...")."""
_STATION_PROMPT = re.compile(
    r"\b(?:please\s+check\s+your\s+(?:e-?mail|inbox)|activate\s+your\b[^.]{0,30}?\b(?:profile|account)|"
    r"(?:hide|show)\s+transcript|pic\.twitter\.com/|keep\s+you\s+(?:updated|posted|informed)|bring\s+you\s+(?:the\s+latest|more\s+(?:details|information|updates)|"
    r"updates)|(?:^|[.!]\s)tune\s+in\s+(?:to|tonight|at|for|on)\b)",
    re.I,
)
"""A station promising its viewers more ("We will keep you updated", "we will bring you the latest",
"Tune in tonight at 10 for the latest"), a sign-up prompt ("Please check your email and click on the link
to activate your profile"), a video player's or an embedded post's remains ("Hide Transcript Show
Transcript", "pic.twitter.com/...")."""
_DATELINE_ONLY = re.compile(
    r"^[A-Z][A-Z.'\s-]{1,40}(?:,[ \t]*[A-Z][\w.]*(?:[ \t]+[A-Z][\w.]*){0,2})?"
    r"[ \t]*(?:\([^()]{1,40}\))?[ \t]*[-\u2013\u2014]{1,2}$"
)
"""A dateline standing alone ("BAKERSFIELD, Calif. (KBAK/KBFX) -"): where the story was filed, not what it says."""

_ASK_TO_CONTACT = re.compile(
    r"\b(?:asked|urged|encouraged|requested|asking|urging|urges?|asks?)\b[^.;]{0,120}?"
    r"\bto\s+(?:call|contact|reach|get in touch|submit|e-?mail|text)\b",
    re.I,
)
_TIP_LINE = re.compile(r"\bcrime\s*-?\s*stoppers?\b|\btip\s*-?\s*line\b|\banonymous\s+tips?\b", re.I)
_ABOUT_TIPS = re.compile(
    r"\b(?:information|tips?|anything|knowledge|seen|saw|heard|knows?|witness(?:es|ed)?)\b|\(?\b\d{3}\)?[-.\s]*\d{3}[-.\s]?[\dA-Z]{4}\b",
    re.I,
)


def is_appeal(sentence: str) -> bool:
    """Whether a sentence asks the public for tips ("Anyone with information is asked to call police at
    ...", "... Crime Stoppers at 1-800-222-TIPS"): a request, no statement of fact."""
    return bool(_TIP_LINE.search(sentence) or _ASK_TO_CONTACT.search(sentence) and _ABOUT_TIPS.search(sentence))


_DETERMINER_BEFORE = re.compile(
    r"\b(?:the|a|an|this|that|these|those|its|their|his|her|our|your|my|no|any|every|each|per)\s+$", re.I
)


def is_denial(sentence: str) -> bool:
    """Whether a sentence denies or disputes something ("X denied the charges", "Y rejected claims that ...",
    "these allegations are false"); the nouns spelt like those verbs ("the contest", "a dispute over the
    border") are no denial."""
    return calls_false(sentence) or any(_denies_here(sentence, m) for m in _DENIAL_VERB.finditer(sentence))


_REFUSED_THING = re.compile(
    r"(?<!\s)\s++(?:(?:him|her|them|it|us|me|the|a|an|his|their|its|both|all|two|three)\s++){0,3}(?:[\w-]++\s++)?"
    r"(?:bail|permits?|motions?|entry|access|requests?|appeals?|parole|visas?|asylum|applications?|licen[cs]es?|"
    r"hearings?|petitions?|bids?|offers?|pleas?|claims? for|boarding|service|treatment|funding)\b"
    r"|(?<!\s)\s++from\b",
    re.I,
)
"""What a refusal, not a denial, takes ("denied bail", "denied both motions", "dismissed from his job")."""
_DENIED_OBJECT = re.compile(
    r"(?<!\s)\s*+(?:[,.;:!?\"\u201d)]|$)"
    r"|(?<!\s)\s++(?:that|it|them|this|these|those|any|all|both|having|being|he|she|they|we|i|there)\b"
    r"|(?<!\s)\s++(?:(?:the|such|his|her|their|its|these|those)\s++)?(?:[\w-]++\s++)?"
    r"(?:charges?|allegations?|accusations?|claims?|reports?|suggestions?|assertions?|accounts?|rumou?rs?|"
    r"wrongdoing|involvement|responsibility|knowledge|links?|ties|criticism|figures?|numbers?|data|findings?|"
    r"versions?|conclusions?|results?|estimates?|assessments?|statements?|story|stories|characteri[sz]ation)\b",
    re.I,
)
"""What follows a verb of denying when it denies what was said: a clause ("denied that ..."), a
gerund ("denied shooting"), a pronoun, or what was alleged ("the charges", "reports that ...")."""
_GERUND = re.compile(r"(?<!\s)\s++(?!(?:any|some|no|every)thing\b)[a-z]+ing\b")
_CHARGED_WITH = re.compile(
    r"(?<!\s)\s++(?:arson|murder|manslaughter|fraud|theft|assault|bribery|corruption|rape|robbery|kidnapping|"
    r"espionage|treason|terrorism|trafficking|embezzlement|perjury|misconduct|guilt|liability)\b",
    re.I,
)
"""Crimes and faults one denies by name ("A man has denied arson")."""
_PASSIVE_BEFORE = re.compile(r"\b(?:been|was|were|is|are|be|being|get|gets|got)\s+$", re.I)


def _denies_here(text: str, m: re.Match[str]) -> bool:
    """Whether the verb of denying at ``m`` denies what was said: not a noun ("the contest"), not a
    passive ("had been denied a permit", "was dismissed"), not a refusal ("denied bail", "dismissed
    from his job")."""
    before = text[max(0, m.start() - 12) : m.start()]
    if (
        before.endswith("-")  # "a no-contest", "a still-disputed number"
        or _DETERMINER_BEFORE.search(before)
        or _PASSIVE_BEFORE.search(before)
        or _REFUSED_THING.match(text, m.end())
    ):
        return False
    family = m.group(0).lower()
    if m.end() >= len(text.rstrip()) or _DENIED_OBJECT.match(text, m.end()):
        return True
    if family.startswith(("den", "refut", "rebut")) and _GERUND.match(text, m.end()):
        return True  # "denied shooting at the officers"
    # "deny" and "refute" take more ("denied arson", "denies wrongdoing"); "reject", "dismiss",
    # "dispute" and "contest" deny only what was said ("a hotly contested issue", "rejected an effort")
    return family.startswith(("den", "refut", "rebut")) and _CHARGED_WITH.match(text, m.end()) is not None


_FIRST_WORDS = re.compile(r"^\W*(?:\S+\s+){0,4}\S+")


def denies_first(text: str) -> bool:
    """Whether a reported content is its subject's denial ("his lawyer said | her client denies the
    charges", "| Berg denies wrongdoing"): a verb of denying among its first five words."""
    head = _FIRST_WORDS.match(text)
    m = _DENIAL_VERB.search(text, 0, head.end() if head else 0)
    if m is None or not _denies_here(text, m):
        return False
    return m.group(0).lower().startswith(("den", "disput", "refut", "rebut")) or bool(
        _WHAT_IS_DENIED.match(text, m.end())
    )


_WHAT_IS_DENIED = re.compile(
    r"(?<!\s)\s++(?:(?:the|these|those|all|any|such)\s++)?(?:[\w-]++\s++)?"
    r"(?:charges?|allegations?|accusations?|claims?|reports?|suggestions?|criticism)\b",
    re.I,
)
"""What "rejected", "dismissed" or "contested" must have for object to be a denial ("rejected the
allegations"; "rejected the offer" is no denial)."""


_CALLED_FALSE = re.compile(
    r"\b(?:(?:the|these|those|such|this|that|all|any)\s+(?:[\w-]+\s+)?(?:allegations?|accusations?|claims?|charges?|"
    r"reports?|rumou?rs?|stories|story)|allegations|accusations|claims|charges|rumou?rs|it|this|that)\s+"
    r"(?:is|are|was|were)\s+(?:completely\s+|totally\s+|entirely\s+|simply\s+|absolutely\s+|utterly\s+)?"
    r"(?:false|untrue|baseless|unfounded|groundless|fabricated|lies|a lie|nonsense|fake)\b",
    re.I,
)
"""A denial said as a verdict on what was said: "These allegations are false", "The report is baseless"."""


def calls_false(text: str) -> bool:
    """Whether ``text`` denies by calling what was said false ("These allegations are false")."""
    return _CALLED_FALSE.search(text) is not None


_ACCUSATION = re.compile(r"\b(?:accus|alleg|charg|blam|condemn|suspect|claim)\w*", re.I)


def accuses(sentence: str) -> bool:
    """Whether a sentence accuses or alleges (what "the charges" or "the allegations" of a denial point back to)."""
    return _ACCUSATION.search(sentence) is not None


def denies_by_reference(sentence: str) -> bool:
    """A denial that names what it denies only by reference ("the charges", "the allegations", "it"),
    so it answers the claims just before it rather than a content of its own."""
    return _ANAPHORIC_OBJECT.search(sentence) is not None or calls_false(sentence)


_NEGATION = re.compile(
    r"\b(?:not|never|no longer|nobody|no one|nothing|none|neither|nor)\b|n ?['\u2019]t\b"
    r"|\b(?:do|does|did|is|was|are|were|ca|wo|could|would|should|has|have|had)nt\b"
    r"|\bno(?=\s+(?!doubt\b|matter\b|later\b|more\b|fewer\b|less\b|longer\b|sooner\b)[a-z])",
    re.I,
)
_NEGATIVE = re.compile(r"\b(?:without|(?:fail|refus|declin)(?:e|es|s|ed|ing)? to|lack(?:s|ed|ing)?|absence of)\b", re.I)
_NOT_POLARITY = re.compile(
    r"(?:\bnot|n['\u2019]t) (?:\w+ ){0,2}until\b"
    r"|\b(?:not only|not just|not merely|whether or not|if not|not least|not far|not to mention|"
    r"nothing but|none other than|(?:asked|urged|told|warned|advised|ordered|agreed|promised|decided|chose|"
    r"pledged|vowed) (?:\w+ )?not to)\b"
    r"|\b(?:can|could|would|will|did|does|do)(?: not|n't) (?:rule out|exclude)\b",
    re.I,
)
_GOVERNED = re.compile(r"[^\W\d_][\w'-]*")
_LOWER = re.compile(r"[a-z][\w'-]*")
_AUXILIARY = frozenset(
    "be been being is was were are am have has had do does did will would shall should can could may might must "
    "a an the any some all either of to ever yet even once".split()
)


def is_negative(text: str) -> bool:
    """Whether ``text`` says anything is not so: a negation ("not", "never", "no", "doesn't") or a
    word that negates ("without", "failed to", "lacks"); idioms ("not only") aside."""
    cleaned = _NOT_POLARITY.sub(" ", text)
    return _NEGATION.search(cleaned) is not None or _NEGATIVE.search(cleaned) is not None


def negated_words(text: str) -> list[str]:
    """The words a negation in ``text`` denies: the first word after each "not", "never", "no" that
    is no auxiliary or determiner ("Harbour Build never paid any port official" -> paid; "No one was
    injured in the fire" -> injured; "no evidence of foul play" -> evidence). A statement that denies
    a word another states is its opposite, never a restatement of it. Idioms whose negation denies
    nothing ("not only", "not until March", "asked not to be named", "did not rule out") give none.
    An irregular verb comes with its past ("did not pay" -> pay, paid): what it denies says "paid"."""
    cleaned = _NOT_POLARITY.sub(" ", text)
    out: list[str] = []
    for m in _NEGATION.finditer(cleaned):
        words = [w for w in _GOVERNED.findall(cleaned, m.end(), m.end() + 80) if w.lower() not in _AUXILIARY]
        for w in words[:1]:
            if not _LOWER.fullmatch(w):
                continue  # a name: "No Tobacco Day", "None of the United employees"
            out.append(w)
            if w.lower() in IRREGULAR_PAST:
                out.append(IRREGULAR_PAST[w.lower()])
    return out


_SENTENCE_END = re.compile(
    r"(?:(?<!(?<![A-Za-z])[A-Z])\.|[!?])[\"'\u201d\u2019)\]]*(?=\s|$)|[。！？][」』\u201d\u2019]?|\n"
)
"""A sentence end; the full stop of an initial ("U.N. Security Council", "John F. Kennedy") is none; a
Chinese or Japanese full stop is one with no space after it."""


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (or sentences) of ``text`` holding ``start``..``end``: from the last sentence
    end before ``start`` to the first at or after ``end``."""
    lo = max(0, start - 400)
    begin = lo
    for m in _SENTENCE_END.finditer(text, lo, start):
        if not abbreviation_stop(text, m.start()):
            begin = m.end()
    after = next(
        (
            m
            for m in _SENTENCE_END.finditer(text, max(end - 1, start), min(len(text), end + 400))
            if not abbreviation_stop(text, m.start())
        ),
        None,
    )
    stop = after.end() if after else min(len(text), end + 400) if end + 400 < len(text) else len(text)
    while begin < stop and text[begin].isspace():
        begin += 1
    return begin, max(stop, end)
