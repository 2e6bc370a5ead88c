/* Media on events: a lightbox for pictures and click-to-load embeds.
 *
 * Without this script a picture is a link to its full-size copy and an embed a link to
 * the player on its host. This is the only code that creates an <iframe>, and only when
 * the reader presses play, so nothing is requested from an embed host before that.
 * No HTML strings; events are delegated on the document, so pages that Material's instant
 * navigation swaps in work without setting anything up again.
 */
(function () {
  "use strict";

  // The configured embed_hosts, written in at build time (render.media_script). Contributor
  // HTML can carry our data- attributes, so the script judges every URL itself.
  var HOSTS = [/* embed_hosts */];
  var dialog = null;
  var opener = null;
  var plain = (e) => !(e.defaultPrevented || e.button || e.ctrlKey || e.metaKey ||
    e.shiftKey || e.altKey);

  function make(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text) el.textContent = text;
    return el;
  }

  /* One native modal <dialog>: it makes the page inert (focus stays inside), closes on
     Esc, and we hand focus back to the picture that opened it. */
  function lightbox() {
    if (dialog && document.body.contains(dialog)) return dialog;
    dialog = make("dialog", "tl-lightbox");
    var close = make("button", "tl-lightbox__close", "Close");
    close.type = "button";
    close.addEventListener("click", () => dialog.close());
    var figure = make("figure", "tl-lightbox__figure");
    figure.append(make("img", "tl-lightbox__img"), make("figcaption", "tl-lightbox__caption"));
    dialog.append(close, figure);
    dialog.addEventListener("click", (e) => { if (e.target === dialog) dialog.close(); });
    // Close is the one control: Tab keeps focus on it instead of leaving for the browser.
    dialog.addEventListener("keydown", (e) => {
      if (e.key === "Tab") { e.preventDefault(); close.focus(); }
    });
    dialog.addEventListener("close", () => {
      dialog.querySelector("img").removeAttribute("src");
      if (opener && document.body.contains(opener)) opener.focus();
    });
    document.body.append(dialog);
    return dialog;
  }

  function openPicture(link) {
    if (new URL(link.href, location.href).origin !== location.origin) return;
    var box = lightbox();
    var source = link.querySelector("img");
    var img = box.querySelector("img");
    img.alt = source ? source.alt : "";
    img.width = +link.dataset.tlWidth || 0;
    img.height = +link.dataset.tlHeight || 0;
    img.src = link.href;
    var caption = link.closest("figure").querySelector("figcaption");
    box.querySelector("figcaption").textContent = caption ? caption.textContent.trim() : "";
    box.setAttribute("aria-label", img.alt || "Picture");
    // The edition's word for the one control (the link says it; English: none written).
    box.querySelector("button").textContent = link.dataset.tlClose || "Close";
    opener = link;
    box.showModal();
    box.querySelector("button").focus();
  }

  /* The placeholder becomes the player. autoplay=1: the reader has just pressed play. */
  function play(control) {
    var url;
    try { url = new URL(control.dataset.tlEmbed); } catch (err) { return; }
    if (url.protocol !== "https:" || HOSTS.indexOf(url.hostname) < 0 || url.username) return;
    url.searchParams.set("autoplay", "1");
    var frame = make("iframe", "tl-embed__frame");
    frame.title = control.dataset.tlEmbedTitle || "Embedded media";
    frame.src = url.href;
    frame.allow = "autoplay; encrypted-media; fullscreen; picture-in-picture";
    frame.allowFullscreen = true;
    // The host learns only which site the reader is on, never the page (strict-origin);
    // no-referrer would be stricter, but YouTube then refuses to play (error 153).
    frame.referrerPolicy = "strict-origin";
    // Scripts and its own origin are what a player needs; no top navigation, no forms.
    frame.setAttribute("sandbox", "allow-scripts allow-same-origin allow-presentation " +
      "allow-popups allow-popups-to-escape-sandbox");
    var box = control.closest(".tl-embed");
    box.classList.add("tl-embed--playing");
    box.replaceChildren(frame);
    frame.focus();
  }

  document.addEventListener("click", (e) => {
    var target = e.target instanceof Element ? e.target : null;
    var link = target && target.closest("a[data-tl-lightbox]");
    var embed = target && target.closest("[data-tl-embed]");
    if (!plain(e) || !(link || embed)) return;
    if (link && new URL(link.href, location.href).origin !== location.origin) return;
    e.preventDefault();
    if (link) openPicture(link); else play(embed);
  });

  /* Links open with Enter; a player or picture also answers Space, like a button. */
  document.addEventListener("keydown", (e) => {
    var target = e.target instanceof Element ? e.target : null;
    if (e.key !== " " || !target || !target.matches("a[data-tl-lightbox], [data-tl-embed]")) {
      return;
    }
    e.preventDefault();
    if (target.matches("[data-tl-embed]")) play(target); else openPicture(target);
  });

  /* An embed placeholder acts here, so it is announced as a button, not a link away. */
  function enhance() {
    document.querySelectorAll("a[data-tl-embed]").forEach((link) => {
      link.setAttribute("role", "button");
    });
  }
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(enhance);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhance);
  } else {
    enhance();
  }
})();
