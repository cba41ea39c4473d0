"""Titles tied to names, and whose words a sentence reports."""

from bot.search.speakers import (
    display_name,
    expand_people,
    find_people,
    find_speaker,
    said_by_pronoun,
)
from bot.search.textnorm import terms

DOC = [
    "Iran’s President Ebrahim Raisi and Belarusian President Alexander Lukashenko met.",
    "President Raisi spoke first. Iranian Supreme Leader Ali Khamenei also met the guest.",
]


def test_find_people_ties_titles_to_names() -> None:
    people = {p.display: p for p in find_people(DOC)}
    assert set(people) == {"Ebrahim Raisi", "Alexander Lukashenko", "Ali Khamenei"}
    assert people["Alexander Lukashenko"].role == frozenset({"belarusian", "presid"})


def test_a_verb_after_the_comma_says_what_the_name_did() -> None:
    # "Ardel University, called the target ...": the university called it; nobody is a target.
    people = find_people(
        [
            "Ines Sayer, an economist at Ardel University, called the target ambitious.",
            "Marta Kellin, a retired teacher from Orvane, has a son in prison.",
        ]
    )
    assert {p.display: " ".join(sorted(p.role)) for p in people} == {
        "Ines Sayer": "economist",
        "Marta Kellin": "teacher",
    }


def test_a_name_after_a_word_of_place_is_where_the_noun_after_it_is() -> None:
    people = find_people(
        [
            "On the quay at Lesser Tamm, a girl waves at the boat.",
            "Back in Port Vell, a fisherman mends his nets.",
            "She spoke to Hana Dvorak, a farmer from the valley.",
        ]
    )
    # The girl and the fisherman are at those places; Hana Dvorak is a farmer.
    assert {p.display for p in people} == {"Hana Dvorak"}


def test_a_bare_title_shared_by_two_names_is_dropped() -> None:
    # "President Raisi" alone would make every "the president" Raisi; Lukashenko is one too.
    assert all(p.role != frozenset({"presid"}) for p in find_people(DOC))


def test_expand_people_adds_the_name_behind_a_title() -> None:
    people = find_people(DOC)
    sentence = "The Belarus president said sanctions failed."
    stems = expand_people(sentence, frozenset(terms(sentence)), people)
    assert "lukashenko" in stems
    assert "raisi" not in stems


def test_expand_people_adds_the_title_behind_a_name() -> None:
    people = find_people(DOC)
    sentence = "Khamenei spoke."
    assert {"suprem", "leader"} <= expand_people(sentence, frozenset(terms(sentence)), people)


def test_find_speaker_reads_attributions() -> None:
    assert find_speaker(["“We agree,” the Iranian president added."]) == "the Iranian president"
    assert find_speaker(
        ["Supreme Leader Ali Khamenei emphasized that ties matter."], last=False
    ) == ("Supreme Leader Ali Khamenei")
    assert find_speaker(["According to Ebrahim Raisi, ties will grow."]) == "Ebrahim Raisi"


def test_the_speaker_after_the_words_quoted_is_read_in_the_sentence_just_before() -> None:
    quoted = (
        '"A port is only as good as its rail connections," said Anneke Vortmann, an analyst at '
        "Baltra Shipping Intelligence."
    )
    assert find_speaker(["Petrikas said the work was done.", quoted]) == "Anneke Vortmann"
    assert find_speaker(["“We are ready,” said the foreign minister."]) == "the foreign minister"
    # Further back, a sentence it cannot read may name someone nearer: no guess.
    called = 'Rune Falkenrath, a councillor, called the project "a toy".'
    assert find_speaker([quoted, called]) is None


def test_a_person_named_as_the_subject_tells_whom_a_she_means() -> None:
    called = "Mayor Priya Raman called the vote “the most important decision in fifty years.”"
    assert find_speaker([called], subject=True) == "Priya Raman"
    # A title of two words before the name.
    landed = "Belarusian President Alexander Lukashenko touched down in Tehran on Sunday."
    assert find_speaker([landed], subject=True) == "Alexander Lukashenko"
    apposed = 'Priya Lodge, the chief executive of the water company, called it "insurance".'
    assert find_speaker([apposed], subject=True) == "Priya Lodge"
    # Only to show whom a pronoun means: "called" says no words of hers to count as said.
    assert find_speaker([called]) is None
    assert find_speaker(["The Heron is one of three boats."], subject=True) is None


def test_find_speaker_ignores_nouns_that_look_like_verbs() -> None:
    # "States" is a noun here, not "states" the verb.
    assert find_speaker(["Countries sanctioned by the United States must cooperate."]) is None


def test_a_name_inside_a_relative_clause_is_not_who_speaks() -> None:
    sentence = (
        "For his turn, the Belarus president who was on the two-day official visit to Tehran,"
        " said that “no sanctions could stop the Iranian nation.”"
    )
    assert find_speaker([sentence], last=False) == "the Belarus president"
    assert find_speaker(["Lukashenko, who was visiting Tehran, said ties were strong."]) == (
        "Lukashenko"
    )
    # A "who" clause that no attribution follows is left as it is.
    assert find_speaker(["Those who stayed, Falk said, were brave."]) == "Falk"


def test_find_speaker_looks_back_to_the_nearest_sentence() -> None:
    earlier = ["Raisi said ties matter.", "“We agree,” Lukashenko added."]
    assert find_speaker(earlier) == "Lukashenko"


def test_names_with_particles_and_their_surnames() -> None:
    people = find_people(
        ["Egyptian President Abdel Fattah el-Sisi met Kenyan President William Ruto."]
    )
    by_name = {p.display: p for p in people}
    assert by_name["Abdel Fattah el-Sisi"].surname == "sisi"
    assert by_name["William Ruto"].surname == "ruto"
    assert find_speaker(["“Trust matters,” el-Sisi told reporters."]) == "el-Sisi"


def test_display_name_puts_the_name_behind_a_title() -> None:
    people = find_people(DOC)
    assert display_name("the Iranian president", people) == "Ebrahim Raisi"
    assert display_name("the president", people) == "the president"
    assert display_name("Lukashenko", people) == "Lukashenko"


def test_a_title_shared_by_two_countries_names_both_holders() -> None:
    people = find_people(DOC)
    sentence = "The Iranian and Belarusian presidents visited an exhibition."
    stems = expand_people(sentence, frozenset(terms(sentence)), people)
    assert {"raisi", "lukashenko"} <= stems


def test_a_person_named_by_a_common_noun_for_what_they_are() -> None:
    people = find_people(
        [
            "The wing was designed by the architect Amara Okafor-Lind, whose studio won.",
            "Hanno Petrikas, chief engineer of the joint venture, says the breakwater was hard.",
            "Ines Sayer, an economist at Ardel University, called the target ambitious.",
            "Green Alliance leader Nadia Rooke said the public had heard little.",
            "Tickets went on sale, said Lina Dubrec on Monday.",
        ]
    )
    roles = {p.display: p.role for p in people}
    assert roles["Amara Okafor-Lind"] == frozenset(terms("architect"))
    assert roles["Hanno Petrikas"] == frozenset(terms("engineer"))
    assert roles["Ines Sayer"] == frozenset(terms("economist"))
    # A title in lower case is read with the words before it; a verb names nobody.
    assert roles["Nadia Rooke"] == frozenset(terms("Green Alliance leader"))
    assert "Lina Dubrec" not in roles
    architect = next(p for p in people if p.display == "Amara Okafor-Lind")
    assert architect.office == architect.role


def test_a_counterpart_holds_the_same_office_for_another_country() -> None:
    people = {
        p.display: p
        for p in find_people(
            [
                "Foreign Minister Aurel Danescu said the texts were finished.",
                "The talks were chaired by Danescu and his Quelmari counterpart, Leona Darrow.",
                "Quelmari Energy Minister Rui Castellan and his Sorvenian counterpart Farah "
                "Lindgren signed. Minister Teodor Brask and his Lorskan counterpart, Transport "
                "Minister Ivo Stam, met. Demarov and her Quorvian counterpart, Aviation and "
                "Infrastructure Minister Piran Solvek, signed.",
                "Trade Minister Ilse Demarov spoke first.",
            ]
        )
    }
    assert people["Leona Darrow"].role == frozenset({"quelmari", "foreign", "minist"})
    # The first one's own people are not the counterpart's.
    assert people["Farah Lindgren"].role == frozenset({"sorvenian", "energi", "minist"})
    # The first one's bare title is not taken for the counterpart's fuller one.
    assert people["Aurel Danescu"].role == frozenset({"foreign", "minist"})
    # A counterpart with a title of their own keeps it.
    assert people["Ivo Stam"].role == frozenset({"transport", "minist"})
    # So does one whose title runs on past a word that could start a name: "Aviation" is no
    # Quorvian transport minister.
    assert "Aviation" not in people
    assert people["Piran Solvek"].role == frozenset({"infrastructur", "minist"})


def test_a_title_in_lower_case_is_read_with_the_words_that_say_whose() -> None:
    people = {
        p.display: p
        for p in find_people(
            [
                "Union leader Rosa Kettering told the Gazette. Yesterday union spokesman Tomas "
                "Ridder spoke, and Civic Renewal leader Dana Holm said no.",
                # The title's holder is the Belarusian president; the name after it is another's.
                "In a meeting with the Belarusian president, Iranian Supreme Leader Ali Khamenei "
                "spoke. Belarusian President Alexander Lukashenko listened.",
            ]
        )
    }
    assert people["Rosa Kettering"].role == frozenset({"union", "leader"})
    # A capitalised word that opens the sentence is not part of the title.
    assert people["Tomas Ridder"].role == frozenset({"union", "spokesman"})
    assert people["Dana Holm"].role == frozenset({"civic", "renew", "leader"})
    assert people["Alexander Lukashenko"].role == frozenset({"belarusian", "presid"})


def test_find_speaker_reads_russian_attributions() -> None:
    assert find_speaker(["Галибаф призвал ускорить развитие банковских связей."]) == "Галибаф"
    assert find_speaker(["По словам Раиси, документы важны."]) == "Раиси"
    # "Он" is who the earlier sentence names, not a name of its own.
    assert find_speaker(["Лукашенко пообещал помочь.", "Он сказал, что вернётся."]) == "Лукашенко"
    # The country before a name says whose office it is: it is not part of the name.
    said = "На пресс-конференции президент Ирана Эбрахим Раиси заявил, что карта поможет."
    assert find_speaker([said]) == "Эбрахим Раиси"


def test_a_title_after_the_name_and_a_possessive_are_read_as_such() -> None:
    people = {
        p.display: p
        for p in find_people(
            [
                "The deal was signed on the first day of Sulvaran Prime Minister Teodor "
                "Alvane's visit.",
                "Markus Dellan, leader of the Harvest Party, accused the government of giving "
                "the river away.",
            ]
        )
    }
    # The possessive is no part of the name: one person, not two for one title.
    assert "Teodor Alvane" in people and "Teodor Alvane's" not in people
    # The title after the name, of the body it names; the verb after the comma names nobody.
    assert people["Markus Dellan"].role == frozenset(terms("Harvest Party leader"))
    assert "Harvest Party" not in people


def test_a_title_of_a_body_set_off_before_the_name_is_read_as_such() -> None:
    people = {
        p.display: p
        for p in find_people(
            [
                "The mayor of Brask, Karl Vesten, welcomed the investment.",
                "The chairman of the Celdeport Chamber of Commerce, Bettina Horsk, warned that "
                "shipping lines may go elsewhere.",
            ]
        )
    }
    # Whose title it is comes with it, as after the name ("leader of the Harvest Party").
    assert people["Karl Vesten"].role == frozenset(terms("Brask mayor"))
    assert people["Bettina Horsk"].role == frozenset(terms("Celdeport Chamber Commerce chairman"))


def test_a_minister_for_a_portfolio_is_a_titled_person() -> None:
    people = {
        p.display: p
        for p in find_people(
            [
                "The reservoir was opened when the national Minister for Water and Environment, "
                "Rasmus Ekholt, turned the first valve.",
                "Minister of Health Ana Ruiz spoke next.",
            ]
        )
    }
    # "Minister for ..." is read like "Minister of ...": the portfolio is part of the title.
    assert people["Rasmus Ekholt"].role == frozenset(terms("Minister Water Environment"))
    assert people["Ana Ruiz"].role == frozenset(terms("Minister Health"))


def test_words_quoted_then_said_by_a_pronoun() -> None:
    assert said_by_pronoun('We chose to launch one that works in space," she said.')
    assert said_by_pronoun("“Opening day tells you nothing,” he added.")
    # Named, the speaker is read by find_speaker; a "she" inside the quotation says nothing.
    assert not said_by_pronoun('"It works," said Varnek.')
    assert not said_by_pronoun('"She said it works," the minister told reporters.')
