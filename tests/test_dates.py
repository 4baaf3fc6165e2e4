"""Tests for cleaner.dates: parse_date, is_date_line, split_byline."""

from __future__ import annotations

import datetime as dt
import re
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import dates
from cleaner.dates import MONTHS, TIMEZONES, is_date_line, parse_date, split_byline

# --------------------------------------------------------------------------- parse_date: formats

FORMATS = [
    ("Kompas.com - 30/01/2023, 12:13 WIB", "2023-01-30T12:13:00+07:00"),
    ("30/01/2023, 12:13 WIB", "2023-01-30T12:13:00+07:00"),
    ("Senin (30/1/2023)", "2023-01-30"),
    ("Senin, 30 Januari 2023 12:13 WIB", "2023-01-30T12:13:00+07:00"),
    ("Senin, 30 Jan 2023 | 12:13 WITA", "2023-01-30T12:13:00+08:00"),
    ("1 February 2023, 8:03", "2023-02-01T08:03:00+07:00"),
    ("22 Oktober 2020 08:21", "2020-10-22T08:21:00+07:00"),
    ("Name • 22 Oktober 2020 08:21", "2020-10-22T08:21:00+07:00"),
    ("Rabu, 01 Feb 2023 08:03 WIT", "2023-02-01T08:03:00+09:00"),
    ("30-01-2023 12:13", "2023-01-30T12:13:00+07:00"),
    ("2023-01-30 12:13:45", "2023-01-30T12:13:45+07:00"),
    ("2023-01-30T12:13:00+07:00", "2023-01-30T12:13:00+07:00"),
    ("2023-01-30T05:13:00Z", "2023-01-30T05:13:00+00:00"),
    ("2023-01-30T05:13:00.123456Z", "2023-01-30T05:13:00+00:00"),
    ("2023-01-30", "2023-01-30"),
    ("January 30, 2023", "2023-01-30"),
    ("Jan 30, 2023 12:13 PM", "2023-01-30T12:13:00+07:00"),
    ("Jan 30, 2023 12:13 AM", "2023-01-30T00:13:00+07:00"),
    ("Jan 30, 2023 1:05 pm", "2023-01-30T13:05:00+07:00"),
    ("Jan 30, 2023 11:59 p.m.", "2023-01-30T23:59:00+07:00"),
    ("30 Januari 2023, 12.13 WIB", "2023-01-30T12:13:00+07:00"),
    ("12.13 WIB dotted: 30 Januari 2023 pukul 12.13 WIB", "2023-01-30T12:13:00+07:00"),
    ("30/1/23", "2023-01-30"),
    ("30/01/2023 12:13:45 WIB", "2023-01-30T12:13:45+07:00"),
    ("30.01.2023 12:13", "2023-01-30T12:13:00+07:00"),
    ("Senin, 30 Januari 2023 / 12:13 WIB", "2023-01-30T12:13:00+07:00"),
    ("Senin, 30 Januari 2023 - 12:13:00 WIB", "2023-01-30T12:13:00+07:00"),
    ("30-Jan-2023", "2023-01-30"),
    ("30th January 2023", "2023-01-30"),
    ("January 30th, 2023", "2023-01-30"),
    ("Monday, January 30, 2023 at 12:13 PM", "2023-01-30T12:13:00+07:00"),
    ("01/30/2023", "2023-01-30"),  # month > 12 with slashes: read as US month/day
    ("https://example.com/read/2023/01/30/121300/slug", "2023-01-30"),
]


@pytest.mark.parametrize(("text", "expected"), FORMATS)
def test_parse_date_formats(text: str, expected: str) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("30 Jan 2023 12:13 WIB", "+07:00"),
        ("30 Jan 2023 12:13 wib", "+07:00"),
        ("30 Jan 2023 12:13 WITA", "+08:00"),
        ("30 Jan 2023 12:13 WIT", "+09:00"),
        ("30 Jan 2023 12:13 (WIB)", "+07:00"),
        ("30 Jan 2023 12:13 GMT", "+00:00"),
        ("30 Jan 2023 12:13 UTC", "+00:00"),
        ("30 Jan 2023 12:13 GMT+7", "+07:00"),
        ("30 Jan 2023 12:13 UTC+07:00", "+07:00"),
        ("30 Jan 2023 12:13 +0700", "+07:00"),
        ("30 Jan 2023 12:13 +07:00", "+07:00"),
        ("30 Jan 2023 12:13 -0500", "-05:00"),
        ("30 Jan 2023 12:13 +0530", "+05:30"),
        ("30 Jan 2023 12:13", "+07:00"),
        ("30 Jan 2023 12:13 +9999", "+07:00"),  # nonsense offset falls back to the default
    ],
)
def test_parse_date_zones(text: str, expected: str) -> None:
    assert parse_date(text) == f"2023-01-30T12:13:00{expected}"


def test_timezones_constant() -> None:
    assert TIMEZONES["WIB"] == "+07:00"
    assert TIMEZONES["WITA"] == "+08:00"
    assert TIMEZONES["WIT"] == "+09:00"
    assert TIMEZONES["UTC"] == TIMEZONES["GMT"] == "+00:00"


def test_default_offset_used_without_zone() -> None:
    assert parse_date("1 February 2023, 8:03", default_offset="+08:00") == "2023-02-01T08:03:00+08:00"
    assert parse_date("1 February 2023, 8:03 WIB", default_offset="+08:00") == "2023-02-01T08:03:00+07:00"
    assert parse_date("1 February 2023", default_offset="+08:00") == "2023-02-01"


INDONESIAN_MONTHS = [
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
]
ENGLISH_MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]
ABBREVIATIONS = {
    "Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Mei": 5, "May": 5, "Jun": 6, "Jul": 7,
    "Agu": 8, "Agt": 8, "Ags": 8, "Aug": 8, "Sep": 9, "Sept": 9, "Okt": 10, "Oct": 10,
    "Nov": 11, "Nop": 11, "Des": 12, "Dec": 12,
}


@pytest.mark.parametrize("index", range(12))
def test_full_month_names(index: int) -> None:
    expected = f"2023-{index + 1:02d}-05"
    for name in (INDONESIAN_MONTHS[index], ENGLISH_MONTHS[index]):
        assert parse_date(f"5 {name} 2023") == expected
        assert parse_date(f"5 {name.upper()} 2023") == expected
        assert parse_date(f"{name.lower()} 5, 2023") == expected


@pytest.mark.parametrize(("abbr", "month"), sorted(ABBREVIATIONS.items()))
def test_month_abbreviations(abbr: str, month: int) -> None:
    expected = f"2023-{month:02d}-05"
    assert parse_date(f"05 {abbr} 2023") == expected
    assert parse_date(f"05 {abbr}. 2023") == expected
    assert parse_date(f"05 {abbr.lower()} 2023") == expected
    assert parse_date(f"{abbr.upper()}. 5, 2023") == expected


def test_months_constant_covers_brief() -> None:
    for name in INDONESIAN_MONTHS + ENGLISH_MONTHS + list(ABBREVIATIONS):
        assert name.lower() in MONTHS


DAY_NAMES = [
    "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Jum'at", "Sabtu", "Minggu", "Ahad",
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
]


@pytest.mark.parametrize("day", DAY_NAMES)
def test_day_names_ignored_and_allowed(day: str) -> None:
    assert parse_date(f"{day}, 30 Januari 2023 12:13 WIB") == "2023-01-30T12:13:00+07:00"
    assert is_date_line(f"{day}, 30 Januari 2023 12:13 WIB")
    assert is_date_line(f"{day} (30/1/2023)")
    assert is_date_line(f"{day.lower()} 30/01/2023")


# --------------------------------------------------------------------------- parse_date: invalid input


@pytest.mark.parametrize(
    "text",
    ["31/02/2023", "99/99/9999", "00/01/2023", "30/13/2023", "29 Februari 2023", "32 Januari 2023",
     "2023-02-30", "2023-13-01", "1.12.23", "hello world", "", "12:13 WIB", "Januari 2023",
     "30 Januari", "Rp 1.000.000", "0812-3456-7890", "(sef/sef)", "Selama 2024, 61 Kematian"],
)
def test_parse_date_invalid(text: str) -> None:
    assert parse_date(text) is None


def test_invalid_time_keeps_date_only() -> None:
    assert parse_date("30/01/2023 25:13 WIB") == "2023-01-30"
    assert parse_date("30/01/2023 12:61") == "2023-01-30"
    assert parse_date("30 Jan 2023 13:00 PM") == "2023-01-30"


def test_invalid_date_is_skipped_for_the_next_one() -> None:
    assert parse_date("31/02/2023 lalu 28/02/2023 10:00") == "2023-02-28T10:00:00+07:00"
    assert parse_date("99/99/9999, diperbarui 1 Maret 2023") == "2023-03-01"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("30/1/23", "2023-01-30"), ("30-01-23 12:13", "2023-01-30T12:13:00+07:00"), ("1/2/85", "1985-02-01")],
)
def test_two_digit_years(text: str, expected: str) -> None:
    assert parse_date(text) == expected


def test_first_date_wins() -> None:
    text = "Senin (30/1/2023) dan Selasa (31/1/2023)"
    assert parse_date(text) == "2023-01-30"


def test_numbers_after_date_are_not_times() -> None:
    assert parse_date("30 Januari 2023 - 10.000 orang mengungsi") == "2023-01-30"
    assert parse_date("30 Januari 2023, 12.500 warga") == "2023-01-30"


def test_time_never_crosses_a_line_break() -> None:
    assert parse_date("30 Januari 2023\n12:13 WIB") == "2023-01-30"
    assert parse_date("30\nJanuari\n2023") is None


# --------------------------------------------------------------------------- is_date_line


@pytest.mark.parametrize(
    "line",
    [
        "Kompas.com - 30/01/2023, 12:13 WIB",
        "30/01/2023, 12:13 WIB",
        "Senin (30/1/2023)",
        "Senin, 30 Januari 2023 12:13 WIB",
        "Senin, 30 Jan 2023 | 12:13 WITA",
        "1 February 2023, 8:03",
        "  22 Oktober 2020 08:21  ",
        "Name • 22 Oktober 2020 08:21",
        "Jakarta ● Tue, March 7, 2023",
        "Rabu, 01 Feb 2023 08:03 WIT",
        "2023-01-30T12:13:00+07:00",
        "Diperbarui 30/01/2023, 14:00 WIB",
        "Diperbarui: Senin, 30 Januari 2023 14:00 WIB",
        "Dipublikasikan 30 Januari 2023",
        "Published: January 30, 2023 at 12:13 PM",
        "Updated Jan 30, 2023 12:13 PM GMT+7",
        "Last updated on 30 Jan 2023",
        "Tanggal: 30/01/2023",
        "Oleh Budi Santoso | Senin, 30 Januari 2023 12:13 WIB",
        "Penulis: Budi Santoso | 30 Januari 2023",
        "CNN Indonesia - Senin, 30 Jan 2023 12:13 WIB",
        "Liputan6.com - 30 Jan 2023, 12:13 WIB",
        "Senin, 30 Januari 2023 12:13 WIB.",
        "(30/01/2023)",
        "30 Januari 2023 | Oleh Budi Santoso",
        "Diterbitkan 30/01/2023, 12:13 WIB | Diperbarui 30/01/2023, 14:00 WIB",
    ],
)
def test_is_date_line_positive(line: str) -> None:
    assert is_date_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "",
        "   ",
        "Dia bertemu pejabat pada hari Minggu (29/1/2023).",
        "Dia telah bertemu dengan pejabat tinggi Korea Selatan pada hari Minggu (29/1/2023).",
        "SEOUL, KOMPAS.com - Sekretaris Jenderal NATO Jens Stoltenberg pada Senin (30/1/2023) meminta "
        "Korea Selatan meningkatkan dukungan militer kepada Ukraina.",
        "Seruan itu disampaikan dalam kunjungan NATO ke Seoul, Minggu 29 Januari 2023.",
        "kata Stoltenberg seperti dikutip dari Reuters, Rabu (1/2/2023).",
        "Baca juga: NATO Minta Korea Selatan Berbuat Lebih (30/01/2023)",
        "Baca juga - 30/01/2023",
        "Lihat juga 30 Januari 2023",
        "NATO Minta Korea Selatan Berbuat Lebih Banyak untuk Ukraina",
        "Selama 2024, Heatstroke di Thailand Sebabkan 61 Kematian",
        "100.000 Orang Terpaksa Tinggalkan Rafah Gaza di Bawah Ancaman Serangan Darat Israel",
        "30 Januari 2023 menjadi hari bersejarah bagi kota ini",
        "Tanggal 30 Januari 2023 adalah hari Senin.",
        "31/02/2023",
        "30/01/2023 25:13",
        "12:13 WIB",
        "(sef/sef)",
        "Kompas.com - " + "x" * 200 + " 30/01/2023",
    ],
)
def test_is_date_line_negative(line: str) -> None:
    assert not is_date_line(line)


# --------------------------------------------------------------------------- split_byline


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Name • 22 Oktober 2020 08:21", ("Name", "2020-10-22T08:21:00+07:00")),
        ("Budi Santoso • 22 Oktober 2020 08:21", ("Budi Santoso", "2020-10-22T08:21:00+07:00")),
        ("Arya Dipa ● Tue, March 7, 2023 10:05", ("Arya Dipa", "2023-03-07T10:05:00+07:00")),
        ("Oleh Name | Senin, 30 Januari 2023 12:13 WIB", ("Name", "2023-01-30T12:13:00+07:00")),
        ("Oleh: Siti Nur'aini | 30/01/2023", ("Siti Nur'aini", "2023-01-30")),
        ("By Jane Doe - Jan 30, 2023 12:13 PM", ("Jane Doe", "2023-01-30T12:13:00+07:00")),
        ("30 Januari 2023 | Oleh Budi Santoso", ("Budi Santoso", "2023-01-30")),
        ("Kompas.com - 30/01/2023, 12:13 WIB", (None, "2023-01-30T12:13:00+07:00")),
        ("CNN Indonesia - 30/01/2023", (None, "2023-01-30")),
        ("Senin, 30 Januari 2023 12:13 WIB", (None, "2023-01-30T12:13:00+07:00")),
        ("30/01/2023", (None, "2023-01-30")),
        ("Dia bertemu pejabat pada hari Minggu (29/1/2023).", (None, "2023-01-29")),
        ("Oleh Name | tanpa tanggal", (None, None)),
        ("", (None, None)),
        ("31/02/2023", (None, None)),
    ],
)
def test_split_byline(line: str, expected: tuple[str | None, str | None]) -> None:
    assert split_byline(line) == expected


# --------------------------------------------------------------------------- properties

DATEISH = st.lists(
    st.sampled_from(list("0123456789/-.:, |•()+TZ\n") + ["WIB", "Jan", "Mei", "Senin", "PM", "Oleh", "Name"]),
    max_size=40,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), DATEISH))
def test_never_raises(text: str) -> None:
    result = parse_date(text)
    assert result is None or isinstance(result, str)
    assert isinstance(is_date_line(text), bool)
    name, iso = split_byline(text)
    assert iso == result
    assert name is None or (isinstance(name, str) and name)


@settings(max_examples=300, deadline=None)
@given(DATEISH)
def test_output_is_valid_iso(text: str) -> None:
    result = parse_date(text)
    if result is not None:
        parsed = dt.datetime.fromisoformat(result)
        assert (parsed.tzinfo is None) == (len(result) == 10)



def _is_date_line_prefix_first(line: str) -> bool:
    """is_date_line as written before the suffix was checked first: the prefix's tokens, then the suffix."""
    text = line.strip()
    if not text or len(text) > dates._MAX_DATE_LINE or not dates._DATE_HINT_RE.search(text) or dates._REJECT_RE.match(text):
        return False
    found = dates._find_hinted(text)
    if found is None:
        return False
    start, end, _ = found
    return dates._prefix_tokens(text[:start]) is not None and dates._suffix_ok(text[end:])


DATE_LINE_PARTS = st.sampled_from(
    ["30/1/2023", "30 Januari 2023", "12:13 WIB", "2023", "Senin", "(", ")", ",", " - ", " | ", " • ", "Oleh", "Name",
     "Diperbarui", "pada", "Dia bertemu pejabat", "meminta Korea", "v40", ".", " ", "Kompas.com", "Baca juga"]
)


@settings(max_examples=500, deadline=None)
@given(st.one_of(DATEISH, st.lists(DATE_LINE_PARTS, max_size=12).map(" ".join), st.lists(DATE_LINE_PARTS, max_size=12).map("".join)))
def test_is_date_line_checks_suffix_first_with_the_same_answer(text: str) -> None:
    """Both checks after the date is found are pure: trying the suffix first answers as before."""
    assert is_date_line(text) == _is_date_line_prefix_first(text)


WEEKDAYS_ID = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
LAYOUTS = [
    "{d} {mid} {y} {H:02d}:{M:02d} WIB",
    "{day}, {d:02d} {mabbr} {y} | {H:02d}.{M:02d} WIB",
    "Kompas.com - {d:02d}/{m:02d}/{y}, {H:02d}:{M:02d} WIB",
    "{y}-{m:02d}-{d:02d}T{H:02d}:{M:02d}:00+07:00",
    "{men} {d}, {y} {h12}:{M:02d} {ampm} WIB",
    "{d}-{m}-{y} pukul {H}:{M:02d} WIB",
]


@settings(max_examples=200, deadline=None)
@given(
    st.datetimes(min_value=dt.datetime(1970, 1, 1), max_value=dt.datetime(2099, 12, 31)),
    st.sampled_from(LAYOUTS),
)
def test_roundtrip_generated_dates(moment: dt.datetime, layout: str) -> None:
    line = layout.format(
        d=moment.day, m=moment.month, y=moment.year, H=moment.hour, M=moment.minute,
        h12=moment.hour % 12 or 12, ampm="PM" if moment.hour >= 12 else "AM",
        mid=INDONESIAN_MONTHS[moment.month - 1], men=ENGLISH_MONTHS[moment.month - 1],
        mabbr=ENGLISH_MONTHS[moment.month - 1][:3], day=WEEKDAYS_ID[moment.weekday()],
    )
    expected = moment.replace(second=0, microsecond=0).isoformat() + "+07:00"
    assert parse_date(line) == expected
    assert is_date_line(line)


@pytest.mark.parametrize(
    "text",
    ["1" * 100_000, "1/" * 50_000, "30 Januari " * 20_000, "Senin, " * 20_000, "1." * 50_000,
     "30" + " " * 100_000 + "Jan", ("Ab " * 20_000) + "|", "-".join(["1"] * 50_000)],
)
def test_adversarial_input_is_fast(text: str) -> None:
    start = time.perf_counter()
    parse_date(text)
    is_date_line(text)
    split_byline(text)
    assert time.perf_counter() - start < 3.0


# --------------------------------------------------------------------------- liputan6 and labelled forms

LABELLED = [
    ("on 16 Feb 2016 at 09:10 WIB", "2016-02-16T09:10:00+07:00"),  # liputan6 2016
    ("Pada 16 Feb 2016 pukul 09:10 WIB", "2016-02-16T09:10:00+07:00"),
    ("Diterbitkan 16 Februari 2016, 09:10 WIB", "2016-02-16T09:10:00+07:00"),
    ("Diperbarui 16 Februari 2016, 09:10 WIB", "2016-02-16T09:10:00+07:00"),
    ("Dipublikasikan 16 Februari 2016, 09:10 WIB", "2016-02-16T09:10:00+07:00"),
    ("Diterbitkan: 16 Februari 2016 09:10 WIB", "2016-02-16T09:10:00+07:00"),
    ("Diterbitkan 16 Februari 2016, 09:10 WIB Diperbarui 17 Februari 2016, 10:00 WIB", "2016-02-16T09:10:00+07:00"),
]


@pytest.mark.parametrize("line, expected", LABELLED)
def test_labelled_date_lines(line: str, expected: str) -> None:
    assert is_date_line(line)
    assert parse_date(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "Pada 16 Februari 2016, polisi menangkap pelaku di Jakarta.",
        "Dia datang on 16 Feb 2016",
        "on 16 Feb 2016 at 09:10 WIB the minister arrived in Jakarta",
    ],
)
def test_on_and_pada_do_not_make_a_sentence_a_date_line(line: str) -> None:
    assert not is_date_line(line)


def test_the_rest_of_a_split_sentence_is_not_a_date_line():
    assert not is_date_line(", Senin (30/1/2023).")
    assert not is_date_line("; Senin, 30 Januari 2023")
    assert is_date_line("Senin (30/1/2023)")


date_text = st.lists(
    st.sampled_from(["Januari", "jan", "SEPT", "Mei", "agu", "30", "1", "2023", "23", "/", "-", ".", ",", " ", "  ", "\n", "\t",
                     "x", "Senin", "WIB", "12:13", "Jum'at", "of", "th", "_", "é", "٣"]),
    max_size=14,
).map("".join)


@settings(max_examples=2000, deadline=None)
@given(date_text)
def test_date_matches_equal_the_date_regex_everywhere(text):
    """_date_matches tries _DATE_RE only at digit runs and the word before them: same matches."""
    fast = [(m.span(), m.groupdict()) for m in dates._date_matches(text)]
    assert fast == [(m.span(), m.groupdict()) for m in dates._DATE_RE.finditer(text)]


def test_month_trie_matches_exactly_the_month_names():
    pattern = re.compile(rf"(?:{dates._MONTH_ALT})\Z", re.IGNORECASE)
    assert all(pattern.match(name) for name in dates.MONTHS)
    assert not any(pattern.match(name) for name in ("ja", "juno", "sepx", "agust", "mart"))


@settings(max_examples=300, deadline=None)
@given(st.one_of(DATEISH, st.lists(DATE_LINE_PARTS, max_size=12).map(" ".join)))
def test_remembered_answers_equal_working_them_out(text: str) -> None:
    """parse_date, is_date_line and split_byline remember their answers per text: asked twice, each
    answers as the function that works it out, and a non-default offset is not taken from memory."""
    for _ in range(2):
        assert parse_date(text) == dates._parse_date(text, dates.DEFAULT_OFFSET)
        assert is_date_line(text) == dates._is_date_line(text)
        assert split_byline(text) == dates._split_byline(text)
    assert parse_date(text, "+08:00") == dates._parse_date(text, "+08:00")


def test_remembered_answers_are_bounded() -> None:
    for k in range(dates.CACHE_SIZE + 10):
        parse_date(f"Senin, {k % 28 + 1} Januari 2023 {k}")
        is_date_line(f"Senin, {k % 28 + 1} Januari 2023 {k}")
        split_byline(f"Oleh Budi | {k % 28 + 1} Januari 2023 {k}")
    for remembered in (dates._PARSED, dates._DATE_LINES, dates._BYLINES):
        assert 0 < len(remembered) <= dates.CACHE_SIZE
