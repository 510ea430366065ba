// The problem list filtered in place: status, category and area combined over every page of the
// list. The rows come from data.js of this list and of the lists below it (loaded on first use);
// the number shown is the engine's figure for the combination, never a count made here.
(function () {
  "use strict";
  var box = document.getElementById("pfilter");
  if (!box) return;
  var root = box.getAttribute("data-root");
  var scope = box.getAttribute("data-scope");
  var chunks = JSON.parse(box.getAttribute("data-chunks"));
  var form = box.querySelector("form");
  var status = form.elements.status, category = form.elements.category, area = form.elements.area;
  var staticList = document.getElementById("static-list");
  var result = document.getElementById("filtered-list");
  var rows = null, figures = {}, loading = false, shown = 0, matched = [];
  var PAGE = 100;

  window.CB_PROBLEMS = function (data) {
    rows = (rows || []).concat(data.rows);
    for (var code in data.figures) figures[code] = data.figures[code];
  };

  function load(then) {
    if (loading) return;
    loading = true;
    var left = chunks.length;
    box.setAttribute("aria-busy", "true");
    chunks.forEach(function (src) {
      var s = document.createElement("script");
      s.src = root + src;
      s.onload = s.onerror = function () {
        left -= 1;
        if (left === 0) {
          box.removeAttribute("aria-busy");
          rows = (rows || []).sort(function (a, b) { return a[0] - b[0]; });
          then();
        }
      };
      document.head.appendChild(s);
    });
  }

  function figure(code, s, c) {
    var f = figures[code];
    return f ? f[s * 4 + c] : null;
  }

  function more() {
    var body = result.querySelector("tbody");
    var html = "";
    var end = Math.min(shown + PAGE, matched.length);
    for (var i = shown; i < end; i++) html += matched[i][4] + root + matched[i][5];
    body.insertAdjacentHTML("beforeend", html);
    shown = end;
    result.querySelector(".pmore").hidden = shown >= matched.length;
  }

  function render() {
    var s = +status.value, c = +category.value, a = area.value || scope;
    matched = rows.filter(function (r) {
      return (!s || r[1] === s) && (!c || r[2] === c) && r[3].indexOf(a) >= 0;
    });
    var n = figure(a, s, c);
    var head = staticList.querySelector("thead");
    result.innerHTML = "<p class=\"pcount\"></p>" +
      (matched.length ? "<div class=\"table-wrap plist-wrap\"><table class=\"plist problems\">" +
        (head ? head.outerHTML : "") + "<tbody></tbody></table></div>" : "<p class=\"empty\">没有符合条件的问题。</p>") +
      "<p><button type=\"button\" class=\"pmore\" hidden>显示更多</button></p>";
    var label = [status, category, area].map(function (el) {
      return el.value && el.value !== "0" ? el.options[el.selectedIndex].text : "";
    }).filter(Boolean).join(" · ");
    result.querySelector(".pcount").textContent = (label ? label + "：" : "") + "共 " + (n === null || n === undefined ? "—" : n) + " 个";
    shown = 0;
    if (matched.length) more();
    result.querySelector(".pmore").addEventListener("click", more);
    staticList.hidden = true;
    result.hidden = false;
  }

  function changed() {
    if (rows === null) load(render); else render();
  }

  box.hidden = false;
  [status, category, area].forEach(function (el) { el.addEventListener("change", changed); });
  form.addEventListener("submit", function (e) { e.preventDefault(); changed(); });
})();
