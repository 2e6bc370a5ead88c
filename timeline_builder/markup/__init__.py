"""Markdown and HTML: the Markdown engine and its extensions, sanitising, plain text, body cache."""
