"""Raw HTML pages: detection and decoding, site selectors ([html] in rule files), FiveFilters site
configs, trafilatura/jusText for other sites, page metadata. ``page.read_page`` turns a page into a
Document whose lines then go through the same line rules as text dumps (``Cleaner.process_html``)."""
