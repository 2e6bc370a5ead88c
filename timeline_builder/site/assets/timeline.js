/* Timeline enhancements: filters, URL state, overview axis, keyboard. Without it every
 * event is still there and readable. No HTML strings (text nodes, `hidden`), so it runs
 * under `script-src 'self'`. `init` runs on every page Material's instant navigation
 * shows (`document$`), is idempotent and does nothing without a `.tl`. Contributor HTML
 * sits inside our markup, so our elements are found by `:scope >` chains from the root
 * (`.tl[data-tl-root]`, a name the sanitiser removes from contributor HTML).
 */
import {
  DAY, FACETS, blank, dayOf, failures, hashId, isBlank, isoOf, matcher, parse, query, searchable,
  showCounts, showState,
} from "./timeline-state.js";
import { Picker } from "./timeline-picker.js";

var SVG = "http://www.w3.org/2000/svg";
var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
  "September", "October", "November", "December"];
var page = null; // the controller of the timeline on the current page, if any

var all = (el, selector) => Array.from(el.querySelectorAll(":scope > " + selector));
var one = (el, selector) => el.querySelector(":scope > " + selector);
// Chains from the root to our elements (timeline.html, _macros.html).
var FORM = "[data-tl-controls] > form";
var STATUS = FORM + " > .tl-filters__status > ";
var CHIPS = ".tl-event__meta > ul > li > [data-actor], :scope > .tl-event__meta > ul > li > " +
  "[data-tag], :scope > .tl-event__meta > p > [data-source]";
var motion = () => !matchMedia("(prefers-reduced-motion: reduce)").matches;

function human(n, month) {
  var d = new Date(n * DAY);
  return (month ? "" : d.getUTCDate() + " ") + MONTHS[d.getUTCMonth()] + " " + d.getUTCFullYear();
}

function svg(parent, name, attrs) {
  var el = document.createElementNS(SVG, name);
  Object.keys(attrs || {}).forEach((k) => el.setAttribute(k, attrs[k]));
  return parent.appendChild(el);
}


/* ---- the timeline page ---- */

function setup(root) {
  var controls = one(root, "[data-tl-controls]");
  var form = one(root, FORM);
  var field = (name) => one(root, FORM + " > .tl-filters__row > label > [data-tl-" + name + "]");
  var textInput = field("text");
  var fromInput = field("from");
  var toInput = field("to");
  var status = one(root, STATUS + "[data-tl-status]");
  var empty = one(root, "[data-tl-empty]");
  var clearButton = one(root, STATUS + "[data-tl-clear]");
  var state = blank();
  var typing = false; // a run of keystrokes in the search box makes one history entry
  var timer = 0;
  var highlighted = null;

  // The index, built once: per event its element, period, facets and folded text.
  var events = [];
  var byId = new Map();
  var days = [];
  var periods = all(root, ".tl-period").map((el) => ({ el: el, n: 0, shown: true }));
  periods.forEach((period) => all(period.el, ".tl-day").forEach((dayEl) => {
    var day = { el: dayEl, period: period, n: 0, shown: true };
    days.push(day);
    all(dayEl, ".tl-events > li > .tl-event").forEach((el) => {
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
      events.push(e);
      byId.set(el.id, e);
    });
  }));
  var total = events.length;

  var live = one(root, FORM + " > .tl-filters__facets > [data-tl-live]");
  var pickers = {};
  all(root, FORM + " > .tl-filters__facets > [data-tl-picker]").forEach((box) => {
    pickers[box.dataset.tlPicker] = Picker(box, live, (kind, values) => {
      typing = false;
      state[kind] = values;
      change(true);
    });
  });

  var axis = buildAxis(root, events, jump, setRange);

  /* Show the events the state selects; write only what changed. */
  function apply() {
    var t0 = performance.now();
    var m = matcher(state);
    var counts = FACETS.map(() => new Map());
    var shown = 0;
    days.forEach((d) => { d.n = 0; });
    periods.forEach((p) => { p.n = 0; });
    if (axis) axis.reset();
    for (var i = 0; i < events.length; i++) {
      var e = events[i];
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
      if (axis) axis.count(e, show);
      if (show !== e.shown) {
        e.shown = show;
        e.item.hidden = !show;
      }
    }
    days.forEach((d) => {
      d.period.n += d.n;
      if (d.shown !== d.n > 0) d.el.hidden = !(d.shown = d.n > 0);
    });
    periods.forEach((p) => {
      if (p.shown !== p.n > 0) p.el.hidden = !(p.shown = p.n > 0);
    });
    showCounts(pickers, counts);
    var message = shown + " of " + total + " events";
    if (status && status.textContent !== message) status.textContent = message;
    if (empty) empty.hidden = shown > 0;
    if (axis) axis.update(m.from, m.to);
    var ms = performance.now() - t0;
    root.dispatchEvent(new CustomEvent("tl:updated",
      { bubbles: true, detail: { shown: shown, total: total, ms: ms } }));
  }

  /* Make the inputs show the state. */
  function sync() {
    showState({ pickers: pickers, text: textInput, from: fromInput, to: toInput }, state);
  }

  /* Record the state in the URL: pushState for discrete changes, replaceState while typing. */
  function commit(push) {
    var url = location.pathname + query(state, location.search);
    if (url === location.pathname + location.search && !location.hash) return;
    if (push) history.pushState(null, "", url);
    else history.replaceState(history.state, "", url);
    self.hash = "";
    mark(null); // the URL no longer names an event
  }

  function change(push) {
    sync();
    apply();
    commit(push);
  }

  function fromURL() {
    state = parse(location.search);
    sync();
    apply();
  }

  function clear() {
    if (isBlank(state)) return;
    typing = false;
    state = blank();
    change(true);
    if (empty && empty.contains(document.activeElement) && clearButton) clearButton.focus();
  }

  function flushText() {
    clearTimeout(timer);
    if (!textInput) return;
    var value = textInput.value.trim();
    if (value === state.text) return;
    state.text = value;
    apply();
    commit(!typing);
    typing = true;
  }

  function setRange(from, to, push) {
    state.from = from;
    state.to = to;
    change(push);
  }

  function mark(e) {
    if (highlighted) highlighted.el.classList.remove("tl-event--target");
    highlighted = e;
    if (e) e.el.classList.add("tl-event--target");
  }

  function focusEvent(e, smooth) {
    e.el.focus({ preventScroll: true });
    e.el.scrollIntoView({ block: "start", behavior: smooth && motion() ? "smooth" : "auto" });
  }

  /* #<event-id>: show (clearing filters that hide it), highlight, and optionally focus it. */
  function reveal(focus) {
    self.hash = location.hash;
    var e = byId.get(hashId());
    mark(e || null);
    if (!e) return;
    if (!e.shown) {
      state = blank();
      sync();
      apply();
      history.replaceState(history.state, "", location.pathname +
        query(state, location.search) + location.hash);
    }
    if (focus) focusEvent(e, false);
  }

  function visible() {
    return events.filter((e) => e.shown);
  }

  /* The overview's bucket from..to (day numbers): the first event shown there. */
  function jump(first) {
    var shown = visible();
    var e = shown.find((x) => x.start >= first) || shown[shown.length - 1];
    if (e) focusEvent(e, true);
  }

  /* j / k: the next or previous shown event after the focused one, or after the top of
     the viewport when no event has focus. */
  function step(direction) {
    var shown = visible();
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

  function openFilters() {
    var first = FACETS.find((kind) => pickers[kind]);
    if (first) pickers[first].focus();
  }

  function focusText() {
    if (!textInput) return;
    textInput.focus();
    textInput.select();
  }

  /* ---- wiring (all on elements of this page: they go with it) ---- */

  if (form) {
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      flushText();
    });
    form.addEventListener("change", (ev) => {
      var t = ev.target;
      if (t === textInput) {
        flushText();
        typing = false;
        return;
      }
      typing = false;
      if (t === fromInput || t === toInput) {
        state[t.name] = t.value;
        change(true);
      }
    });
  }
  if (textInput) {
    textInput.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(flushText, 100);
    });
    textInput.addEventListener("keydown", (ev) => {
      if (ev.key === "Escape") { // leave the box (Chromium would empty a search box)
        ev.preventDefault();
        flushText();
        textInput.blur();
      }
    });
    textInput.addEventListener("blur", () => {
      flushText();
      typing = false;
    });
  }
  [clearButton, one(root, "[data-tl-empty] > [data-tl-clear]")].forEach((b) => {
    if (b) b.addEventListener("click", clear);
  });
  var help = one(root, STATUS + "[data-tl-help-toggle]");
  var keys = help && one(root, FORM + " > .tl-keys");
  if (keys) {
    help.addEventListener("click", () => {
      keys.hidden = !keys.hidden;
      help.setAttribute("aria-expanded", String(!keys.hidden));
    });
  }

  // Links inside the timeline that only change this page's view: `#<event-id>` and
  // filter links such as the tag chips (`timeline/?tag=…`). Handled here, before
  // Material's instant navigation sees them.
  var home = new URL((root.dataset.tlRoot || "") + "timeline/", location.href).pathname;
  root.addEventListener("click", (ev) => {
    if (ev.button || ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.altKey) return;
    var a = ev.target.closest && ev.target.closest("a[href]");
    if (!a || a.target || !root.contains(a)) return;
    var url = new URL(a.href);
    if (url.origin !== location.origin) return;
    var here = url.pathname === location.pathname;
    var id = url.hash ? decodeURIComponent(url.hash.slice(1)) : "";
    if (here && byId.has(id)) {
      ev.preventDefault();
      ev.stopPropagation();
      if (url.href !== location.href) history.pushState(null, "", url.href);
      reveal(true);
    } else if (!url.hash && url.search && (here || url.pathname === home)) {
      ev.preventDefault();
      ev.stopPropagation();
      var hit = events.find((x) => x.el.contains(a));
      var card = hit && hit.el;
      var before = card ? card.getBoundingClientRect().top : 0;
      typing = false;
      state = parse(url.search);
      change(true);
      // Keep the clicked event where it was on the screen.
      if (card && !card.parentElement.hidden) {
        window.scrollBy(0, card.getBoundingClientRect().top - before);
      }
    }
  });

  var self = {
    root: root,
    path: location.pathname,
    hash: "",
    fromURL: fromURL,
    reveal: reveal,
    keys: { j: () => step(1), k: () => step(-1), t: focusText, g: openFilters, x: clear },
  };
  if (controls) controls.hidden = false;
  root.classList.add("tl--js");
  fromURL();
  reveal(!!location.hash);
  var firstDay = events.length ? isoOf(Math.min.apply(null, events.map((e) => e.start))) : "";
  var lastDay = events.length ? isoOf(Math.max.apply(null, events.map((e) => e.end))) : "";
  [fromInput, toInput].forEach((input) => {
    if (input && firstDay) {
      input.min = firstDay;
      input.max = lastDay;
    }
  });

  return self;
}

/* ---- the overview axis: events per day (week, month for long periods) ---- */

function buildAxis(root, events, jump, setRange) {
  var box = one(root, "[data-tl-controls] > [data-tl-axis]");
  if (!box || !events.length) {
    if (box) box.hidden = true;
    return null;
  }
  var calendar = null;
  try {
    calendar = JSON.parse(root.dataset.tlCalendars || "[]")[0] || null;
  } catch (e) { /* no day numbers then */ }
  var calendarStart = calendar ? dayOf(calendar.start) : NaN;

  var lo = Infinity;
  var hi = -Infinity;
  events.forEach((e) => {
    lo = Math.min(lo, e.start);
    hi = Math.max(hi, e.end);
  });
  var length = hi - lo + 1;
  var unit = length <= 200 ? "day" : length <= 1500 ? "week" : "month";
  var buckets = [];
  var d = unit === "week" ? lo - ((lo + 3) % 7) : lo; // weeks start on Monday
  while (d <= hi) {
    var next = d + 1;
    if (unit === "week") next = d + 7;
    if (unit === "month") {
      var date = new Date(d * DAY);
      d = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1) / DAY;
      next = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1) / DAY;
    }
    buckets.push({ start: d, end: next - 1, all: 0, shown: 0, drawn: -1 });
    d = next;
  }
  var n = buckets.length;
  function bucketOf(day) {
    var a = 0;
    var b = n - 1;
    while (a < b) {
      var mid = (a + b + 1) >> 1;
      if (buckets[mid].start <= day) a = mid;
      else b = mid - 1;
    }
    return a;
  }
  /* A day's place on the strip, 0..100 (%); `day` may be the day after the last one. */
  function x(day) {
    if (day > buckets[n - 1].end) return 100;
    var i = bucketOf(Math.max(day, buckets[0].start));
    var b = buckets[i];
    return (100 * (i + (day - b.start) / (b.end - b.start + 1))) / n;
  }
  var spans = [];
  var laneEnds = [];
  events.forEach((e) => {
    if (!e.span) {
      e.bucket = bucketOf(e.start);
      buckets[e.bucket].all++;
      return;
    }
    // Month- and year-precision events and ranges are drawn as spans, in up to 3 lanes.
    var lane = laneEnds.findIndex((end) => end < e.start);
    if (lane < 0) lane = laneEnds.length < 3 ? laneEnds.length : spans.length % 3;
    laneEnds[lane] = Math.max(laneEnds[lane] || -Infinity, e.end);
    spans.push({ e: e, lane: lane, shown: true });
  });
  var max = Math.max(1, Math.max.apply(null, buckets.map((b) => b.all)));

  var BAR = 40;
  var TOP = 16;
  var BASE = TOP + BAR;
  var lanes = laneEnds.length;
  var height = BASE + (lanes ? 3 + lanes * 5 : 0) + 18;
  var track = document.createElement("div");
  track.className = "tl-axis__track";
  track.tabIndex = 0;
  track.setAttribute("role", "slider");
  track.setAttribute("aria-label", "Overview: events per " + unit);
  track.setAttribute("aria-valuemin", "1");
  track.setAttribute("aria-valuemax", String(n));
  track.setAttribute("aria-describedby", "tl-axis-hint");
  var chart = svg(track, "svg", { width: "100%", height: height, "aria-hidden": "true" });
  var labels = svg(chart, "g", { class: "tl-axis__labels" });
  var selection = svg(chart, "rect", { class: "tl-axis__selection", y: 0, height: BASE + 2 });
  var bars = svg(chart, "g");
  var cursorRect = svg(chart, "rect",
    { class: "tl-axis__cursor", y: TOP - 3, height: BAR + 5, width: (100 / n) + "%" });
  var hint = document.createElement("p");
  hint.className = "tl-axis__hint";
  hint.id = "tl-axis-hint";
  hint.appendChild(document.createTextNode("Events per " + unit + (spans.length ?
    "; lines below: events known only to the month or year, and date ranges" : "") +
    ". Click a bar to jump to it, drag across bars to filter by date; " +
    "keyboard: ← → choose, Enter jumps, Shift + ← → selects dates."));
  box.textContent = "";
  box.appendChild(track);
  box.appendChild(hint);

  var width = 100 / n;
  buckets.forEach((b, i) => {
    if (!b.all) return;
    var h = Math.max(2, (BAR * b.all) / max);
    var g = svg(bars, "g");
    b.title = svg(g, "title");
    var place = { x: (i + 0.1) * width + "%", width: width * 0.8 + "%", y: BASE - h, height: h };
    svg(g, "rect", Object.assign({ class: "tl-axis__all" }, place));
    b.bar = svg(g, "rect", Object.assign({ class: "tl-axis__bar" }, place));
  });
  spans.forEach((s) => {
    var x1 = x(s.e.start);
    s.rect = svg(bars, "rect", { class: "tl-axis__span", x: x1 + "%",
      width: Math.max(0.4, x(s.e.end + 1) - x1) + "%", y: BASE + 3 + s.lane * 5, height: 3 });
    svg(s.rect, "title").textContent = s.e.time ? s.e.time.textContent : "";
  });

  function dayNumber(day) {
    var number = day - calendarStart + 1;
    return number >= 1 ? number : 0;
  }
  function describe(i) {
    var b = buckets[i];
    var text = unit === "day" ? human(b.start) : unit === "week" ? "Week of " + human(b.start)
      : human(b.start, true);
    var number = dayNumber(b.start);
    if (number && unit === "day") text += ", " + calendar.label.replace("{n}", number);
    return text + ": " + b.all + (b.all === 1 ? " event" : " events") +
      (b.shown !== b.all ? " (" + b.shown + " shown)" : "");
  }

  /* Month labels and day-number ticks, thinned to fit the width. */
  function drawLabels() {
    var w = track.clientWidth || 600;
    labels.textContent = "";
    var put = (pos, y, text, cls) => {
      var anchor = pos < 4 ? "start" : pos > 96 ? "end" : "middle";
      svg(labels, "text", { x: pos + "%", y: y, "text-anchor": anchor, class: cls }).textContent = text;
    };
    // Months (every k-th, or years only on long periods), at the bottom.
    var months = [];
    var first = new Date(buckets[0].start * DAY);
    for (var m = 0; ; m++) {
      var day = Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + m, 1) / DAY;
      if (day > hi) break;
      months.push(day);
    }
    var every = Math.max(1, Math.ceil((months.length * 64) / w));
    if (every > 2) every = every > 6 ? 12 : every > 3 ? 6 : 3;
    var marks = months.filter((day) => !(new Date(day * DAY).getUTCMonth() % every))
      .map((day) => ({ day: day, pos: Math.max(0, x(day)) }));
    // A partial first month gives way to the next one when they would collide.
    if (marks.length > 1 && ((marks[1].pos - marks[0].pos) * w) / 100 < 48) marks.shift();
    var last = -Infinity;
    marks.forEach((mark, i) => {
      var date = new Date(mark.day * DAY);
      svg(labels, "line", { x1: mark.pos + "%", x2: mark.pos + "%", y1: TOP - 2, y2: height - 14,
        class: "tl-axis__month" });
      if (((mark.pos - last) * w) / 100 < 48) return;
      last = mark.pos;
      var name = every >= 12 ? String(date.getUTCFullYear())
        : MONTHS[date.getUTCMonth()].slice(0, 3) +
          (date.getUTCMonth() === 0 || !i ? " " + date.getUTCFullYear() : "");
      put(mark.pos, height - 3, name, "tl-axis__label");
    });
    // Day numbers of the first calendar, at the top.
    if (!calendar || calendarStart !== calendarStart) return;
    var firstNumber = Math.max(1, dayNumber(lo));
    var lastNumber = dayNumber(hi);
    if (!lastNumber) return;
    var fits = Math.max(1, Math.floor(w / 70));
    var stepSize = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000]
      .find((s) => (lastNumber - firstNumber) / s < fits) || 10000;
    last = -Infinity;
    for (var k = Math.ceil(firstNumber / stepSize) * stepSize; k <= lastNumber; k += stepSize) {
      var at = k === 0 ? 1 : k;
      var pos = (x(calendarStart + at - 1) + x(calendarStart + at)) / 2; // the day's middle
      if (((pos - last) * w) / 100 < 56) continue;
      last = pos;
      svg(labels, "line", { x1: pos + "%", x2: pos + "%", y1: TOP - 4, y2: TOP,
        class: "tl-axis__tick" });
      put(pos, TOP - 6, "Day " + at, "tl-axis__label tl-axis__label--day");
    }
  }
  drawLabels();
  if (window.ResizeObserver) {
    var seen = track.clientWidth;
    new ResizeObserver(() => {
      if (track.clientWidth !== seen) {
        seen = track.clientWidth;
        drawLabels();
      }
    }).observe(track);
  }

  /* ---- interaction: click jumps, drag narrows the dates, keyboard does both ---- */
  var cursor = 0;
  var anchor = -1;
  var drag = null;
  function drawCursor() {
    cursorRect.setAttribute("x", cursor * width + "%");
    track.setAttribute("aria-valuenow", String(cursor + 1));
    track.setAttribute("aria-valuetext", describe(cursor));
  }
  function showRange(a, b, cls) {
    if (a < 0) {
      selection.removeAttribute("width");
      return;
    }
    selection.setAttribute("class", cls);
    selection.setAttribute("x", a * width + "%");
    selection.setAttribute("width", (b - a + 1) * width + "%");
  }
  function pick(a, b, push) {
    var first = Math.min(a, b);
    var lastBucket = Math.max(a, b);
    setRange(isoOf(buckets[first].start), isoOf(buckets[lastBucket].end), push);
  }
  var at = (ev) => {
    var r = track.getBoundingClientRect();
    return Math.max(0, Math.min(n - 1, Math.floor(((ev.clientX - r.left) / r.width) * n)));
  };
  track.addEventListener("pointerdown", (ev) => {
    if (ev.button) return;
    drag = { a: at(ev), b: at(ev) };
    track.setPointerCapture(ev.pointerId);
    ev.preventDefault();
    track.focus({ preventScroll: true });
  });
  track.addEventListener("pointermove", (ev) => {
    if (!drag) return;
    var b = at(ev);
    if (b === drag.b) return;
    drag.b = b;
    showRange(Math.min(drag.a, b), Math.max(drag.a, b), "tl-axis__selection tl-axis__selection--drag");
  });
  track.addEventListener("pointerup", (ev) => {
    if (!drag) return;
    var d = drag;
    drag = null;
    cursor = at(ev);
    drawCursor();
    if (d.a !== cursor) pick(d.a, cursor, true);
    else jump(buckets[cursor].start);
  });
  track.addEventListener("pointercancel", () => {
    drag = null;
    update(lastFrom, lastTo);
  });
  track.addEventListener("keydown", (ev) => {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    var moves = { ArrowRight: 1, ArrowUp: 1, ArrowLeft: -1, ArrowDown: -1,
      PageUp: Math.ceil(n / 10), PageDown: -Math.ceil(n / 10), Home: -n, End: n };
    if (ev.key === "Enter" || ev.key === " ") {
      ev.preventDefault();
      jump(buckets[cursor].start);
    } else if (ev.key in moves) {
      ev.preventDefault();
      var c = Math.max(0, Math.min(n - 1, cursor + moves[ev.key]));
      if (ev.shiftKey) {
        var first = anchor < 0;
        if (first) anchor = cursor;
        cursor = c;
        pick(anchor, cursor, first);
      } else {
        anchor = -1;
        cursor = c;
      }
      drawCursor();
    }
  });
  track.addEventListener("blur", () => { anchor = -1; });

  var lastFrom = NaN;
  var lastTo = NaN;
  function update(from, to) {
    lastFrom = from;
    lastTo = to;
    buckets.forEach((b, i) => {
      if (b.bar && b.drawn !== b.shown) {
        b.drawn = b.shown;
        var h = b.shown ? Math.max(2, (BAR * b.shown) / max) : 0;
        b.bar.setAttribute("y", BASE - h);
        b.bar.setAttribute("height", h);
        b.title.textContent = describe(i);
      }
    });
    spans.forEach((s) => {
      if (s.shown !== s.e.shown) {
        s.shown = s.e.shown;
        s.rect.classList.toggle("tl-axis__span--off", !s.shown);
      }
    });
    if (from === from || to === to) {
      showRange(from === from ? bucketOf(Math.max(from, buckets[0].start)) : 0,
        to === to ? bucketOf(Math.min(Math.max(to, buckets[0].start), hi)) : n - 1,
        "tl-axis__selection");
    } else {
      showRange(-1);
    }
    drawCursor();
  }

  return {
    reset: () => buckets.forEach((b) => { b.shown = 0; }),
    count: (e, shown) => { if (shown && e.bucket >= 0) buckets[e.bucket].shown++; },
    update: update,
  };
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
