"""British and American spellings of common news words, folded to one form for comparison."""

from __future__ import annotations

_PAIRS = """
defence defense|offence offense|licence license|pretence pretense
programme program|centre center|theatre theater|metre meter|litre liter|fibre fiber|calibre caliber
colour color|favour favor|labour labor|harbour harbor|neighbour neighbor|behaviour behavior
honour honor|rumour rumor|humour humor|vapour vapor|armour armor|endeavour endeavor|flavour flavor
savour savor|valour valor|vigour vigor|parlour parlor|splendour splendor|tumour tumor
organise organize|organisation organization|recognise recognize|realise realize|criticise criticize
apologise apologize|authorise authorize|emphasise emphasize|mobilise mobilize|modernise modernize
normalise normalize|prioritise prioritize|privatise privatize|stabilise stabilize|summarise summarize
finalise finalize|legalise legalize|characterise characterize|minimise minimize|maximise maximize
utilise utilize|sympathise sympathize|specialise specialize|capitalise capitalize|militarise militarize
globalisation globalization|civilisation civilization|modernisation modernization|privatisation privatization
stabilisation stabilization|authorisation authorization|normalisation normalization|militarisation militarization
analyse analyze|paralyse paralyze|catalogue catalog|dialogue dialog|travelled traveled|travelling traveling
traveller traveler|cancelled canceled|cancelling canceling|labelled labeled|modelling modeling|fuelled fueled
signalled signaled|counsellor counselor|jewellery jewelry|ageing aging|judgement judgment|aluminium aluminum
grey gray|tyre tire|cheque check|kerb curb|manoeuvre maneuver|plough plow|sceptical skeptical|enrol enroll
fulfil fulfill|instalment installment|skilful skillful|wilful willful|storey story|draught draft|pyjamas pajamas
"""

_SUFFIXES = ("", "s", "d", "ed", "es", "ing", "r", "rs", "al", "ally")


def _build() -> dict[str, str]:
    table: dict[str, str] = {}
    for pair in _PAIRS.replace("\n", "|").split("|"):
        words = pair.split()
        if len(words) != 2:
            continue
        uk, us = words
        for suffix in _SUFFIXES:
            table[uk + suffix] = us + suffix
        if uk.endswith("e") and us.endswith("e"):
            table[uk[:-1] + "ing"] = us[:-1] + "ing"
            table[uk[:-1] + "ed"] = us[:-1] + "ed"
    return table


VARIANTS: dict[str, str] = _build()


def fold(word: str) -> str:
    """The American form of a lower-case word when it has a known British variant, else the word."""
    return VARIANTS.get(word, word)


def is_variant(a: str, b: str) -> bool:
    """Whether two lower-case words are one spelling apart (British/American, or hyphenation)."""
    if a == b:
        return False
    if fold(a) == fold(b):
        return True
    return a.replace("-", "") == b.replace("-", "")
