"""The corpus's own names (places, organisations, people), mined from cleaned text at index time.

General dictionaries do not know 青禾, 岚山 or 鲁明哲 (jieba cuts them apart), yet answering needs them:
a question's subject is usually one of these names, and "谁"/"哪家" questions are answered by them. The
rules are plain patterns (a place suffix, a company suffix, a title before a surname) checked against
how often each reading occurs in the corpus, so they carry over to any similar news corpus. The word
lists they use are general (qa/vocab); the pinyin of each place name is learned here too, so English
questions can name the corpus's places ("Qinghe town").
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import jieba
from pypinyin import lazy_pinyin

from qa.persons import people
from qa.vocab import HAN, alternation
from qa.wordtags import WordTags

logger = logging.getLogger(__name__)

KINDS = ("place", "org", "person")
# Bump when names.tsv changes shape (the manifest records it): 2 added the pinyin column.
LEXICON_FORMAT = 2

_HAN = HAN
# Characters that start or sit inside phrases like 全市, 该镇, 我县, 在青禾镇: never part of a place name.
_NOT_IN_PLACE = set(
    "全该本我各每这那其此某省市县镇区乡村街道城一二三四五六七八九十第大小在于是的和与"
    "对向从为到给了及并等有入点面业门行部场来化带前作现实施年月日上下中内外个家名"
)
_PLACE_SUFFIX = re.compile(alternation("place_suffixes"))
_ALL_HAN = re.compile(rf"[{_HAN}]+")
_PAREN_PLACE = re.compile(rf"[(（]([{_HAN}]{{2,3}})[)）]")
_ORG = re.compile(rf"([{_HAN}()（）]{{2,24}}?)(集团股份有限公司|集团有限公司|股份有限公司|有限公司|集团)")
# Words that end the text before a company name ("走访了", "位于", "来到") rather than belong to it.
_ORG_CUT = re.compile(r".*(?:[在的是了到向与和及由给对从为将并等]|走访|位于|来到|前往|担任)")


@dataclass(frozen=True)
class Lexicon:
    """name -> kind ("place" | "org" | "person"), and place name -> its pinyin (no tones, as English
    text spells it: 青禾 -> qinghe); saved with the index as names.tsv."""

    names: Mapping[str, str] = field(default_factory=dict)
    pinyin: Mapping[str, str] = field(default_factory=dict)

    def kind_of(self, word: str) -> str | None:
        return self.names.get(word)

    def of_kind(self, kind: str) -> list[str]:
        """Names of one kind, longest first (so 青禾镇 is tried before 青禾)."""
        return sorted((n for n, k in self.names.items() if k == kind), key=lambda n: (-len(n), n))


def _valid_place(name: str) -> bool:
    return (
        len(name) >= 2 and _ALL_HAN.fullmatch(name) is not None and not any(c in _NOT_IN_PLACE for c in name)
    )


@lru_cache(maxsize=1)
def _dictionary() -> tuple[jieba.Tokenizer, Mapping[str, str]]:
    """jieba's tokenizer and its word -> part-of-speech table (index and load time: about 1 s, once).
    The table is read from jieba's dictionary as `jieba.posseg` reads it, into a compact form."""
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.dt
    tokenizer.check_initialized()  # FREQ is empty until the dictionary is loaded
    with tokenizer.get_dict_file() as lines:
        return tokenizer, WordTags.from_dictionary(lines)


def word_tag(word: str) -> str | None:
    """jieba's part of speech of a dictionary word (t: time, r: pronoun, n: noun ...), None if unknown."""
    return _dictionary()[1].get(word)


def _is_common_word(name: str, min_frequency: int = 50) -> bool:
    """A dictionary word that is no name (not tagged place, person or organisation) and at least this
    common. Place mining uses 50 (召开, 代表, 相关 before 市/镇 modify the suffix, they name nothing);
    answering uses EVERYDAY_FREQUENCY, as a whole mined name is dropped only when it is everyday."""
    tokenizer, tags = _dictionary()
    tag = tags.get(name)
    if tag is None:
        return False
    return not tag.startswith(("ns", "nr", "nz", "nt")) and tokenizer.FREQ.get(name, 0) > min_frequency


EVERYDAY_FREQUENCY = 1000  # 公司 45,604, 建设 26,381, 体积 1,390 in jieba's dictionary; 星河 66, 一汽 71


def is_everyday_word(word: str) -> bool:
    """A common dictionary word that names nothing (周边, 家庭, 人口; not 家规, 星河)."""
    return _is_common_word(word, EVERYDAY_FREQUENCY)


def is_dictionary_word(word: str) -> bool:
    """A dictionary word that names nothing and is not rare (集装箱, 召开): more than 50 uses."""
    return _is_common_word(word)


def _noun_named(stem: str, suffix: str, text: str) -> bool:
    """A common noun that names a place all the same (桃源镇, 溪口镇): the corpus writes it with its
    suffix more than once, and at least once where a sentence or line starts."""
    tag = _dictionary()[1].get(stem, "")
    name = stem + suffix
    opens = re.search(rf"(?:^|[\n。!?;:,、“\"(（])(?:在|与|和)?{re.escape(name)}", text) is not None
    return tag.startswith("n") and text.count(name) >= 2 and opens


def _verb_led(name: str) -> bool:
    """告知书, 完成整, 紧扣: a verb (or a name led by one) before 村/镇 is running text ("倡议告知书村村到户",
    "完成整改"), not a place. Real place names are not verbs (白鹭港: 白鹭 is a place)."""
    _, tags = _dictionary()
    stem = _PLACE_SUFFIX.sub("", name) if len(name) > 2 else name
    if len(stem) == 3 and tags.get(stem) is None:
        stem = stem[:2]
    return len(stem) == 2 and tags.get(stem, "").startswith("v")


def _aligned(text: str, start: int, end: int, suffix: str) -> bool:
    """No dictionary word straddles the name's start (前往辖区: no 往辖) or runs on from the suffix
    (畅叙乡情: 乡情 is a word, so 畅叙 is no place)."""
    tokenizer, _ = _dictionary()
    pos = max(0, start - 4)
    for token in tokenizer.cut(text[pos : end + 4], HMM=False):
        a, b = pos, pos + len(token)
        pos = b
        if len(token) < 2:
            continue
        if a < start < b or (a == end and token != suffix and not token.startswith(suffix * 2)):
            return False
    return True


def _valid_three(three: str, two: str, counts: Counter[str]) -> bool:
    """A 3-char name (白鹭港) only when its 2-char tail never occurs without it."""
    return (
        len(three) == 3
        and _valid_place(three)
        and counts[three] >= 2
        and counts[three] == counts[two]
        and not _is_common_word(three)
    )


def _places(text: str, counts: Counter[str]) -> set[str]:
    """Names before a place suffix; a 3-char reading (白鹭港) wins when it is as common as the 2-char one."""
    found: set[str] = set()
    for match in _PLACE_SUFFIX.finditer(text):
        at, suffix = match.start(), match.group(0)
        two, three = text[max(0, at - 2) : at], text[max(0, at - 3) : at]
        if _valid_three(three, two, counts) and _aligned(text, at - 3, at, suffix) and not _verb_led(three):
            name = three
        elif (
            _valid_place(two)
            and (not _is_common_word(two) or _noun_named(two, suffix, text))
            and not _verb_led(two)
            and _aligned(text, at - 2, at, suffix)
        ):
            name = two
        else:
            continue
        found.update((name, name + suffix))
    found.update(m.group(1) for m in _PAREN_PLACE.finditer(text) if _valid_place(m.group(1)))
    return found


def _count(text: str, word: str) -> int:
    return text.count(word) if word else 0


def _org_body(raw_body: str, places: set[str]) -> str:
    """Trim what precedes a company name: function words, and anything before its own place prefix
    (青禾云州星河包装 -> 云州星河包装)."""
    body = _ORG_CUT.sub("", raw_body)
    head = re.split(r"[(（]", body)[0]
    starts = [head.rfind(place) for place in places if len(place) >= 2 and head.rfind(place) > 0]
    return body[max(starts) :] if starts else body


def _orgs(text: str, places: set[str]) -> set[str]:
    """Company names and the short names the articles use for them (星河织造, 云溪茶业, 新和达)."""
    found: set[str] = set()
    for match in _ORG.finditer(text):
        body = _org_body(match.group(1), places)
        if len(body) < 2:
            continue
        if match.group(2) == "集团":
            body = body[-2:]  # a group's name is its brand + 集团 (青山集团); longer prefixes are context
        full = body + match.group(2)
        found.add(full)
        core = re.split(r"[(（]", body)[0]
        for place in sorted(places, key=len, reverse=True):
            if core.startswith(place) and len(core) > len(place) + 1:
                core = core[len(place) :]
                break
        core = _brand(core)
        short = _short_name(text, core, full)
        if short and not any(place.startswith(short) for place in places):
            found.add(short)
    return found


def _brand(core: str) -> str:
    """A company's core name without the trade words that end it (星河织造科技 -> 星河): common
    dictionary words are cut off its end while at least two characters are left. Brands are rarely
    dictionary words, trades (科技, 包装, 汽车零部件) are."""
    tokenizer, tags = _dictionary()
    tokens = tokenizer.lcut(core, HMM=False)
    while len(tokens) > 1 and _is_trade(tokens[-1], tags, tokenizer.FREQ) and len("".join(tokens[:-1])) >= 2:
        tokens.pop()
    return "".join(tokens)


def _is_trade(word: str, tags: Mapping[str, str], freq: Mapping[str, int]) -> bool:
    """A common word (not a name) of two or more characters: 科技, 包装, 零部件."""
    tag = tags.get(word, "")
    return len(word) >= 2 and freq.get(word, 0) > 0 and not tag.startswith(("nr", "ns", "nz", "nt"))


def _short_name(text: str, core: str, full: str) -> str | None:
    """The longest prefix of the core name that the text also uses on its own."""
    for length in range(len(core), 1, -1):
        prefix = core[:length]
        if _count(text, prefix) > _count(text, full) and not any(c in "的了是在和与" for c in prefix):
            return prefix
    return None


def extract_names(texts: Iterable[str]) -> Lexicon:
    """Mine place, organisation and person names from cleaned document texts."""
    corpus = "\n".join(texts)
    counts: Counter[str] = Counter()
    for size in (2, 3):
        counts.update(corpus[i : i + size] for i in range(len(corpus) - size + 1))
    names: dict[str, str] = {}
    places = _places(corpus, counts)
    for name in people(corpus):
        names[name] = "person"
    for name in _orgs(corpus, places):
        names[name] = "org"
    for name in places:
        names.setdefault(name, "place")
    logger.info("lexicon: %d names", len(names))
    return Lexicon(names=names, pinyin=place_pinyin(names))


def place_pinyin(names: Mapping[str, str]) -> dict[str, str]:
    """The pinyin of the short place names (青禾, 青禾镇: up to three characters), for English questions."""
    return {
        name: "".join(lazy_pinyin(name))
        for name, kind in names.items()
        if kind == "place" and len(name) <= 3 and _ALL_HAN.fullmatch(name)
    }


def save_lexicon(lexicon: Lexicon, path: Path) -> None:
    """Plain TSV, one `name<TAB>kind[<TAB>pinyin]` a line, sorted so rebuilds diff cleanly."""
    lines = [
        "\t".join(filter(None, (name, kind, lexicon.pinyin.get(name)))) + "\n"
        for name, kind in sorted(lexicon.names.items())
    ]
    path.write_text("".join(lines), encoding="utf-8")


def load_lexicon(path: Path) -> Lexicon:
    """A saved lexicon, as built (retrieval must tokenise queries as the index was tokenised). A
    names.tsv of format 1 has no pinyin column: the pinyin is then worked out on loading."""
    names: dict[str, str] = {}
    pinyin: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        name, kind, spelled = ([*line.split("\t"), "", ""])[:3]
        if name and kind in KINDS:
            names[name] = kind
            if spelled:
                pinyin[name] = spelled
    return Lexicon(names=names, pinyin=pinyin or place_pinyin(names))


def for_answering(lexicon: Lexicon) -> Lexicon:
    """The lexicon answering trusts (computed once, when an index loads): without the place names an
    older extractor let through (告知书村), nor common words the miners took for names on some
    corpora (公司, 建设, 企业): as a question's "subject" those veto every answer."""
    names = {
        name: kind
        for name, kind in lexicon.names.items()
        if not (kind == "place" and _verb_led(name)) and not _is_common_word(name, EVERYDAY_FREQUENCY)
    }
    if len(names) == len(lexicon.names):
        return lexicon
    return Lexicon(names=names, pinyin={n: p for n, p in lexicon.pinyin.items() if n in names})
