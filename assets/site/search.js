// Search and filters of the good-practice library, offline and from file://.
// The index is made of small scripts (fetch is refused on file://): meta.js (titles,
// summaries, filters), k<N>.js (the documents of characters and of adjacent pairs, sharded by
// key hash), p<N>.js (the positions of those pairs) and t<N>.js (bodies, sharded by document). See
// src/render/search.rs for the format. Counts are exact: a phrase is found where its pairs
// stand one after another, so every document holding it is known before anything is shown.
(function () {
  "use strict";
  var host = document.getElementById("search-results") || document.getElementById("filters");
  if (!host) return;
  var base = host.getAttribute("data-search");
  var root = host.getAttribute("data-root");
  var store = { meta: null, keys: {}, positions: {}, texts: {}, decoded: {}, folded: {} };
  var pending = {};
  var PAGE = 20;

  window.CB_SEARCH = {
    meta: function (m) { store.meta = m; done("meta"); },
    keys: function (i, k) { store.keys[i] = k; done("k" + i); },
    positions: function (i, p) { store.positions[i] = p; done("p" + i); },
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

  var WORD = /^[\p{Alphabetic}\p{N}]$/u;

  // Lower case one character at a time where that gives one character, as search.rs's fold:
  // a text keeps its length, so a match found in the folded text marks the original.
  function fold(s) {
    // Nothing to fold (Chinese text, lower-case letters): as it is.
    if (s.toLowerCase() === s) return s;
    var out = "";
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i);
      if (c < 0x80) out += c >= 65 && c <= 90 ? String.fromCharCode(c + 32) : s[i];
      else if (c >= 0x4e00 && c <= 0x9fff) out += s[i];
      else {
        var ch = s.codePointAt(i) > 0xffff ? s.slice(i, i + 2) : s[i];
        var l = ch.toLowerCase();
        out += l.length === ch.length ? l : ch;
        i += ch.length - 1;
      }
    }
    return out;
  }

  // Runs of letters and digits in a folded term, each an array of characters.
  function runsOf(term) {
    var runs = [], run = [];
    Array.from(term).forEach(function (c) {
      if (WORD.test(c)) run.push(c);
      else { if (run.length) runs.push(run); run = []; }
    });
    if (run.length) runs.push(run);
    return runs;
  }

  function keysOf(run) {
    if (run.length === 1) return [run[0]];
    var keys = [];
    for (var i = 0; i + 1 < run.length; i++) keys.push(run[i] + run[i + 1]);
    return keys;
  }

  // Numbers in base 32, most significant first: the last digit from "#" (35), the others
  // from "]" (93).
  function numbers(s) {
    var out = new Int32Array(s.length), n = 0, v = 0;
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i);
      if (c >= 93) v = v * 32 + (c - 93);
      else { out[n++] = v * 32 + (c - 35); v = 0; }
    }
    return out.subarray(0, n);
  }

  // A key's postings: its documents; for a pair also, per document, how often it stands there
  // and where its positions begin among the pair's positions (decoded only when a phrase of
  // three characters or more needs them).
  function postings(key) {
    if (store.decoded[key]) return store.decoded[key];
    var raw = store.keys[shardOf(key, store.meta.keyShards)][key], out;
    var n = raw ? numbers(raw) : new Int32Array(0);
    if (Array.from(key).length === 1) {
      var docs = new Int32Array(n.length), d = 0;
      for (var i = 0; i < n.length; i++) { d += n[i]; docs[i] = d; }
      out = { docs: docs };
    } else {
      var half = n.length / 2, list = new Int32Array(half), counts = new Int32Array(half);
      var offsets = new Int32Array(half + 1), doc = 0;
      for (var j = 0; j < half; j++) {
        doc += n[2 * j];
        list[j] = doc;
        counts[j] = n[2 * j + 1];
        offsets[j + 1] = offsets[j] + counts[j];
      }
      out = { key: key, docs: list, counts: counts, offsets: offsets, gaps: null };
    }
    store.decoded[key] = out;
    return out;
  }

  // The positions of a pair in the document at slot i of its postings, ascending, written
  // into `into` (grown as needed; reused, as phrases check thousands of documents).
  function positions(p, i, into) {
    if (!p.gaps) {
      var raw = store.positions[shardOf(p.key, store.meta.keyShards)][p.key];
      p.gaps = raw ? numbers(raw) : new Int32Array(0);
    }
    var count = p.counts[i], at = p.offsets[i], pos = 0;
    if (into.length < count) into = new Int32Array(count * 2);
    for (var j = 0; j < count; j++) { pos += p.gaps[at + j]; into[j] = pos; }
    return into;
  }

  // Whether sorted[0 … end - 1] holds x.
  function has(sorted, end, x) {
    var from = 0, to = end;
    while (from < to) {
      var mid = (from + to) >> 1;
      if (sorted[mid] < x) from = mid + 1; else to = mid;
    }
    return from < end && sorted[from] === x;
  }

  // Documents holding a run, with how often: a pair key per step, each standing one position
  // after the one before. Returns Map doc → hits (0 when unknown, for one character).
  function findRun(run) {
    var found = new Map();
    if (run.length === 1) {
      postings(run[0]).docs.forEach(function (d) { found.set(d, 0); });
      return found;
    }
    var pairs = keysOf(run).map(postings);
    if (pairs.length === 1) {
      pairs[0].docs.forEach(function (d, i) { found.set(d, pairs[0].counts[i]); });
      return found;
    }
    // Documents holding every pair: walk the rarest list, look the others up.
    var order = pairs.map(function (p, i) { return i; }).sort(function (a, b) { return pairs[a].docs.length - pairs[b].docs.length; });
    var a = order[0], rarest = pairs[a], cursor = pairs.map(function () { return 0; });
    var scratch = pairs.map(function () { return new Int32Array(64); });
    for (var r = 0; r < rarest.docs.length; r++) {
      var doc = rarest.docs[r], slots = [], ok = true;
      for (var k = 0; k < pairs.length && ok; k++) {
        var p = pairs[k], c = cursor[k];
        while (c < p.docs.length && p.docs[c] < doc) c++;
        cursor[k] = c;
        if (c < p.docs.length && p.docs[c] === doc) slots.push(c); else ok = false;
      }
      if (!ok) continue;
      // Starts of the phrase: each position of the rarest pair in this document, less its
      // offset in the phrase; every other pair must stand at the start plus its own offset.
      for (var m = 0; m < pairs.length; m++) scratch[m] = positions(pairs[m], slots[m], scratch[m]);
      var own = scratch[a], hits = 0;
      for (var q = 0; q < rarest.counts[slots[a]]; q++) {
        var start = own[q] - a, all = true;
        for (var x = 0; x < pairs.length && all; x++) if (x !== a) all = has(scratch[x], pairs[x].counts[slots[x]], start + x);
        if (all) hits++;
      }
      if (hits) found.set(doc, hits);
    }
    return found;
  }

  function foldedMeta(id) {
    if (!store.folded[id]) { var d = store.meta.docs[id]; store.folded[id] = [fold(d[0]), fold(d[1])]; }
    return store.folded[id];
  }

  function textOf(id) {
    var m = store.meta;
    return store.texts[Math.floor(id / m.textShard)][id % m.textShard];
  }

  function withTexts(ids) {
    var m = store.meta, shards = {};
    ids.forEach(function (id) { shards["t" + Math.floor(id / m.textShard)] = true; });
    return Promise.all(Object.keys(shards).map(load));
  }

  // Occurrences of a folded term in a document's title, summary and body, counted on the text.
  function countIn(id, term) {
    var f = foldedMeta(id), n = 0;
    var fields = [f[0], f[1]].concat(textOf(id).map(function (b) { return fold(typeof b === "string" ? b : b[0]); }));
    fields.forEach(function (s) { for (var at = s.indexOf(term); at >= 0; at = s.indexOf(term, at + term.length)) n++; });
    return n;
  }

  // Every document holding every term, ranked: a term in the title first, then in the summary,
  // then the most hits, then the newest (documents are numbered newest first).
  function search(query) {
    var terms = [];
    fold(query).split(/\s+/).forEach(function (t) { if (t && terms.indexOf(t) < 0) terms.push(t); });
    var t0 = performance.now();
    return load("meta").then(function () {
      var m = store.meta, shards = {};
      var plans = terms.map(function (t) {
        var runs = runsOf(t);
        // A term of one run is decided by the postings; punctuation is checked on the texts.
        return { term: t, runs: runs, exact: runs.length === 1 && runs[0].length === Array.from(t).length };
      });
      // Documents for every key; positions for the pairs of phrases of three characters or more.
      plans.forEach(function (p) {
        p.runs.forEach(function (r) {
          var keys = keysOf(r);
          keys.forEach(function (k) {
            shards["k" + shardOf(k, m.keyShards)] = true;
            if (keys.length > 1) shards["p" + shardOf(k, m.keyShards)] = true;
          });
        });
      });
      return Promise.all(Object.keys(shards).map(load)).then(function () {
        var candidates = null, hits = {};
        plans.forEach(function (p) {
          p.runs.forEach(function (run, i) {
            var found = findRun(run), next = [];
            // Map keys keep their order: documents ascending, as findRun adds them.
            (candidates || Array.from(found.keys())).forEach(function (d) { if (found.has(d)) next.push(d); });
            candidates = next;
            if (p.exact && i === 0) hits[p.term] = found;
          });
        });
        if (candidates === null) candidates = m.docs.map(function (d, i) { return i; });
        var inexact = plans.filter(function (p) { return !p.exact; });
        if (!inexact.length) return { candidates: candidates, hits: hits };
        return withTexts(candidates).then(function () {
          var kept = candidates.filter(function (id) {
            return inexact.every(function (p) {
              var n = countIn(id, p.term);
              if (!hits[p.term]) hits[p.term] = new Map();
              hits[p.term].set(id, n);
              return n > 0;
            });
          });
          return { candidates: kept, hits: hits };
        });
      }).then(function (r) {
        var ranked = r.candidates.map(function (id) {
          var f = foldedMeta(id), s = 0;
          terms.forEach(function (t) {
            if (f[0].indexOf(t) >= 0) s += 100;
            if (f[1].indexOf(t) >= 0) s += 20;
            s += Math.min(20, r.hits[t] ? r.hits[t].get(id) || 0 : 0);
          });
          return { id: id, score: s };
        });
        ranked.sort(function (a, b) { return b.score - a.score || a.id - b.id; });
        return { terms: terms, ranked: ranked, t0: t0 };
      });
    });
  }

  function escapeHtml(s) {
    return s.replace(/[&<>"']/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]; });
  }

  // Marks every occurrence of every term (folded) in plain text.
  function highlight(text, terms) {
    var lower = fold(text), marks = [];
    terms.forEach(function (t) {
      for (var at = lower.indexOf(t); at >= 0; at = lower.indexOf(t, at + t.length)) marks.push([at, at + t.length]);
    });
    marks.sort(function (a, b) { return a[0] - b[0]; });
    var out = "", pos = 0;
    marks.forEach(function (mk) {
      if (mk[0] < pos) return;
      out += escapeHtml(text.slice(pos, mk[0])) + "<mark>" + escapeHtml(text.slice(mk[0], mk[1])) + "</mark>";
      pos = mk[1];
    });
    return out + escapeHtml(text.slice(pos));
  }

  function firstHit(text, terms) {
    var lower = fold(text), first = -1;
    terms.forEach(function (t) { var at = lower.indexOf(t); if (at >= 0 && (first < 0 || at < first)) first = at; });
    return first;
  }

  // The passage around the first hit, from one block only, after the heading it stands under:
  // a heading never runs into the text.
  function snippet(id, terms) {
    var blocks = [{ text: store.meta.docs[id][1], heading: null }], heading = null;
    textOf(id).forEach(function (b) {
      if (typeof b === "string") blocks.push({ text: b, heading: heading });
      else { heading = b[0]; blocks.push({ text: b[0], heading: null, isHeading: true }); }
    });
    var at = -1, i = 0;
    for (; i < blocks.length; i++) { at = firstHit(blocks[i].text, terms); if (at >= 0) break; }
    var label = null, b;
    if (at < 0) { b = blocks[0].text ? blocks[0] : blocks[1] || blocks[0]; at = 0; }
    else b = blocks[i];
    if (b.isHeading) {
      // A hit in a heading: the heading as the label, the start of what follows as the text.
      label = b.text;
      var after = blocks.slice(i + 1).filter(function (x) { return !x.isHeading; })[0];
      b = after || { text: "" };
      at = 0;
    } else label = b.heading;
    var text = b.text || "", start = Math.max(0, at - 30), end = Math.min(text.length, start + 110);
    return (label ? '<span class="snippet-heading">' + highlight(label, terms) + "</span>" : "") +
      (start > 0 ? "…" : "") + highlight(text.slice(start, end), terms) + (end < text.length ? "…" : "");
  }

  function resultHtml(id, terms) {
    var d = store.meta.docs[id];
    return '<li><a href="' + escapeHtml(root + d[4]) + '">' + highlight(d[0], terms) + '</a>' +
      '<div class="meta">' + escapeHtml(d[2]) + " · " + escapeHtml(d[3]) + "</div>" +
      '<p class="snippet">' + snippet(id, terms) + "</p></li>";
  }

  // --- The search page ---
  var list = document.getElementById("search-results");
  if (list) {
    var input = document.getElementById("q"), status = document.getElementById("search-status");
    var more = document.getElementById("search-more"), form = document.getElementById("search-form");
    var state = null, shown = 0, serial = 0;
    // The next page: its texts for the snippets, then its results.
    var showPage = function (s, mine) {
      var ids = s.ranked.slice(shown, shown + PAGE).map(function (r) { return r.id; });
      return withTexts(ids).then(function () {
        if (mine !== serial) return false;
        list.insertAdjacentHTML("beforeend", ids.map(function (id) { return resultHtml(id, s.terms); }).join(""));
        shown += ids.length;
        var left = s.ranked.length - shown;
        more.hidden = left <= 0;
        more.textContent = "显示更多（还有 " + left + " 篇）";
        list.setAttribute("data-shown", String(shown));
        return true;
      });
    };
    var run = function (query) {
      var mine = ++serial;
      list.innerHTML = "";
      list.removeAttribute("data-query");
      more.hidden = true;
      if (!query.trim()) { status.textContent = ""; return; }
      status.textContent = "正在搜索…";
      search(query).then(function (s) {
        if (mine !== serial) return;
        state = s;
        shown = 0;
        return showPage(s, mine).then(function (ok) {
          if (!ok) return;
          var ms = Math.round(performance.now() - s.t0);
          list.setAttribute("data-ms", String(ms));
          list.setAttribute("data-total", String(s.ranked.length));
          list.setAttribute("data-query", query);
          status.textContent = s.ranked.length ? "找到 " + s.ranked.length + " 篇（" + ms + " 毫秒）" : "没有找到包含“" + query + "”的做法。";
        });
      }).catch(function (e) { if (mine === serial) status.textContent = "搜索索引无法加载：" + e.message; });
    };
    more.addEventListener("click", function () { if (state) showPage(state, serial); });
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { run(input.value); history.replaceState(null, "", "?q=" + encodeURIComponent(input.value)); }, 150);
    });
    form.addEventListener("submit", function (e) { e.preventDefault(); clearTimeout(timer); run(input.value); });
    var q = new URLSearchParams(location.search).get("q");
    if (q) { input.value = q; run(q); }
  }

  // --- Filters on the library index: combine filters without reloading ---
  // Values are [group, name] or, for places, [group, name, code, the value of the place it lies
  // in or -1]; `places` lists the place groups from the widest. A place's select offers the
  // places in the one chosen above it. The choice is kept in the address (?province=13&…),
  // which a county's page links to (?unit=<code>).
  var filters = document.getElementById("filters");
  if (filters) {
    load("meta").then(function () {
      var m = store.meta, places = m.places || [];
      var groups = m.groups.map(function (g) { return { code: g[0], name: g[1], values: [] }; });
      m.values.forEach(function (v, vi) { groups[v[0]].values.push(vi); });
      var keyOf = function (vi) { var v = m.values[vi]; return v.length > 2 ? v[2] : v[1]; };
      var above = function (vi) { var v = m.values[vi]; return v.length > 3 ? v[3] : -1; };
      var chosen = groups.map(function () { return -1; });
      var params = new URLSearchParams(location.search);
      groups.forEach(function (g, gi) {
        var key = params.get(g.code);
        if (key !== null) g.values.forEach(function (vi) { if (keyOf(vi) === key) chosen[gi] = vi; });
      });
      // A place chosen in the address brings the places it lies in.
      places.slice().reverse().forEach(function (gi) {
        for (var vi = chosen[gi], up = vi >= 0 ? above(vi) : -1; up >= 0; up = above(up)) {
          if (chosen[m.values[up][0]] < 0) chosen[m.values[up][0]] = up;
        }
      });
      function offered(gi) {
        var k = places.indexOf(gi);
        if (k < 0) return groups[gi].values;
        var inside = -1;
        for (var j = k - 1; j >= 0 && inside < 0; j--) inside = chosen[places[j]];
        return groups[gi].values.filter(function (vi) {
          return vi === chosen[gi] || (inside >= 0 ? above(vi) === inside : k === 0);
        });
      }
      var selects = [];
      (m.order || groups.map(function (g, gi) { return gi; })).forEach(function (gi) {
        var g = groups[gi];
        if (!g.values.length) return;
        var label = document.createElement("label");
        label.textContent = g.name + " ";
        var sel = document.createElement("select");
        sel.addEventListener("change", function () {
          chosen[gi] = sel.value === "" ? -1 : Number(sel.value);
          // The places below may not lie in the new choice.
          var k = places.indexOf(gi);
          if (k >= 0) places.slice(k + 1).forEach(function (below) { chosen[below] = -1; });
          render();
        });
        label.appendChild(sel);
        filters.appendChild(label);
        selects[gi] = { label: label, select: sel };
      });
      filters.hidden = false;
      var staticList = document.getElementById("static-results"), out = document.getElementById("filtered-results");
      var countLine = document.getElementById("result-count"), original = countLine.textContent;
      var hits = [], listed = 0, STEP = 50;
      function render() {
        selects.forEach(function (s, gi) {
          if (!s) return;
          var options = offered(gi);
          s.select.innerHTML = '<option value="">全部</option>' + options.map(function (vi) {
            return '<option value="' + vi + '"' + (vi === chosen[gi] ? " selected" : "") + ">" + escapeHtml(m.values[vi][1]) + "</option>";
          }).join("");
          s.label.hidden = options.length === 0;
        });
        var query = groups.map(function (g, gi) { return chosen[gi] >= 0 ? g.code + "=" + encodeURIComponent(keyOf(chosen[gi])) : ""; }).filter(Boolean).join("&");
        history.replaceState(null, "", query ? "?" + query : location.pathname);
        var wanted = chosen.filter(function (vi) { return vi >= 0; });
        if (!wanted.length) { staticList.hidden = false; out.innerHTML = ""; countLine.textContent = original; return; }
        hits = [];
        m.docs.forEach(function (d, id) { if (wanted.every(function (w) { return d[5].indexOf(w) >= 0; })) hits.push(id); });
        staticList.hidden = true;
        countLine.textContent = "筛选出 " + hits.length + " 篇，按时间由新到旧";
        out.innerHTML = '<ul class="practice-list" id="filtered-list"></ul><p><button type="button" id="filtered-more" hidden></button></p>';
        listed = 0;
        document.getElementById("filtered-more").addEventListener("click", more);
        more();
      }
      // The next fifty: a long list is never cut.
      function more() {
        var next = hits.slice(listed, listed + STEP);
        document.getElementById("filtered-list").insertAdjacentHTML("beforeend", next.map(function (id) {
          var d = m.docs[id];
          return '<li><a href="' + escapeHtml(root + d[4]) + '">' + escapeHtml(d[0]) + '</a><div class="meta">' + escapeHtml(d[2]) + " · " + escapeHtml(d[3]) + "</div><p>" + escapeHtml(d[1]) + "</p></li>";
        }).join(""));
        listed += next.length;
        var button = document.getElementById("filtered-more");
        button.hidden = listed >= hits.length;
        button.textContent = "显示更多（还有 " + (hits.length - listed) + " 篇）";
      }
      render();
    });
  }
})();
