"""Cheap checks in front of regexes tried on every line: each one lets through every text its regex
can match (so the answer is the regex's), and turns away the lines of prose."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from cleaner import textshape
from cleaner.heuristics import social_embeds, split_dateline

LINE = st.text(alphabet="aZK.com ,-–—|>»›/·(@)\n19", max_size=30)


@settings(max_examples=1000, deadline=None)
@given(LINE)
@example("Home > News")
@example("TEMPO.CO, Jakarta")
@example("Jakarta\n")
@example("- detikNews")
@example("— Name (@akun) 12 Maret 2016")
def test_gates_let_every_match_through(text):
    if textshape.BREADCRUMB.search(text):
        assert textshape._two_separators(text)
    if split_dateline.NAME.match(text):
        assert split_dateline._ends_in_letter(text)
    if split_dateline.SITE_AFTER_DASH.match(text):
        assert text.startswith(split_dateline.SITE_AFTER_DASH_STARTS)
    if social_embeds.TWEET_SIGNATURE.match(text):
        assert text.startswith(("—", "-"))
    if textshape.DOMAIN.search(text):
        assert "." in text


def test_gates_turn_prose_away():
    prose = "Sekretaris Jenderal NATO Jens Stoltenberg menyerukan Korea Selatan agar mengirim senjata."
    assert not textshape._two_separators(prose) and not split_dateline._ends_in_letter(prose)
    assert textshape._two_separators("Home > News > Nasional") and split_dateline._ends_in_letter("TEMPO.CO, Jakarta")
    assert textshape.is_breadcrumb("Home > News > Nasional") and not textshape.is_breadcrumb("a > b")
