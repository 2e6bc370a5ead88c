/* Site search that lands on events: a worker that wraps Material's search worker.
 *
 * Material's worker searches its own index (explainers and other hand-written pages); the
 * generated pages stay out of that index, which every page view fetches whole. This worker
 * runs Material's (named in our URL: `?material=search.<hash>.min.js`, set by
 * overrides/main.html) and adds, to each of its results, the events, people and sources
 * that match, from the chunked index of timeline_builder/site/site_search.py: it fetches only
 * the term chunks of the query's words and the documents of the results it shows. Every
 * event is its own result, and its link is the event's anchor on its period page.
 * Material renders `title` and `text` as HTML: everything here is escaped first.
 * On a site with editions (`?edition=uk&editions=en,uk,ru`, set by overrides/main.html)
 * it searches the page's edition: that edition's chunked index, and only Material's
 * results under its folder (the default edition's: under no other edition's folder).
 */
(function () {
  "use strict";

  var QUERY = 2;
  var RESULT = 3;
  var SHOWN = 20; // results of ours per query
  var here = new URL(self.location.href);
  var root = new URL("../../../", here); // this file is assets/javascripts/workers/…
  var editions = (here.searchParams.get("editions") || "").split(",").filter(Boolean);
  var edition = here.searchParams.get("edition") || "";
  var own = edition && edition !== editions[0] ? edition + "/" : ""; // "" for the default
  var others = editions.slice(1).map((e) => e + "/").filter((e) => e !== own);
  var folder = new URL(own + "search/timeline/", root);
  var inEdition = (item) => {
    var at = String(item.location || "");
    return at.indexOf(own) === 0 && !others.some((e) => at.indexOf(e) === 0);
  };
  var material = here.searchParams.get("material") || "";
  var post = self.postMessage.bind(self);
  var queries = [];
  var chain = Promise.resolve();
  var cache = new Map();

  var fold = (s) => s.toLowerCase().replace(/ß/g, "ss").replace(/ς/g, "σ").replace(/ſ/g, "s")
    .replace(/ё/g, "е"); // as core/filters.py fold
  var words = (s) => fold(s).match(/[\p{L}\p{N}]+/gu) || [];
  var keyOf = (term) => Array.from(term).slice(0, 2)
    .map((c) => c.codePointAt(0).toString(16)).join("-");
  var escape = (s) => s.replace(/[&<>"']/g, (c) => "&#" + c.charCodeAt(0) + ";");

  function load(path) {
    if (!cache.has(path)) {
      cache.set(path, fetch(new URL(path, folder)).then((r) => (r.ok ? r.json() : null))
        .catch(() => null));
    }
    return cache.get(path);
  }

  function decode(gaps) {
    var out = [];
    var n = 0;
    for (var i = 0; i < (gaps || []).length; i++) out.push((n += gaps[i]));
    return out;
  }

  /* doc -> score for one query word: the whole word, or any word it starts (the last
     word, still being typed). Title matches weigh more than text matches. */
  function lookup(meta, term, prefix) {
    var key = keyOf(term);
    var keys = meta.keys.filter((k) => (prefix && Array.from(term).length < 2
      ? k === key || k.indexOf(key + "-") === 0 : k === key));
    return Promise.all(keys.map((k) => load("terms/" + k + ".json"))).then((chunks) => {
      var scores = new Map();
      chunks.forEach((chunk) => {
        Object.keys(chunk || {}).forEach((word) => {
          if (word === term || (prefix && word.indexOf(term) === 0)) {
            var exact = word === term ? 2 : 1;
            decode(chunk[word].t).forEach((d) => scores.set(d, Math.max(scores.get(d) || 0, 10 * exact)));
            decode(chunk[word].b).forEach((d) => scores.set(d, Math.max(scores.get(d) || 0, exact)));
          }
        });
      });
      return scores;
    });
  }

  /* Escaped text with the query's words marked; the marks go between escaped pieces, so
     no entity or tag is ever cut. */
  function mark(text, terms) {
    if (!terms.length) return escape(text);
    var alternatives = terms.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|");
    var pattern = new RegExp("(^|[^\\p{L}\\p{N}])(" + alternatives + ")", "giu");
    var out = "";
    var last = 0;
    var m;
    while ((m = pattern.exec(text))) {
      var start = m.index + m[1].length;
      out += escape(text.slice(last, start)) + "<mark data-md-highlight>" + escape(m[2]) + "</mark>";
      last = start + m[2].length;
    }
    return out + escape(text.slice(last));
  }

  function search(query) {
    var terms = words(query).filter((t, i, all) => all.indexOf(t) === i);
    if (!terms.length) return Promise.resolve({ docs: [], titled: 0 });
    return load("meta.json").then((meta) => {
      if (!meta) return { docs: [], titled: 0 };
      return Promise.all(terms.map((t, i) => lookup(meta, t, i === terms.length - 1)))
        .then((maps) => {
          maps.sort((a, b) => a.size - b.size);
          var found = [];
          maps[0].forEach((score, doc) => {
            var total = score;
            for (var i = 1; i < maps.length; i++) {
              var s = maps[i].get(doc);
              if (!s) return;
              total += s;
            }
            found.push([doc, total]);
          });
          found.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
          var best = found.slice(0, SHOWN);
          var chunkOf = (doc) => Math.floor(doc / meta.chunk);
          var needed = Array.from(new Set(best.map((f) => chunkOf(f[0]))));
          return Promise.all(needed.map((c) => load("docs/" + c + ".json"))).then((chunks) => {
            var byChunk = new Map(needed.map((c, i) => [c, chunks[i] || []]));
            var docs = best.map(([doc, score]) => {
              var row = byChunk.get(chunkOf(doc))[doc % meta.chunk];
              if (!row) return null;
              var hit = {};
              terms.forEach((t) => { hit[t] = true; });
              return [{ location: row[0], title: mark(row[1], terms), text: mark(row[2], terms),
                score: score, terms: hit }];
            }).filter(Boolean);
            return { docs: docs, titled: 10 * terms.length };
          });
        });
    }).catch(() => ({ docs: [], titled: 0 }));
  }

  addEventListener("message", (ev) => {
    if (ev.data && ev.data.type === QUERY) queries.push(String(ev.data.data || ""));
  });
  self.postMessage = function (message) {
    if (!message || message.type !== RESULT) return post(message);
    var query = queries.shift() || "";
    chain = chain.then(() => search(query)).then((ours) => {
      // Ours match every word. Order: ours with every word in the title, then Material's
      // pages that also match every word, then our other results, then the rest.
      var theirs = ((message.data && message.data.items) || []).filter((g) => inEdition(g[0]));
      var whole = (group) => Object.values(group[0].terms || {}).every(Boolean);
      var titled = ours.docs.filter((g) => g[0].score >= ours.titled);
      var items = titled.concat(theirs.filter(whole), ours.docs.filter((g) => titled.indexOf(g) < 0),
        theirs.filter((g) => !whole(g)));
      post({ type: RESULT, data: Object.assign({}, message.data, { items: items }) });
    });
    return undefined;
  };
  if (/^search\.[\w.-]+\.js$/.test(material)) importScripts(material);
})();
