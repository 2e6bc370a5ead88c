"""Validation: documents into a valid, sorted Timeline plus every problem found (dates, references,
quotes, variants, media, sourcing figures)."""
