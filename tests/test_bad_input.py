"""Bad input gets a clear error and loses nothing."""

from __future__ import annotations

import pytest

from cleaner import Cleaner, Options
from cleaner.decode import InputError, decode
from cleaner.rulefile import RuleFileError, load_rule_file


def test_empty_file_is_an_error_record(cleaner, tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"   \n\n")
    assert cleaner.clean_file(path) == {"source": str(path), "error": "empty input", "stage": "read"}


def test_binary_file_is_an_error_record(cleaner, tmp_path):
    path = tmp_path / "image.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert "binary" in cleaner.clean_file(path)["error"]


def test_missing_path_is_an_error_record(cleaner, tmp_path):
    record = cleaner.clean_file(tmp_path / "nope.txt")
    assert record["source"].endswith("nope.txt") and "No such file" in record["error"]


def test_cp1252_fallback_is_recorded(cleaner, tmp_path):
    path = tmp_path / "latin.txt"
    text = "Stoltenberg berkata \u201cKami mendukung mitra kami dalam menyerukan Pyongyang untuk berhenti.\u201d"
    path.write_bytes(text.encode("cp1252"))
    record = cleaner.clean_file(path)
    assert record["encoding"] == "cp1252"
    assert "\u201cKami mendukung" in record["text"]


def test_utf8_bom_and_utf16():
    assert decode("\ufeffHalo dunia".encode("utf-8")).text == "Halo dunia"
    assert decode("Halo dunia".encode("utf-16")).text == "Halo dunia"


def test_undecodable_bytes_never_raise():
    decoded = decode(b"Halo \x81\x8d dunia \xff\xfe")
    assert decoded.encoding in ("cp1252", "cp1252+replace") and "Halo" in decoded.text


def test_empty_bytes_raise_input_error():
    with pytest.raises(InputError, match="empty"):
        decode(b"")


@pytest.mark.parametrize(
    "body,message",
    [
        ('id = "x"\n[[rule]]\nid = "x/a"\ndescription = "d"\naction = "drop"\npattern = "(unclosed"\n', "pattern does not compile"),
        ('id = "x"\n[[rule]]\nid = "x/a"\ndescription = "d"\naction = "explode"\npattern = "a"\n', "'action' is 'explode'"),
        ('id = "x"\n[[rule]]\nid = "x/a"\naction = "drop"\npattern = "a"\n', "missing required key 'description'"),
        ('id = "x"\n[[rule]]\nid = "x/a"\ndescription = "d"\naction = "drop"\npattern = "a"\ncolour = "red"\n', "unknown key 'colour'"),
        ('id = "x"\n[[rule]]\nid = "x/a"\ndescription = "d"\naction = "drop"\npattern = "a"\nnext = "3"\n', "'next' must be int"),
        ('id = "x"\nrule = [\n', "not valid TOML"),
    ],
)
def test_malformed_rule_file_names_file_rule_and_problem(tmp_path, body, message):
    path = tmp_path / "x.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(RuleFileError) as info:
        load_rule_file(path)
    text = str(info.value)
    assert str(path) in text and message in text
    if "x/a" in body and "TOML" not in message:
        assert "[x/a]" in text


def test_malformed_user_rules_dir_stops_before_the_batch(tmp_path):
    (tmp_path / "bad.toml").write_text('id = "bad"\n[[rule]]\nid = "bad/r"\n', encoding="utf-8")
    with pytest.raises(RuleFileError, match="bad.toml"):
        Cleaner(Options(rules_dirs=(str(tmp_path),), use_packs=False))
