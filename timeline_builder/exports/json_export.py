"""The canonical JSON of CONTRACT section 5: what other tools (and our own JS) read."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from timeline_builder.config.settings import Settings
from timeline_builder.core.model import Actor, Event, ImageFile, Media, Quote, Source, Timeline
from timeline_builder.core.picture_copies import full
from timeline_builder.core.urls import web_href
from timeline_builder.exports.json_layout import records_json
from timeline_builder.reading.translations import Translations

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


@dataclass(frozen=True)
class EditionExport:
    """Which edition a ``timeline.json`` is (CONTRACT section 5): its language, the default
    edition's, and the translations its events' titles and summaries come from."""

    language: str
    default: str
    translations: Translations = field(default_factory=Translations)


def edition_record(record: dict[str, Any], edition: EditionExport) -> dict[str, Any]:
    """``record`` (of the edition's own Timeline) with ``"language"`` at the top and, on each
    event, ``title_language`` beside its title and ``translation`` (``{from, by, status,
    stale}``, or null for an event shown in the original's language)."""
    events = []
    for event in record["events"]:
        found = (edition.translations.get("event", event["id"], edition.language)
                 if edition.language != edition.default else None)
        title_language = edition.language if found and found.text("title") else edition.default
        translation = ({"from": edition.default, "by": found.by, "status": found.status,
                        "stale": found.stale} if found else None)
        shown: dict[str, Any] = {}
        for key, value in event.items():
            shown[key] = value
            if key == "title":
                shown["title_language"] = title_language
        events.append({**shown, "translation": translation})
    return {"schema": record["schema"], "language": edition.language,
            **{key: value for key, value in record.items() if key != "schema"},
            "events": events}


def export_json(timeline: Timeline, settings: Settings | None = None, *,
                edition: EditionExport | None = None) -> str:
    """Byte-identical for identical input: sorted models, one record per line (see
    json_layout), a final newline. With ``edition`` (a site with ``languages``), the
    edition's fields of CONTRACT section 5 are added."""
    record = timeline_record(timeline)
    return records_json(edition_record(record, edition) if edition else record)
