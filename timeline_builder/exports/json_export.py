"""The canonical JSON of CONTRACT section 5: what other tools (and our own JS) read."""

from __future__ import annotations

from typing import Any

from timeline_builder.config.settings import Settings
from timeline_builder.core.model import Actor, Event, ImageFile, Media, Quote, Source, Timeline
from timeline_builder.core.picture_copies import full
from timeline_builder.core.urls import web_href
from timeline_builder.exports.json_layout import records_json

SCHEMA_VERSION = 1


def event_record(event: Event) -> dict[str, Any]:
    return {
        "id": event.id,
        "title": event.title,
        "date": event.date.iso(),
        "end": event.end.iso() if event.end else None,
        "precision": event.date.precision,
        "date_text": event.date_text,
        "approximate": event.approximate,
        "calendar": dict(event.calendar),
        "actors": list(event.actors),
        "tags": list(event.tags),
        "sources": list(event.sources),
        "quotes": [quote_record(q) for q in event.quotes],
        "disputes": [
            {"source": d.source, "says": d.says, "note": d.note, "sources": list(d.sources),
             "verified": d.verified}
            for d in event.disputes
        ],
        "corrections": [{"date": c.date.isoformat(), "text": c.text}
                        for c in event.corrections],
        "media": [media_record(item) for item in event.media],
        "featured": event.featured,
        "summary": event.summary,
        "url": event.url,
    }


def media_record(media: Media) -> dict[str, Any]:
    """``src`` as written; ``image`` is the published picture (an embed's poster), a path
    under the site root with its size, or null for an embed without a poster."""
    return {"type": media.kind, "src": media.src, "alt": media.alt, "caption": media.caption,
            "credit": media.credit, "graphic": media.graphic,
            "image": image_record(media.image) if media.image else None}


def image_record(image: ImageFile) -> dict[str, Any]:
    copy = full(image)
    return {"url": copy.path, "width": copy.width, "height": copy.height, "mime": copy.mime}


def quote_record(quote: Quote) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": quote.id or None, "text": quote.text, "speaker": quote.speaker,
        "source": quote.source, "verified": quote.verified,
        "attribution": quote.attribution, "variant_of": quote.variant_of or None,
        "note": quote.note,
    }
    if quote.verified:
        record["verified_against"] = quote.verified_against
    if quote.translations:  # only when given, as verified_against: older readers see no change
        record["translations"] = {t.language: {"text": t.text, "by": t.by}
                                  for t in quote.translations}
    return record


def actor_record(actor: Actor) -> dict[str, Any]:
    return {"id": actor.id, "name": actor.name, "type": actor.type, "role": actor.role,
            "country": actor.country, "aliases": list(actor.aliases), "url": f"actors/{actor.id}/"}


def source_record(source: Source) -> dict[str, Any]:
    return {"id": source.id, "title": source.title, "outlet": source.outlet,
            "url": web_href(source.url),
            "published": source.published.iso() if source.published else None,
            "author": source.author,
            "language": source.language, "archived_url": web_href(source.archived_url),
            "note": source.note, "has_text": source.has_text,
            "derived_from": source.derived_from or None,
            "accessed": source.accessed.isoformat() if source.accessed else None,
            "url_status": source.url_status, "text_sha256": source.text_sha256 or None,
            "page": f"sources/{source.id}/"}


def timeline_record(timeline: Timeline) -> dict[str, Any]:
    return {
        "schema": SCHEMA_VERSION,
        "calendars": {
            c.name: {"start": c.start.isoformat(), "label": c.label} for c in timeline.calendars
        },
        "events": [event_record(event) for event in timeline.events],
        "actors": [actor_record(actor) for actor in timeline.actors],
        "sources": [source_record(source) for source in timeline.sources],
    }


def export_json(timeline: Timeline, settings: Settings | None = None) -> str:
    """Byte-identical for identical input: sorted models, one record per line (see
    json_layout), a final newline."""
    return records_json(timeline_record(timeline))
