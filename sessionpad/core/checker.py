"""The question coach: phrasing that tends to sound judgmental or closed (DOMAIN.md table).

The checker is a gentle note, never a block, so it leans towards staying quiet when a
phrase is ambiguous: a false alarm in the middle of a live session costs the coach more
attention than a missed one.

Each question is normalised first (lower case, straight quotes, contractions spelled
out: "didn’t" and "didnt" both become "did not"), then split into sentences and
clauses. Rules about how a question *opens* look at the first clause that starts like a
question; the rest look at the whole text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Flag:
    """One finding: a short ``code``, why it can hurt, and a gentler open pattern to try."""

    code: str
    reason: str
    rewrite: str


WHY_FAILURE = "why-failure"
WHY = "why"
LEADING = "leading"
SHOULD = "should"
ADVICE = "advice"
PROPOSAL = "proposal"
CLOSED = "closed"
STACKED = "stacked"
EITHER_OR = "either-or"
TAG = "tag"
MINIMISER = "minimiser"
LABEL = "label"
LONG = "long"

# In the order of DOMAIN.md's table; flags come back in this order.
CODES: tuple[str, ...] = (
    WHY_FAILURE,
    WHY,
    LEADING,
    SHOULD,
    ADVICE,
    PROPOSAL,
    CLOSED,
    STACKED,
    EITHER_OR,
    TAG,
    MINIMISER,
    LABEL,
    LONG,
)

_FIXED: dict[str, tuple[str, str]] = {
    WHY_FAILURE: ("Asks the client to defend a failure.", 'try "what got in the way of …"'),
    WHY: (
        "Invites justification and looks backwards.",
        'try "what led to …" or "what matters about …"',
    ),
    LEADING: ("The answer is already built in.", 'try "how do you see …"'),
    SHOULD: ("Holds the client to your standard.", 'try "what would you like to do about …"'),
    ADVICE: (
        "Advice dressed up as a question.",
        'try "what have you tried?", or ask permission to offer an idea',
    ),
    PROPOSAL: ("A proposal rather than a question.", 'try "what possibilities do you see?"'),
    CLOSED: ("A yes/no opener closes the conversation.", 'restart with "what …" or "how …"'),
    STACKED: ("Stacked questions: the client answers only the last.", "ask one, then pause"),
    EITHER_OR: ("Offers only the options you thought of.", 'try "what options do you see?"'),
    TAG: ("The tag asks for agreement.", "drop the tag"),
}

LONG_QUESTION_WORDS = 25

# Codes that make a question closed for the coach summary's "share that were open".
_CLOSING_CODES = frozenset({LEADING, ADVICE, PROPOSAL, CLOSED, EITHER_OR, TAG})

_WH = frozenset({"what", "how", "who", "whom", "whose", "when", "where", "which", "why"})
_AUX = frozenset(
    {
        "is", "are", "am", "was", "were", "do", "does", "did", "can", "could", "will",
        "would", "have", "has", "had", "shall", "should", "may", "might", "must",
    }
)  # fmt: skip
# "any thoughts?", "want to talk about it?": a yes/no question with its verb left out.
_ELIDED_CLOSED = frozenset({"any", "anything", "anyone", "anybody", "want", "ready", "got"})
_OPENER_EXTRAS = _ELIDED_CLOSED | {"ought", "surely"}
_CLOSED_OPENERS = (_AUX - {"should", "must"}) | _ELIDED_CLOSED
_SUBJECTS = frozenset({"you", "it", "that", "this", "they", "we", "he", "she", "there", "i"})
_FILLERS = frozenset(
    {
        "so", "and", "but", "or", "ok", "okay", "well", "now", "then", "also", "alright",
        "right", "hmm", "um", "uh", "oh", "anyway", "plus", "yes", "yeah",
    }
)  # fmt: skip
_IMPOSING = frozenset({"should", "must", "ought"})
# Verbs after "what about" that make it a question about an aspect, not a proposal:
# "what about this excites you?" asks; "what about asking her?" proposes.
_ASPECT_VERBS = frozenset(
    {
        "is", "was", "are", "were", "does", "do", "did", "would", "could", "makes", "made",
        "matters", "matter", "excites", "excite", "appeals", "appeal", "worries", "bothers",
        "stands", "draws", "feels", "feel", "gets", "keeps", "frustrates", "attracts",
    }
)  # fmt: skip
_ADVICE_VERBS = frozenset(
    {"tried", "try", "considered", "consider", "thought", "think", "looked", "explored"}
)
_INVITATION_VERBS = frozenset(
    {
        "say", "tell", "share", "describe", "walk", "talk", "expand", "explain", "paint",
        "unpack", "elaborate", "sketch", "give", "put", "spell", "take", "help",
    }
)  # fmt: skip
_PARENTHETICAL_VERBS = frozenset({"think", "say", "reckon", "feel", "suppose", "imagine", "guess"})
_ONE_WORD_TAGS = frozenset(
    {"right", "correct", "yes", "no", "ok", "okay", "agreed", "true", "yeah", "eh", "surely", "huh"}
)
_MINIMISERS = frozenset({"just", "simply", "obviously", "clearly"})
# "what just happened?" and "you just said" are about time, not about how easy it is.
_JUST_IN_TIME = frozenset(
    {
        "now", "happened", "said", "shared", "mentioned", "told", "noticed", "heard",
        "described", "realised", "realized", "came", "changed", "shifted", "felt", "used",
    }
)  # fmt: skip
_PAST_AUX = frozenset({"did", "have", "has", "had"})  # "what did you just notice?"
# "see it more clearly", "say it simply": how something is done, not a judgment.
_DEGREE_BEFORE = frozenset({"more", "less", "how", "so", "very", "most", "as", "too"})
_MANNER_VERBS = frozenset(
    {
        "see", "think", "say", "speak", "explain", "hear", "state", "communicate", "express",
        "articulate", "define", "describe", "put", "write", "live",
    }
)  # fmt: skip
_LABELS = frozenset(
    {"always", "never", "lazy", "laziness", "excuse", "excuses", "failure", "failures"}
)
# "always" and "never" judge when they describe someone ("you always…", "he never…");
# "who is always there for you?" describes nobody.
_SWEEPING = frozenset({"always", "never"})
# "what have you always wanted?", "what would you never give up?": hopes and values.
_HOPE_VERBS = frozenset(
    {
        "wanted", "want", "wished", "wish", "dreamed", "dreamt", "hoped", "loved", "love",
        "enjoyed", "enjoy", "admired", "valued", "imagined", "cared",
    }
)  # fmt: skip
_MODALS = frozenset({"would", "will", "could", "might"})
# "a failure", "your failure" labels someone; "what does failure mean to you?" explores.
_PEOPLE_LABELLERS = frozenset(
    {"a", "an", "the", "your", "this", "that", "such", "total", "complete", "another", "big"}
)

_STRAIGHTEN = str.maketrans(
    {
        "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'", "`": "'", "\u00b4": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
        "\uff1f": "?", "\u2026": "...", "\u2014": ",", "\u2013": ",", "\u00a0": " ",
    }
)  # fmt: skip
_IRREGULAR_NEGATIVES = {
    "won't": "will not",
    "can't": "can not",
    "cannot": "can not",
    "shan't": "shall not",
    "ain't": "is not",
    # typed in a hurry, without the apostrophe
    "wont": "will not",
    "cant": "can not",
}
_BARE_NEGATIVES = (
    "dont|didnt|doesnt|isnt|arent|wasnt|werent|havent|hasnt|hadnt|wouldnt|couldnt|shouldnt|mustnt"
)
_SHORT_FORMS = {"re": "are", "ve": "have", "ll": "will", "m": "am", "d": "would"}


# Compiled once: the checker runs on every "?" capture and on every question of a summary,
# and re's own pattern cache lookup costs as much as a short substitution.
_TAG_RE = re.compile(r"#[\w-]+")
_IRREGULAR_RE = re.compile(r"\b(won't|can't|cannot|shan't|ain't|wont|cant)\b")
_BARE_NEGATIVE_RE = re.compile(rf"\b({_BARE_NEGATIVES})\b")
_NT_RE = re.compile(r"\b([a-z]+)n't\b")
_SHORT_FORM_RE = re.compile(r"\b([a-z]+)'(re|ve|ll|m|d)\b")
_DASH_RE = re.compile(r"\s+-\s+")
_WORD_RE = re.compile(r"[a-z0-9]+(?:'[a-z]+)*")
_SENTENCE_END_RE = re.compile(r"[?!]+|\.(?:\s+|$)")
_CLAUSE_BREAK_RE = re.compile(r"[,;:]|\.\.\.|\(|\)")
_QUESTION_MARKS_RE = re.compile(r"\?+")


def _normalise(text: str) -> str:
    text = text.translate(_STRAIGHTEN).casefold()
    text = _TAG_RE.sub(" ", text)  # capture-bar tags are not part of the question
    text = _IRREGULAR_RE.sub(lambda match: _IRREGULAR_NEGATIVES[match[0]], text)
    text = _BARE_NEGATIVE_RE.sub(lambda match: match[1][:-1] + " not", text)
    text = _NT_RE.sub(r"\1 not", text)
    text = _SHORT_FORM_RE.sub(lambda m: f"{m[1]} {_SHORT_FORMS[m[2]]}", text)
    return _DASH_RE.sub(", ", text)


def _words(text: str) -> list[str]:
    return _WORD_RE.findall(text)


def _strip_fillers(words: list[str]) -> list[str]:
    start = 0
    while start < len(words) and words[start] in _FILLERS:
        start += 1
    return words[start:]


def _sentences(text: str) -> list[str]:
    parts = _SENTENCE_END_RE.split(text)
    return [part for part in parts if _words(part)]


def _clauses(sentence: str) -> list[list[str]]:
    parts = _CLAUSE_BREAK_RE.split(sentence)
    return [words for words in (_words(part) for part in parts) if words]


def _is_parenthetical(clause: list[str]) -> bool:
    """ "… do you think?" / "… would you say?" asks nothing of its own."""
    return (
        len(clause) == 3
        and clause[0] in {"do", "would"}
        and clause[1] == "you"
        and clause[2] in _PARENTHETICAL_VERBS
    )


def _is_tag(clause: list[str]) -> bool:
    words = _strip_fillers(clause) or clause
    if len(words) == 1:
        return words[0] in _ONE_WORD_TAGS
    if len(words) > 4 or words[0] not in _AUX:
        return words in (["you", "know"], ["am", "i", "right"], ["you", "agree"])
    negated_first = words[1] == "not" and words[2:3] and words[2] in _SUBJECTS
    negated_after = len(words) >= 3 and words[1] in _SUBJECTS and words[2] == "not"
    return bool(negated_first or negated_after)


def _ends_with_bare_tag(words: list[str]) -> bool:
    """ "that went well did it not" — a tag typed without its comma."""
    if len(words) < 5 or words[0] in _WH:
        return False
    aux, second, third = words[-3:]
    return aux in _AUX and (
        (second == "not" and third in _SUBJECTS) or (second in _SUBJECTS and third == "not")
    )


# Each alternative is anchored at the start of the clause (used with ``match``).
_PERMISSION_RE = re.compile(
    r"(may|can|could|might|shall) (i|we)\b"
    r"|(is|would) it (be )?(ok|okay|alright|all right|fine|useful|helpful|help)"
    r"( with you)? (if|for|to) (i|we|me|us|hear|share|offer)\b"
    r"|(would|do) you mind if (i|we)\b"
    r"|(would|do) you (like|want) (me|us) to\b"
    # "would you like to explore that?" hands the choice of direction to the client
    r"|would you (like|care) to\b"
    r"|(are|would) you (be )?open to (hearing|me|us|my|some|an?|feedback)\b"
    r"|is (now|this|it) a good (time|moment)\b"
)
_SCALE_RE = re.compile(
    r"\bscale\b|\b(0|1|zero|one) ?(-|to|through|and) ?(10|ten)\b|\bout of (10|ten)\b"
)


def _is_permission(words: list[str]) -> bool:
    """The coach asking leave to offer something: closed by nature, and welcome."""
    return _PERMISSION_RE.match(" ".join(words)) is not None


def _is_scale(text: str) -> bool:
    return _SCALE_RE.search(text) is not None


def _is_invitation(words: list[str]) -> bool:
    """ "could you say more about that?" is heard as "say more", not as a yes/no."""
    return (
        len(words) >= 3
        and words[0] in {"can", "could", "would", "will"}
        and words[1] == "you"
        and words[2] in _INVITATION_VERBS
    )


def _is_advice(words: list[str]) -> bool:
    if len(words) < 3 or words[1] != "you":
        return False
    verb = words[3] if words[2] == "ever" and len(words) > 3 else words[2]
    if words[0] in {"have", "had", "did"}:
        return verb in _ADVICE_VERBS
    return words[0] in {"could", "can", "might", "would"} and verb in {"try", "consider"}


def _opener_clause(clauses: list[list[str]]) -> list[str]:
    """The clause where the question starts: "Looking back, why…" opens at "why".

    A clause starting with "you" is a question only when nothing else is: in "you said
    it's hard, why is that?" the question is the second clause.
    """
    candidates = [
        words
        for words in (_strip_fillers(clause) for clause in clauses)
        if words and not _is_parenthetical(words)
    ]
    for words in candidates:
        if words[0] in _WH or words[0] in _AUX or words[0] in _OPENER_EXTRAS:
            return words
    for words in candidates:
        if words[0] == "you":
            return words
    return candidates[0] if candidates else []


def _opener_code(words: list[str], sentence_words: list[str], scale: bool) -> str | None:
    """The one finding about how a sentence opens, most specific first."""
    if not words:
        return None
    first, rest = words[0], words[1:]
    why_like = first == "why" or words[:2] == ["how", "come"]
    if why_like:
        after = rest[1:] if first == "how" else rest
        if first == "why" and after[:1] == ["not"]:
            return PROPOSAL
        return WHY_FAILURE if "not" in after[:3] else WHY
    if words[:2] == ["how", "about"] or (
        words[:2] == ["what", "if"] and rest[1:2] and rest[1] in {"you", "we", "i"}
    ):
        return PROPOSAL
    if words[:2] == ["what", "about"] and not _ASPECT_VERBS.intersection(rest[1:]):
        return PROPOSAL
    if _is_advice(words):
        return ADVICE
    if first in _IMPOSING:
        return SHOULD
    if first == "surely":
        return LEADING
    if first in _AUX and rest[:1] == ["not"] and rest[1:2] and rest[1] in _SUBJECTS:
        return LEADING
    if first in _AUX and rest[:1] and rest[0] in _SUBJECTS and rest[1:2] == ["not"]:
        return LEADING
    if _is_permission(words) or scale or _is_invitation(words):
        return None
    if first in _CLOSED_OPENERS:
        # "is it fear, or is it something else?" offers two answers across the clauses
        after_opener = sentence_words[sentence_words.index(first) + 1 :]
        return EITHER_OR if "or" in after_opener else CLOSED
    if first == "you" and not _WH.intersection(sentence_words) and rest[:1]:
        # "you feel ready?" — a yes/no question carried by the question mark alone.
        return CLOSED if rest[0] in _AUX or rest[0] in {"feel", "think", "want", "know"} else None
    return None


def _imposes(words: list[str]) -> bool:
    for index, word in enumerate(words):
        following = words[index + 1 : index + 3]
        if word in _IMPOSING and (following[:1] == ["you"] or following == ["not", "you"]):
            return True
        if word != "you" or not following:
            continue
        if following[0] in _IMPOSING:
            return True
        before = words[index - 1] if index else ""
        asks_about_needs = before in _AUX or before in {"think", "feel", "believe", "sense"}
        obliged = following in (["need", "to"], ["have", "to"], ["got", "to"])
        if (
            obliged or words[index + 1 : index + 4] == ["have", "got", "to"]
        ) and not asks_about_needs:
            return True
    return False


def _is_stacked(text: str, sentence_words: list[list[str]]) -> bool:
    questions = [part for part in _QUESTION_MARKS_RE.split(text)[:-1] if _words(part)]
    if len(questions) >= 2:
        return True
    for words in sentence_words:
        for index in range(len(words) - 2):
            joined = words[index] in {"and", "or", "also", "plus", "then"}
            if joined and words[index + 1] in _WH and words[index + 2] in _AUX:
                return True
        # "what did you do, and why?"
        if len(words) > 2 and words[-2] in {"and", "or"} and words[-1] in _WH:
            return True
    return False


def _minimiser(words: list[str]) -> str | None:
    for index, word in enumerate(words):
        if word not in _MINIMISERS:
            continue
        before = words[max(index - 2, 0) : index]
        after = words[index + 1] if index + 1 < len(words) else ""
        if word == "just":
            if after in _JUST_IN_TIME or after in {"enough", "as"}:
                continue
            if (after.endswith("ed") and before) or _PAST_AUX.intersection(before):
                continue
        elif _DEGREE_BEFORE.intersection(before[-1:]) or _MANNER_VERBS.intersection(before):
            continue
        return word
    return None


def _label(words: list[str]) -> str | None:
    for index, word in enumerate(words):
        if word not in _LABELS:
            continue
        before = words[max(index - 2, 0) : index]
        after = words[index + 1] if index + 1 < len(words) else ""
        if word in _SWEEPING and (
            not _SUBJECTS.intersection(before)
            or _MODALS.intersection(before)
            or after in _HOPE_VERBS
        ):
            continue
        if word.startswith("failure") and not _PEOPLE_LABELLERS.intersection(before[-1:]):
            continue
        return word
    return None


def _analyse(text: str) -> tuple[list[Flag], set[str], bool]:
    """Flags, the codes found, and whether the text holds any word at all."""
    normal = _normalise(text)
    # Splitting into sentences drops only punctuation, so no sentence means no word.
    sentences = _sentences(normal)
    if not sentences:
        return [], set(), False
    codes: set[str] = set()
    all_sentence_words = [_words(sentence) for sentence in sentences]
    scale = _is_scale(normal)
    for sentence, sentence_words in zip(sentences, all_sentence_words, strict=True):
        clauses = _clauses(sentence)
        has_tag = len(clauses) >= 2 and _is_tag(clauses[-1])
        if has_tag:
            clauses = clauses[:-1]
        if has_tag or _ends_with_bare_tag(sentence_words):
            codes.add(TAG)
        opener = _opener_code(_opener_clause(clauses), sentence_words, scale)
        if opener is not None:
            codes.add(opener)
        if any(_is_advice(_strip_fillers(clause)) for clause in clauses):
            codes.add(ADVICE)
    words = [word for sentence_words in all_sentence_words for word in sentence_words]
    if _imposes(words):
        codes.add(SHOULD)
    if _is_stacked(normal, all_sentence_words):
        codes.add(STACKED)
    flags = [Flag(code, *_FIXED[code]) for code in CODES if code in codes]
    minimiser = _minimiser(words)
    if minimiser:
        flags.append(
            Flag(MINIMISER, f'"{minimiser}" implies it ought to be easy.', f'drop "{minimiser}"')
        )
    label = _label(words)
    if label:
        flags.append(
            Flag(
                LABEL,
                f'"{label}" sounds like a label or a sweeping judgment.',
                "use the client's own words",
            )
        )
    count = sum(not word.startswith("#") for word in text.split())
    if count > LONG_QUESTION_WORDS:
        flags.append(Flag(LONG, f"{count} words: too much for one question.", "keep to one clause"))
    return flags, codes, True


@dataclass(frozen=True)
class QuestionAnalysis:
    """What the question coach makes of one question, from a single pass over it.

    ``flags``: every finding in DOMAIN.md's order (empty means fine). ``is_open``: the
    question leaves the answer to the client (see :func:`is_open_question`).
    """

    flags: tuple[Flag, ...]
    is_open: bool


def analyse_question(text: str) -> QuestionAnalysis:
    """Flags and openness together: what a summary needs for each question asked."""
    flags, codes, has_words = _analyse(text)
    return QuestionAnalysis(tuple(flags), has_words and not (codes & _CLOSING_CODES))


def check_question(text: str) -> tuple[Flag, ...]:
    """Every finding about a question's phrasing, in DOMAIN.md's order; empty means fine.

    Permission questions ("May I offer an observation?") and 1–10 scale questions are
    closed by design and are not flagged for it.
    """
    return analyse_question(text).flags


def is_open_question(text: str) -> bool:
    """True when the question leaves the answer to the client.

    A why-question is open (if uncomfortable); a yes/no, either/or, leading, tagged,
    advice or proposal question is not. Permission and 1–10 scale questions count as
    open: they hand the choice to the client and are what a coach is meant to ask.
    Text without a single word is not a question at all, so not an open one.
    """
    return analyse_question(text).is_open
