"""The record's ``id``: a stable key for a search index, the same for the same document on every run.

From the page's URL when the record has one, normalised so that the spellings of one address give one
id: scheme and host in lower case, ``http`` taken as ``https``, a leading ``www.`` and the default port
dropped, no fragment, no trailing slash, percent-escapes in one form, and the query sorted without
tracking parameters (``utm_*``, ``fbclid``, ``gclid``, ...: courlan's list, the URL library trafilatura
uses). A URL that names no page (no host, or only ``/``: a bad ``canonical`` pointing at the home page)
is not used, since every page of that site would get the same id.

Without a URL the id comes from the ``source`` (``dump.jsonl#17``, ``seeds/000.txt``; ``./a//b.txt``
written as ``a/b.txt``), which names one document of one input, so two records of one file never share
an id. Where the source names a record by its ``--id-field`` value (``export.jsonl#a``), the record's
position in the file is added, since an export may repeat a value. Standard input is no name at all:
``-#1`` is another document in every run, so there the id comes from the document's own bytes (the
same content piped again gets the same id, other content another). The id is 32 hex digits of a BLAKE2b hash of the normalised key, prefixed by its kind, so a URL
and a source can never give the same id.
"""

from __future__ import annotations

import hashlib
import os
from urllib.parse import quote, unquote, urlsplit, urlunsplit

from courlan.clean import clean_query

DEFAULT_PORTS = {"http": 80, "https": 443}
PATH_SAFE = "/:@!$&'()*+,;=~-._"  # characters a path may carry unescaped (RFC 3986 pchar)


def document_id(url: str | None, source: str, position: int | None = None, content: bytes | None = None) -> str:
    """The record id: from the normalised URL when it names a page, else from the source (with the
    ``position`` of a record the source names otherwise), or for stdin from ``content``, the input bytes."""
    key = normalise_url(url) if url else None
    if key:
        key = "url:" + key
    elif content is not None and is_stdin(source):
        key = "stdin:" + hashlib.blake2b(content, digest_size=16).hexdigest()
    else:
        key = "source:" + normalise_source(source)
        if position is not None and not source.endswith(f"#{position}"):
            key += f"@{position}"
    return hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def is_stdin(source: str) -> bool:
    return source == "-" or source.startswith("-#")


def normalise_url(url: str) -> str | None:
    """The URL in one spelling, or None when it does not name a page (no host, or the bare site)."""
    url = url.strip()
    if "://" not in url and not url.startswith("//"):
        url = "//" + url  # 'kompas.com/read/...' as scrapers often store it
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:  # a port that is not a number, a broken IPv6 host
        return None
    host = (parts.hostname or "").removeprefix("www.")
    if not host:
        return None
    scheme = "https" if parts.scheme.lower() in ("http", "https", "") else parts.scheme.lower()
    if port is not None and port != DEFAULT_PORTS.get(parts.scheme.lower()):
        host = f"{host}:{port}"
    path = quote(unquote(parts.path), safe=PATH_SAFE, errors="surrogatepass").rstrip("/")
    query = clean_query(parts.query) if parts.query else ""
    if not path and not query:
        return None
    return urlunsplit((scheme, host, path or "/", query, ""))


def normalise_source(source: str) -> str:
    """The source with its file part written plainly (``./a//b.txt#3`` -> ``a/b.txt#3``)."""
    path, hash_, record = source.partition("#")
    if path and path != "-":
        path = os.path.normpath(path)
    return path + hash_ + record
