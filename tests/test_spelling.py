"""Spelling correction against the words the sources use."""

from readers import reader_over

from bot.search.spelling import Speller, edits1, respell_after_how, respell_function_word

WORDS = {"lukashenko": 5, "sanctions": 4, "president": 9, "presidents": 2, "minsk": 1}


def speller() -> Speller:
    return Speller(WORDS, lambda w: WORDS.get(w, 0))


def test_edits1_holds_transpositions_deletions_insertions_replacements() -> None:
    found = edits1("abc")
    assert {"bac", "ab", "abcd", "abd"} <= found
    assert "cab" not in found


def test_transposed_letters_are_fixed() -> None:
    assert speller().correct("lukashneko") == "lukashenko"


def test_missing_letter_is_fixed() -> None:
    assert speller().correct("sanctons") == "sanctions"
    assert speller().correct("presdent") == "president"


def test_the_most_popular_candidate_wins() -> None:
    # "presidentz" is one edit from "president" and from "presidents"; the commoner wins.
    assert speller().correct("presidentz") == "president"


def test_short_known_and_far_words_are_left_alone() -> None:
    s = speller()
    assert s.correct("mink") is None  # four letters: too many real words one edit away
    assert s.correct("minsk") is None  # already known
    assert s.correct("brazil") is None  # nothing within one edit
    assert s.correct("lukashenko1") is None  # not a word


def test_russian_and_persian_words_are_corrected_in_their_own_alphabet() -> None:
    known = {"товарооборот": 3, "تحریم": 2}
    speller = Speller(known, lambda w: known.get(w, 0))
    assert speller.correct("товароборот") == "товарооборот"
    assert speller.correct("تحریمم") == "تحریم"


def test_a_misspelt_question_word_is_read_as_the_word_it_misses() -> None:
    assert respell_function_word("wich") == "which"
    assert respell_function_word("mny") == "many"
    assert respell_function_word("teh") == "the"  # two letters swapped
    # A letter left out comes before one replaced: "wher" is "where", not "when".
    assert respell_function_word("wher") == "where"
    assert respell_function_word("dam") is None
    assert respell_function_word("ab1") is None


def test_a_rare_word_is_mended_only_for_a_letter_left_out() -> None:
    assert respell_function_word("wil", left_out_only=True) == "will"
    # "tho" is one replacement from "the" and "who": a rare word is not read as either.
    assert respell_function_word("tho", left_out_only=True) is None


def test_a_question_word_alone_may_be_looked_for() -> None:
    assert respell_function_word("wen", left_out_only=True, question_word=True) == "when"
    # "teh" is no question word.
    assert respell_function_word("teh", question_word=True) is None


def test_a_letter_replaced_makes_no_function_word() -> None:
    # "wnat" is "want" with two letters swapped, not "what" with one replaced.
    assert respell_function_word("wnat") is None


def test_words_to_avoid_are_no_correction() -> None:
    words = {"may": 50, "mayor": 3}
    speller = Speller(words, lambda w: words.get(w, 0))
    assert speller.correct("mayr", min_length=4) == "may"
    assert speller.correct("mayr", min_length=4, avoid=frozenset({"may"})) == "mayor"


def test_a_slip_after_how_is_read_as_the_measure_or_degree_it_misses() -> None:
    # A real word ("log") too: after "how" a question puts a measure or a degree.
    assert [respell_after_how(w) for w in ("log", "tll", "logn", "fst", "ofen")] == [
        "long",
        "tall",
        "long",
        "fast",
        "often",
    ]
    # The words themselves, and a slip one edit from two of them or from none, are left alone.
    assert respell_after_how("long") is None
    assert respell_after_how("lot") is None
    assert respell_after_how("bog") is None


def test_a_question_with_a_slip_after_how_asks_for_the_measure() -> None:
    reader = reader_over(["The lease on the terminal runs for 35 years.", "A log cabin."])
    assert reader.read("how log is the lease").measure == "long"
    # "show" is no "how".
    assert reader.read("show log books").measure is None


def test_a_word_typed_short_is_the_source_word_it_begins() -> None:
    counts = {"desalination": 3, "deal": 9, "president": 10, "press": 2, "presidential": 1}
    clipped = Speller(counts, lambda w: counts.get(w, 0))
    assert clipped.unclipped("desal") == "desalination"
    # "president" is five times as common as "press", the next word "pres" begins.
    assert clipped.unclipped("pres") == "president"
    # Too short to tell, a source word itself, or the start of nothing.
    assert clipped.unclipped("pre") is None
    assert clipped.unclipped("deal") is None
    assert clipped.unclipped("quorv") is None
    # Two words about as common: no guess.
    even = {"president": 3, "press": 2}
    assert Speller(even, lambda w: even.get(w, 0)).unclipped("pres") is None


def test_a_clipped_word_is_read_before_a_slip_one_letter_off() -> None:
    reader = reader_over(
        ["The desalination plant opened on Tuesday.", "The deal was a good deal for the deal."]
    )
    # "desal" is one letter off "deal", which the sources use more, but begins "desalination".
    assert {t.surface for t in reader.read("when did the desal plant open").terms} >= {
        "desalination"
    }
