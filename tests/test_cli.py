"""The command line, through click's CliRunner."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from cleaner.cli import main
from conftest import ROOT, SEEDS


def run(*args, input=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input, catch_exceptions=False)


def records(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_clean_directory_writes_one_record_per_seed():
    result = run("clean", ROOT / "seeds")
    assert result.exit_code == 0
    recs = records(result.stdout)
    assert [r["site"] for r in recs] == ["kompas", None, "medcom", "cnbcindonesia", None]
    assert all("removed" not in r for r in recs)


def test_clean_to_file_with_explain(tmp_path):
    out = tmp_path / "out.jsonl"
    result = run("clean", SEEDS[0], "-o", out, "--explain")
    assert result.exit_code == 0
    (rec,) = records(out.read_text(encoding="utf-8"))
    rules = {item["rule"] for item in rec["removed"]}
    assert {"kompas/plus-banner", "generic/read-also", "kompas/latest-list"} <= rules


def test_stdin_and_forced_site():
    text = SEEDS[3].read_text(encoding="utf-8")
    (rec,) = records(run("clean", "-", "--site", "cnbcindonesia", input=text).stdout)
    assert rec["source"] == "-" and rec["site"] == "cnbcindonesia"


def test_unknown_site_is_a_usage_error():
    result = CliRunner().invoke(main, ["clean", str(SEEDS[0]), "--site", "nope"])
    assert result.exit_code == 2 and "unknown site 'nope'" in result.output


@pytest.mark.parametrize("fmt,needle", [("text", "NATO Minta Korea Selatan"), ("markdown", "# NATO Minta Korea Selatan")])
def test_text_and_markdown_formats(fmt, needle):
    result = run("clean", SEEDS[0], "--format", fmt)
    assert result.exit_code == 0 and needle in result.output
    assert "Baca juga" not in result.output


def test_markdown_marks_headings():
    result = run("clean", SEEDS[1], "--format", "markdown")
    assert "## Seruan NATO" in result.output



def test_markdown_writes_numbered_items_as_an_ordered_list():
    dump = ROOT / "tests" / "fixtures" / "regressions" / "numbered_list_and_numbered_headings.txt"
    output = run("clean", dump, "--format", "markdown").output
    assert "\n1. Fotokopi kartu keluarga\n2. Surat pengantar dari kelurahan\n" in output  # one list, one item a line
    assert "- 1." not in output and "## 2. Periksa kembali dokumen" in output

def test_user_rules_override_bundled(tmp_path):
    (tmp_path / "kompas.toml").write_text(
        'id = "kompas"\nname = "My Kompas"\ndomains = ["kompas.com"]\nmarkers = [\'KOMPAS\\.com\']\n'
        '[[rule]]\nid = "kompas/keep-nothing-special"\ndescription = "drops one known line"\naction = "drop"\n'
        "pattern = '^Stoltenberg sendiri'\nexamples = [\"Stoltenberg sendiri tengah berada di Seoul\"]\n",
        encoding="utf-8",
    )
    (rec,) = records(run("clean", SEEDS[0], "--rules", tmp_path, "--explain").stdout)
    assert rec["site"] == "kompas"
    assert "kompas/keep-nothing-special" in {item["rule"] for item in rec["removed"]}
    assert "kompas/plus-banner" not in {item["rule"] for item in rec["removed"]}


def test_failed_input_gives_error_record_and_exit_1(tmp_path):
    missing = tmp_path / "missing.txt"
    result = CliRunner().invoke(main, ["clean", str(SEEDS[0]), str(missing)])
    assert result.exit_code == 1
    recs = records(result.stdout)
    assert recs[0]["site"] == "kompas"
    assert recs[1]["source"] == str(missing) and "No such file" in recs[1]["error"]


def test_every_command_has_help():
    for name, command in main.commands.items():
        result = CliRunner().invoke(main, [name, "--help"])
        assert result.exit_code == 0 and command.help, name


def test_python_dash_m(tmp_path):
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-m", "cleaner", "clean", str(SEEDS[4])], capture_output=True, text=True, cwd=ROOT, check=True)
    assert json.loads(out.stdout)["site_name"] == "tumkongreler.com"


def test_text_dumps_do_not_load_the_html_stack():
    """trafilatura is imported on the first HTML page only: cleaning text dumps starts faster."""
    code = (
        "import sys\nfrom cleaner import Cleaner\n"
        "Cleaner().clean_text('Presiden meminta menteri bekerja lebih keras untuk rakyat di Jakarta.')\n"
        "assert 'trafilatura' not in sys.modules, 'trafilatura imported'\n"
        "Cleaner().clean_bytes(b'<html><body><p>Presiden meminta menteri bekerja.</p></body></html>', 'x.html')\n"
        "assert 'trafilatura' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
