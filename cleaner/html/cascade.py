"""trafilatura's cascade as cleaner runs it: the stages and rules of trafilatura 2.3.1's
``trafilatura_sequence``, with the work skipped whose result is known beforehand.

trafilatura's cascade (``trafilatura.core.trafilatura_sequence``): prune the raw tree; clean and
convert a copy; its main extractor; the comparison with readability and jusText; the baseline rescue
for a short text; and the recall escalation, where the text is short and covers little of the page:
its extraction re-run in recall mode beside a jusText candidate, the longer kept by its rules. On the
WCXB dev split the escalation runs on 13% of the pages and takes a third of cleaner's CPU time there.

``sequence`` is that function, line for line, with these steps cut short:

1. The readability comparison (compare_bound.own_text_stands) is decided before the raw tree is
   copied for readability: trafilatura copies the whole tree for it, then the shortcut throws the
   copy away, on 6 pages in 10.
2. The escalation's page measure: on every page whose text is under 3,000 characters trafilatura
   measures the page's text (``html2txt``: a copy of the tree, cleaned of scripts, styles, asides,
   footers and consent banners by an XPath that tests every element's class and id, its text spaced at
   block boundaries) to see whether the text is under a fifth of it. ``page_text_bound`` is an upper
   bound of that measure from the tree as it is, without the copy and the cleaning: the body's text
   without scripts and styles, spaces collapsed (what html2txt's cleaning removes can only shorten
   it), plus two characters per block element (html2txt puts a space before each block's text and
   after it). Where the text is a fifth of the bound already, the escalation cannot run, and the page
   is not measured.

3. readability in the escalation's re-run: the recall re-run compares its text with readability's
   on a copy of the same raw tree as the first pass did (the tree is not changed in between: the
   baseline rescue and the page measure work on copies), so readability's result is the first
   pass's. The first pass keeps a copy of it (``_Readability``), and the re-run gets a copy of that
   instead of running readability again: on the WCXB dev split 93 of the 102 re-runs of the first
   120 escalated pages, about 7 ms each. Only where the re-run's tree is the first pass's (not on a
   page with comments that is no forum, whose re-run gets a pruned copy) and the first pass read the
   raw tree as it is (not in precision mode, which prunes readability's copy first). Replayed, readability
   reads no tree, and the re-run's raw tree is not copied for it.

4. The escalation's re-run cleans the tree again: ``_prepare_tree`` copies the raw tree, cleans the
   copy (``tree_cleaning``) and copies the cleaned tree (its backup, jusText's input) before
   converting its tags. The first pass cleaned a copy of the same raw tree with the same options but
   the focus, and tree_cleaning reads the focus in one place only: in recall mode, where deleting
   the elements of its list leaves no paragraph of the tree's, it undoes the deletions. Where the
   first pass's cleaned tree holds a paragraph, the deletions had left one (what comes after them,
   the forms and the empty elements, only deletes and renames forms), so the re-run's cleaning gives
   the first pass's tree: the re-run gets a copy of it, converted, and the first pass's cleaned tree
   itself as its backup (``_Cleaned``), instead of cleaning a copy of the raw tree again: 196 of the
   398 re-runs on the WCXB dev pages in article and forum settings (a page with comments that is no
   forum re-runs on a pruned copy and cleans it). For that the first pass's backup is kept as it was:
   jusText in the first pass's comparison (basic_cleaning prunes its input) reads a copy of it, and
   the comparison in the re-run, whose jusText would read the same tree with the same options (its
   URL and language: jusText reads nothing else), gets a copy of the first pass's jusText result.

All give trafilatura's own result (tests/test_html_cascade.py compares them on pages of every kind).
The copy runs only where ``installed`` says the installed trafilatura's function is the one copied
(its source's digest); with any other version trafilatura runs its own cascade.
"""

from __future__ import annotations

import hashlib
import inspect
import contextvars
from copy import copy
from typing import Any

from lxml import etree

from . import compare_bound

try:
    import trafilatura.core as _core
    import trafilatura.external as _external
    import trafilatura.htmlprocessing as _processing
except ImportError:  # pragma: no cover - trafilatura is a dependency
    _core = _external = _processing = None  # type: ignore[assignment]

# sha256 of inspect.getsource of the functions this module copies or relies on, trafilatura 2.3.1
COPIED = {
    "trafilatura_sequence": "f03dc4d2946dacbd",
    "_extract_and_compare": "f7d056c2118222e8",
    "_recall_retry": "59594c39714f57be",
    "_prepare_tree": "9595f0642825c2c7",
}
# trafilatura.external's functions whose calls steps 3 and 4 rely on (readability's and jusText's
# caller, readability, jusText)
EXTERNAL = {
    "compare_extraction": "2d3d1ffea3ba469f",
    "try_readability": "538e3c8e5ab7e4d4",
    "justext_rescue": "43d803082a76d38a",
    "try_justext": "6f0fa6cffc365def",
}
# trafilatura.htmlprocessing's cleaning, which step 4 relies on (the focus read in one place only)
PROCESSING = {
    "tree_cleaning": "828e83a7393082de",
    "prune_html": "ce327c5260aedd21",
    "_handle_forms": "dea817f4a63f08c7",
}
# trafilatura.baseline._BLOCK_ELEMS: the elements html2txt spaces
BLOCK_TAGS = (
    "address article aside blockquote br dd div dl dt figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre "
    "section summary table td th tr ul"
).split()
BODY_TEXT = etree.XPath(".//text()[not(parent::script or parent::style)]", smart_strings=False)


def page_text_bound(tree: Any) -> int:
    """An upper bound on ``len(trafilatura.baseline.html2txt(tree))`` (module docstring, step 2)."""
    body = tree.find(".//body")
    if body is None:
        body = tree
    text = compare_bound.text_without(body, ("script", "style"))  # "".join(BODY_TEXT(body))
    return len(" ".join(text.split())) + 2 * sum(1 for _ in body.iter(*BLOCK_TAGS))


def _extract_and_compare(cleaned_tree: Any, cleaned_tree_backup: Any, tree: Any, options: Any) -> tuple[Any, str]:
    """trafilatura's stages 1-2; the raw tree copied for readability only where readability runs."""
    postbody, temp_text = _core.extract_content(cleaned_tree, options)
    if not options.fast and not compare_bound.own_text_stands(tree, postbody, temp_text, options):
        postbody, temp_text = compare_bound.trafilatura_compare(cleaned_tree_backup, copy(tree), postbody, temp_text, options)
    return postbody, temp_text


def _escalates(temp_text: str, tree: Any, options: Any) -> bool:
    """trafilatura's escalation test; the page measured only where the bound leaves it open."""
    length = len(temp_text)
    if options.focus != "balanced" or not 0 < length < _core.ESCALATION_MAX_LENGTH:
        return False
    share = _core.ESCALATION_PAGE_SHARE
    if length >= share * page_text_bound(tree):
        return False
    return length < share * len(_core.html2txt(tree))


class _Readability:
    """readability's summary in the first pass, for the escalation's re-run on the same tree (step 3)."""

    __slots__ = ("replaying", "summary")

    def __init__(self) -> None:
        self.replaying = False
        self.summary: str | Exception | None = None

    def __call__(self, htmlinput: Any) -> Any:
        """trafilatura 2.3.1's ``try_readability``; its summary the first pass's when replaying."""
        summary = self.summary if self.replaying else None
        if summary is None:
            try:
                summary = _external.ReadabilityDocument(htmlinput, min_text_length=25).summary()
            except Exception as err:  # as trafilatura: readability failing gives an empty element
                summary = err
            if not self.replaying:
                self.summary = summary
        if isinstance(summary, Exception):
            _external.LOGGER.warning("readability_lxml failed: %s", summary)
            return _external.HtmlElement()
        # force conversion to utf-8 (see #319), as trafilatura
        parsed = _external.fromstring_bytes(summary)
        return parsed if parsed is not None else _external.HtmlElement()


_readability: contextvars.ContextVar[_Readability | None] = contextvars.ContextVar("cleaner_readability", default=None)


class _Cleaned:
    """The first pass's cleaned tree before its conversion (trafilatura's backup), kept as it was for
    the escalation's re-run, and jusText's result on it (step 4)."""

    __slots__ = ("tree", "justext")

    def __init__(self, tree: Any) -> None:
        self.tree = tree
        self.justext: tuple[Any, str] | None = None

    def rescue(self, options: Any) -> tuple[Any, str]:
        """``justext_rescue(self.tree, options)``, the tree left as it was."""
        if self.justext is None:
            body, text = _justext_rescue(copy(self.tree), options)
            self.justext = (copy(body), text)
            return body, text
        body, text = self.justext
        return copy(body), text

    def recleans_the_same(self) -> bool:
        """Whether tree_cleaning in recall mode gives this tree (step 4): a paragraph in it."""
        return self.tree.find(".//p") is not None


_cleaned: contextvars.ContextVar[_Cleaned | None] = contextvars.ContextVar("cleaner_cleaned", default=None)


def _justext_call(tree: Any, options: Any) -> tuple[Any, str]:
    memo = _cleaned.get()
    if memo is None or tree is not memo.tree:
        return _justext_rescue(tree, options)
    return memo.rescue(options)


def _recall_retry(cleaned: _Cleaned | None, memo: _Readability | None, esc_tree: Any, r_options: Any, url: str | None) -> tuple[Any, str]:
    """trafilatura's ``_recall_retry`` (``_extract_and_compare(*_prepare_tree(esc_tree, ...), esc_tree,
    ...)``): its cleaning the first pass's where that is the same (step 4), and the raw tree not
    copied for readability where readability's summary is the first pass's (step 3)."""
    if cleaned is not None and cleaned.recleans_the_same():
        converted, backup = _core.convert_tags(copy(cleaned.tree), r_options, url), cleaned.tree
    else:
        converted, backup = _core._prepare_tree(esc_tree, r_options, url)
    postbody, temp_text = _core.extract_content(converted, r_options)
    if not r_options.fast:
        replayed = memo is not None and memo.replaying and memo.summary is not None  # readability reads no tree
        raw_tree = esc_tree if replayed else copy(esc_tree)
        postbody, temp_text = _core.compare_extraction(backup, raw_tree, postbody, temp_text, r_options)
    return postbody, temp_text


def _readability_call(htmlinput: Any) -> Any:
    memo = _readability.get()
    return _try_readability(htmlinput) if memo is None else memo(htmlinput)


def sequence(tree: Any, options: Any, url: str | None = None) -> tuple[Any, str, Any, str]:
    """trafilatura 2.3.1's ``trafilatura_sequence`` (its comments kept), with the steps of the module
    docstring; the same result."""
    c = _core
    is_forum = c._forum_thread_page(tree)
    tree = c.prune_unwanted_nodes(tree, c.RAW_TREE_PRUNE_XPATH)
    if not options.comments and (options.focus == "precision" or not is_forum):
        tree = c.prune_unwanted_nodes(tree, c.REMOVE_COMMENTS_AND_LISTS_XPATH)
    cleaned_tree, cleaned_tree_backup = c._prepare_tree(tree, options, url)

    commentsbody, temp_comments = c.Element("body"), ""
    forum_posts = None
    if options.comments:
        commentsbody, temp_comments, cleaned_tree = c.extract_comments(cleaned_tree, options)
        if temp_comments and is_forum:
            # thread-forum: the "comments" are the posts -> route into the body
            forum_posts = commentsbody
            commentsbody, temp_comments = c.Element("body"), ""
            cleaned_tree = c.convert_tags(copy(cleaned_tree_backup), options, url)
    if options.focus == "precision" and not is_forum:
        cleaned_tree = c.prune_unwanted_nodes(cleaned_tree, c.REMOVE_COMMENTS_XPATH)

    memo = _Readability() if options.focus != "precision" else None  # step 3: precision prunes readability's copy
    cleaned = _Cleaned(cleaned_tree_backup) if options.focus == "balanced" else None  # step 4: only balanced escalates
    token, token_cleaned = _readability.set(memo), _cleaned.set(cleaned)
    try:
        postbody, temp_text = _extract_and_compare(cleaned_tree, cleaned_tree_backup, tree, options)  # step 1
    finally:
        _readability.reset(token)
        _cleaned.reset(token_cleaned)

    # 3. rescue: baseline on the original tree, accepted only if it adds text
    if len(temp_text) < options.min_extracted_size and options.focus != "precision":
        b_body, b_text, b_len = c.baseline(tree)
        if b_len > len(temp_text):
            postbody, temp_text = b_body, b_text
            forum_posts = None

    # 4. recall escalation: a short extraction covering little of the page
    if _escalates(temp_text, tree, options):  # step 2
        r_options = copy(options)
        r_options.focus = "recall"
        esc_tree = (
            tree
            if is_forum or not options.comments
            else c.prune_unwanted_nodes(copy(tree), c.REMOVE_COMMENTS_AND_LISTS_XPATH if temp_comments else c.REMOVE_COMMENTS_XPATH)
        )
        r_text = ""
        if memo is not None:
            memo.replaying = esc_tree is tree  # step 3: the first pass's readability, on the same tree
        same_tree = esc_tree is tree
        token, token_cleaned = _readability.set(memo if same_tree else None), _cleaned.set(cleaned if same_tree else None)
        try:
            r_body, r_text = _recall_retry(cleaned if same_tree else None, memo if same_tree else None, esc_tree, r_options, url)
        except Exception:  # pragma: no cover - as trafilatura: a failed retry is no candidate
            pass
        finally:
            _readability.reset(token)
            _cleaned.reset(token_cleaned)
        j_text = ""
        if not options.fast:
            try:
                j_body, j_text = c.justext_rescue(copy(esc_tree), options)
            except Exception:  # pragma: no cover
                pass
        len_text, r_len, j_len = len(temp_text), len(r_text), len(j_text)
        if j_len > r_len and j_len > c.ESCALATION_JUSTEXT_RATIO * len_text:
            postbody, temp_text, forum_posts = j_body, j_text, None
        elif r_len >= options.min_extracted_size and r_len > c.ESCALATION_ACCEPT_RATIO * len_text:
            postbody, temp_text, forum_posts = r_body, r_text, None

    if forum_posts is not None:
        existing = "\n".join(filter(None, (c._elem_text(el) for el in postbody)))
        salvaged = [el for el in forum_posts if (t := c._elem_text(el)) and t not in existing]
        if salvaged:
            postbody.extend(salvaged)
            temp_text = " ".join(postbody.itertext()).strip()

    return postbody, temp_text, commentsbody, temp_comments


def _digest(function: Any) -> str:
    return hashlib.sha256(inspect.getsource(function).encode()).hexdigest()[:16]


def _installable() -> bool:
    if _core is None or not compare_bound.installed:
        return False
    try:
        return (
            all(_digest(getattr(_core, name)) == digest for name, digest in COPIED.items())
            and all(_digest(getattr(_external, name)) == digest for name, digest in EXTERNAL.items())
            and all(_digest(getattr(_processing, name)) == digest for name, digest in PROCESSING.items())
            and _core.tree_cleaning is _processing.tree_cleaning
            and _core.convert_tags is _processing.convert_tags
        )
    except (AttributeError, OSError, TypeError):
        return False


def _sequence(tree: Any, options: Any, url: str | None = None) -> tuple[Any, str, Any, str]:
    if compare_bound.is_active():
        return sequence(tree, options, url)
    return _original(tree, options, url)


installed = _installable()
if installed:
    _original = _core.trafilatura_sequence
    _core.trafilatura_sequence = _sequence
    _try_readability = _external.try_readability
    _external.try_readability = _readability_call  # step 3; outside sequence, readability itself
    _justext_rescue = _external.justext_rescue
    _external.justext_rescue = _justext_call  # step 4, the comparison's jusText; outside sequence, jusText itself
