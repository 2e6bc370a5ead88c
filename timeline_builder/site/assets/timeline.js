/* Timeline enhancements: filters, URL state, overview axis, keyboard. Without it every
 * event is still there and readable. No HTML strings (text nodes, `hidden`), so it runs
 * under `script-src 'self'`. `init` runs on every page Material's instant navigation
 * shows (`document$`), is idempotent and does nothing without a `.tl`. Contributor HTML
 * sits inside our markup, so our elements are found by `:scope >` chains from the root
 * (`.tl[data-tl-root]`, a name the sanitiser removes from contributor HTML). The page is
 * one object `p` that small functions share; the form (timeline-picker.js) and the axis
 * (timeline-axis.js) are modules of their own.
 */
import {
  FACETS, blank, dayOf, failures, hashId, isBlank, isoOf, matcher, parse, query, searchable,
  showCounts, words,
} from "./timeline-state.js";
import { FilterForm } from "./timeline-picker.js";
import { buildAxis } from "./timeline-axis.js";

var page = null; // the controller of the timeline on the current page, if any

var all = (el, selector) => Array.from(el.querySelectorAll(":scope > " + selector));
var one = (el, selector) => el.querySelector(":scope > " + selector);
// Chains from the root to our elements (timeline.html, _macros.html).
var STATUS = "[data-tl-controls] > form > .tl-filters__status > ";
var CHIPS = ".tl-event__meta > ul > li > [data-actor], :scope > .tl-event__meta > ul > li > " +
  "[data-tag], :scope > .tl-event__meta > p > [data-source]";
var motion = () => !matchMedia("(prefers-reduced-motion: reduce)").matches;

/* One event card as the filters see it: its element, dates, facets and folded text. */
function eventOf(el, day) {
  var e = {
    el: el, item: el.parentElement, day: day, shown: true, bucket: -1,
    start: dayOf(el.dataset.start), end: dayOf(el.dataset.end),
    actor: [], tag: [], source: [],
  };
  e.span = el.dataset.precision !== "day" || e.end > e.start;
  all(el, CHIPS).forEach((chip) => {
    FACETS.forEach((k) => {
      var v = chip.getAttribute("data-" + k);
      if (v !== null && e[k].indexOf(v) < 0) e[k].push(v);
    });
  });
  e.time = one(el, ".tl-event__header > .tl-event__date > time");
  var title = one(el, ".tl-event__header > .tl-event__title");
  var parts = [title ? title.textContent : "", el.dataset.tlSummary || ""];
  all(el, ".tl-quote > blockquote, :scope > .tl-variants > .tl-variants__list > .tl-quote " +
    "> blockquote").forEach((q) => parts.push(q.textContent));
  e.text = searchable(parts);
  return e;
}

/* The index, built once from the page: periods > days > events. */
function index(p) {
  p.events = [];
  p.byId = new Map();
  p.days = [];
  p.periods = all(p.root, ".tl-period").map((el) => ({ el: el, n: 0, shown: true }));
  p.periods.forEach((period) => all(period.el, ".tl-day").forEach((dayEl) => {
    var day = { el: dayEl, period: period, n: 0, shown: true };
    p.days.push(day);
    all(dayEl, ".tl-events > li > .tl-event").forEach((el) => {
      var e = eventOf(el, day);
      p.events.push(e);
      p.byId.set(el.id, e);
    });
  }));
}

/* Show the events the state selects; write only what changed. */
function apply(p) {
  var t0 = performance.now();
  var m = matcher(p.form.state);
  var counts = FACETS.map(() => new Map());
  var shown = 0;
  p.days.forEach((d) => { d.n = 0; });
  p.periods.forEach((period) => { period.n = 0; });
  if (p.axis) p.axis.reset();
  for (var i = 0; i < p.events.length; i++) {
    var e = p.events[i];
    var fail = failures(m, e);
    // A facet's counts follow every other filter: "how many if I also pick this".
    for (var k = 0; k < 3; k++) {
      if (!(fail & ~(1 << k))) {
        var values = e[FACETS[k]];
        for (var j = 0; j < values.length; j++) {
          counts[k].set(values[j], (counts[k].get(values[j]) || 0) + 1);
        }
      }
    }
    var show = !fail;
    if (show) {
      shown++;
      e.day.n++;
    }
    if (p.axis) p.axis.count(e, show);
    if (show !== e.shown) {
      e.shown = show;
      e.item.hidden = !show;
    }
  }
  showGroups(p);
  showCounts(p.form.pickers, counts);
  var message = p.words._n("{shown} of {total} event", "{shown} of {total} events", p.total,
    { shown: shown, total: p.total });
  if (p.status && p.status.textContent !== message) p.status.textContent = message;
  if (p.empty) p.empty.hidden = shown > 0;
  if (p.axis) p.axis.update(m.from, m.to);
  p.root.dispatchEvent(new CustomEvent("tl:updated",
    { bubbles: true, detail: { shown: shown, total: p.total, ms: performance.now() - t0 } }));
}

/* Days and periods with no event shown are hidden (their counts are apply()'s). */
function showGroups(p) {
  p.days.forEach((d) => {
    d.period.n += d.n;
    if (d.shown !== d.n > 0) d.el.hidden = !(d.shown = d.n > 0);
  });
  p.periods.forEach((period) => {
    if (period.shown !== period.n > 0) period.el.hidden = !(period.shown = period.n > 0);
  });
}

/* Record the state in the URL: pushState for discrete changes, replaceState while typing. */
function commit(p, push) {
  var url = location.pathname + query(p.form.state, location.search);
  if (url === location.pathname + location.search && !location.hash) return;
  if (push) history.pushState(null, "", url);
  else history.replaceState(history.state, "", url);
  p.hash = "";
  mark(p, null); // the URL no longer names an event
}

/* A new state from outside the form: show and apply it; a link or Clear (`push` given)
   also ends a run of typing and records it, the URL or a revealed event does not. */
function change(p, state, push) {
  if (push !== undefined) p.form.settle();
  p.form.state = state;
  p.form.show();
  apply(p);
  if (push !== undefined) commit(p, push);
}

function clear(p) {
  if (isBlank(p.form.state)) return;
  change(p, blank(), true);
  if (p.empty && p.empty.contains(document.activeElement) && p.clearButton) p.clearButton.focus();
}

function mark(p, e) {
  if (p.highlighted) p.highlighted.el.classList.remove("tl-event--target");
  p.highlighted = e;
  if (e) e.el.classList.add("tl-event--target");
}

function focusEvent(e, smooth) {
  e.el.focus({ preventScroll: true });
  e.el.scrollIntoView({ block: "start", behavior: smooth && motion() ? "smooth" : "auto" });
}

/* #<event-id>: show (clearing filters that hide it), highlight, and optionally focus it. */
function reveal(p, focus) {
  p.hash = location.hash;
  var e = p.byId.get(hashId());
  mark(p, e || null);
  if (!e) return;
  if (!e.shown) {
    change(p, blank());
    history.replaceState(history.state, "", location.pathname +
      query(p.form.state, location.search) + location.hash);
  }
  if (focus) focusEvent(e, false);
}

var visible = (p) => p.events.filter((e) => e.shown);

/* The overview's bucket from `first` (a day number): the first event shown there. */
function jump(p, first) {
  var shown = visible(p);
  var e = shown.find((x) => x.start >= first) || shown[shown.length - 1];
  if (e) focusEvent(e, true);
}

/* j / k: the next or previous shown event after the focused one, or after the top of
   the viewport when no event has focus. */
function step(p, direction) {
  var shown = visible(p);
  if (!shown.length) return;
  var active = document.activeElement;
  var i = shown.findIndex((e) => e.el.contains(active));
  if (i >= 0) {
    i += direction;
  } else {
    var header = document.querySelector(".md-header");
    var top = (header ? header.getBoundingClientRect().bottom : 0) + 8;
    var lo = 0;
    var hi = shown.length; // first event whose top is below the header
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (shown[mid].el.getBoundingClientRect().top < top) lo = mid + 1;
      else hi = mid;
    }
    i = direction > 0 ? lo : lo - 1;
  }
  focusEvent(shown[Math.max(0, Math.min(shown.length - 1, i))], false);
}

/* The page's keys (onKey runs them when no field has focus). */
function keys(p) {
  var text = p.form.text;
  return {
    j: () => step(p, 1),
    k: () => step(p, -1),
    t: () => {
      if (!text) return;
      text.focus();
      text.select();
    },
    g: () => {
      var first = FACETS.find((kind) => p.form.pickers[kind]);
      if (first) p.form.pickers[first].focus();
    },
    x: () => clear(p),
  };
}

/* Clear buttons and the keyboard help toggle (all on elements of this page: they go with it). */
function wireButtons(p) {
  [p.clearButton, one(p.root, "[data-tl-empty] > [data-tl-clear]")].forEach((b) => {
    if (b) b.addEventListener("click", () => clear(p));
  });
  var help = one(p.root, STATUS + "[data-tl-help-toggle]");
  var box = help && one(p.root, "[data-tl-controls] > form > .tl-keys");
  if (!box) return;
  help.addEventListener("click", () => {
    box.hidden = !box.hidden;
    help.setAttribute("aria-expanded", String(!box.hidden));
  });
}

/* Links inside the timeline that only change this page's view: `#<event-id>` and filter
   links such as the tag chips (`timeline/?tag=…`). Handled here, before Material's
   instant navigation sees them. */
function wireLinks(p) {
  var root = p.root;
  var home = new URL((root.dataset.tlRoot || "") + "timeline/", location.href).pathname;
  root.addEventListener("click", (ev) => {
    if (ev.button || ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.altKey) return;
    var a = ev.target.closest && ev.target.closest("a[href]");
    if (!a || a.target || !root.contains(a)) return;
    var url = new URL(a.href);
    if (url.origin !== location.origin) return;
    var here = url.pathname === location.pathname;
    var id = url.hash ? decodeURIComponent(url.hash.slice(1)) : "";
    if (here && p.byId.has(id)) {
      ev.preventDefault();
      ev.stopPropagation();
      if (url.href !== location.href) history.pushState(null, "", url.href);
      reveal(p, true);
    } else if (!url.hash && url.search && (here || url.pathname === home)) {
      ev.preventDefault();
      ev.stopPropagation();
      filterFrom(p, a, url);
    }
  });
}

/* A filter link: its filters, keeping the clicked event where it was on the screen. */
function filterFrom(p, a, url) {
  var hit = p.events.find((x) => x.el.contains(a));
  var card = hit && hit.el;
  var before = card ? card.getBoundingClientRect().top : 0;
  change(p, parse(url.search), true);
  if (card && !card.parentElement.hidden) {
    window.scrollBy(0, card.getBoundingClientRect().top - before);
  }
}

/* The date inputs cover the timeline's own days. */
function limitDates(p) {
  if (!p.events.length) return;
  var first = isoOf(Math.min.apply(null, p.events.map((e) => e.start)));
  var last = isoOf(Math.max.apply(null, p.events.map((e) => e.end)));
  [p.form.from, p.form.to].forEach((input) => {
    if (input) {
      input.min = first;
      input.max = last;
    }
  });
}

function setup(root) {
  var p = {
    root: root, path: location.pathname, hash: "", highlighted: null, words: words(root),
    status: one(root, STATUS + "[data-tl-status]"), empty: one(root, "[data-tl-empty]"),
    clearButton: one(root, STATUS + "[data-tl-clear]"),
  };
  index(p);
  p.total = p.events.length;
  p.form = FilterForm(root, p.words, (push) => {
    apply(p);
    commit(p, push);
  }, true);
  p.axis = buildAxis(root, p.events, p.words, (first) => jump(p, first), (from, to, push) => {
    p.form.state.from = from;
    p.form.state.to = to;
    p.form.show();
    apply(p);
    commit(p, push);
  });
  p.fromURL = () => change(p, parse(location.search));
  p.reveal = (focus) => reveal(p, focus);
  p.keys = keys(p);
  wireButtons(p);
  wireLinks(p);
  var controls = one(root, "[data-tl-controls]");
  if (controls) controls.hidden = false;
  root.classList.add("tl--js");
  p.fromURL();
  p.reveal(!!location.hash);
  limitDates(p);
  return p;
}

/* ---- one set of global listeners; they act on whichever page is current ---- */

function onKey(ev) {
  if (!page || !page.root.isConnected || ev.defaultPrevented) return;
  if (ev.ctrlKey || ev.metaKey || ev.altKey || ev.isComposing) return;
  var t = ev.target;
  if (t.closest && t.closest("input, textarea, select, [contenteditable]")) return;
  var search = document.getElementById("__search"); // Material's search is open
  if (search && search.checked) return;
  var action = page.keys[ev.key];
  if (action) {
    ev.preventDefault();
    action();
  }
}

function onHistory() {
  if (!page || !page.root.isConnected || location.pathname !== page.path) return;
  page.fromURL();
  page.reveal(location.hash !== page.hash);
}

var ourRoot = () => document.querySelector(".tl[data-tl-root]");

function init() {
  var root = ourRoot();
  if (!root) {
    page = null;
    return;
  }
  if (root.classList.contains("tl--index")) { // timeline-index.js' page
    page = null;
    return;
  }
  if (page && page.root === root) return; // already set up (document$ re-emitted)
  var t0 = performance.now();
  page = setup(root);
  if (performance.measure) performance.measure("tl:setup", { start: t0 });
}

document.addEventListener("keydown", onKey);
window.addEventListener("popstate", onHistory);
window.addEventListener("hashchange", () => {
  if (page && location.hash !== page.hash) onHistory();
});
if (window.document$ && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(init);
} else if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", init);
} else {
  init();
}
