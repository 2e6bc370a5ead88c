/*
 * embed.js: for pages that frame a timeline of this site.
 *
 *   <iframe src="https://example.org/embed/?tag=diplomacy" title="…" data-timeline-embed
 *           loading="lazy" style="width:100%;height:600px;border:0"></iframe>
 *   <script src="https://example.org/assets/timeline/embed.js" async></script>
 *
 * Each iframe marked `data-timeline-embed` gets the height its content reports, so the
 * timeline never scrolls inside a box. A message is used only when it comes from that
 * iframe's own window (`event.source`) and from the origin of its `src`, and only a
 * {type: "timeline:height", height: N} with N a number, kept between 100 and 100,000
 * pixels. Nothing else is read, and nothing is sent to the frame.
 */
(function () {
  "use strict";
  if (window.__timelineEmbed) return;
  window.__timelineEmbed = true;
  var MIN = 100, MAX = 100000;
  window.addEventListener("message", function (event) {
    var data = event.data;
    if (!data || typeof data !== "object" || data.type !== "timeline:height") return;
    var height = data.height;
    if (typeof height !== "number" || !isFinite(height)) return;
    var frames = document.querySelectorAll("iframe[data-timeline-embed]");
    for (var i = 0; i < frames.length; i++) {
      var frame = frames[i];
      if (frame.contentWindow !== event.source) continue;
      var origin;
      try { origin = new URL(frame.src, location.href).origin; } catch (e) { return; }
      if (origin !== event.origin) return;
      frame.style.height = Math.round(Math.min(MAX, Math.max(MIN, height))) + "px";
      return;
    }
  });
})();
