"""cleaner: turn scraped news pages (text dumps or HTML) into clean article records.

    >>> from cleaner import Cleaner
    >>> record = Cleaner().clean_text(open("seeds/000_0c98a8402e2ef22b.txt").read(), source="000")
    >>> record["site"], record["author"]
    ('kompas', 'Irawan Sapto Adhi')
"""

from pathlib import Path


def _stale_compiled_modules(package: Path = Path(__file__).resolve().parent) -> list[str]:
    """In a source checkout built with `make compile`: the sources changed since they were compiled
    (their C extensions, which Python imports in preference to the .py, would run the old code)."""
    if not (package.parent / "setup.py").exists():
        return []  # an installed package: no sources to go stale
    stale = []
    for library in package.rglob("*.so"):
        source = library.with_name(library.name.split(".")[0] + ".py")
        if source.exists() and source.stat().st_mtime > library.stat().st_mtime:
            stale.append(str(source.relative_to(package.parent)))
    return stale


if _stale := _stale_compiled_modules():
    raise ImportError(
        f"{', '.join(_stale)} changed after `make compile` built them: run `make compile` again, "
        "or `make uncompile` to run the Python sources"
    )

from .pipeline import Cleaner, Options, error_record  # noqa: E402  (after the check above)

__all__ = ["Cleaner", "Options", "error_record"]
__version__ = "0.1.0"
