"""The one definition of the front-matter keys: the validator and the JSON Schema read it.

Each kind (event, actor, source) is a table of :class:`Key`: its name, what it holds, whether
it is required, and a description for editors. ``validate.py`` takes the allowed and required
keys from here; :func:`json_schema` turns the same table into JSON Schema (draft 2020-12) for
``timeline schema``, the site's ``schema/*.json`` and editors' autocompletion. A key added here
is accepted by ``timeline check`` and documented in the schema at once; a test keeps the two
in agreement on good and bad examples.

The JSON Schema describes front matter as an editor's YAML 1.2 parser reads it: dates are
text (``2022-05-23`` is a string in YAML 1.2), a bare year (``date: 2022``) or a numeric title
(``title: 1984``) is a number. What a schema cannot know (does the source id have a file, is
``Monday`` anchored, is a quote in its source) stays with ``timeline check``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Literal

from timeline_builder.core.urls import WEB_URL_REGEX, absolute
from timeline_builder.reading.load import Kind

KIND_NAMES: tuple[Kind, ...] = ("event", "actor", "source")
SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
ID_REGEX = "^[a-z0-9][a-z0-9-]*$"

KeyType = Literal["text", "date", "day", "url", "flag", "id", "ids", "words", "choice",
                  "items", "record", "languages"]
"""What a key holds, and so how both the validator and the JSON Schema read it:

- ``text``: one scalar, read as written; ``date``: a date expression (see CONTRACT "Dates");
- ``day``: a calendar day written YYYY-MM-DD;
- ``url``: an http(s) address; ``flag``: ``true`` or ``false``;
- ``id``: one content id; ``ids``: a list of content ids; ``words``: a list of free words;
- ``choice``: one of ``choices``; ``items``: a list of mappings whose keys are ``items``;
- ``record``: one mapping whose keys are ``items``;
- ``languages``: a mapping from language codes (``uk``) to a record whose keys are ``items``.
"""


@dataclass(frozen=True)
class Key:
    """One front-matter key: what it holds, whether it must be there, what it means."""

    name: str
    type: KeyType
    description: str
    required: bool = False
    choices: tuple[str, ...] = ()
    default: str | bool | None = None
    items: tuple[Key, ...] = ()  # for type "items": the keys of each entry
    min_items: int = 0
    nullable: bool = False  # ``key: null`` (or ``key:``) means "none", e.g. no speaker


# A language code as the site's ``languages`` option takes it (``uk``, ``pt-BR``).
LANGUAGE_REGEX = "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"

QUOTE_TRANSLATION_KEYS: tuple[Key, ...] = (
    Key("text", "text", "The quote's words in this language.", required=True),
    Key("by", "text", "Who translated them: a person, a team (the editors) or "
        "'machine (engine)'.", required=True),
)

QUOTE_KEYS: tuple[Key, ...] = (
    Key("id", "id", "Optional: a name for this quote, unique within the event, that "
        "variant_of can refer to."),
    Key("text", "text", "The exact words, as the source has them; mark cuts with …",
        required=True),
    Key("speaker", "id", "Who said it: an actor id, one of the event's actors. Required "
        "unless attribution is unattributed (then it is left out, or null).", nullable=True),
    Key("source", "id", "Where it was said: a source id, one of the event's sources.",
        required=True),
    Key("variant_of", "id", "The id of a quote of the same event rendering the same words "
        "differently (another translation, say): shown side by side with it."),
    Key("attribution", "choice", "unattributed: the source gives no reliable speaker; say "
        "what is known in note.", choices=("attributed", "unattributed"),
        default="attributed"),
    Key("note", "text", "What readers should know about this quote; required when it is "
        "unattributed."),
    Key("translations", "languages", "The words in other editions' languages, shown beneath "
        "the quote in that edition: {uk: {text: …, by: the editors}}. The quote itself keeps "
        "its source's words.", items=QUOTE_TRANSLATION_KEYS),
)

DISPUTE_KEYS: tuple[Key, ...] = (
    Key("source", "id", "The source that gets it wrong: one of the event's sources.",
        required=True),
    Key("says", "text", "Its words, as it has them (checked against its archived text).",
        required=True),
    Key("note", "text", "What is right instead, shown to readers.", required=True),
    Key("sources", "ids", "The sources for the correct account: ids among the event's "
        "sources."),
)

CORRECTION_KEYS: tuple[Key, ...] = (
    Key("date", "date", "The day the correction was made (YYYY-MM-DD); oldest first.",
        required=True),
    Key("text", "text", "What was corrected.", required=True),
    Key("minor", "flag", "A small edit (a typo fix): listed in the event's history and in "
        "timeline diff, not on the corrections page or in the feed.", default=False),
)

WITHDRAWN_KEYS: tuple[Key, ...] = (
    Key("date", "day", "The day the event was withdrawn (YYYY-MM-DD).", required=True),
    Key("reason", "text", "Why it was withdrawn, shown to readers at its old address.",
        required=True),
)

MEDIA_KEYS: tuple[Key, ...] = (
    Key("src", "text", "A picture under content/ (assets/media/NAME.jpg: jpg, png, webp, avif "
        "or gif), or an https embed URL on an embed_hosts host.", required=True),
    Key("alt", "text", "What the picture shows, for readers who cannot see it (required for "
        "pictures; for an embed, describes its poster)."),
    Key("caption", "text", "Shown under the item; names an embed's play button."),
    Key("credit", "text", "Who made it, and under what licence."),
    Key("poster", "text", "An embed's still picture, a file under content/."),
    Key("graphic", "flag", "Distressing material: hidden behind a warning until the reader "
        "chooses to see it.", default=False),
)

EVENT_KEYS: tuple[Key, ...] = (
    Key("id", "id", "Optional; must equal the file name without .md."),
    Key("title", "text", "What happened, in one line.", required=True),
    Key("date", "date", "When: 2022-05-23, May 2022, 2022, 'day 89 of the war', or a relative "
        "day (Monday, yesterday) counted from reported: or the first source's date.",
        required=True),
    Key("reported", "date", "The day this was reported (YYYY-MM-DD): what relative dates "
        "count from."),
    Key("end", "date", "The last day of a range, in the same forms as date."),
    Key("actors", "ids", "Ids of the people and organisations involved (content/actors/)."),
    Key("tags", "words", "Topics, e.g. [diplomacy, sanctions]."),
    Key("sources", "ids", "Ids of the sources this is based on (content/sources/).",
        required=True, min_items=1),
    Key("featured", "flag", "Shown on the home page.", default=False),
    Key("approximate", "flag", "The date is approximate (shown as 'c.').", default=False),
    Key("quotes", "items", "Exact quotes, each from one of the event's sources.",
        items=QUOTE_KEYS),
    Key("media", "items", "Pictures (local files) and click-to-load embeds.",
        items=MEDIA_KEYS),
    Key("disputes", "items", "What a cited source gets wrong, with our note and the sources "
        "for the correct account.", items=DISPUTE_KEYS),
    Key("corrections", "items", "Our own corrections to this event, oldest first.",
        items=CORRECTION_KEYS),
    Key("withdrawn", "record", "Takes a published event off the timeline: {date, reason}. "
        "Its address keeps a notice and the feed says so; a published event's file is never "
        "deleted.", items=WITHDRAWN_KEYS),
)

ACTOR_KEYS: tuple[Key, ...] = (
    Key("id", "id", "Optional; must equal the file name without .md."),
    Key("name", "text", "Full name, as readers know it.", required=True),
    Key("type", "choice", "A person or an organisation (state bodies, parliaments, alliances, "
        "companies): how search engines and schema.org see it.",
        choices=("person", "organization"), default="person"),
    Key("role", "text", "What they are, e.g. President of Belarus."),
    Key("country", "text", "The country they belong to or act for."),
    Key("aliases", "words", "Other names and spellings, e.g. [Alexander Lukashenko]."),
)

SOURCE_KEYS: tuple[Key, ...] = (
    Key("id", "id", "Optional; must equal the file name without .md."),
    Key("title", "text", "The headline or title of the source.", required=True),
    Key("outlet", "text", "Who published it: newspaper, agency, channel or site.",
        required=True),
    Key("published", "date", "When it was published: 2022-05-23, May 2022 or 2022; never a "
        "relative date. n.d. (or no published: at all) when it has no date: it is shown as "
        "n.d., and cannot anchor relative dates."),
    Key("url", "url", "Where it can be read (http or https)."),
    Key("author", "text", "Who wrote it."),
    Key("language", "text", "Its language as a code (en, uk, ru): dates written in it are "
        "read in that language."),
    Key("archived_url", "url", "An archived copy (e.g. web.archive.org); required when "
        "url_status is dead or usurped."),
    Key("note", "text", "What readers should know about this source."),
    Key("derived_from", "id", "The source this one copies, translates or relays: its "
        "relative dates count from that original's published date."),
    Key("accessed", "day", "When we last checked that url supports what we cite "
        "(YYYY-MM-DD)."),
    Key("url_status", "choice", "live: the url works; dead: it is gone; usurped: someone "
        "else now owns the address (it is not linked).", choices=("live", "dead", "usurped"),
        default="live"),
    Key("text_sha256", "text", "Written by timeline archive: the SHA-256 of the archived "
        "text (the body) it wrote; check warns when the body no longer has it."),
)

KEYS: dict[Kind, tuple[Key, ...]] = {
    "event": EVENT_KEYS, "actor": ACTOR_KEYS, "source": SOURCE_KEYS}
TITLES: dict[Kind, str] = {"event": "Timeline event", "actor": "Timeline actor",
                           "source": "Timeline source"}


def allowed(kind: Kind) -> tuple[str, ...]:
    """The key names a file of this kind may have, in the order they are documented."""
    return tuple(key.name for key in KEYS[kind])


def required(kind: Kind) -> tuple[str, ...]:
    return tuple(key.name for key in KEYS[kind] if key.required)


def key(kind: Kind, name: str) -> Key:
    return next(k for k in KEYS[kind] if k.name == name)


def item_keys(kind: Kind, name: str) -> tuple[Key, ...]:
    """The keys of each entry of a list-of-mappings key, e.g. an event's quotes."""
    return key(kind, name).items




# What one key's type cannot say: a quote with no reliable speaker has no speaker: and has
# a note:; a dead or usurped url needs an archived copy.
_RULES: dict[str, dict[str, Any]] = {
    "quotes": {
        "if": {"required": ["attribution"],
               "properties": {"attribution": {"const": "unattributed"}}},
        "then": {"required": ["note"], "properties": {"speaker": {"type": "null"}}},
        "else": {"required": ["speaker"], "properties": {"speaker": {"type": "string"}}},
    },
    "source": {
        "if": {"required": ["url_status"],
               "properties": {"url_status": {"enum": ["dead", "usurped"]}}},
        "then": {"required": ["archived_url"]},
    },
}


def _key_schema(key: Key) -> dict[str, Any]:
    schema: dict[str, Any] = {"description": key.description}
    non_empty = {"pattern": "\\S"}
    if key.type == "text":  # every present key needs a value, required or not
        # a number or true has text; only an empty (or blank) string is empty
        schema["anyOf"] = [{"type": "string", **non_empty}, {"type": ["number", "boolean"]}]
    elif key.type == "date":
        schema["anyOf"] = [{"type": "string", **non_empty}, {"type": "integer"}]
    elif key.type == "day":
        schema.update({"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"})
    elif key.type == "url":
        # No "format": "uri": a pasted URL with a space is fine (published percent-encoded).
        schema.update({"type": "string", "pattern": WEB_URL_REGEX})
    elif key.type == "flag":
        schema["type"] = "boolean"
    elif key.type == "id":
        schema.update({"type": "string", "pattern": ID_REGEX})
    elif key.type in ("ids", "words"):
        item = {"type": "string", "pattern": ID_REGEX} if key.type == "ids" else {
            "anyOf": [{"type": "string", **non_empty}, {"type": ["number", "boolean"]}]}
        schema.update({"type": "array", "items": item, "uniqueItems": True})
    elif key.type == "choice":
        schema.update({"type": "string", "enum": list(key.choices)})
    elif key.type == "record":
        schema.update(_object_schema(key.items))
    elif key.type == "languages":
        schema.update({"type": "object", "propertyNames": {"pattern": LANGUAGE_REGEX},
                       "additionalProperties": _object_schema(key.items)})
    elif key.type == "items":
        schema.update({"type": "array",
                       "items": _object_schema(key.items) | _RULES.get(key.name, {})})
    if key.nullable:
        schema = {"description": schema.pop("description"),
                  "anyOf": [schema, {"type": "null"}]}
    if key.min_items:
        schema["minItems"] = key.min_items
    if key.default is not None:
        schema["default"] = key.default
    return schema


def _object_schema(keys: tuple[Key, ...]) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {key.name: _key_schema(key) for key in keys},
        "required": [key.name for key in keys if key.required],
        "additionalProperties": False,
    }


def json_schema(kind: Kind, *, base_url: str = "") -> dict[str, Any]:
    """The JSON Schema of a kind's front matter; ``$id`` under the site when it has a URL."""
    schema: dict[str, Any] = {"$schema": SCHEMA_DIALECT}
    if base_url:
        schema["$id"] = absolute(base_url, f"schema/{kind}.json")
    schema["title"] = TITLES[kind]
    article = "an" if kind[0] in "aeiou" else "a"
    schema["description"] = (f"Front matter of {article} {kind} file (content/{kind}s/<id>.md), "
                             "as checked by `timeline check`.")
    return schema | _object_schema(KEYS[kind]) | _RULES.get(kind, {})


def schema_text(kind: Kind, *, base_url: str = "") -> str:
    """The JSON Schema as published (``schema/<kind>.json``) and printed: stable bytes."""
    return json.dumps(json_schema(kind, base_url=base_url), ensure_ascii=False, indent=2) + "\n"


def schema_files(base_url: str = "") -> dict[str, str]:
    """``schema/event.json`` … as the site publishes them (CONTRACT section 6)."""
    return {f"schema/{kind}.json": schema_text(kind, base_url=base_url) for kind in KIND_NAMES}
