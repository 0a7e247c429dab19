from __future__ import annotations

import itertools
import re
import tomllib
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from relaxapp.core.catalog import Catalog
from relaxapp.core.datafile import DataFileError
from relaxapp.core.tips import (
    SAFETY_CHECK,
    SEARCH_ORDER,
    SECTION_IDS,
    Tip,
    TipBook,
    TipMatch,
    TipSection,
    load_tips,
    parse_tips,
)
from relaxapp.storage import paths

SHIPPED = paths.content_dir() / "tips.toml"
BE_FAST = ("Balance", "Eyes", "Face", "Arm or leg", "Speech", "Time")


@pytest.fixture(scope="module")
def book(shipped: Catalog) -> TipBook:
    return load_tips(SHIPPED, {routine.id for routine in shipped.routines})


def test_every_section_is_there_in_order_and_has_tips(book: TipBook):
    assert tuple(section.id for section in book.sections) == SECTION_IDS
    for section in book.sections:
        assert section.title and section.intro
        assert len(book.in_section(section.id)) >= 3, section.id


def test_every_tip_reads_as_plain_paragraphs(book: TipBook):
    for tip in book.tips:
        assert tip.paragraphs, tip.id
        assert all("  " not in p and "\n" not in p for p in tip.paragraphs), tip.id
        assert len(tip.body.split()) <= 130, f"{tip.id} is too long to read at a glance"


def test_the_issue_topics_are_covered(book: TipBook):
    text = " ".join(f"{tip.title} {tip.body}" for tip in book.tips).lower()
    for topic in (
        "caffeine", "medicine", "stress", "tired", "warm", "water", "diet", "massage", "breath",
        "neurologist", "physical therapist", "mental", "eye doctor", "yoga", "sleep", "exercise",
        "emergency", "droop", "vision", "cannot diagnose",
    ):  # fmt: skip
        assert topic in text, topic


def tip_text(book: TipBook, tip_id: str) -> str:
    [tip] = [tip for tip in book.tips if tip.id == tip_id]
    return f"{tip.title}\n{tip.body}"


def test_the_twitch_guide_explains_the_three_conditions_and_their_treatments(book: TipBook):
    guide = book.in_section("twitch_explained")
    assert SECTION_IDS.index("twitch_explained") == SECTION_IDS.index("about") + 1
    text = " ".join(f"{tip.title} {tip.body}" for tip in guide).lower()
    for fact in (
        "eyelid myokymia", "blepharospasm", "hemifacial spasm", "dystonia", "stops while you sleep",
        "carry on while you sleep", "botulinum toxin", "every three months", "microvascular decompression",
        "neurosurgeon", "neurologist", "eye doctor", "sensory tricks", "tinted glasses",
        "20-20-20", "20 feet (6 metres)", "20 seconds", "blink", "eye drops", "pharmacist", "sunglasses",
        "magnesium", "little good evidence", "bebrf", "dystonia uk", "dystonia medical research foundation",
    ):  # fmt: skip
        assert fact in text, fact
    for trick in ("brow", "temple", "hum", "song", "chatting", "chewing gum", "yawn"):
        assert trick in tip_text(book, "sensory_tricks"), trick


def test_relaxation_is_offered_alongside_treatment_never_instead(book: TipBook):
    alongside = tip_text(book, "relaxation_alongside")
    assert "do not replace treatment" in alongside
    assert "do not rub the treated area for at least the first day" in alongside
    assert "no rubbing or massage for at least the first day" in tip_text(book, "botulinum_toxin")
    [tip] = [tip for tip in book.tips if tip.id == "relaxation_alongside"]
    assert tip.try_routine == "pmr_face_neck_release"  # no tensing and no touching the face


def test_the_screen_tip_offers_a_break_to_try_now(book: TipBook):
    [tip] = [tip for tip in book.tips if tip.id == "eyes_and_screens"]
    assert tip.try_routine is not None
    assert tip.daily


def test_the_emergency_tip_teaches_be_fast_and_that_passing_signs_still_count(book: TipBook):
    [tip] = [tip for tip in book.in_section("warning_signs") if "sudden" in tip.title.lower()]
    assert "BE-FAST" in tip.body
    letters = [p.split(":")[0] for p in tip.paragraphs if p.split(":")[0] in BE_FAST]
    assert letters == list(BE_FAST)  # each letter on a line of its own, in order
    body = tip.body.lower()
    for sign in ("balance", "dizziness", "loss of sight", "double vision", "droops", "numbness", "slurred"):
        assert sign in body, sign
    assert "severe headache" in body and "confusion" in body
    assert "mini-stroke (tia)" in body and "still an emergency" in body
    assert "think fast" not in body  # the older, shorter check


def test_sudden_loss_of_sight_is_an_emergency(book: TipBook):
    first = tip_text(book, "eyes_and_vision").split("\n")[1]
    assert "suddenly lose sight" in first and "call emergency services now" in first


def test_some_signs_call_for_a_doctor_today(book: TipBook):
    assert "seen today" in book.section("warning_signs").intro
    droop = tip_text(book, "face_drooping")
    for fact in (
        "first three days",
        "get seen today",
        "Bell's palsy",
        "steroid",
        "will not shut",
        "protect it",
    ):
        assert fact in droop, fact
    for tip_id in ("eyes_and_vision", "red_eye"):
        text = tip_text(book, tip_id)
        assert "today" in text and "sensitive to light" in text and "painful" in text, tip_id
    assert "suddenly blurs" in tip_text(book, "eyes_and_vision")
    assert "urgent appointment, an urgent-care service or a health phone line" in droop


def test_every_try_it_now_link_names_a_routine_that_exists(book: TipBook, shipped: Catalog):
    linked = [tip for tip in book.tips if tip.try_routine]
    assert linked
    for tip in linked:
        assert shipped.get(tip.try_routine) is not None, tip.id


def test_warning_signs_lead_to_the_safety_check_and_are_never_tip_of_the_day(book: TipBook):
    for tip in book.in_section("warning_signs"):
        assert tip.action == SAFETY_CHECK, tip.id
        assert not tip.daily, tip.id
    emergency = next(t for t in book.in_section("warning_signs") if "sudden" in t.title.lower())
    assert "emergency" in emergency.body.lower()


def test_search_finds_tips_by_words_in_title_and_body(book: TipBook):
    titles = [match.tip.title for match in book.search("Caffeine")]
    assert "Caffeine" in titles
    assert titles[0] == "Caffeine" or "caffeine" in titles[0].lower()  # title matches come first
    body_only = book.search("wrist")  # the warm compress tip: test the warmth on your wrist
    assert any(match.tip.id == "warm_compress" for match in body_only)


def test_search_needs_every_word_and_matches_word_starts(book: TipBook):
    both = {match.tip.id for match in book.search("caff sleep")}
    assert both
    assert both <= {match.tip.id for match in book.search("caff")}
    assert both <= {match.tip.id for match in book.search("sleep")}
    assert book.search("zzzqqq") == []
    assert book.search("   ") == []
    assert book.search("?!") == []


def test_search_spans_point_at_the_words_found(book: TipBook):
    [match] = [m for m in book.search("caffeine") if m.tip.id == "caffeine"]
    for start, end in match.title_spans:
        assert match.tip.title[start:end].lower() == "caffeine"
    spans = [
        (p, s) for p, spans in zip(match.tip.paragraphs, match.paragraph_spans, strict=True) for s in spans
    ]
    assert spans
    for paragraph, (start, end) in spans:
        assert paragraph[start:end].lower() == "caffeine"


def test_the_tip_of_the_day_changes_daily_and_holds_all_day(book: TipBook):
    day = date(2026, 11, 25)
    tips = [book.tip_of_the_day(day + timedelta(days=n)) for n in range(10)]
    assert all(a != b for a, b in itertools.pairwise(tips))
    assert book.tip_of_the_day(day) == tips[0]
    assert all(tip.daily for tip in tips)


GOOD_TIP = '[[tips]]\nid = "x"\nsection = "about"\ntitle = "T"\nbody = "B"\n'
WHOLE_SECTION = re.compile(r'\[\[sections\]\]\nid = "twitch_explained"\n.*?\n\n', re.DOTALL)
BOTOX = 'botox = ["botulinum toxin"]'


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        (lambda s: s + "[[tips]\n", "", "is not valid TOML"),
        (lambda s: s.replace('id = "triggers"', 'id = "gossip"'), "sections", "must be exactly these"),
        (
            lambda s: s.replace('section = "about"', 'section = "gossip"', 1),
            "section",
            "'gossip' is not a section",
        ),
        (lambda s: s.replace('try = "cyclic_sigh"', 'try = "yodel"', 1), "try", "'yodel' is not a routine"),
        (lambda s: s.replace('action = "safety_check"', 'action = "dance"', 1), "action", "'dance'"),
        (lambda s: s + GOOD_TIP + GOOD_TIP, "id", "'x' is used by another tip"),
        (lambda s: s + GOOD_TIP.replace('body = "B"', 'body = ""'), "body", "non-empty text"),
        (lambda s: s + GOOD_TIP + 'colour = "red"\n', "colour", "is not a known field"),
        (lambda s: s + GOOD_TIP.replace('id = "x"', 'id = "Not OK"'), "id", "lowercase letters"),
        (lambda s: WHOLE_SECTION.sub("", s, count=1), "sections", "must be exactly these"),
        (
            lambda s: s.replace('section = "twitch_explained"', 'section = "about"'),
            "tips",
            "section 'twitch_explained' has no tips",
        ),
        (lambda s: s.replace("[synonyms]", "[[synonyms]]"), "synonyms", "must be a table of words"),
        (lambda s: s.replace(BOTOX, "botox = []"), "synonyms.botox", "at least one"),
        (lambda s: s.replace(BOTOX, 'botox = "botulinum toxin"'), "synonyms.botox", "at least one"),
        (lambda s: s.replace(BOTOX, '"bo tox" = ["botulinum toxin"]'), "synonyms.bo tox", "one word"),
        (lambda s: s.replace(BOTOX, 'Botox = ["botulinum toxin"]'), "synonyms.Botox", "lowercase"),
        (lambda s: s.replace(BOTOX, 'botox = ["Botulinum toxin"]'), "synonyms.botox[1]", "lowercase words"),
        (lambda s: s.replace(BOTOX, 'botox = ["botulinum  toxin"]'), "synonyms.botox[1]", "single spaces"),
        (lambda s: s.replace(BOTOX, 'botox = ["toxin", 7]'), "synonyms.botox[2]", "lowercase words"),
        (lambda s: s.replace(BOTOX, 'botox = ["botox"]'), "synonyms.botox[1]", "'botox' itself"),
    ],
)
def test_a_malformed_tips_file_names_the_field(tmp_path: Path, shipped: Catalog, change, field, message):
    broken = tmp_path / "tips.toml"
    original = SHIPPED.read_text()
    changed = change(original)
    assert changed != original
    broken.write_text(changed)
    with pytest.raises(DataFileError, match=message) as caught:
        load_tips(broken, {routine.id for routine in shipped.routines})
    assert field in caught.value.field
    assert str(caught.value).startswith("tips.toml")


def test_synonyms_are_optional(shipped: Catalog):
    data = tomllib.loads(SHIPPED.read_text())
    del data["synonyms"]
    book = parse_tips(data, {routine.id for routine in shipped.routines})
    assert book.synonyms == {}
    assert book.search("botox")  # the tip that names the brand is still found by its own word


def test_the_stroke_warning_comes_before_slow_strokes(book: TipBook):
    found = book.search("stroke")
    assert found[0].tip.section == "warning_signs"


def test_apostrophes_stay_inside_words_and_single_letters_are_ignored(book: TipBook):
    assert book.search("<b>") == []
    assert book.search("s") == []
    possessive = book.search("doctor’s")  # typed with a curly apostrophe; the text has a straight one
    assert possessive
    assert len(possessive) < len(book.search("doctor"))


def test_a_section_title_finds_its_tips(book: TipBook):
    assert {match.tip.section for match in book.search("prevention")} >= {"prevention"}


def marked(match: TipMatch) -> list[str]:
    """The words a search highlights in a tip, title first."""
    texts = [(match.tip.title, match.title_spans)]
    texts += list(zip(match.tip.paragraphs, match.paragraph_spans, strict=True))
    return [text[start:end] for text, spans in texts for start, end in spans]


def little_book(*bodies: str, synonyms: dict[str, tuple[str, ...]]) -> TipBook:
    """Tips "t0", "t1", … with these bodies and titles that no test searches for."""
    tips = tuple(Tip(f"t{n}", "about", f"Number {n}", body) for n, body in enumerate(bodies))
    return TipBook((TipSection("about", "About", "Intro"),), tips, synonyms)


def found(book: TipBook, query: str) -> list[str]:
    return [match.tip.id for match in book.search(query)]


def test_botox_finds_the_botulinum_toxin_tip_first_and_marks_the_words_found(book: TipBook):
    matches = book.search("botox")
    assert matches[0].tip.id == "botulinum_toxin"
    assert marked(matches[0])[0] == "Botulinum toxin"  # a title hit, through the synonym
    [massage] = [match for match in matches if match.tip.id == "facial_massage"]
    assert "botox" not in massage.tip.body.lower()  # found only because of the synonym
    assert marked(massage) == ["botulinum toxin"]


def test_twitch_finds_spasms_and_its_own_forms(book: TipBook):
    results = {match.tip.id: match for match in book.search("twitch")}
    spasm_only = [
        tip.id
        for tip in book.tips
        if "spasm" in tip.body.lower() and "twitch" not in f"{tip.title} {tip.body}".lower()
    ]
    assert spasm_only
    assert set(spasm_only) <= set(results)
    for match in results.values():
        for word in marked(match):
            assert re.fullmatch(r"(twitch\w*|spasms?|tics?|flickers?|flickering)", word.lower()), word
    assert set(found(book, "twitching")) == set(results)  # "twitching" is the word "twitch"


def test_eye_already_finds_eyelid_as_a_word_start_and_eyes_does_through_a_synonym(book: TipBook):
    eyelid_only = [
        tip.id
        for tip in book.tips
        if "eyelid" in tip.body.lower() and not re.search(r"\beyes?\b", f"{tip.title} {tip.body}", re.I)
    ]
    assert eyelid_only
    assert set(eyelid_only) <= set(found(replace(book, synonyms={}), "eye"))
    assert not set(eyelid_only) & set(found(replace(book, synonyms={}), "eyes"))
    assert set(eyelid_only) <= set(found(book, "eyes"))


def test_worried_words_reach_the_warning_signs(book: TipBook):
    assert found(book, "bells palsy") == ["face_drooping"]
    assert "Bell's palsy" in marked(book.search("bells")[0])
    assert found(book, "droopy face")[0] in {tip.id for tip in book.in_section("warning_signs")}
    assert "sudden_drooping" in found(book, "999")
    assert "sudden_drooping" in found(book, "ambulance")
    assert "primary_care" in found(book, "gp")


def test_the_words_a_synonym_stands_for_are_found_whole_with_an_ending():
    book = little_book("Tics come and go.", "Tick the box.", "It twitches.", synonyms={"twitch": ("tic",)})
    assert found(book, "twitch") == ["t0", "t2"]
    assert marked(book.search("twitch")[0]) == ["Tics"]
    assert found(book, "twitching") == ["t0", "t2"]  # the entry's own word, with another ending
    assert found(book, "twi") == ["t2"]  # half a word is only itself: no synonym yet
    assert found(book, "tic") == ["t0", "t1"]  # typed words stay word starts


def test_every_query_word_must_be_found_itself_or_through_a_synonym():
    book = little_book(
        "A tic in the eyelid.", "A tic in the cheek.", "Eyelid spasm.", synonyms={"twitch": ("tic", "spasm")}
    )
    assert found(book, "twitch eyelid") == ["t0", "t2"]
    assert found(book, "twitch eyelid cheek") == []


def test_synonyms_match_either_apostrophe_and_phrases_across_line_breaks():
    book = little_book(
        "Bell’s palsy.",
        "Botulinum\ntoxin helps.",
        synonyms={"bells": ("bell's palsy",), "botox": ("botulinum toxin",)},
    )
    assert found(book, "bells") == ["t0"]
    assert marked(book.search("bells")[0]) == ["Bell’s palsy"]
    assert found(book, "botox") == ["t1"]
    assert marked(book.search("botox")[0]) == ["Botulinum toxin"]


def test_synonyms_keep_title_hits_first_and_warning_signs_leading(book: TipBook):
    for query in ("twitch", "botox", "eyes", "droopy"):
        order = [(not m.title_spans, SEARCH_ORDER.index(m.tip.section)) for m in book.search(query)]
        assert order == sorted(order), query


# Queries made of words the tips hold, synonyms, and runs of regex syntax, both apostrophes, digits and
# letters from other scripts, with odd separators between them; and any text at all.
QUERY_WORDS = (
    "botox",
    "twitching",
    "eyes",
    "bells",
    "tic",
    "be-fast",
    "doctor’s",
    "999",
    "caff",
    "stroke",
    "s",
)
QUERY_CHARACTERS = "abcxyz019'’-_.*+?()[]{}|\\^$éßİ漢🙂\u200b"
SEPARATORS = (" ", "  ", "\t", "\n", "", "-", "'", "’", ".")
CHUNKS = st.sampled_from(QUERY_WORDS) | st.text(QUERY_CHARACTERS, min_size=1, max_size=4)
QUERIES = st.lists(st.tuples(CHUNKS, st.sampled_from(SEPARATORS)), max_size=3).map(
    lambda pairs: "".join(chunk + separator for chunk, separator in pairs)
) | st.text(max_size=40)


def check_spans(match: TipMatch, query: str) -> None:
    texts = [(match.tip.title, match.title_spans)]
    texts += list(zip(match.tip.paragraphs, match.paragraph_spans, strict=True))
    for text, spans in texts:
        ends = [position for span in spans for position in span]
        assert ends == sorted(ends), query  # in order, never overlapping
        assert all(0 <= start < end <= len(text) for start, end in spans), query


@settings(max_examples=500, deadline=None)
@given(query=QUERIES)
def test_search_never_fails_and_its_spans_stay_in_range(book: TipBook, query: str):
    for match in book.search(query):
        check_spans(match, query)


def test_the_query_words_do_find_tips_so_their_spans_are_checked(book: TipBook):
    assert all(book.search(word) for word in ("botox", "twitching", "eyes", "bells", "stroke", "999"))
