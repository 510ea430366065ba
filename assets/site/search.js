// Search and filters of the good-practice library, offline and from file://.
// The index is made of small scripts (fetch is refused on file://): meta.js (titles,
// summaries, filters), k<N>.js (postings of character keys, sharded by key hash) and
// t<N>.js (plain texts, sharded by document). See src/render/search.rs for the format.
(function () {
  "use strict";
  var host = document.getElementById("search-results") || document.getElementById("filters");
  if (!host) return;
  var base = host.getAttribute("data-search");
  var root = host.getAttribute("data-root");
  var store = { meta: null, keys: {}, texts: {} };
  var pending = {};

  window.CB_SEARCH = {
    meta: function (m) { store.meta = m; done("meta"); },
    keys: function (i, k) { store.keys[i] = k; done("k" + i); },
    texts: function (i, t) { store.texts[i] = t; done("t" + i); }
  };

  function done(name) { if (pending[name]) pending[name].resolve(); }

  function load(name) {
    if (pending[name]) return pending[name].promise;
    var entry = {};
    entry.promise = new Promise(function (resolve, reject) {
      entry.resolve = resolve;
      var s = document.createElement("script");
      s.src = base + name + ".js";
      s.onerror = function () { reject(new Error("cannot load " + name)); };
      document.head.appendChild(s);
    });
    pending[name] = entry;
    return entry.promise;
  }

  // FNV-1a over UTF-16 code units, as in search.rs.
  function shardOf(key, shards) {
    var h = 0x811c9dc5;
    for (var i = 0; i < key.length; i++) {
      h ^= key.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h % shards;
  }
  window.CB_SEARCH.shardOf = shardOf;

  var WORD = /[\p{Alphabetic}\p{N}]/u;

  // Keys of a query term: its characters when it is one character, else its adjacent pairs.
  function keysOf(term) {
    var keys = [], run = [];
    function flush() {
      if (run.length === 1) keys.push(run[0]);
      for (var i = 0; i + 1 < run.length; i++) keys.push(run[i] + run[i + 1]);
      run = [];
    }
    Array.from(term.toLowerCase()).forEach(function (c) { if (WORD.test(c)) run.push(c); else flush(); });
    flush();
    return keys;
  }

  function decode(postings) {
    var out = [], last = 0;
    postings.split(",").forEach(function (gap, i) {
      last = i === 0 ? parseInt(gap, 36) : last + parseInt(gap, 36);
      out.push(last);
    });
    return out;
  }

  function intersect(a, b) {
    var out = [], i = 0, j = 0;
    while (i < a.length && j < b.length) {
      if (a[i] === b[j]) { out.push(a[i]); i++; j++; } else if (a[i] < b[j]) i++; else j++;
    }
    return out;
  }

  function escapeHtml(s) {
    return s.replace(/[&<>"']/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]; });
  }

  // Marks every occurrence of every term (case-insensitive) in already plain text.
  function highlight(text, terms) {
    var lower = text.toLowerCase(), marks = [];
    terms.forEach(function (t) {
      for (var at = lower.indexOf(t); at >= 0; at = lower.indexOf(t, at + t.length)) marks.push([at, at + t.length]);
    });
    marks.sort(function (a, b) { return a[0] - b[0]; });
    var out = "", pos = 0;
    marks.forEach(function (m) {
      if (m[0] < pos) return;
      out += escapeHtml(text.slice(pos, m[0])) + "<mark>" + escapeHtml(text.slice(m[0], m[1])) + "</mark>";
      pos = m[1];
    });
    return out + escapeHtml(text.slice(pos));
  }

  function snippet(text, terms) {
    var lower = text.toLowerCase(), first = -1;
    terms.forEach(function (t) { var at = lower.indexOf(t); if (at >= 0 && (first < 0 || at < first)) first = at; });
    var start = Math.max(0, first - 40), end = Math.min(text.length, first + 80);
    return (start > 0 ? "…" : "") + highlight(text.slice(start, end), terms) + (end < text.length ? "…" : "");
  }

  function count(text, term) {
    var n = 0;
    for (var at = text.indexOf(term); at >= 0 && n < 20; at = text.indexOf(term, at + term.length)) n++;
    return n;
  }

  // Candidates: documents holding every key of every term.
  function candidates(terms) {
    var m = store.meta, all = null, needed = {};
    terms.forEach(function (t) { keysOf(t).forEach(function (k) { needed["k" + shardOf(k, m.keyShards)] = true; }); });
    return Promise.all(Object.keys(needed).map(load)).then(function () {
      terms.forEach(function (t) {
        keysOf(t).forEach(function (k) {
          var p = store.keys[shardOf(k, m.keyShards)][k];
          var ids = p ? decode(p) : [];
          all = all === null ? ids : intersect(all, ids);
        });
      });
      return all || [];
    });
  }

  // The exact-substring check and ranking need texts; load only the shards of these ids.
  function withTexts(ids) {
    var m = store.meta, shards = {};
    ids.forEach(function (id) { shards["t" + Math.floor(id / m.textShard)] = true; });
    return Promise.all(Object.keys(shards).map(load));
  }

  function textOf(id) {
    var m = store.meta;
    return store.texts[Math.floor(id / m.textShard)][id % m.textShard];
  }

  function search(query) {
    var terms = query.toLowerCase().split(/\s+/).filter(Boolean);
    var t0 = performance.now();
    return load("meta").then(function () { return candidates(terms); }).then(function (ids) {
      var m = store.meta;
      // Rank: title hits, then summary hits, then newest (ids are newest first).
      var scored = ids.map(function (id) {
        var d = m.docs[id], title = d[0].toLowerCase(), summary = d[1].toLowerCase(), s = 0;
        terms.forEach(function (t) { if (title.indexOf(t) >= 0) s += 100; if (summary.indexOf(t) >= 0) s += 20; });
        return { id: id, score: s };
      });
      scored.sort(function (a, b) { return b.score - a.score || a.id - b.id; });
      return { terms: terms, ranked: scored, t0: t0 };
    });
  }

  // Checks the next 20 candidates against their texts and returns those that hold every term.
  function page(state, from) {
    var slice = state.ranked.slice(from, from + 20);
    return withTexts(slice.map(function (r) { return r.id; })).then(function () {
      var shown = [];
      slice.forEach(function (r) {
        var text = textOf(r.id), lower = (store.meta.docs[r.id][0] + " " + text).toLowerCase();
        if (!state.terms.every(function (t) { return lower.indexOf(t) >= 0; })) return;
        var hits = 0;
        state.terms.forEach(function (t) { hits += count(lower, t); });
        shown.push({ id: r.id, score: r.score + hits, text: text });
      });
      shown.sort(function (a, b) { return b.score - a.score || a.id - b.id; });
      return { shown: shown, verified: shown.length, next: from + 20 };
    });
  }

  function resultHtml(r, terms) {
    var d = store.meta.docs[r.id];
    return '<li><a href="' + escapeHtml(root + d[4]) + '">' + highlight(d[0], terms) + '</a>' +
      '<div class="meta">' + escapeHtml(d[2]) + " · " + escapeHtml(d[3]) + "</div>" +
      '<p class="snippet">' + snippet(r.text, terms) + "</p></li>";
  }

  // --- The search page ---
  var list = document.getElementById("search-results");
  if (list) {
    var input = document.getElementById("q"), status = document.getElementById("search-status");
    var more = document.getElementById("search-more"), form = document.getElementById("search-form");
    var state = null, next = 0, serial = 0;
    var run = function (query) {
      var mine = ++serial;
      list.innerHTML = "";
      more.hidden = true;
      if (!query.trim()) { status.textContent = ""; return; }
      status.textContent = "正在搜索…";
      search(query).then(function (s) {
        if (mine !== serial) return null;
        state = s;
        return page(s, 0);
      }).then(function (res) {
        if (!res || mine !== serial) return;
        list.innerHTML = res.shown.map(function (r) { return resultHtml(r, state.terms); }).join("");
        next = res.next;
        var ms = Math.round(performance.now() - state.t0);
        list.setAttribute("data-ms", String(ms));
        list.setAttribute("data-query", query);
        // Candidates share the query's characters; the exact count is known once all are checked.
        var exact = next >= state.ranked.length;
        var total = exact ? res.verified : state.ranked.length;
        status.textContent = total ? (exact ? "找到 " : "找到约 ") + total + " 篇（" + ms + " 毫秒）" : "没有找到包含“" + query + "”的做法。";
        more.hidden = next >= state.ranked.length;
      }).catch(function (e) { status.textContent = "搜索索引无法加载：" + e.message; });
    };
    more.addEventListener("click", function () {
      page(state, next).then(function (res) {
        list.insertAdjacentHTML("beforeend", res.shown.map(function (r) { return resultHtml(r, state.terms); }).join(""));
        next = res.next;
        more.hidden = next >= state.ranked.length;
      });
    });
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { run(input.value); history.replaceState(null, "", "?q=" + encodeURIComponent(input.value)); }, 150);
    });
    form.addEventListener("submit", function (e) { e.preventDefault(); run(input.value); });
    var q = new URLSearchParams(location.search).get("q");
    if (q) { input.value = q; run(q); }
  }

  // --- Filters on the library index: combine filters without reloading ---
  var filters = document.getElementById("filters");
  if (filters) {
    load("meta").then(function () {
      var m = store.meta, selects = [];
      m.groups.forEach(function (g, gi) {
        var options = m.values.map(function (v, vi) { return [v, vi]; }).filter(function (x) { return x[0][0] === gi; });
        if (!options.length) return;
        var label = document.createElement("label");
        label.textContent = g[1] + " ";
        var sel = document.createElement("select");
        sel.innerHTML = '<option value="">全部</option>' + options.map(function (o) { return '<option value="' + o[1] + '">' + escapeHtml(o[0][1]) + "</option>"; }).join("");
        sel.addEventListener("change", apply);
        label.appendChild(sel);
        filters.appendChild(label);
        selects.push(sel);
      });
      filters.hidden = false;
      var staticList = document.getElementById("static-results"), out = document.getElementById("filtered-results");
      var countLine = document.getElementById("result-count"), original = countLine.textContent;
      function apply() {
        var wanted = selects.map(function (s) { return s.value; }).filter(Boolean).map(Number);
        if (!wanted.length) { staticList.hidden = false; out.innerHTML = ""; countLine.textContent = original; return; }
        var hits = [];
        m.docs.forEach(function (d, id) { if (wanted.every(function (w) { return d[5].indexOf(w) >= 0; })) hits.push(id); });
        staticList.hidden = true;
        countLine.textContent = "筛选出 " + hits.length + " 篇" + (hits.length > 200 ? "，显示最新 200 篇" : "");
        out.innerHTML = '<ul class="practice-list">' + hits.slice(0, 200).map(function (id) {
          var d = m.docs[id];
          return '<li><a href="' + escapeHtml(root + d[4]) + '">' + escapeHtml(d[0]) + '</a><div class="meta">' + escapeHtml(d[2]) + " · " + escapeHtml(d[3]) + "</div><p>" + escapeHtml(d[1]) + "</p></li>";
        }).join("") + "</ul>";
      }
    });
  }
})();
