/* The index of a split timeline (`timeline/`): filters and text search across every period.
 *
 * Loaded only by that page, as an ES module: it runs once per document however often
 * Material's instant navigation puts its tag back. Its first view holds no event data; the
 * compact index (timeline/data/index.json: ids, dates, facets, titles) is fetched when a
 * filter, a search or an event id in the URL needs it (or when the reader reaches for the
 * form), and a text search fetches the folded text of only the periods it still has to
 * look at (timeline/data/text/<period>.json). URL state and semantics come from
 * timeline-state.js, shared with timeline.js. Results link to the events on their period
 * pages; `#<id>` goes to the event's page. No HTML strings: results are built with DOM
 * calls and text nodes.
 */
import {
  FACETS, blank, dayOf, failures, hashId, isBlank, matcher, parse, query, showCounts, words,
} from "./timeline-state.js";
import { FilterForm } from "./timeline-picker.js";

var PAGE = 100; // results drawn at a time
var all = (el, selector) => Array.from(el.querySelectorAll(selector));
/* "2022", "2022-05" or "2022-05-23" -> its first day. */
var firstDay = (iso) => dayOf((iso + "-01-01").slice(0, 10));

var cache = new Map(); // URL -> Promise of JSON, for the life of the page
function load(url) {
  if (!cache.has(url)) {
    cache.set(url, fetch(url).then((r) => {
      if (!r.ok) throw new Error(url + ": " + r.status);
      return r.json();
    }));
    cache.get(url).catch(() => cache.delete(url));
  }
  return cache.get(url);
}

function setup(root) {
  var base = new URL(root.dataset.tlRoot || "", location.href);
  var indexURL = new URL("timeline/data/index.json", base).href;
  var controls = root.querySelector("[data-tl-controls]");
  var w = words(root);
  var status = root.querySelector("[data-tl-status]");
  var results = root.querySelector("[data-tl-results]");
  var list = root.querySelector("[data-tl-list]");
  var more = root.querySelector("[data-tl-more]");
  var empty = root.querySelector("[data-tl-empty]");
  var periodsBox = root.querySelector("[data-tl-periods]");
  var total = +root.dataset.tlTotal || 0;
  var index = null; // {periods, facets, events: [{id, title, label, iso, start, end, period, actor…}]}
  var matches = [];
  var drawn = 0;
  var run = 0; // the latest apply(); older ones give way
  var form = FilterForm(root, w, (push) => {
    commit(push);
    apply();
  });

  function getIndex() {
    return load(indexURL).then((data) => {
      if (index) return index;
      var names = data.facets;
      index = {
        periods: data.periods,
        events: data.events.map((r) => ({
          id: r[0], title: r[1], label: r[2], iso: r[3], start: firstDay(r[3]), end: r[4],
          period: r[5], actor: r[6].map((n) => names.actor[n]),
          tag: r[7].map((n) => names.tag[n]), source: r[8].map((n) => names.source[n]),
        })),
      };
      return index;
    });
  }

  function periodURL(period) {
    return new URL(index.periods[period].url, base).href;
  }

  /* The folded text of every event of these periods, fetched in parallel. */
  function texts(periods) {
    return Promise.all(periods.map((p) => load(new URL(index.periods[p].text, base).href)
      .then((chunk) => [p, chunk])));
  }

  var counts = (byKind) => showCounts(form.pickers, byKind);
  var ofTotal = (shown) => w._n("{shown} of {total} event", "{shown} of {total} events", total,
    { shown: shown, total: total });

  function say(message) {
    if (status && status.textContent !== message) status.textContent = message;
  }

  function updated(t0, shown) {
    root.dispatchEvent(new CustomEvent("tl:updated", { bubbles: true,
      detail: { shown: shown, total: total, ms: performance.now() - t0 } }));
  }

  /* Show what the state selects: the periods list when nothing is asked, else results. */
  function apply() {
    var t0 = performance.now();
    var mine = ++run;
    var state = form.state;
    if (isBlank(state)) {
      results.hidden = true;
      empty.hidden = true;
      periodsBox.hidden = false;
      counts(null);
      say(ofTotal(total));
      updated(t0, total);
      return Promise.resolve();
    }
    say(w._("Searching…"));
    return getIndex().then((ix) => {
      if (mine !== run) return null;
      var m = matcher(state);
      var fails = new Uint8Array(ix.events.length);
      var need = new Set();
      ix.events.forEach((e, i) => {
        var fail = failures(m, e); // no text yet: it is fetched where it decides
        fails[i] = fail;
        // Text is needed where it decides a result or a facet count.
        if (!(fail & 8) && (fail === 0 || !(fail & (fail - 1)))) need.add(e.period);
      });
      var text = m.text;
      if (!text) return [ix, fails];
      return texts(Array.from(need)).then((chunks) => {
        chunks.forEach(([p, chunk]) => {
          var first = ix.periods[p].first;
          for (var j = 0; j < chunk.length; j++) {
            if (chunk[j].indexOf(text) < 0) fails[first + j] |= 16;
          }
        });
        ix.events.forEach((e, i) => { if (!need.has(e.period)) fails[i] |= 16; });
        return [ix, fails];
      });
    }).then((found) => {
      if (!found || mine !== run) return;
      var ix = found[0];
      var fails = found[1];
      var byKind = FACETS.map(() => new Map());
      matches = [];
      ix.events.forEach((e, i) => {
        var fail = fails[i];
        if (!fail) matches.push(e);
        for (var k = 0; k < 3; k++) { // "how many if I also pick this"
          if (!(fail & ~(1 << k))) {
            e[FACETS[k]].forEach((v) => byKind[k].set(v, (byKind[k].get(v) || 0) + 1));
          }
        }
      });
      counts(byKind);
      list.textContent = "";
      drawn = 0;
      draw();
      periodsBox.hidden = true;
      results.hidden = !matches.length;
      empty.hidden = matches.length > 0;
      say(ofTotal(matches.length));
      updated(t0, matches.length);
    }, (error) => {
      if (mine !== run) return;
      say(w._("The index could not be loaded ({error}); open a period below.",
        { error: error.message }));
      periodsBox.hidden = false;
    });
  }

  function draw() {
    var end = Math.min(matches.length, drawn + PAGE);
    for (; drawn < end; drawn++) {
      var e = matches[drawn];
      var li = document.createElement("li");
      li.className = "tl-list__item";
      var time = li.appendChild(document.createElement("time"));
      time.dateTime = e.iso;
      time.textContent = e.label;
      li.appendChild(document.createTextNode(" "));
      var a = li.appendChild(document.createElement("a"));
      a.href = periodURL(e.period) + "#" + encodeURIComponent(e.id);
      a.textContent = e.title;
      list.appendChild(li);
    }
    more.hidden = drawn >= matches.length;
    if (!more.hidden) more.textContent = w._("Show more ({n} left)", { n: matches.length - drawn });
  }

  function commit(push) {
    var url = location.pathname + query(form.state, location.search);
    if (url === location.pathname + location.search) return;
    if (push) history.pushState(null, "", url);
    else history.replaceState(history.state, "", url);
  }

  function change(state) {
    form.settle();
    form.state = state;
    form.show();
    commit(true);
    return apply();
  }

  /* timeline/#<id>: the event's period page (keeping the filters in the URL). */
  function follow() {
    var id = hashId();
    if (!id) return Promise.resolve(false);
    return getIndex().then((ix) => {
      var e = ix.events.find((x) => x.id === id);
      if (!e) return false;
      var url = new URL(periodURL(e.period));
      if (url.origin !== location.origin) return false; // only ever to a page of this site
      url.search = location.search;
      url.hash = location.hash;
      location.replace(url.href);
      return true;
    }, () => false);
  }

  // Reaching for the form is the moment to fetch the index, before the first query.
  controls.querySelector("form").addEventListener("focusin", () => {
    getIndex().catch(() => {});
  }, { once: true });
  all(root, "[data-tl-clear]").forEach((b) => b.addEventListener("click", () => change(blank())));
  more.addEventListener("click", draw);

  controls.hidden = false;
  root.classList.add("tl--js");
  var self = {
    root: root,
    path: location.pathname,
    fromURL: () => {
      form.state = parse(location.search);
      form.show();
      return apply();
    },
    follow: follow,
  };
  follow().then((moved) => { if (!moved) self.fromURL(); });
  return self;
}

var page = null;
function init() {
  var root = document.querySelector(".tl--index[data-tl-index]");
  if (!root) {
    page = null;
    return;
  }
  if (page && page.root === root) return;
  page = setup(root);
}

window.addEventListener("popstate", () => {
  if (page && page.root.isConnected && location.pathname === page.path) page.fromURL();
});
window.addEventListener("hashchange", () => {
  if (page && page.root.isConnected) page.follow();
});
if (window.document$ && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(init);
} else if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", () => {
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(init);
    } else {
      init();
    }
  });
} else {
  init();
}
