"""Reading a Russian or Persian question against English documents: glossary and transliteration.

The glossary of each language pair is a file of the knowledge folder,
``glossary.<language>-en.tsv``: one term a line, the term in the language, a tab, then its
English equivalents separated by ";". Lines starting with "#" and blank lines are skipped.
Names and other words the glossary lacks are transliterated and looked up in the index, first
as spelled, then by their consonants (Persian writes few vowels).
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from anyascii import anyascii

from bot.answer.questionwords import is_frame_word
from bot.knowledge.documents import FileProblem, KnowledgeError, clean_text
from bot.knowledge.languages import PERSIAN, SUPPORTED
from bot.search.textnorm import STOP_WORDS, stem, terms, words

GLOSSARY_FILE: Final = re.compile(r"glossary\.([a-z]{2})-en\.tsv")
MAX_GLOSSARY_BYTES: Final = 2_000_000
# Russian and Persian words shorter than this are not matched by their consonants alone.
MIN_SKELETON: Final = 3
_VOWELS: Final = re.compile(r"[aeiouyw'`h]+")


@dataclass(frozen=True)
class Glossary:
    """Terms of other languages with their English equivalents, as index terms."""

    # (language, source terms) -> English alternatives, each a tuple of index terms.
    entries: dict[tuple[str, tuple[str, ...]], tuple[tuple[str, ...], ...]] = field(
        default_factory=dict
    )
    longest: int = 0
    digest: str = ""
    # Where each language's terms come from: a file of the knowledge folder, or "built in".
    origins: dict[str, str] = field(default_factory=dict)

    def sizes(self) -> dict[str, int]:
        """Return the number of terms for each language."""
        out: dict[str, int] = {}
        for language, _ in self.entries:
            out[language] = out.get(language, 0) + 1
        return out

    @functools.cached_property
    def _by_english(self) -> dict[tuple[str, tuple[str, ...]], frozenset[str]]:
        out: dict[tuple[str, tuple[str, ...]], set[str]] = {}
        for (language, key), english in self.entries.items():
            if len(key) == 1:
                for equivalent in english:
                    out.setdefault((language, equivalent), set()).add(key[0])
        return {k: frozenset(v) for k, v in out.items()}

    def synonyms(self, language: str, term: str) -> frozenset[str]:
        """Return the other one-word terms of ``language`` that share an English equivalent."""
        found: set[str] = set()
        for english in self.entries.get((language, (term,)), ()):
            found |= self._by_english.get((language, english), frozenset())
        found.discard(term)
        return frozenset(found)

    def lookup(self, language: str, key: tuple[str, ...]) -> tuple[tuple[str, ...], ...] | None:
        """Return the English equivalents of a run of source terms, if the glossary has it."""
        return self.entries.get((language, key))


SHIPPED: Final = Path(__file__).resolve().parent / "glossaries"
BUILT_IN: Final = "built in"


def _language_of(path: Path) -> str:
    match = GLOSSARY_FILE.fullmatch(path.name)
    assert match is not None
    return match.group(1)


def glossary_files(folder: Path) -> list[Path]:
    """Return the glossary files of a knowledge folder, in name order."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if GLOSSARY_FILE.fullmatch(p.name) and p.is_file())


def load_glossary(folder: Path) -> Glossary:
    """Read every glossary file of ``folder``; raise ``KnowledgeError`` naming each bad line.

    A language pair the folder has no file for takes the glossary the bot ships
    (``bot/answer/glossaries``), so a folder of documents alone still reads questions across
    languages.
    """
    entries: dict[tuple[str, tuple[str, ...]], tuple[tuple[str, ...], ...]] = {}
    problems: list[FileProblem] = []
    digests: list[str] = []
    origins: dict[str, str] = {}
    own = {_language_of(p): p for p in glossary_files(folder)}
    shipped = {p.stem.split("-")[0]: p for p in sorted(SHIPPED.glob("*-en.tsv"))}
    for language, path in sorted({**shipped, **own}.items()):
        try:
            raw = path.read_bytes()
            if len(raw) > MAX_GLOSSARY_BYTES:
                raise ValueError(f"too large ({len(raw):,} bytes)")
            text = clean_text(raw.decode("utf-8"))
        except UnicodeDecodeError as exc:
            problems.append(
                FileProblem(path.name, f"not UTF-8 (invalid byte at offset {exc.start})")
            )
            continue
        except (OSError, ValueError) as exc:
            problems.append(FileProblem(path.name, str(exc)))
            continue
        if language not in SUPPORTED:
            problems.append(FileProblem(path.name, f"no analysis for language {language!r}"))
            continue
        digests.append(f"{path.name}:{hashlib.sha256(raw).hexdigest()[:12]}")
        origins[language] = path.name if language in own else BUILT_IN
        for number, line in enumerate(text.split("\n"), start=1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            parts = line.split("\t")
            key = tuple(stem(w) for w in words(parts[0]))
            english = [tuple(terms(e)) for e in parts[1].split(";")] if len(parts) == 2 else []
            english = [e for e in english if e]
            if len(parts) != 2 or not key or not english:
                problems.append(
                    FileProblem(path.name, f"line {number}: expected 'term<TAB>English; ...'")
                )
                continue
            old = entries.get((language, key), ())
            entries[(language, key)] = old + tuple(e for e in english if e not in old)
    if problems:
        raise KnowledgeError(problems)
    longest = max((len(k) for _, k in entries), default=0)
    return Glossary(entries, longest, ";".join(digests), origins)


def _skeleton(latin: str) -> str:
    """The consonants of a transliterated word, doubled letters once ("lukashenko" -> lkshnk)."""
    bare = _VOWELS.sub("", latin)
    return re.sub(r"(.)\1+", r"\1", bare)


def _latin(word: str) -> str:
    return "".join(c for c in anyascii(word).lower() if c.isalpha())


@dataclass(frozen=True)
class Crossing:
    """One question word read for English documents: its English term sets, or none."""

    surface: str
    forms: tuple[frozenset[str], ...]


class Crosser:
    """Finds the English index terms of Russian and Persian question words."""

    def __init__(
        self, glossary: Glossary, known: Callable[[str], bool], english_words: Iterable[str]
    ) -> None:
        self._glossary = glossary
        self._known = known
        self._english_words = tuple(english_words)

    @functools.cached_property
    def _by_skeleton(self) -> dict[str, tuple[str, ...]]:
        out: dict[str, list[str]] = {}
        for word in self._english_words:
            if len(word) >= 4:
                out.setdefault(_skeleton(word), []).append(word)
        return {k: tuple(sorted(v)) for k, v in out.items()}

    def cross(self, text: str, language: str) -> list[Crossing]:
        """Return the question's content words with the English terms each may stand for."""
        tokens = [w for w in words(text) if not is_frame_word(w)]
        lemmas = [stem(w) for w in tokens]
        out: list[Crossing] = []
        i = 0
        longest = self._glossary.longest
        while i < len(tokens):
            found = None
            for n in range(min(longest, len(tokens) - i), 0, -1):
                english = self._glossary.lookup(language, tuple(lemmas[i : i + n]))
                if english is not None:
                    found = n, english
                    break
            if found is not None:
                n, english = found
                forms = tuple(frozenset(e) for e in english if all(self._known(t) for t in e))
                out.append(Crossing(" ".join(tokens[i : i + n]), forms))
                i += n
                continue
            word, term = tokens[i], lemmas[i]
            i += 1
            if word in STOP_WORDS or (len(word) < 2 and not word.isdigit()):
                continue
            out.append(Crossing(word, self._english_forms(word, term, language)))
        return out

    def _english_forms(self, word: str, term: str, language: str) -> tuple[frozenset[str], ...]:
        if term.isascii():
            # Figures and units are the same term in every language.
            return (frozenset({term}),) if self._known(term) else ()
        forms: list[frozenset[str]] = []
        spellings = dict.fromkeys(s for s in (_latin(term), _latin(word)) if len(s) >= 2)
        for spelled in spellings:
            english = stem(spelled)
            if self._known(english) and frozenset({english}) not in forms:
                forms.append(frozenset({english}))
        if forms:
            return tuple(forms)
        # Persian leaves most vowels out; Russian endings change them: match the consonants.
        for spelled in spellings:
            bones = _skeleton(spelled)
            if len(bones) < MIN_SKELETON and language == PERSIAN:
                continue
            for english in self._by_skeleton.get(bones, ()):
                term_en = stem(english)
                if self._known(term_en) and frozenset({term_en}) not in forms:
                    forms.append(frozenset({term_en}))
            if forms:
                break
        return tuple(forms)
