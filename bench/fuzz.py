"""Long fuzz run: many bad inputs through the cleaner, counting what should never happen.

    nice -n 19 .venv/bin/python bench/fuzz.py --count 100000 --report bench/results/fuzz.md

Inputs (a fixed random seed, so a run can be repeated), in equal shares unless --kinds says otherwise:

- ``text``: random text (any Unicode, control characters, NULs, long lines, many lines), as bytes in
  a random encoding (UTF-8, UTF-16/32 with or without BOM, cp1252, broken UTF-8);
- ``seed``: the bundled seed dumps mutated (lines deleted, repeated, swapped, glued, cut in the
  middle, bytes flipped, NULs and control characters sprinkled, truncated, re-encoded);
- ``html``: random pages (tag soup: random tags, attributes, entities, comments, scripts, unclosed
  and misnested tags, control characters, a canonical link or og:url with a malformed URL);
- ``deep``: pages nested hundreds to thousands of elements deep (unclosed <b>/<font>, <div>s);
- ``page``: real pages (``../shared/bench/id-html-2016``, when present) mutated like the seeds.

Each input goes through ``Cleaner.clean_bytes`` with a random URL (often malformed) and, for text
inputs, through ``process_text`` on the decoded text. Counted:

- **unexpected exceptions**: anything but InputError (empty, binary, undecodable, "not an article
  page") from clean_bytes; any exception at all from a run given a malformed URL on a good document;
- **invariant violations**: text dumps: an input line not accounted for (kept, metadata, or removed
  by a named rule), a kept line whose words are not its input's, a paragraph not in the body;
  HTML: a body word that is not the page's own text in source order (a feed's: its XML text), a U+FFFD
  in the body that the page's text does not have, a record that is not JSON; counted apart, a body that
  is the page's text once both are in Unicode NFC (trafilatura gives NFC: the documented exception);
- **slow documents**: over --doc-seconds (a hang would show here; not a failure by itself).

Examples of every failure are written to --examples (one file each) so they can be replayed.
"""

from __future__ import annotations

import argparse
import codecs
import json
import os
import random
import re
import signal
import sys
import time
import traceback
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleaner import Cleaner, Options  # noqa: E402
from cleaner.accounting import body_out_of_order, invented_lines, page_text, unaccounted_lines  # noqa: E402
from cleaner.decode import InputError, decode  # noqa: E402

SEEDS = [p.read_bytes() for p in sorted((ROOT / "seeds").glob("*.txt"))]
PAGES_DIR = ROOT.parent / "shared" / "bench" / "id-html-2016"
KINDS = ("text", "seed", "html", "deep", "page")
BAD_URLS = [
    "https://[kompas.com/read/2023/01/30/x", "http://[::1", "https://medcom.id:99999/x", "http://a b.com/ x", "https://exa mple.com/[",
    "https://cnbcindonesia.com:port/x", "ftp://", "//", "http://", "https://%zz%/x", "https://\u0000host/", "https://例え.テスト/パス",
    "javascript:alert(1)", "https://user:pa[ss@host/", "http://" + "a" * 300 + ".com/", "https://kompas.com\\..\\x", "]]]]", "https://:80/",
    "https://www.kompas.com/read/2023/01/30/12130081/nato?x=[1]", "mailto:x@y", "https://xn--ls8h.la/", "https://host/\ud800",
]
GOOD_URLS = ["https://www.kompas.com/read/2023/01/30/x", "https://www.medcom.id/a/b", "https://www.cnbcindonesia.com/news/2023/x", "https://example.org/p/1", None]
TAGS = "html head body title meta link script style div p span b i u a font table tr td ul ol li h1 h2 h3 article section main nav aside footer header br img hr pre blockquote figure figcaption noscript iframe form input select option textarea svg math template".split()
WORDS = ("Pemerintah kota mengumumkan rencana pembangunan taman baru di pusat kota pada pekan ini dan warga menyambut baik "
         "rencana itu karena taman lama sudah rusak Baca juga: ADVERTISEMENT Penulis Editor Jakarta Kompas.com Senin").split()
CONTROL = [chr(c) for c in (*range(0, 9), 11, 12, *range(14, 32), 127, 0x85, 0x2028, 0xFEFF, 0xFFFE, 0xFFFF, 0xFFFD)]


class DocTimeout(BaseException):
    pass


def on_alarm(signum, frame):
    raise DocTimeout()


# ---------------------------------------------------------------- inputs

def random_text(rnd: random.Random) -> str:
    pieces = []
    for _ in range(rnd.randint(0, 60)):
        roll = rnd.random()
        if roll < 0.45:
            pieces.append(" ".join(rnd.choice(WORDS) for _ in range(rnd.randint(1, 40))))
        elif roll < 0.6:
            pieces.append("".join(chr(rnd.randint(32, 0x2FFF)) for _ in range(rnd.randint(1, 80))))
        elif roll < 0.7:
            pieces.append("".join(rnd.choice(CONTROL) for _ in range(rnd.randint(1, 5))))
        elif roll < 0.8:
            pieces.append(rnd.choice(["Baca juga: ", "(sef/sef)", "Kompas.com - 30/01/2023, 12:13 WIB", "JAKARTA, KOMPAS.com - ", "ADVERTISEMENT", "SCROLL TO CONTINUE WITH CONTENT", "Penulis: A", "Editor: B"]))
        elif roll < 0.9:
            pieces.append(chr(rnd.randint(0x10000, 0x10FFFF)) * rnd.randint(1, 4))
        else:
            pieces.append(rnd.choice(["", " ", "\t", "\r", "\u00a0", "\u200b"]) * rnd.randint(1, 30))
    return rnd.choice(["\n", "\n\n", "\r\n", " ", "\u2028"]).join(pieces)


def encode(text: str, rnd: random.Random) -> bytes:
    roll = rnd.random()
    if roll < 0.6:
        return text.encode("utf-8", errors="surrogatepass" if rnd.random() < 0.05 else "replace")
    name = rnd.choice(["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be", "cp1252", "latin-1", "utf-16", "utf-32", "utf-8-sig"])
    data = text.encode(name, errors="replace")
    if name in ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be") and rnd.random() < 0.5:
        bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE, "utf-32-le": codecs.BOM_UTF32_LE, "utf-32-be": codecs.BOM_UTF32_BE}[name]
        data = bom + data
    return data


def mutate(data: bytes, rnd: random.Random) -> bytes:
    lines = data.split(b"\n")
    for _ in range(rnd.randint(1, 8)):
        if not lines:
            break
        op = rnd.randrange(9)
        i = rnd.randrange(len(lines))
        if op == 0:
            del lines[i]
        elif op == 1:
            lines.insert(i, lines[rnd.randrange(len(lines))])
        elif op == 2:
            j = rnd.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == 3 and i + 1 < len(lines):
            lines[i : i + 2] = [lines[i] + b" " + lines[i + 1]]
        elif op == 4 and lines[i]:
            cut = rnd.randrange(len(lines[i]))
            lines[i : i + 1] = [lines[i][:cut], lines[i][cut:]]
        elif op == 5 and lines[i]:
            line = bytearray(lines[i])
            for _ in range(rnd.randint(1, 4)):
                line[rnd.randrange(len(line))] = rnd.randrange(256)
            lines[i] = bytes(line)
        elif op == 6:
            lines[i] = lines[i] + bytes([rnd.choice([0, 1, 7, 8, 11, 12, 27, 127])]) * rnd.randint(1, 3)
        elif op == 7:
            lines.insert(i, random_text(rnd).encode("utf-8", "replace")[:300])
        else:
            lines = lines[: i + 1]
    out = b"\n".join(lines)
    if rnd.random() < 0.1:
        out = out[: rnd.randrange(len(out) + 1)]
    if rnd.random() < 0.1:
        try:
            out = encode(out.decode("utf-8"), rnd)
        except UnicodeDecodeError:
            pass
    return out


def random_html(rnd: random.Random, depth_limit: int = 12) -> str:
    out: list[str] = []
    open_tags: list[str] = []

    def text() -> str:
        roll = rnd.random()
        if roll < 0.7:
            return " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(1, 30)))
        if roll < 0.8:
            return rnd.choice(["&amp;", "&lt;", "&#0;", "&#x1F600;", "&nbsp;", "&bogus;", "&#55296;", "&#x110000;", "&#12;"])
        if roll < 0.9:
            return "".join(rnd.choice(CONTROL) for _ in range(rnd.randint(1, 4)))
        return random_text(rnd)[:200]

    if rnd.random() < 0.7:
        out.append(rnd.choice(["<!DOCTYPE html>", "<!doctype html/>", "<?xml version='1.0'?>", ""]))
        out.append("<html><head><title>" + text() + "</title>")
        if rnd.random() < 0.6:
            url = rnd.choice(BAD_URLS + GOOD_URLS[:-1])
            out.append(rnd.choice([f'<link rel="canonical" href="{url}">', f'<meta property="og:url" content="{url}">', f'<base href="{url}">']))
        if rnd.random() < 0.3:
            out.append(f'<meta charset="{rnd.choice(["utf-8", "bogus", "utf-16", "windows-1252", "x" * 50])}">')
        out.append("</head><body>")
    for _ in range(rnd.randint(0, 120)):
        roll = rnd.random()
        if roll < 0.35 and len(open_tags) < depth_limit:
            tag = rnd.choice(TAGS)
            attrs = "".join(f' {rnd.choice(["class", "id", "href", "style", "data-x", "onclick"])}="{rnd.choice(WORDS)}"' for _ in range(rnd.randint(0, 2)))
            out.append(f"<{tag}{attrs}>")
            open_tags.append(tag)
        elif roll < 0.55 and open_tags:
            out.append(f"</{open_tags.pop() if rnd.random() < 0.8 else rnd.choice(TAGS)}>")
        elif roll < 0.6:
            out.append(rnd.choice(["<!-- " + text() + " -->", "<script>var x = '<p>no</p>';</script>", "<style>p{}</style>", "<![CDATA[x]]>", "<br/>", "<p", "</", "<<>>"]))
        else:
            out.append(f"<p>{text()}</p>" if rnd.random() < 0.5 else text())
    if rnd.random() < 0.7:
        out.append("</body></html>")
    return "".join(out)


def deep_html(rnd: random.Random) -> str:
    tag = rnd.choice(["<b>", "<font size=2>", "<div>", "<span>", "<div><span>", "<blockquote>", "<li>", "<table><tr><td>"])
    depth = rnd.choice([100, 254, 255, 256, 300, 1000, 3000])
    paragraphs = "".join(f"<p>{' '.join(rnd.choice(WORDS) for _ in range(25))} {k}.</p>" for k in range(rnd.randint(1, 6)))
    return f"<html><head><title>t</title></head><body>{tag * depth}{paragraphs}</body></html>"


def make_input(kind: str, rnd: random.Random, pages: list[bytes]) -> tuple[bytes, str]:
    """(bytes, source name): the name tells the cleaner whether it is HTML, as a file name would."""
    if kind == "text":
        return encode(random_text(rnd), rnd), "fuzz.txt"
    if kind == "seed":
        return mutate(rnd.choice(SEEDS), rnd), "fuzz.txt"
    if kind == "html":
        return encode(random_html(rnd), rnd) if rnd.random() < 0.2 else random_html(rnd).encode("utf-8", "replace"), "fuzz.html"
    if kind == "deep":
        return deep_html(rnd).encode(), "fuzz.html"
    return mutate(rnd.choice(pages), rnd) if pages else random_html(rnd).encode("utf-8", "replace"), "fuzz.html"


# ---------------------------------------------------------------- invariants

def text_violations(cleaner: Cleaner, data: bytes) -> list[str]:
    try:
        text = decode(data).text
    except InputError:
        return []
    doc = cleaner.process_text(text, "fuzz")
    found = []
    if unaccounted_lines(text, doc):
        found.append("text: input line not accounted for")
    if invented_lines(doc):
        found.append("text: kept line not its input's text")
    return found


def html_violations(record: dict, data: bytes) -> list[str]:
    """The body is the page's own text in source order; no U+FFFD the page does not have."""
    from cleaner.html.detect import decode_html
    from cleaner.html.tree import parse

    body = record.get("text") or ""
    if not body:
        return []
    try:
        text = decode_html(data, None).text
        page = feed_text(text) if record.get("page_type") == "feed" else page_text(parse(text))
    except InputError:
        return ["html: a record from a page that does not parse"]
    found = []
    if "\ufffd" in body and "\ufffd" not in page:
        found.append("html: U+FFFD in the body, not in the page")
    word = body_out_of_order(body, page)
    if word is not None and body_out_of_order(unicodedata.normalize("NFC", body), unicodedata.normalize("NFC", page)) is None:
        found.append("html: body is the page's text in Unicode NFC (the documented exception)")
    elif word is not None:
        found.append("html: body not the page's text in source order" if page.find(word) >= 0 else "html: body word not in the page")
    return found


def feed_text(text: str) -> str:
    """A feed's own text, as page_text reads a page: the text of its XML elements (CDATA included,
    which an HTML parser would take for a comment; the HTML escaped inside read as text), no whitespace."""
    from lxml import etree

    from cleaner.html import feed

    root = etree.fromstring(text.lstrip("\ufeff \t\r\n").encode("utf-8"), feed.PARSER)
    return re.sub(r"\s+", "", feed.feed_text(root)) if root is not None else ""


def paragraph_violations(record: dict) -> list[str]:
    body = re.sub(r"\s+", "", record.get("text") or "")
    if any(re.sub(r"\s+", "", p["text"]) not in body for p in record.get("paragraphs") or []):
        return ["record: a paragraph not in the body"]
    return []


# ---------------------------------------------------------------- the run

def check_one(cleaner: Cleaner, kind: str, data: bytes, name: str, url: str | None) -> tuple[str, list[str]]:
    """('ok' | 'expected error' | 'unexpected exception: T', violations)"""
    try:
        record = cleaner.clean_bytes(data, name, url)
    except InputError:
        return "expected error", []
    violations = paragraph_violations(record)
    json.dumps(record, ensure_ascii=False)
    if name.endswith(".html"):
        violations += html_violations(record, data)
    else:
        violations += text_violations(cleaner, data)
    return "ok", violations


def run(count: int, seed: int, kinds: tuple[str, ...], doc_seconds: float, examples: Path, progress: bool) -> dict:
    rnd = random.Random(seed)
    cleaner = Cleaner(Options(use_packs=False))
    pages = [p.read_bytes() for p in sorted(PAGES_DIR.glob("*.html"))] if PAGES_DIR.is_dir() else []
    examples.mkdir(parents=True, exist_ok=True)
    outcomes: Counter = Counter()
    by_kind: Counter = Counter()
    failures: Counter = Counter()
    slow = 0
    signal.signal(signal.SIGALRM, on_alarm)
    started = time.process_time()
    for n in range(count):
        kind = kinds[n % len(kinds)]
        data, name = make_input(kind, rnd, pages)
        url = rnd.choice(BAD_URLS) if rnd.random() < 0.5 else rnd.choice(GOOD_URLS)
        by_kind[kind] += 1
        signal.setitimer(signal.ITIMER_REAL, doc_seconds)
        try:
            outcome, violations = check_one(cleaner, kind, data, name, url)
        except DocTimeout:
            outcome, violations = "slow", []
            slow += 1
        except Exception as exc:  # what the fuzz run is looking for
            outcome, violations = f"unexpected exception: {type(exc).__name__}", []
            _keep(examples, outcome, n, data, name, url, traceback.format_exc())
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        outcomes[outcome] += 1
        for violation in violations:
            failures[violation] += 1
            _keep(examples, violation, n, data, name, url, "")
        if progress and n % 1000 == 999:
            print(f"{n + 1:,} inputs, {sum(v for k, v in outcomes.items() if k.startswith('unexpected')):,} unexpected exceptions, "
                  f"{violation_count(failures):,} invariant violations, {slow} slow ({time.process_time() - started:,.0f} CPU s)", file=sys.stderr, flush=True)
    return {"count": count, "seed": seed, "by_kind": dict(by_kind), "outcomes": dict(outcomes), "violations": dict(failures),
            "slow": slow, "cpu_seconds": round(time.process_time() - started, 1)}


def _keep(examples: Path, what: str, n: int, data: bytes, name: str, url: str | None, trace: str) -> None:
    """The first few examples of each failure, to replay: the input bytes and a note."""
    slug = re.sub(r"\W+", "-", what).strip("-")[:60]
    if len(list(examples.glob(f"{slug}-*.json"))) >= 5:
        return
    (examples / f"{slug}-{n}{Path(name).suffix}").write_bytes(data)
    (examples / f"{slug}-{n}.json").write_text(json.dumps({"what": what, "name": name, "url": url, "trace": trace}, indent=1), encoding="utf-8")


def violation_count(violations: dict) -> int:
    """Invariant violations, the documented exception (Unicode NFC) left out."""
    return sum(n for what, n in violations.items() if "documented exception" not in what)


def report(result: dict) -> str:
    unexpected = sum(v for k, v in result["outcomes"].items() if k.startswith("unexpected"))
    lines = [
        f"Fuzz run: {result['count']:,} inputs (seed {result['seed']}), {result['cpu_seconds']:,} CPU s; "
        f"{unexpected:,} unexpected exceptions, {violation_count(result['violations']):,} invariant violations, {result['slow']:,} slower than the limit.",
        "", "| input kind | inputs |", "|---|---:|",
        *[f"| {kind} | {n:,} |" for kind, n in sorted(result["by_kind"].items())],
        "", "| outcome | inputs |", "|---|---:|",
        *[f"| {outcome} | {n:,} |" for outcome, n in sorted(result["outcomes"].items())],
    ]
    if result["violations"]:
        lines += ["", "| invariant violation | inputs |", "|---|---:|", *[f"| {v} | {n:,} |" for v, n in sorted(result["violations"].items())]]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--kinds", default=",".join(KINDS), help=f"comma-separated, from {', '.join(KINDS)}")
    parser.add_argument("--doc-seconds", type=float, default=20.0, help="a document slower than this is counted as slow")
    parser.add_argument("--examples", type=Path, default=Path("/tmp/cleaner-fuzz-examples"))
    parser.add_argument("--report", type=Path, help="write the counts here (Markdown) as well as to stdout")
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args()
    result = run(args.count, args.seed, tuple(args.kinds.split(",")), args.doc_seconds, args.examples, not args.quiet)
    text = report(result)
    print(text)
    print(json.dumps(result))
    if args.report:
        args.report.write_text(f"`python bench/fuzz.py --count {args.count} --seed {args.seed}`\n\n" + text, encoding="utf-8")


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
