/*
 * Inside an embed view (embed/, events/<id>/embed/), framed by another site.
 *
 * It sends one kind of message, to its parent only: {type: "timeline:height", height: N},
 * the height in CSS pixels of the frame's content, whenever it changes. The target origin
 * is "*" because the host's origin is not known in advance and the height is no secret.
 * It says it again 0.5, 1, 2, 4, 8, 16 and 32 s after starting: embed.js is loaded async
 * (or added late by the host's own scripts), and a height said before it listens was lost,
 * leaving the frame at the snippet's 600 px (issue 24). It listens for no message (it
 * could not ask the host), and reads nothing from the host page. "Open on <site>" leads
 * to the same view (the same filters) on the site, in the top window like every link
 * (<base target="_top">).
 */
(function () {
  "use strict";
  var frame = document.querySelector("[data-tl-embed-frame]");
  if (!frame) return;
  var open = frame.querySelector("[data-tl-open]");
  if (open) {
    var base = open.getAttribute("href");
    var follow = function () { open.setAttribute("href", base + location.search + location.hash); };
    open.addEventListener("click", follow);
    open.addEventListener("focus", follow);
    open.addEventListener("mouseenter", follow);
  }
  if (window.parent === window) return;
  var last = -1;
  var send = function () {
    var height = Math.ceil(frame.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    window.parent.postMessage({ type: "timeline:height", height: height }, "*");
  };
  if (window.ResizeObserver) new ResizeObserver(send).observe(frame);
  window.addEventListener("load", send);
  send();
  [500, 1000, 2000, 4000, 8000, 16000, 32000].forEach(function (after) {
    setTimeout(function () { last = -1; send(); }, after);
  });
})();
