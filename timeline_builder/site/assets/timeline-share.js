/*
 * "Embed this view" on the timeline: the <iframe> snippet of embed/ with the filters now
 * in the address bar (the same URL state), and embed.js to size it, shown in a dialog
 * with a Copy button. Loaded on every page (Material's instant navigation swaps pages
 * without reloading scripts), so it listens once, on the document.
 */
(function () {
  "use strict";
  if (window.__timelineShare) return;
  window.__timelineShare = true;
  /* The edition's word for `id`: the catalog in data-tl-messages of the timeline the button
     is in (site/editions.py writes it from the edition's .po; babel extracts the msgids of
     these `_()` calls as it does timeline.js's); the msgid itself in the default edition. */
  var _ = function (id, element) {
    var root = element.closest("[data-tl-messages]");
    var page = root ? JSON.parse(root.getAttribute("data-tl-messages")) : {};
    return (page.messages || {})[id] || id;
  };
  var snippet = function (button) {
    var root = button.getAttribute("data-tl-embed-root") || "";
    var src = new URL(root + "embed/", location.href);
    src.search = location.search;
    src.hash = location.hash;
    var script = new URL(root + "assets/timeline/embed.js", location.href);
    var title = (button.getAttribute("data-tl-embed-title") || _("Timeline", button)).replace(/"/g, "&quot;");
    var attr = function (url) { return url.href.replace(/&/g, "&amp;").replace(/"/g, "&quot;"); };
    return '<iframe src="' + attr(src) + '" title="' + title + '" data-timeline-embed ' +
      'loading="lazy" style="width:100%;height:600px;border:0"></iframe>\n' +
      '<script src="' + attr(script) + '" async></' + 'script>';
  };
  var select = function (element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  };
  var reveal = function () {
    document.querySelectorAll("[data-tl-share][hidden]").forEach(function (el) { el.hidden = false; });
  };
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(reveal);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", reveal);
  else reveal();
  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target : null;
    if (!target) return;
    var button = target.closest("[data-tl-embed-view]");
    if (button) {
      var dialog = button.parentElement.querySelector("dialog[data-tl-embed-dialog]");
      if (!dialog) return;
      var code = dialog.querySelector("[data-tl-embed-code]");
      code.textContent = snippet(button);
      dialog.showModal();
      select(code);
      return;
    }
    var copy = target.closest("[data-tl-embed-copy]");
    if (copy) {
      var shown = copy.closest("dialog").querySelector("[data-tl-embed-code]");
      select(shown);
      var done = function () { copy.textContent = _("Copied", copy); };
      if (navigator.clipboard) navigator.clipboard.writeText(shown.textContent).then(done, function () {});
      else if (document.execCommand && document.execCommand("copy")) done();
      return;
    }
    var close = target.closest("[data-tl-embed-close]");
    if (close) close.closest("dialog").close();
  });
})();
