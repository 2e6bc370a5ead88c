"""The core: the content model, diagnostics, dates, URLs, filters and other pure helpers.

Imports no other layer and no renderer (no Markdown, Jinja, Pillow or MkDocs)."""
