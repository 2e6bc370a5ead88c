"""The site: pages rendered with Jinja, JSON-LD, search indexes, picture copies, templates,
assets."""
