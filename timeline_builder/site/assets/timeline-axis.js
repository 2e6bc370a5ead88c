/* The overview axis of timeline.js: events per day (week, month for long periods) as bars,
 * spans below for events known only to the month or year and for ranges. Click jumps,
 * drag narrows the dates, the keyboard does both (an ARIA slider). Its own module because
 * it is a third of the page's script and owns no filter state: it calls `jump(day)` and
 * `setRange(from, to, push)`, and the page calls back `reset`, `count`, `update`.
 */
import { DAY, dayOf, isoOf } from "./timeline-state.js";

var SVG = "http://www.w3.org/2000/svg";
var BAR = 40;
var TOP = 16;
var BASE = TOP + BAR;

function svg(parent, name, attrs) {
  var el = document.createElementNS(SVG, name);
  Object.keys(attrs || {}).forEach((k) => el.setAttribute(k, attrs[k]));
  return parent.appendChild(el);
}

/* The first calendar of the page (data-tl-calendars), for day numbers; none if unreadable. */
function calendarOf(root) {
  var calendar = null;
  try {
    calendar = JSON.parse(root.dataset.tlCalendars || "[]")[0] || null;
  } catch (e) { /* no day numbers then */ }
  return { calendar: calendar, start: calendar ? dayOf(calendar.start) : NaN };
}

/* The buckets and the scale: a unit that keeps the bars readable, and `x(day)`, a day's
   place on the strip, 0..100 (%), where `day` may be the day after the last one. */
function scaleOf(a) {
  var lo = Infinity;
  var hi = -Infinity;
  a.events.forEach((e) => {
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
  Object.assign(a, { lo: lo, hi: hi, unit: unit, buckets: buckets, n: buckets.length,
    width: 100 / buckets.length });
}

function bucketOf(a, day) {
  var lo = 0;
  var hi = a.n - 1;
  while (lo < hi) {
    var mid = (lo + hi + 1) >> 1;
    if (a.buckets[mid].start <= day) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function x(a, day) {
  var buckets = a.buckets;
  if (day > buckets[a.n - 1].end) return 100;
  var i = bucketOf(a, Math.max(day, buckets[0].start));
  var b = buckets[i];
  return (100 * (i + (day - b.start) / (b.end - b.start + 1))) / a.n;
}

/* Day events go to their bucket; month- and year-precision events and ranges are drawn as
   spans, in up to 3 lanes. */
function place(a) {
  var laneEnds = [];
  a.spans = [];
  a.events.forEach((e) => {
    if (!e.span) {
      e.bucket = bucketOf(a, e.start);
      a.buckets[e.bucket].all++;
      return;
    }
    var lane = laneEnds.findIndex((end) => end < e.start);
    if (lane < 0) lane = laneEnds.length < 3 ? laneEnds.length : a.spans.length % 3;
    laneEnds[lane] = Math.max(laneEnds[lane] || -Infinity, e.end);
    a.spans.push({ e: e, lane: lane, shown: true });
  });
  a.max = Math.max(1, Math.max.apply(null, a.buckets.map((b) => b.all)));
  a.height = BASE + (laneEnds.length ? 3 + laneEnds.length * 5 : 0) + 18;
}

/* The slider, its chart and the hint that tells how to use it. */
function drawChart(a, box) {
  var w = a.words;
  var track = a.track = document.createElement("div");
  track.className = "tl-axis__track";
  track.tabIndex = 0;
  track.setAttribute("role", "slider");
  var per = { // whole messages, each for the catalogs
    day: [w._("Overview: events per day"), w._("Events per day")],
    week: [w._("Overview: events per week"), w._("Events per week")],
    month: [w._("Overview: events per month"), w._("Events per month")],
  }[a.unit];
  track.setAttribute("aria-label", per[0]);
  track.setAttribute("aria-valuemin", "1");
  track.setAttribute("aria-valuemax", String(a.n));
  track.setAttribute("aria-describedby", "tl-axis-hint");
  var chart = svg(track, "svg", { width: "100%", height: a.height, "aria-hidden": "true" });
  a.labels = svg(chart, "g", { class: "tl-axis__labels" });
  a.selection = svg(chart, "rect", { class: "tl-axis__selection", y: 0, height: BASE + 2 });
  var bars = svg(chart, "g");
  a.cursorRect = svg(chart, "rect",
    { class: "tl-axis__cursor", y: TOP - 3, height: BAR + 5, width: a.width + "%" });
  var hint = document.createElement("p");
  hint.className = "tl-axis__hint";
  hint.id = "tl-axis-hint";
  hint.appendChild(document.createTextNode(per[1] + (a.spans.length ?
    w._("; lines below: events known only to the month or year, and date ranges") : "") +
    w._(". Click a bar to jump to it, drag across bars to filter by date; keyboard: ← → choose, Enter jumps, Shift + ← → selects dates.")));
  box.textContent = "";
  box.appendChild(track);
  box.appendChild(hint);

  a.buckets.forEach((b, i) => {
    if (!b.all) return;
    var h = Math.max(2, (BAR * b.all) / a.max);
    var g = svg(bars, "g");
    b.title = svg(g, "title");
    var at = { x: (i + 0.1) * a.width + "%", width: a.width * 0.8 + "%", y: BASE - h, height: h };
    svg(g, "rect", Object.assign({ class: "tl-axis__all" }, at));
    b.bar = svg(g, "rect", Object.assign({ class: "tl-axis__bar" }, at));
  });
  a.spans.forEach((s) => {
    var x1 = x(a, s.e.start);
    s.rect = svg(bars, "rect", { class: "tl-axis__span", x: x1 + "%",
      width: Math.max(0.4, x(a, s.e.end + 1) - x1) + "%", y: BASE + 3 + s.lane * 5, height: 3 });
    svg(s.rect, "title").textContent = s.e.time ? s.e.time.textContent : "";
  });
}

function dayNumber(a, day) {
  var number = day - a.calendarStart + 1;
  return number >= 1 ? number : 0;
}

/* A bucket in words, for its bar's title and the slider's value text. */
function describe(a, i) {
  var w = a.words;
  var b = a.buckets[i];
  var start = new Date(b.start * DAY);
  var text = a.unit === "day" ? w.day(start) : a.unit === "week"
    ? w._("Week of {date}", { date: w.day(start) }) : w.month(start);
  var number = dayNumber(a, b.start);
  if (number && a.unit === "day") text += ", " + a.calendar.label.replace("{n}", number);
  return text + ": " + w._n("{n} event", "{n} events", b.all) +
    (b.shown !== b.all ? " " + w._("({n} shown)", { n: b.shown }) : "");
}

/* Month labels and day-number ticks, thinned to fit the width. */
function drawLabels(a) {
  var w = a.track.clientWidth || 600;
  a.labels.textContent = "";
  var put = (pos, y, text, cls) => {
    var anchor = pos < 4 ? "start" : pos > 96 ? "end" : "middle";
    svg(a.labels, "text", { x: pos + "%", y: y, "text-anchor": anchor, class: cls }).textContent = text;
  };
  drawMonths(a, w, put);
  drawDayNumbers(a, w, put);
}

/* Months (every k-th, or years only on long periods), at the bottom. */
function drawMonths(a, w, put) {
  var months = [];
  var first = new Date(a.buckets[0].start * DAY);
  for (var m = 0; ; m++) {
    var day = Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + m, 1) / DAY;
    if (day > a.hi) break;
    months.push(day);
  }
  var every = Math.max(1, Math.ceil((months.length * 64) / w));
  if (every > 2) every = every > 6 ? 12 : every > 3 ? 6 : 3;
  var marks = months.filter((day) => !(new Date(day * DAY).getUTCMonth() % every))
    .map((day) => ({ day: day, pos: Math.max(0, x(a, day)) }));
  var label = (mark, i) => {
    var date = new Date(mark.day * DAY);
    var year = String(date.getUTCFullYear());
    return every >= 12 ? year
      : a.words.short(date) + (date.getUTCMonth() === 0 || !i ? " " + year : "");
  };
  // Room a label needs (px): about 7 a character at the axis' font size, and a gap.
  var room = (name) => name.length * 7 + 8;
  // A partial first month gives way to the next one when its label would collide.
  if (marks.length > 1 && ((marks[1].pos - marks[0].pos) * w) / 100 < room(label(marks[0], 0))) {
    marks.shift();
  }
  var last = -Infinity;
  var needs = 0;
  marks.forEach((mark, i) => {
    svg(a.labels, "line", { x1: mark.pos + "%", x2: mark.pos + "%", y1: TOP - 2,
      y2: a.height - 14, class: "tl-axis__month" });
    if (((mark.pos - last) * w) / 100 < needs) return;
    var name = label(mark, i);
    last = mark.pos;
    needs = room(name);
    put(mark.pos, a.height - 3, name, "tl-axis__label");
  });
}

/* Day numbers of the first calendar, at the top. */
function drawDayNumbers(a, w, put) {
  if (!a.calendar || a.calendarStart !== a.calendarStart) return;
  var firstNumber = Math.max(1, dayNumber(a, a.lo));
  var lastNumber = dayNumber(a, a.hi);
  if (!lastNumber) return;
  var fits = Math.max(1, Math.floor(w / 70));
  var stepSize = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000]
    .find((s) => (lastNumber - firstNumber) / s < fits) || 10000;
  var last = -Infinity;
  for (var k = Math.ceil(firstNumber / stepSize) * stepSize; k <= lastNumber; k += stepSize) {
    var at = k === 0 ? 1 : k;
    var pos = (x(a, a.calendarStart + at - 1) + x(a, a.calendarStart + at)) / 2; // the day's middle
    if (((pos - last) * w) / 100 < 56) continue;
    last = pos;
    svg(a.labels, "line", { x1: pos + "%", x2: pos + "%", y1: TOP - 4, y2: TOP,
      class: "tl-axis__tick" });
    put(pos, TOP - 6, a.words._("Day {n}", { n: at }), "tl-axis__label tl-axis__label--day");
  }
}

/* Labels follow the strip's width (the page's layout, not the window, decides it). */
function watchWidth(a) {
  drawLabels(a);
  if (!window.ResizeObserver) return;
  var seen = a.track.clientWidth;
  new ResizeObserver(() => {
    if (a.track.clientWidth !== seen) {
      seen = a.track.clientWidth;
      drawLabels(a);
    }
  }).observe(a.track);
}

function drawCursor(a) {
  a.cursorRect.setAttribute("x", a.cursor * a.width + "%");
  a.track.setAttribute("aria-valuenow", String(a.cursor + 1));
  a.track.setAttribute("aria-valuetext", describe(a, a.cursor));
}

function showRange(a, first, last, cls) {
  if (first < 0) {
    a.selection.removeAttribute("width");
    return;
  }
  a.selection.setAttribute("class", cls);
  a.selection.setAttribute("x", first * a.width + "%");
  a.selection.setAttribute("width", (last - first + 1) * a.width + "%");
}

/* Buckets first..last (either order) become the date filter. */
function pick(a, first, last, push) {
  a.setRange(isoOf(a.buckets[Math.min(first, last)].start),
    isoOf(a.buckets[Math.max(first, last)].end), push);
}

/* A click jumps to its bucket; a drag across buckets selects their dates. */
function wirePointer(a) {
  var track = a.track;
  var drag = null;
  var at = (ev) => {
    var r = track.getBoundingClientRect();
    return Math.max(0, Math.min(a.n - 1, Math.floor(((ev.clientX - r.left) / r.width) * a.n)));
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
    showRange(a, Math.min(drag.a, b), Math.max(drag.a, b),
      "tl-axis__selection tl-axis__selection--drag");
  });
  track.addEventListener("pointerup", (ev) => {
    if (!drag) return;
    var d = drag;
    drag = null;
    a.cursor = at(ev);
    drawCursor(a);
    if (d.a !== a.cursor) pick(a, d.a, a.cursor, true);
    else a.jump(a.buckets[a.cursor].start);
  });
  track.addEventListener("pointercancel", () => {
    drag = null;
    update(a, a.from, a.to);
  });
}

/* Arrows move the cursor, Enter jumps, Shift + arrows select from where Shift went down
   (one history entry per selection). */
function wireKeys(a) {
  var anchor = -1;
  var n = a.n;
  a.track.addEventListener("keydown", (ev) => {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    var moves = { ArrowRight: 1, ArrowUp: 1, ArrowLeft: -1, ArrowDown: -1,
      PageUp: Math.ceil(n / 10), PageDown: -Math.ceil(n / 10), Home: -n, End: n };
    if (ev.key === "Enter" || ev.key === " ") {
      ev.preventDefault();
      a.jump(a.buckets[a.cursor].start);
    } else if (ev.key in moves) {
      ev.preventDefault();
      var c = Math.max(0, Math.min(n - 1, a.cursor + moves[ev.key]));
      if (ev.shiftKey) {
        var first = anchor < 0;
        if (first) anchor = a.cursor;
        a.cursor = c;
        pick(a, anchor, a.cursor, first);
      } else {
        anchor = -1;
        a.cursor = c;
      }
      drawCursor(a);
    }
  });
  a.track.addEventListener("blur", () => { anchor = -1; });
}

/* Draw what changed since the last update: shown bars, spans, the date selection. */
function update(a, from, to) {
  a.from = from;
  a.to = to;
  a.buckets.forEach((b, i) => {
    if (b.bar && b.drawn !== b.shown) {
      b.drawn = b.shown;
      var h = b.shown ? Math.max(2, (BAR * b.shown) / a.max) : 0;
      b.bar.setAttribute("y", BASE - h);
      b.bar.setAttribute("height", h);
      b.title.textContent = describe(a, i);
    }
  });
  a.spans.forEach((s) => {
    if (s.shown !== s.e.shown) {
      s.shown = s.e.shown;
      s.rect.classList.toggle("tl-axis__span--off", !s.shown);
    }
  });
  if (from === from || to === to) {
    var start = a.buckets[0].start;
    showRange(a, from === from ? bucketOf(a, Math.max(from, start)) : 0,
      to === to ? bucketOf(a, Math.min(Math.max(to, start), a.hi)) : a.n - 1,
      "tl-axis__selection");
  } else {
    showRange(a, -1);
  }
  drawCursor(a);
}

/* The axis in `[data-tl-axis]` of the controls, or null (hidden) without events. */
export function buildAxis(root, events, words, jump, setRange) {
  var box = root.querySelector(":scope > [data-tl-controls] > [data-tl-axis]");
  if (!box || !events.length) {
    if (box) box.hidden = true;
    return null;
  }
  var cal = calendarOf(root);
  var a = { events: events, words: words, jump: jump, setRange: setRange, cursor: 0,
    from: NaN, to: NaN, calendar: cal.calendar, calendarStart: cal.start };
  scaleOf(a);
  place(a);
  drawChart(a, box);
  watchWidth(a);
  wirePointer(a);
  wireKeys(a);
  return {
    reset: () => a.buckets.forEach((b) => { b.shown = 0; }),
    count: (e, shown) => { if (shown && e.bucket >= 0) a.buckets[e.bucket].shown++; },
    update: (from, to) => update(a, from, to),
  };
}
