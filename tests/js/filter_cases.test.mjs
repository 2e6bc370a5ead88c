/* The shared table of filter cases (tests/core/filter_cases.json) against the browser's
 * filter-state module; tests/core/test_filter_cases.py runs the same table against
 * core/filters.py. Run by `make test` as `node --test tests/js/`. */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import test from "node:test";

import {
  blank, dayOf, failures, fold, isBlank, match, matcher, parse, query, searchable,
} from "../../timeline_builder/site/assets/timeline-state.js";

const table = JSON.parse(readFileSync(new URL("../core/filter_cases.json", import.meta.url)));

/* "2022", "2022-05" or "2022-05-23" -> its first and last day, as the page's data-start and
   data-end carry them (ResolvedDate.value and last_day() in Python). */
function period(iso) {
  const [y, m, d] = iso.split("-").map(Number);
  if (d) return [Date.UTC(y, m - 1, d), Date.UTC(y, m - 1, d)];
  if (m) return [Date.UTC(y, m - 1, 1), Date.UTC(y, m, 0)];
  return [Date.UTC(y, 0, 1), Date.UTC(y, 11, 31)];
}

const events = table.events.map((row) => ({
  id: row.id,
  start: dayOf(new Date(period(row.date)[0]).toISOString().slice(0, 10)),
  end: dayOf(new Date(period(row.end || row.date)[1]).toISOString().slice(0, 10)),
  actor: row.actors, tag: row.tags, source: row.sources,
  text: searchable([row.title, row.summary, ...row.quotes]),
}));

for (const c of table.cases) {
  test(`?${c.query}`, () => {
    const state = parse(c.query);
    assert.deepEqual(state, { ...blank(), ...c.state });
    assert.equal(events.filter((e) => match(state, e)).map((e) => e.id).join(""), c.matches);
    const canonical = c.canonical ?? c.query;
    assert.equal(query(state, c.query), canonical ? "?" + canonical : "");
  });
}

test("the table's events cover every kind of date", () => {
  assert.deepEqual(new Set(table.events.map((e) => e.date.split("-").length)), new Set([1, 2, 3]));
  assert.ok(events.every((e) => e.start <= e.end && e.start === e.start));
});

test("without its text an event is judged on facets and dates only", () => {
  const m = matcher(parse("text=sanctions&actor=zelensky"));
  const { text, ...bare } = events.find((e) => e.id === "a");
  assert.equal(failures(m, bare), 1);
  assert.equal(failures(m, { ...bare, text }), 1 | 16);
});

test("fold is core/filters.py's: casefold for the letters toLowerCase misses, ё as е", () => {
  assert.equal(fold("Straße ΟΔΟΣ ſ Ё всё"), "strasse οδοσ s е все");
  assert.ok(isBlank(parse("h=x&text=+")) && !isBlank(parse("to=x")));
});

test("dayOf reads only real YYYY-MM-DD dates", () => {
  assert.equal(dayOf("1970-01-02"), 1);
  for (const bad of ["", "2022-02-30", "2022-5-1", "May 2022", " 2022-05-01", undefined]) {
    assert.ok(Number.isNaN(dayOf(bad)), String(bad));
  }
});
