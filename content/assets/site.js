/*
 * Material for MkDocs' inline scripts, moved to a file so the site works under a strict
 * Content-Security-Policy (`script-src 'self'`: no inline code). The overrides in
 * overrides/partials/javascripts/ load this file where Material had each inline block,
 * synchronously, and name the part to run in `data-md-part`:
 *
 *   base     (in <head>)     the __md_scope/__md_hash/__md_get/__md_set globals that
 *                            Material's bundle and the other parts use;
 *   palette  (in the header) restore the reader's saved colour scheme before first paint;
 *   content  (after content) restore linked content tabs, open the tab named in the hash.
 *
 * The code is Material 9.8's own (partials/javascripts/*.html), unminified. Zensical's theme
 * has the same partials, so the same overrides serve both builders.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var part = script ? script.getAttribute("data-md-part") : null;

  if (part === "base") {
    var scope = script.getAttribute("data-md-scope") || ".";
    window.__md_scope = new URL(scope, location);
    // Zensical's version of this code (its theme reuses these overrides): the scope is a
    // folder, and the platform is exposed for its styles. Harmless under Material.
    if (!window.__md_scope.pathname.endsWith("/")) {
      window.__md_scope = new URL(window.__md_scope.pathname + "/", location);
    }
    document.documentElement.setAttribute("data-platform", navigator.platform);
    // Material's search dialog has no accessible name (axe: aria-dialog-name); Zensical's
    // has one. Named here rather than by overriding the partial, which differs between
    // the two themes: the label is the theme's own word for "search", in the site's language.
    document.addEventListener("DOMContentLoaded", function () {
      var dialog = document.querySelector(".md-search[role='dialog']:not([aria-label])");
      var named = document.querySelector(".md-search__options[aria-label]");
      if (dialog && named) dialog.setAttribute("aria-label", named.getAttribute("aria-label"));
    });
    window.__md_hash = function (value) {
      return Array.from(value).reduce(function (hash, ch) {
        return (hash << 5) - hash + ch.charCodeAt(0);
      }, 0);
    };
    window.__md_get = function (key, storage, base) {
      storage = storage || localStorage;
      base = base || window.__md_scope;
      return JSON.parse(storage.getItem(base.pathname + "." + key));
    };
    window.__md_set = function (key, value, storage, base) {
      storage = storage || localStorage;
      base = base || window.__md_scope;
      try {
        storage.setItem(base.pathname + "." + key, JSON.stringify(value));
      } catch (err) {
        /* storage full or disabled: the preference is simply not kept */
      }
    };
  } else if (part === "palette") {
    var palette = window.__md_get("__palette");
    if (palette && palette.color) {
      if (palette.color.media === "(prefers-color-scheme)") {
        var light = matchMedia("(prefers-color-scheme: light)").matches;
        var input = document.querySelector(light
          ? "[data-md-color-media='(prefers-color-scheme: light)']"
          : "[data-md-color-media='(prefers-color-scheme: dark)']");
        palette.color.media = input.getAttribute("data-md-color-media");
        palette.color.scheme = input.getAttribute("data-md-color-scheme");
        palette.color.primary = input.getAttribute("data-md-color-primary");
        palette.color.accent = input.getAttribute("data-md-color-accent");
      }
      Object.keys(palette.color).forEach(function (key) {
        document.body.setAttribute("data-md-color-" + key, palette.color[key]);
      });
    }
  } else if (part === "content") {
    if (script.hasAttribute("data-md-tabs-link")) {
      var tabs = window.__md_get("__tabs");
      if (Array.isArray(tabs)) {
        document.querySelectorAll(".tabbed-set").forEach(function (set) {
          var labels = set.querySelector(".tabbed-labels");
          if (!labels) return;
          var all = Array.from(labels.getElementsByTagName("label"));
          for (var i = 0; i < tabs.length; i++) {
            for (var j = 0; j < all.length; j++) {
              if (all[j].innerText.trim() === tabs[i]) {
                document.getElementById(all[j].htmlFor).checked = true;
                return;
              }
            }
          }
        });
      }
    }
    var target = document.getElementById(location.hash.slice(1));
    if (target && target.name) target.checked = target.name.startsWith("__tabbed_");
  }
})();
