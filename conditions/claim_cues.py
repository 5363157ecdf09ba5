"""Words that tell the claim checker what a sentence is about.

`normalise` brings spellings together (US and UK, numbers in words, "T-regs"), so
"eighty illnesses" and "80 diseases" look alike to the matcher. `TOPIC_CUES` holds, for
each topic, the words that name it. A *strong* cue makes a claim on its own ("only one
chance", "1 in 217", "over 80 diseases"); a *mention* names the subject ("eczema") and
counts only beside words that make a claim about it ("stem cells", "treat", "cure"), so
that "Eczema causes dry, itchy patches" is not taken for a claim.

These lists come from the subjects themselves, not from any evaluation sentence."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# --- Normalising ----------------------------------------------------------------

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
_NUMBER_WORD = "|".join([*_UNITS, *_TENS, *_SCALES])
_NUMBER_RUN = re.compile(rf"\b(?:{_NUMBER_WORD})(?:(?:\s+and\s+|[\s-]+)(?:{_NUMBER_WORD}))*\b")

_SPELLINGS = [
    (r"leukemi", "leukaemi"),
    (r"\banemi", "anaemi"),
    (r"thalassemi", "thalassaemi"),
    (r"hematopoi", "haematopoi"),
    (r"hemoglobin", "haemoglobin"),
    (r"pediatric", "paediatric"),
    (r"\btumor", "tumour"),
    (r"\bt[\s-]?regs?\b", "treg"),
    (r"\btregs\b", "treg"),
    (r"\bregulatory t[\s-]?cells?\b", "regulatory t cells treg"),
    (r"\bmscs\b", "msc"),
    (r"\bucb\b", "umbilical cord blood"),
    (r"\bcord[\s-]?blood\b", "cord blood"),
    (r"\bstem[\s-]?cells?\b", "stem cells"),
    (r"\bwharton'?s?\b", "wharton"),
    (r"\bonce[\s-]in[\s-]a[\s-]lifetime\b", "once in a lifetime"),
    (r"\blife[\s-]threatening\b", "life threatening"),
    (r"\blife[\s-]saving\b", "life saving"),
    (r"(\d)\s*\+", r"\1 plus"),
    (r"(\d)\s*%", r"\1 percent"),
    (r"\bper\s?cent\b", "percent"),
    (r"[\u00b0\u2103]", " degrees "),
]
_SPELLINGS = [(re.compile(pattern), repl) for pattern, repl in _SPELLINGS]
_QUOTES = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
    }  # fmt: skip
)
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}\b)")
_SPACES = re.compile(r"\s+")


def _number_value(words: str) -> str:
    total, current = 0, 0
    for word in re.split(r"[\s-]+", words):
        if word == "and":
            continue
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        else:  # thousand, million
            total += max(current, 1) * _SCALES[word]
            current = 0
    return str(total + current)


def normalise(text: str) -> str:
    """Lower case, plain quotes, one spelling for each word, numbers as digits."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).lower()
    text = _NUMBER_RUN.sub(lambda m: _number_value(m.group(0)), text)
    text = _THOUSANDS.sub("", text)
    for pattern, repl in _SPELLINGS:
        text = pattern.sub(repl, text)
    return _SPACES.sub(" ", text).strip()


# --- Words for the word-level features ------------------------------------------

STOP_WORDS = frozenset(
    """a an the and or but of to in on at for with by from as is are was were be been being
    it its this that these those there their they them we our us you your yours he she his
    her i my me can could may might will would should shall do does did has have had not no
    so if then than too very just also into about over such which who whom what when where
    how all any each some more most other only own same up out s t""".split()
)

# Words that mean the same thing here, mapped to one ("word: its synonyms").
_SYNONYM_TABLE = """
child: kid kids children youngster youngsters son daughter toddler
baby: newborn newborns infant infants babies baby's
sibling: siblings brother brothers sister sisters
treat: cure cures cured curing heal heals healed healing therapy therapies treats treated
treat: treating treatment treatments remedy
disease: illness illnesses disorder disorders condition conditions diseases ailment ailments
store: save saved saving stored storing storage bank banked banking preserve preserved
store: preserving keep kept
collect: collected collecting collection harvest harvested
chance: odds likelihood probability chances likely
forever: everlasting indefinitely indefinite permanently
leukaemia: leukaemias lymphoma lymphomas
"""
SYNONYMS = {
    synonym: word
    for line in _SYNONYM_TABLE.strip().splitlines()
    for word, synonyms in [line.split(":")]
    for synonym in synonyms.split()
}

_TOKEN = re.compile(r"[a-z0-9][a-z0-9']*")


def _stem(word: str) -> str:
    """A light stemmer: enough to bring plurals and common endings together."""
    if len(word) <= 4 or word.isdigit():
        return word
    for suffix, repl in (("ies", "y"), ("sses", "ss"), ("ing", ""), ("edly", ""), ("ed", ""),
                         ("ly", ""), ("es", "e"), ("s", "")):  # fmt: skip
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith("ss"):
            return word[: len(word) - len(suffix)] + repl
    return word


def words(text: str) -> list[str]:
    """Content words of normalised text, synonyms merged and lightly stemmed."""
    out = []
    for token in _TOKEN.findall(text):
        token = token.rstrip("'")
        if token in STOP_WORDS:
            continue
        token = SYNONYMS.get(token, token)
        out.append(_stem(token))
    return out


# --- Topic cues -----------------------------------------------------------------

# A reference list entry or a web address quotes a title; it does not make a claim.
REFERENCE = re.compile(r"https?://|www\.|\bdoi\b|\bet al\b|^\[\d+\]")

# Words that make a claim about whatever a sentence names: a treatment, a use, a result.
CLAIM_WORDS = (
    r"\b(stem cells|cord blood|cord tissue|umbilical|banks?|banked|banking|stores?|"
    r"stored|storing|storage|preserv\w*|therap\w*|treat\w*|cures?|cured|curing|heal\w*|"
    r"infus\w*|transplant\w*|regenerat\w*|repair\w*|restor\w*|trials?|stud(y|ies)|research\w*|"
    r"scientists?|helps?|helped|helping|improv\w*|reliev\w*|reduc\w*|benefit\w*|hope|fight\w*|"
    r"answer|remed\w*|solution|msc|mesenchymal|treg|potential|promising|an end|end to|"
    r"get rid|free (from|of)|clear\w*|eas(e|es|ing)|alleviat\w*|sooth\w*|calm\w*|relief)\b"
)
# For a named condition: words that tie it to cord blood, stem cells or research, so that
# "Treatment options for scars include silicone gels" is not taken for a claim.
CELL_WORDS = (
    r"\b(stem cells|cord blood|cord tissue|umbilical|msc|mesenchymal|treg|banks?|banked|banking|"
    r"stores?|stored|storing|storage|preserv\w*|infus\w*|transplant\w*|regenerat\w*|"
    r"cell (therapy|therapies|treatments?)|(banked|stored|frozen|own|these|precious|baby's|child's) cells|"
    r"trials?|stud(y|ies)|research\w*|scientists?)\b"
)
_CLAIM_CONTEXT = re.compile(CLAIM_WORDS)
_CELL_CONTEXT = re.compile(CELL_WORDS)


@dataclass(frozen=True)
class Cue:
    strong: re.Pattern | None = None  # a claim on its own
    mention: re.Pattern | None = None  # names the subject; needs `context`
    context: re.Pattern | None = None  # default: CELL_WORDS if specific, else CLAIM_WORDS
    specific: bool = True  # a named condition outranks a general topic in the same sentence

    def in_context(self, text: str) -> bool:
        context = self.context or (_CELL_CONTEXT if self.specific else _CLAIM_CONTEXT)
        return bool(context.search(text))


def _re(pattern: str) -> re.Pattern:
    return re.compile(pattern)


_DISEASE = r"(diseases?|conditions?|disorders?|illness(es)?|ailments?|medical conditions?)"

TOPIC_CUES: dict[str, Cue] = {
    "probability_of_use": Cue(
        strong=_re(
            r"\b1 (\w+ )?in (every )?[1-9]\d{2}\b(?! chance of (being )?a match)"
            r"|\b(chances?|odds|likelihood|probability|likely|unlikely)\b.{0,80}"
            r"\b(need\w*|use|using|used|requir\w*|undergo\w*)\b"
            r"|\b(need\w*|use|using|requir\w*|undergo\w*)\b.{0,60}\b(transplant|stem cells|cord blood)\b"
            r".{0,60}\b(lifetime|by (the )?age|before (the )?age|age of \d+)"
        ),
        mention=_re(r"\b(chances?|odds|likelihood|probability|statistics?)\b"),
        context=_re(r"\b(need\w*|use|using|transplant\w*|stem cells|cord blood)\b"),
        specific=False,
    ),
    "number_of_diseases": Cue(
        strong=_re(
            rf"\b([3-9]\d|[1-9]\d\d)( plus)?\b[^.]{{0,50}}?\b{_DISEASE}"
            rf"|\b(list|number|range) of {_DISEASE}\b"
            r"|\b\d{4,7} (cord blood |stem cell )?transplants\b|\btransplants (since|worldwide)\b"
        ),
        mention=_re(
            rf"\b(many|dozens of|a wide range of|a growing (list|number) of) [^.]{{0,30}}{_DISEASE}"
        ),
        context=_re(r"\b(treat\w*|cur\w*|used|approved|therap\w*)\b"),
        specific=False,
    ),
    "eczema": Cue(
        mention=_re(
            r"\b(eczema|atopic|dermatitis|inflammatory skin|skin (problems?|conditions?|diseases?|disorders?))\b"
        )
    ),
    "psoriasis": Cue(mention=_re(r"\bpsoria\w*")),
    "burns": Cue(mention=_re(r"\b(burns?|burned|burnt|scalds?|scalded)\b")),
    "scars": Cue(mention=_re(r"\b(scars?|scarring|scarred|keloids?|stretch marks?)\b")),
    "autism": Cue(mention=_re(r"\b(autism|autistic|asd)\b")),
    "cerebral_palsy": Cue(mention=_re(r"\b(cerebral palsy|cp|brain (injury|injuries|damage))\b")),
    "diabetes": Cue(mention=_re(r"\b(diabetes|diabetic|insulin)\b")),
    "leukaemia": Cue(
        mention=_re(
            r"\b(leukaemias?|lymphomas?|blood cancers?|cancers?|neuroblastoma|tumours?|malignan\w*|"
            r"genetic (diseases?|disorders?|conditions?)|inherited (diseases?|disorders?|conditions?)|"
            r"perfect (genetic )?match|no rejection|without rejection)\b"
        ),
    ),
    "sickle_cell": Cue(
        mention=_re(r"\b(sickle|thalassaemi\w*|anaemi\w*|blood disorders?|haemoglobin\w*)\b")
    ),
    "sibling_match": Cue(
        strong=_re(
            r"\b(sibling|siblings|brothers?|sisters?)\b.{0,80}\b(match\w*|save|treat\w*)\b"
            r"|\b(match\w*|save|saves|saving|treat\w*)\b.{0,80}\b(sibling|siblings|brothers?|sisters?)\b"
            r"|\b1 in 4 chance\b|\b25 percent chance\b"
            r"|\b(perfect|100 percent|exact|ideal|guaranteed) (genetic |tissue )?match\b"
        ),
        mention=_re(
            r"\b(sibling|siblings|brothers?|sisters?|whole family|family members?|in the family|"
            r"(older|another|other) (child|children|kids?))\b"
        ),
        specific=False,
    ),
    "future_therapies": Cue(
        strong=_re(
            r"\bregenerative medicine\b|\b(future|tomorrow's) (therap\w*|treatments?|medicine|cures?)\b"
            r"|\b(new|emerging|novel) (uses|therap\w*|treatments?|cures?)\b|\bfuture of medicine\b"
            r"|\bregrow\w*\b|\bgrow new\b"
        ),
        mention=_re(
            r"\b(future|tomorrow|one day|some day|someday|in years to come|clinical trials?|breakthrough\w*|"
            r"cutting[\s-]edge|heart disease|heart attacks?|strokes?|alzheimer'?s?|parkinson'?s?|"
            r"spinal cord|organs?|multiple sclerosis|arthritis|grows? up|discover\w*)\b"
        ),
        specific=False,
    ),
    "cord_tissue_msc": Cue(
        strong=_re(
            r"\b(cord tissue|wharton|cord lining|umbilical cord itself|cord itself|tissue from the cord)\b"
        ),
        mention=_re(r"\b(mesenchymal|msc|bone|cartilage|tendons?|muscle|nerve cells)\b"),
        context=_re(
            r"\b(treat\w*|cur\w*|repair\w*|heal\w*|regenerat\w*|becom\w*|turn into|form|"
            r"stor\w*|bank\w*|trials?|therap\w*|help\w*|rich|source|used|test\w*|studied|research\w*)\b"
        ),
        specific=False,
    ),
    "storage_duration": Cue(
        strong=_re(
            r"\b(forever|indefinitely|for (a|their|your child's|his|her) lifetime|for life|for decades|"
            r"never (expire|lose|degrade)\w*|no (known )?expiry|expiry date|as young as|shelf life|"
            r"(stay|stays|remain|remains|last|lasts|keep|keeps)\b.{0,20}\b(viable|potent|safe|fresh|good|young))\b"
        ),
        mention=_re(
            r"\b(liquid nitrogen|cryopreserv\w*|frozen|freez\w*|196 degrees|stored for|years? of storage|viab\w*)\b"
        ),
        context=_re(
            r"\b(years?|decades?|long|lifetime|time|potency|viab\w*|stay\w*|remain\w*|last\w*)\b"
        ),
        specific=False,
    ),
    "delayed_clamping": Cue(
        strong=_re(
            r"\b(delay\w*|late|optimal|wait\w*)\b.{0,30}\bclamp\w*|\bclamp\w*\b.{0,40}\b(delay\w*|late|later|wait\w*|minutes?)\b"
        ),
        # Only timing makes a claim: "the cord is clamped and cut" is how any birth goes.
        specific=False,
    ),
    "public_vs_private": Cue(
        strong=_re(
            r"\bdonat\w*\b.{0,60}\b(family|get (it|them|the cells) back|rights?|guarantee\w*|discard\w*|thrown)\b"
            r"|\bbelongs? to (your|the) family\b|\bexclusive\w*\b|\breserved? (for|exclusively)\b"
        ),
        mention=_re(r"\b(donate\w*|donation|public|private(ly)?|registry)\b"),
        context=_re(
            r"\b(family|available|access|guarantee\w*|your child|own|only|stranger|reclaim|"
            r"discard\w*|thrown|rights?|no longer|lose|lost)\b"
        ),
        specific=False,
    ),
    "cost": Cue(
        strong=_re(
            r"\b(investments?|invest|insurance|insure|peace of mind|cup of coffee|daily coffee|"
            r"price of a|cost of a|worth every|value for money|priceless|no price|small price|"
            r"put a price)\b"
        ),
        mention=_re(r"\b(cost\w*|price\w*|fees?|pay\w*|afford\w*|money)\b"),
        context=_re(r"\b(health|protect\w*|future|secur\w*|safeguard\w*|worth)\b"),
        specific=False,
    ),
    "urgency_one_chance": Cue(
        strong=_re(
            r"\b(1|only|single|one[\s-]time) (chance|opportunity|shot|time|moment)\b|\bonce in a lifetime\b"
            r"|\bnow or never\b|\b(don't|do not|dont) (miss|wait|delay|leave it)\b|\btoo late\b"
            r"|\bthrown away\b|\b(discarded|disposed of|binned) as (medical |clinical )?waste\b"
            r"|\b(only|just) (be )?(collected|saved|harvested|captured|taken) (at|during|after|in|right)\b"
            r"|\b(cannot|can't|can not) be (collected|saved) later\b|\birreplaceable\b|\bonce it'?s gone\b"
            r"|\bnever (get|have) (this|that|the) (chance|opportunity)"
        ),
        mention=_re(r"\b(deadline|before your \w+ week|book now|act now|hurry|limited time)\b"),
        specific=False,
    ),
    "regulatory_t_cells": Cue(
        strong=_re(r"\b(treg|regulatory t)\b"),
        mention=_re(
            r"\b(t cells?|t lymphocytes|immune (system|balance|response|cells)|autoimmun\w*|inflammation)\b"
        ),
        context=_re(
            r"\b(cord blood|umbilical|stem cells|balance|regulat\w*|calm\w*|keep\w* .{0,20} check)\b"
        ),
        specific=False,
    ),
    "accreditation": Cue(
        strong=_re(
            r"\b(first|largest|biggest|leading|oldest|most (experienced|trusted|established))"
            r"( [a-z']+){0,4} (banks?|company|companies|providers?|laborator(y|ies))\b|"
            r"\b(accredit\w*|licen[cs]\w*|registered|registration|certified|certification|approval)\b"
            r".{0,60}\b(proves?|proof|shows?|means?|guarantee\w*|ensur\w*)\b.{0,60}"
            r"\b(work\w*|success\w*|effective|ready|used|use|treat\w*)\b"
        ),
        mention=_re(
            r"\b(accredit\w*|licen[cs]\w*|aabb|fact|hta|fda|registered|registration|certified|certification|"
            r"iso ?\d*|gmp|regulated|inspected)\b"
        ),
        context=_re(
            r"\b(guarantee\w*|proves?|proof|ensur\w*|trust|confiden\w*|work|ready|highest|quality|"
            r"best|safe|assur\w*|meets?|strictest|standards?|used)\b"
        ),
        specific=False,
    ),
    "storage_method": Cue(
        strong=_re(
            r"\b(whole[\s-](cord blood|blood|unit|sample|volume)|volume[\s-]reduc\w*|red (blood )?cell "
            r"(depletion|removal|reduction)|discard\w* [\w ]{0,20}cells|throw\w* away [\w ]{0,20}cells|"
            r"keeps? (every|all|more) (of the )?(stem )?cells|(cell|stem cells) recovery|"
            r"recover\w* (up to )?\d+ percent|processing (method|technology|system))\b"
        ),
        mention=_re(r"\b(processing|processed|plasma|red cells|cell count|compartments?)\b"),
        specific=False,
    ),
}


STRONG, NAMED_CONDITION, MENTION = 0.9, 1.0, 0.5


def topic_cues(text: str, previous: str = "") -> dict[str, float]:
    """For normalised text: each topic it names, with how strongly. A named condition in a
    claim's context counts most: "How can regenerative medicine help treat scars?" is about
    scars. `previous` is the sentence before, which may give the context: "Banking stem
    cells is worth it. Especially to put an end to eczema." """
    found: dict[str, float] = {}
    carried = (
        bool(previous)
        and bool(_CELL_CONTEXT.search(previous))
        and bool(_CLAIM_CONTEXT.search(text))
    )
    for topic, cue in TOPIC_CUES.items():
        if cue.strong is not None and cue.strong.search(text):
            found[topic] = STRONG
        elif cue.mention is not None and cue.mention.search(text):
            if cue.specific and (cue.in_context(text) or carried):
                found[topic] = NAMED_CONDITION
            elif not cue.specific and cue.in_context(text):
                found[topic] = MENTION
    return found
