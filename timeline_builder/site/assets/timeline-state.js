/* The filter state of a timeline page, shared by timeline.js and timeline-index.js.
 *
 * One definition of the URL contract (CONTRACT section 6) in the browser:
 * `?actor=…&tag=…&source=…&text=…&from=…&to=…`, a repeated key means any of its values,
 * different keys combine with AND, `text` is a case-folded substring of title, summary and
 * quotes, `from`/`to` keep the events whose period overlaps the range. The reference is
 * timeline_builder/core/filters.py; tests/core/filter_cases.json holds the cases both must
 * agree on (pytest runs them against Python, `node --test tests/js` against this module).
 * No DOM at import time: node imports this file as it is.
 */

export var DAY = 864e5;
export var FACETS = ["actor", "tag", "source"];
var SCALARS = ["text", "from", "to"];
var WHITESPACE = /[\s\x1c-\x1f\x85]+/; // what Python's str.split() splits on

var unique = (list) => list.filter((v, i) => list.indexOf(v) === i);

/* Python's str.casefold() for the cases toLowerCase() misses. */
export var fold = (s) => s.toLowerCase().replace(/ß/g, "ss").replace(/ς/g, "σ").replace(/ſ/g, "s");

/* What the text search looks at: the parts, whitespace collapsed, folded (searchable_text). */
export var searchable = (parts) => fold(parts.join(" ").split(WHITESPACE).filter(Boolean).join(" "));

/* "2022-05-23" -> days since 1970-01-01 (NaN unless a real YYYY-MM-DD date). */
export function dayOf(iso) {
  var m = /^(\d{4})-(\d\d)-(\d\d)$/.exec(iso || "");
  if (!m) return NaN;
  var d = new Date(Date.UTC(+m[1], m[2] - 1, +m[3]));
  return d.getUTCMonth() === m[2] - 1 && d.getUTCDate() === +m[3] ? d.getTime() / DAY : NaN;
}

export var isoOf = (n) => new Date(n * DAY).toISOString().slice(0, 10);

export var blank = () => ({ actor: [], tag: [], source: [], text: "", from: "", to: "" });
export var isBlank = (s) => !s.text && !s.from && !s.to && FACETS.every((k) => !s[k].length);

/* A URL's query string -> the state it names (unknown keys are not ours: ignored). */
export function parse(search) {
  var params = new URLSearchParams(search);
  var state = blank();
  FACETS.forEach((k) => { state[k] = unique(params.getAll(k).map((v) => v.trim())); });
  state.text = params.getAll("text").map((v) => v.trim()).join(" ").trim();
  ["from", "to"].forEach((k) => { state[k] = (params.getAll(k).pop() || "").trim(); });
  return state;
}

/* The state -> "?actor=…" ("" for none); parameters of `search` that are not ours
   (Material's `h=` highlight) are kept. */
export function query(state, search) {
  var out = new URLSearchParams();
  FACETS.forEach((k) => state[k].forEach((v) => out.append(k, v)));
  SCALARS.forEach((k) => { if (state[k]) out.append(k, state[k]); });
  new URLSearchParams(search).forEach((v, k) => {
    if (FACETS.indexOf(k) < 0 && SCALARS.indexOf(k) < 0) out.append(k, v);
  });
  var q = out.toString();
  return q ? "?" + q : "";
}

/* The event id the URL's hash names ("" when it is not valid percent-encoding). */
export function hashId() {
  try { return decodeURIComponent(location.hash.slice(1)); } catch (e) { return ""; }
}

/* The state, compiled once per update: facet sets, day numbers, the folded text. */
export function matcher(state) {
  return {
    sets: FACETS.map((k) => (state[k].length ? new Set(state[k]) : null)),
    from: dayOf(state.from),
    to: dayOf(state.to),
    text: fold(state.text),
  };
}

/* Which filters an event fails, as bits: 1 << k for FACETS[k], 8 the dates, 16 the text.
   `e` has `actor`/`tag`/`source` lists, `start`/`end` day numbers and, for the text,
   `text` (searchable()); without `text` the text is not looked at (timeline-index.js
   fetches it afterwards). A facet's counts follow every other filter, so callers need
   the bits, not only a yes or no. */
export function failures(m, e) {
  var fail = 0;
  for (var k = 0; k < 3; k++) {
    var set = m.sets[k];
    if (set && !e[FACETS[k]].some((v) => set.has(v))) fail |= 1 << k;
  }
  if (e.end < m.from || e.start > m.to) fail |= 8; // comparisons with NaN (no bound) are false
  if (m.text && e.text !== undefined && e.text.indexOf(m.text) < 0) fail |= 16;
  return fail;
}

export var match = (state, e) => !failures(matcher(state), e);
