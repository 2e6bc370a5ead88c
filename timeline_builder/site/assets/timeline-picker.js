/* The filter form of timeline.js and timeline-index.js (_filters.html): FilterForm wires
 * the same inputs the same way on both pages; Picker is its ARIA 1.2 combobox per facet.
 * Options ([value, label, events]) load on demand from timeline/data/filters/<kind>.json.
 * Type to narrow; up/down choose, Enter toggles, Escape closes, Backspace removes the last
 * chip. The owner keeps state and URL: `onChange(kind, values)`, then `set(values)`;
 * `counts(map)` under the other filters (null: the file's own). Text nodes only.
 */
import { blank, fold, showState } from "./timeline-state.js";

var one = (el, selector) => el.querySelector(":scope > " + selector);
var LIMIT = 50; // options drawn at a time: typing narrows thousands

/* The form owns the filter state; `onChange(push)` is the page's: show the state and
   record it in the URL (push: a history entry; a run of keystrokes in the search box
   makes one). `escape`: Escape leaves the search box (the timeline's keyboard help). */
export function FilterForm(root, words, onChange, escape) {
  var form = one(root, "[data-tl-controls] > form");
  var field = (name) => one(form, ".tl-filters__row > label > [data-tl-" + name + "]");
  var f = { state: blank(), pickers: {}, text: field("text"), from: field("from"), to: field("to") };
  var typing = false;
  var timer = 0;
  f.show = () => showState(f, f.state);
  f.settle = () => { typing = false; };
  function changed() {
    typing = false;
    f.show();
    onChange(true);
  }
  function flush() {
    clearTimeout(timer);
    if (!f.text) return;
    var value = f.text.value.trim();
    if (value === f.state.text) return;
    f.state.text = value;
    onChange(!typing);
    typing = true;
  }
  var live = one(form, ".tl-filters__facets > [data-tl-live]");
  form.querySelectorAll(":scope > .tl-filters__facets > [data-tl-picker]").forEach((box) => {
    f.pickers[box.dataset.tlPicker] = Picker(box, live, words, (kind, values) => {
      f.state[kind] = values;
      changed();
    });
  });
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    flush();
  });
  form.addEventListener("change", (ev) => {
    var t = ev.target;
    if (t === f.text) flush();
    if (t === f.from || t === f.to) {
      f.state[t.name] = t.value;
      changed();
    }
    typing = false;
  });
  if (!f.text) return f;
  f.text.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(flush, 100);
  });
  if (escape) {
    f.text.addEventListener("keydown", (ev) => {
      if (ev.key === "Escape") { // leave the box (Chromium would empty a search box)
        ev.preventDefault();
        flush();
        f.text.blur();
      }
    });
  }
  f.text.addEventListener("blur", () => {
    flush();
    typing = false;
  });
  return f;
}

export function Picker(box, live, words, onChange) {
  var _ = words._;
  var kind = box.dataset.tlPicker;
  var input = one(box, "input");
  var chips = one(box, "ul");
  var popup = one(box, "div");
  var list = one(popup, "ul");
  var hint = one(popup, "p");
  var data = null; // [{value, label, n, at, key}]
  var byValue = new Map();
  var loading = null;
  var counts = null;
  var chosen = [];
  var shown = [];
  var active = -1;
  var open = false;
  var url = new URL(box.dataset.tlOptions, location.href).href;

  function announce(text) { if (live) live.textContent = text; }

  function load() {
    if (!loading) {
      loading = fetch(url).then((r) => {
        if (!r.ok) throw new Error(r.status);
        return r.json();
      }).then((json) => {
        data = json.options.map((o, i) => ({ value: o[0], label: o[1], n: o[2], at: i,
          key: fold(o[1] + " " + o[0]) }));
        data.forEach((o) => byValue.set(o.value, o));
        drawChips();
        if (open) draw();
      }, () => {
        loading = null;
        if (open) hint.textContent = _("The list could not be loaded");
      });
    }
    return loading;
  }
  var label = (v) => (byValue.has(v) ? byValue.get(v).label : v);
  var count = (o) => (counts ? counts.get(o.value) || 0 : o.n);

  function draw() {
    list.textContent = "";
    active = -1;
    input.removeAttribute("aria-activedescendant");
    if (!data) {
      hint.textContent = _("Loading…");
      return;
    }
    var q = fold(input.value.trim());
    var first = (o) => (q && (o.key.indexOf(q) === 0 || o.key.indexOf(" " + q) >= 0) ? 1 : 0);
    var found = data.filter((o) => o.key.indexOf(q) >= 0);
    found.sort((a, b) => first(b) - first(a) || (count(b) > 0) - (count(a) > 0) ||
      (counts ? count(b) - count(a) : 0) || a.at - b.at);
    shown = found.slice(0, LIMIT);
    shown.forEach((o, i) => {
      var li = list.appendChild(document.createElement("li"));
      li.id = list.id + "-" + i;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", String(chosen.indexOf(o.value) >= 0));
      li.className = "tl-picker__option" + (count(o) ? "" : " tl-option--none");
      li.appendChild(document.createElement("span")).textContent = o.label;
      li.appendChild(document.createTextNode(" "));
      var n = li.appendChild(document.createElement("span"));
      n.className = "tl-count";
      n.textContent = count(o);
    });
    hint.textContent = !found.length ? _("Nothing found") : found.length > LIMIT
      ? _("{n} found, the first {k} shown: type to narrow", { n: found.length, k: LIMIT })
      : _("{n} found", { n: found.length });
    if (q && shown.length) activate(0);
  }

  function activate(i) {
    var items = list.children;
    if (items[active]) items[active].classList.remove("tl-picker__option--active");
    active = i;
    if (!items[i]) return;
    items[i].classList.add("tl-picker__option--active");
    input.setAttribute("aria-activedescendant", items[i].id);
    items[i].scrollIntoView({ block: "nearest" });
  }

  function show() {
    if (!open) {
      open = true;
      popup.hidden = false;
      input.setAttribute("aria-expanded", "true");
      load();
    }
    draw();
  }

  function hide() {
    open = false;
    popup.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  }

  function toggle(value) {
    var had = chosen.indexOf(value) >= 0;
    var named = { label: label(value) };
    announce(had ? _("{label} removed", named) : _("{label} added", named));
    onChange(kind, had ? chosen.filter((v) => v !== value) : chosen.concat([value]));
  }

  function drawChips() {
    chips.textContent = "";
    chips.hidden = !chosen.length;
    chosen.forEach((value) => {
      var b = chips.appendChild(document.createElement("li"))
        .appendChild(document.createElement("button"));
      b.type = "button";
      b.className = "tl-picker__chip";
      b.setAttribute("aria-label", _("Remove {label}", { label: label(value) }));
      b.appendChild(document.createTextNode(label(value) + " "));
      b.appendChild(document.createElement("span")).textContent = "×";
      b.lastChild.setAttribute("aria-hidden", "true");
      b.addEventListener("click", () => {
        toggle(value);
        input.focus();
      });
    });
  }

  input.addEventListener("focus", load);
  input.addEventListener("click", show);
  input.addEventListener("input", () => {
    show();
    announce(hint.textContent);
  });
  input.addEventListener("blur", hide);
  input.addEventListener("keydown", (ev) => {
    var k = ev.key;
    if (k === "ArrowDown" || k === "ArrowUp") {
      ev.preventDefault();
      if (!open) show();
      var last = list.children.length - 1;
      activate(k === "ArrowDown" ? Math.min(active + 1, last) : Math.max(active - 1, 0));
    } else if (k === "Enter") {
      ev.preventDefault();
      if (open && shown[active]) {
        toggle(shown[active].value);
        input.value = "";
        draw();
      } else {
        show();
      }
    } else if (k === "Escape") {
      if (open || input.value) {
        ev.preventDefault();
        ev.stopPropagation();
        if (open) hide();
        else input.value = "";
      }
    } else if (k === "Backspace" && !input.value && chosen.length) {
      toggle(chosen[chosen.length - 1]);
    }
  });
  list.addEventListener("mousedown", (ev) => ev.preventDefault()); // the box keeps focus
  list.addEventListener("click", (ev) => {
    var li = ev.target.closest("[role=option]");
    var i = Array.prototype.indexOf.call(list.children, li);
    if (shown[i]) {
      toggle(shown[i].value);
      input.value = "";
      draw();
    }
  });

  return {
    set: (values) => {
      chosen = values.slice();
      if (chosen.length) load();
      drawChips();
      if (open) draw();
    },
    counts: (map) => {
      counts = map;
      if (open) draw();
    },
    focus: () => {
      input.focus();
      show();
    },
  };
}
