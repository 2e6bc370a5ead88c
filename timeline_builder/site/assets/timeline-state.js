/* The filter state and its URL (CONTRACT section 6), shared by timeline.js and
 * timeline-index.js. core/filters.py is the reference: tests/core/filter_cases.json holds
 * the cases both answer (pytest, and `node --test tests/js`, which imports this file). */

export var DAY = 864e5;
export var FACETS = ["actor", "tag", "source"];
var SCALARS = ["text", "from", "to"];
var WHITESPACE = /[\s\x1c-\x1f\x85]+/; // what Python's str.split() splits on

var unique = (list) => list.filter((v, i) => list.indexOf(v) === i);

/* core/filters.py fold: Python's str.casefold() for the cases toLowerCase() misses, and
   ё read as е (всё = все). */
export var fold = (s) => s.toLowerCase().replace(/ß/g, "ss").replace(/ς/g, "σ").replace(/ſ/g, "s")
  .replace(/ё/g, "е");

/* What the text search looks at (filters.searchable_text). */
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

/* "?actor=a&text=b" -> the state; keys not ours are ignored. */
export function parse(search) {
  var params = new URLSearchParams(search);
  var state = blank();
  FACETS.forEach((k) => { state[k] = unique(params.getAll(k).map((v) => v.trim())); });
  state.text = params.getAll("text").map((v) => v.trim()).join(" ").trim();
  ["from", "to"].forEach((k) => { state[k] = (params.getAll(k).pop() || "").trim(); });
  return state;
}

/* The state -> "?actor=…" or ""; keys of `search` not ours (Material's `h=`) are kept. */
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

/* The event id in the URL's hash ("" if badly encoded). */
export function hashId() {
  try { return decodeURIComponent(location.hash.slice(1)); } catch (e) { return ""; }
}

/* The state, compiled once per update. */
export function matcher(state) {
  return {
    sets: FACETS.map((k) => (state[k].length ? new Set(state[k]) : null)),
    from: dayOf(state.from),
    to: dayOf(state.to),
    text: fold(state.text),
  };
}

/* The filters event `e` fails, as bits (facet counts need them): 1 << k for FACETS[k],
   8 dates, 16 text; an `e` without `text` (searchable()) is not judged on it. */
export function failures(m, e) {
  var fail = 0;
  for (var k = 0; k < 3; k++) {
    var set = m.sets[k];
    if (set && !e[FACETS[k]].some((v) => set.has(v))) fail |= 1 << k;
  }
  if (e.end < m.from || e.start > m.to) fail |= 8; // NaN (no bound) compares false
  if (m.text && e.text !== undefined && e.text.indexOf(m.text) < 0) fail |= 16;
  return fail;
}

export var match = (state, e) => !failures(matcher(state), e);

/* Counts, "how many if I also pick this" (byKind[k]: value -> n; null: the pickers' own). */
export function showCounts(pickers, byKind) {
  FACETS.forEach((kind, k) => { if (pickers[kind]) pickers[kind].counts(byKind && byKind[k]); });
}

/* The inputs show the state: form = {pickers, text, from, to} (_filters.html). */
export function showState(form, state) {
  FACETS.forEach((kind) => { if (form.pickers[kind]) form.pickers[kind].set(state[kind]); });
  if (form.text && form.text.value.trim() !== state.text) form.text.value = state.text;
  if (form.from) form.from.value = state.from; // "" for a bad date
  if (form.to) form.to.value = state.to;
}

/* The edition's words: `{lang, messages}` in the root's data-tl-messages (data-tl-* never
   comes from contributor HTML), written by site/editions.py from the edition's .po; none in
   the default edition, whose words are the msgids here. A plural message holds one form per
   CLDR category (babel), and Intl.PluralRules of the language picks one: no rules of ours. */
export function words(root) {
  var page = JSON.parse(root.dataset.tlMessages || "{}");
  var lang = page.lang || "en";
  var catalog = page.messages || {};
  var rules = new Intl.PluralRules(lang);
  var fill = (text, values) => text.replace(/\{(\w+)\}/g, (m, k) => values[k]);
  // English dates are written the British way, as the pages' own (core/date_labels.py).
  var date = (options, locale) => new Intl.DateTimeFormat(locale || (lang === "en" ? "en-GB"
    : lang), Object.assign({ timeZone: "UTC" }, options)).format;
  return {
    _: (id, values) => fill(catalog[id] || id, values || {}),
    _n: (one, other, n, values) => {
      var forms = catalog[one];
      return fill(forms ? forms[rules.select(n)] || forms.other : n === 1 ? one : other,
        Object.assign({ n: n }, values));
    },
    day: date({ day: "numeric", month: "long", year: "numeric" }),
    month: date({ month: "long", year: "numeric" }),
    short: date({ month: "short" }, lang),
  };
}
