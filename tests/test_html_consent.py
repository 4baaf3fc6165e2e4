"""Cookie and consent banners (cleaner/html/consent.py): the extracted lines inside an element whose
id or class says cookie, consent, gdpr or names a consent manager are removed, on pages of every
type; a cookie policy's own page keeps its text."""

from __future__ import annotations

from cleaner.html import consent
from cleaner.html.tree import parse
from cleaner.model import Fate, Kind, Line

POSTS = [
    "Not sure if this is the right place for this question, but does anyone know what the two ports on the back of the case are for?",
    "I heard from one of the moderators that the rear one is for an external connection to the lighting hub, the bottom one for the fans.",
]
PREFERENCES = [
    "Privacy Preference Center",
    "When you visit any website, it may store or retrieve information on your browser, mostly in the form of cookies.",
    "Manage Consent Preferences",
    "These technologies are necessary for the website to function and cannot be switched off in our systems.",
    "Accept All",
]
THREAD = (
    "<!DOCTYPE html><html><head><title>New case: what are these ports for? - Hardware Forum</title></head><body>"
    "<header><nav><a href='/'>Forums</a> <a href='/login'>Sign in</a></nav></header>"
    "<main><h1>New case: what are these ports for?</h1>"
    + "".join(f"<article class='post' id='post-{n}'><div class='author'>member{n}</div><div class='post-body'><p>{text}</p></div></article>" for n, text in enumerate(POSTS))
    + "</main>"
    "<div id='onetrust-consent-sdk'><div id='onetrust-pc-sdk' class='otPcCenter' role='dialog'>"
    f"<h2 id='ot-pc-title'>{PREFERENCES[0]}</h2><div id='ot-pc-desc'>{PREFERENCES[1]}</div>"
    f"<h3 id='ot-category-title'>{PREFERENCES[2]}</h3><p class='ot-category-desc'>{PREFERENCES[3]}</p>"
    f"<button id='accept-recommended-btn-handler'>{PREFERENCES[4]}</button></div></div>"
    "<div class='site-cookie-banner'><p>We use cookies to improve your experience. By using this site you agree to our use of cookies.</p></div>"
    "<footer><p>Hardware Forum. Terms and rules.</p></footer></body></html>"
)


def line(text: str, number: int = 1) -> Line:
    return Line(number=number, text=text, content=text, kind=Kind.PARAGRAPH, kind_hint=True)


def test_the_consent_managers_lines_go_the_posts_stay():
    tree = parse(THREAD)
    banner = "We use cookies to improve your experience. By using this site you agree to our use of cookies."
    lines = [line(text, n) for n, text in enumerate([*PREFERENCES[:4], *POSTS, banner])]
    assert consent.remove_consent(lines, tree) == 5
    assert [l.content for l in lines if l.kept] == POSTS
    assert all(l.rule == consent.RULE for l in lines if l.fate is Fate.REMOVED)


def test_tokens_not_substrings():
    """'cmp-text' (Adobe's core components), 'sticky-header', 'cookiecutter-docs': no banner."""
    html = ("<html><body><div class='cmp-text'><p>Our services for small businesses.</p></div>"
            "<div class='sticky-header'><p>Menu</p></div><div id='cookiecutter-docs'><p>Project templates.</p></div>"
            "<div class='gdpr-notice'><p>We value your privacy.</p></div></body></html>")
    found = consent.banner_elements(parse(html))
    assert [e.get("class") for e in found] == ["gdpr-notice"]


def test_a_cookie_policy_page_keeps_its_text():
    text = "This policy explains which cookies we set, why we set them and how you can refuse them in your browser."
    html = f"<html><body><div class='cookie-policy'><h1>Cookie policy</h1><p>{text}</p></div></body></html>"
    lines = [line("Cookie policy"), line(text, 2)]
    assert consent.remove_consent(lines, parse(html)) == 0
    assert all(l.kept for l in lines)


def test_nothing_is_searched_when_no_line_speaks_of_cookies():
    lines = [line(text, n) for n, text in enumerate(POSTS)]
    assert consent.remove_consent(lines, parse(THREAD)) == 0


def test_a_text_that_was_all_banner_gives_way_to_resiliparses_body():
    """trafilatura's text is the preference centre alone (WCXB dev: a Corsair forum thread): with the
    banner gone nothing is left, a scrap of nothing, and resiliparse's blocks are the body."""
    from unittest import mock

    from cleaner.html import fallback, page

    long_posts = [f"{text} {text}" for text in POSTS] * 3  # enough words for a body
    html = THREAD.replace("".join(f"<article class='post' id='post-{n}'><div class='author'>member{n}</div><div class='post-body'><p>{text}</p></div></article>" for n, text in enumerate(POSTS)),
                          "".join(f"<article class='post' id='post-{n}'><div class='post-body'><p>{text}</p></div></article>" for n, text in enumerate(long_posts)))
    tree = page.parse(html)
    with mock.patch.object(fallback, "_lines", return_value=[line(text, n) for n, text in enumerate(PREFERENCES[:4])]):
        extracted = fallback.extract(tree, html, "https://forum.example.com/topic/188682-new-case/", "forum")
    assert extracted.extractor == "resiliparse"
    kept = "\n".join(l.content for l in extracted.lines if l.kept)
    assert POSTS[0] in kept and "Preference Center" not in kept
