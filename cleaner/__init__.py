"""cleaner: turn scraped news pages (text dumps or HTML) into clean article records.

    >>> from cleaner import Cleaner
    >>> record = Cleaner().clean_text(open("seeds/000_0c98a8402e2ef22b.txt").read(), source="000")
    >>> record["site"], record["author"]
    ('kompas', 'Irawan Sapto Adhi')
"""

from .pipeline import Cleaner, Options, error_record

__all__ = ["Cleaner", "Options", "error_record"]
__version__ = "0.1.0"
