"""cleaner/html/cascade.py: trafilatura's cascade with work skipped where its result is known
beforehand; the same result as trafilatura's own ``trafilatura_sequence``."""

from __future__ import annotations

import gzip
from copy import copy
from pathlib import Path
from unittest import mock

import pytest
import trafilatura
from trafilatura.baseline import html2txt
import trafilatura.core
from lxml import etree

from cleaner.html import cascade, compare_bound, fallback, page

pytestmark = pytest.mark.skipif(not cascade.installed, reason="another trafilatura version: its own cascade runs")

WCXB = Path(__file__).resolve().parent.parent.parent / "shared" / "bench" / "wcxb-dev"
SENTENCE = "The harbour board approved the dredging budget on Tuesday after a long and heated debate. "
ARTICLE = "".join(f"<p>Paragraph {n}. {SENTENCE * 3}</p>" for n in range(8))
MENU = "".join(f"<li><a href='/s/{n}'>Section {n}</a></li>" for n in range(40))
BIG_MENU = "<nav><ul>" + "".join(f"<li><a href='/t/{n}'>Topic number {n}</a></li>" for n in range(200)) + "</ul></nav>"
TEASERS = "".join(f"<div class='card'><h3><a href='/p/{n}'>Product {n}</a></h3><span>Only $1{n}.99</span></div>" for n in range(30))


def html_page(main: str, extra: str = "") -> str:
    return (
        "<html><head><title>Dredging</title><style>p { color: red; }</style><script>var t = 'tracking';</script></head>"
        f"<body><nav><ul>{MENU}</ul></nav><main>{main}</main>{extra}<aside><p>{SENTENCE}</p></aside>"
        "<footer><p>Copyright The Daily Example. All rights reserved.</p></footer></body></html>"
    )


PAGES = [
    html_page(f"<article><h1>Dredging</h1>{ARTICLE}</article>"),  # a long article: no escalation
    html_page(f"<p>{SENTENCE}</p>", TEASERS),  # a short text on a long page: the baseline rescue
    html_page(f"<p>{SENTENCE * 3}</p>", BIG_MENU),  # a short text beside a long menu: the escalation runs
    html_page(f"<div>{SENTENCE * 2}<br>{SENTENCE}</div>"),  # text in a div, no paragraph: readability runs
    html_page("<table><tr><td>a</td><td>b</td></tr></table>" * 5 + f"<p>{SENTENCE}</p>"),
    "<html><body><div><p>Only a short paragraph here.</p></div></body></html>",
    f"<div><p>{SENTENCE * 4}</p><p>{SENTENCE}</p></div>",  # a fragment without <body>
]


def trafilatura_result(tree, options, url=None) -> tuple[str, str]:
    """(body serialised, text) of trafilatura's own cascade on a copy of ``tree``."""
    body, text, _, _ = cascade._original(copy(tree), options, url)
    return etree.tostring(body, encoding="unicode"), text


def our_result(tree, options, url=None) -> tuple[str, str]:
    with compare_bound.active():
        body, text, _, _ = cascade.sequence(copy(tree), options, url)
    return etree.tostring(body, encoding="unicode"), text


@pytest.mark.parametrize("html", PAGES)
@pytest.mark.parametrize("page_type", ["article", "forum"])  # forum: comments on
def test_the_same_result_as_trafilatura_s_cascade(html, page_type):
    tree = page.parse(html)
    options = copy(fallback.settings_for(page_type))
    assert our_result(tree, options) == trafilatura_result(tree, options)


@pytest.mark.parametrize("html", [*PAGES, "<html><body>a<div>b</div>c<p>d<br>e</p><svg><text>f</text></svg></body></html>"])
def test_the_page_bound_is_at_least_html2txt_s_length(html):
    tree = page.parse(html)
    assert len(html2txt(tree)) <= cascade.page_text_bound(tree)


def test_the_bound_counts_the_body_s_text_without_scripts_and_styles_and_two_per_block():
    tree = page.parse("<html><head><title>T</title></head><body><script>var x;</script><p>Two   words</p><style>p{}</style>x</body></html>")
    assert cascade.page_text_bound(tree) == len("Two wordsx") + 2  # the tail "x" follows the style element


def test_a_long_text_skips_the_page_measure_and_a_short_one_is_measured():
    spy = mock.patch.object(trafilatura.core, "html2txt", wraps=trafilatura.core.html2txt)
    options = fallback.settings_for("article")
    with spy as measured:  # 2,000 characters of text on a page of not much more: no measure
        tree = page.parse(html_page("".join(f"<p>{SENTENCE * 2}</p>" for _ in range(11))))
        our_result(tree, options)
    assert measured.call_count == 0
    with spy as measured:  # three sentences beside a menu of 200 links: measured, then escalated
        tree = page.parse(html_page(f"<p>{SENTENCE * 3}</p>", BIG_MENU))
        our_result(tree, options)
    assert measured.call_count == 1


def test_readability_s_copy_is_made_only_where_readability_runs():
    tree = page.parse(html_page(f"<article><h1>Dredging</h1>{ARTICLE}</article>"))
    with mock.patch.object(compare_bound, "trafilatura_compare") as compared:
        our_result(tree, fallback.settings_for("article"))
    assert compared.call_count == 0


def test_trafilatura_s_calls_outside_cleaner_run_its_own_cascade():
    with mock.patch.object(cascade, "sequence", side_effect=AssertionError("cleaner's cascade")):
        assert trafilatura.extract(html_page(ARTICLE)).startswith("Paragraph 0.")


def test_another_version_of_the_copied_function_is_not_replaced():
    with mock.patch.dict(cascade.COPIED, {"trafilatura_sequence": "0" * 16}):
        assert not cascade._installable()


def test_the_same_result_on_real_pages():
    paths = sorted((WCXB / "html").glob("*.html.gz"))[::150]
    if not paths:
        pytest.skip("../shared/bench/wcxb-dev is absent")
    from cleaner.html.detect import decode_html

    for path in paths:
        tree = page.parse(decode_html(gzip.decompress(path.read_bytes())).text)
        for page_type in ("article", "forum"):
            options = copy(fallback.settings_for(page_type))
            assert our_result(tree, options) == trafilatura_result(tree, options), path.name


def test_the_escalation_s_re_run_reuses_the_first_pass_s_readability():
    """Three sentences beside a long menu: the first pass and the recall re-run both compare with
    readability on the same raw tree; readability runs once, and the result is trafilatura's."""
    import trafilatura.external

    tree = page.parse(html_page(f"<p>{SENTENCE * 3}</p>", BIG_MENU))
    options = copy(fallback.settings_for("article"))
    spy = mock.patch.object(trafilatura.external, "ReadabilityDocument", wraps=trafilatura.external.ReadabilityDocument)
    recall = mock.patch.object(cascade, "_recall_retry", wraps=cascade._recall_retry)
    with spy as readability, recall as retried:
        ours = our_result(tree, options)
    assert retried.call_count == 1 and readability.call_count == 1
    with spy as readability:
        theirs = trafilatura_result(tree, options)
    assert readability.call_count == 2  # trafilatura's own cascade runs it twice
    assert ours == theirs


def test_a_failing_readability_fails_again_in_the_re_run():
    tree = page.parse(html_page(f"<p>{SENTENCE * 3}</p>", BIG_MENU))
    options = copy(fallback.settings_for("article"))
    import trafilatura.external

    with mock.patch.object(trafilatura.external, "ReadabilityDocument", side_effect=ValueError("broken")):
        assert our_result(tree, options) == trafilatura_result(tree, options)


def test_readability_outside_cleaner_s_cascade_is_trafilatura_s():
    import trafilatura.external

    tree = page.parse(html_page(ARTICLE))
    assert cascade._readability.get() is None
    assert etree.tostring(trafilatura.external.try_readability(copy(tree))) == etree.tostring(cascade._try_readability(copy(tree)))


def _count_calls(module, name):
    return mock.patch.object(module, name, wraps=getattr(module, name))


def test_the_re_run_reuses_the_first_pass_s_cleaned_tree_where_it_holds_a_paragraph():
    """Three sentences beside a long menu: the recall re-run's cleaning would give the first pass's
    cleaned tree (a paragraph is left), so the raw tree is cleaned once; the result is trafilatura's."""
    tree = page.parse(html_page(f"<p>{SENTENCE * 3}</p>", BIG_MENU))
    options = copy(fallback.settings_for("article"))
    with _count_calls(trafilatura.core, "tree_cleaning") as cleaning, _count_calls(trafilatura.core, "_recall_retry") as theirs:
        ours = our_result(tree, options)
    assert cleaning.call_count == 1 and theirs.call_count == 0
    with _count_calls(trafilatura.core, "tree_cleaning") as cleaning:
        assert ours == trafilatura_result(tree, options)
    assert cleaning.call_count == 2


# the first pass's cleaning deletes every paragraph (the aside's and the footer's): in recall mode
# trafilatura undoes the deletions, so the re-run cleans the raw tree itself
NO_PARAGRAPH_LEFT = html_page(f"<div>{SENTENCE * 3}</div>", BIG_MENU)


def test_the_re_run_cleans_again_where_the_first_pass_s_cleaning_left_no_paragraph():
    tree = page.parse(NO_PARAGRAPH_LEFT)
    options = copy(fallback.settings_for("article"))
    with _count_calls(trafilatura.core, "tree_cleaning") as cleaning, _count_calls(cascade, "_recall_retry") as retried:
        ours = our_result(tree, options)
    assert retried.call_count == 1 and cleaning.call_count == 2
    assert ours == trafilatura_result(tree, options)


def test_the_re_run_copies_the_raw_tree_for_readability_only_where_readability_runs_again():
    """The re-run's readability summary is the first pass's: its raw tree is not copied for it (one
    copy less than trafilatura's _extract_and_compare makes), and the result is trafilatura's."""
    tree = page.parse(html_page(f"<p>{SENTENCE * 3}</p>", BIG_MENU))
    options = copy(fallback.settings_for("article"))
    raw = copy(tree)
    with _count_calls(cascade, "copy") as copies, _count_calls(cascade, "_recall_retry") as retried, compare_bound.active():
        body, text, _, _ = cascade.sequence(raw, options)
    assert retried.call_count == 1
    # the first pass's copy for readability and the escalation's jusText's; none for the re-run
    assert sum(1 for call in copies.call_args_list if call.args[0] is raw) == 2
    assert (etree.tostring(body, encoding="unicode"), text) == trafilatura_result(tree, options)


def test_the_comparison_s_jus_text_on_the_cleaned_tree_runs_once_for_both_passes():
    """Two sentences beside a long menu: the first pass's comparison and the re-run's both run
    jusText on the same cleaned tree (the text is short); it runs once, on a copy, and the tree is
    left as it was for the re-run; the escalation's own jusText reads the raw tree. The result is
    trafilatura's, which runs jusText three times."""
    import trafilatura.external

    tree = page.parse(html_page(f"<p>{SENTENCE * 2}</p>", BIG_MENU))
    options = copy(fallback.settings_for("article"))
    with _count_calls(trafilatura.external, "try_justext") as justext, _count_calls(trafilatura.core, "tree_cleaning") as cleaning:
        ours = our_result(tree, options)
    assert justext.call_count == 2 and cleaning.call_count == 1
    with _count_calls(trafilatura.external, "try_justext") as justext:
        assert ours == trafilatura_result(tree, options)
    assert justext.call_count == 3


def test_jus_text_outside_cleaner_s_cascade_is_trafilatura_s():
    import trafilatura.external

    tree = page.parse(html_page(f"<p>{SENTENCE * 2}</p>", BIG_MENU))
    assert trafilatura.external.justext_rescue is cascade._justext_call
    body, text = trafilatura.external.justext_rescue(copy(tree), fallback.settings_for("article"))
    assert (etree.tostring(body), text) == tuple(
        (etree.tostring(b), t) for b, t in [cascade._justext_rescue(copy(tree), fallback.settings_for("article"))]
    )[0]


PAGES_STEP_4 = [
    html_page(f"<p>{SENTENCE * 2}</p>", BIG_MENU),
    html_page(f"<p>{SENTENCE * 3}</p><figure>x</figure>", BIG_MENU),
    html_page(f"<p>{SENTENCE * 3}</p><div><p>more <button>b</button></p></div>", BIG_MENU),
    NO_PARAGRAPH_LEFT,
    "<html><body>" + BIG_MENU + f"<div>{SENTENCE * 3}</div><aside><p>{SENTENCE}</p></aside></body></html>",
]


@pytest.mark.parametrize("html", PAGES_STEP_4)
@pytest.mark.parametrize("page_type", ["article", "forum"])
def test_escalated_pages_give_trafilatura_s_result(html, page_type):
    tree = page.parse(html)
    options = copy(fallback.settings_for(page_type))
    assert our_result(tree, options) == trafilatura_result(tree, options)
