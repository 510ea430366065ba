// Loads pages at a phone's and a desktop's width in Debian's chromium and prints, per page and
// width, what a reader would run into: how wide the page is against the window, the narrowest
// first column of any table (in characters of its own font), where the 督促 section starts,
// and the smallest text of any chart as drawn on screen (in pixels).
//   node tests/browser/layout.mjs SITE_DIR '["index.html", "units/13/index.html"]' '[390, 1366]'
import { chromium } from "playwright-core";

const [site, pagesJson, widthsJson] = process.argv.slice(2);
const pages = JSON.parse(pagesJson);
const widths = JSON.parse(widthsJson || "[390, 1366]");
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
const out = [];
try {
  for (const width of widths) {
    const height = width < 600 ? 844 : 800;
    const page = await browser.newPage({ viewport: { width, height } });
    const problems = [];
    page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") problems.push(m.text()); });
    page.on("pageerror", (e) => problems.push(e.message));
    for (const path of pages) {
      problems.length = 0;
      await page.goto(`file://${site}/${path}`);
      const facts = await page.evaluate(() => {
        const doc = document.documentElement;
        const px = (el) => parseFloat(getComputedStyle(el).fontSize);
        // Elements sticking out of the window: what makes a page scroll sideways.
        const wide = [];
        for (const el of document.body.querySelectorAll("*")) {
          const r = el.getBoundingClientRect();
          if (r.right > window.innerWidth + 1 && !el.closest(".table-wrap, .chart-scroll")) {
            wide.push(el.tagName.toLowerCase() + (el.className && typeof el.className === "string" ? "." + el.className.split(" ").join(".") : ""));
          }
        }
        const tables = [...document.querySelectorAll("main table")].map((t) => {
          // Open any closed box so its table is laid out.
          for (let d = t.closest("details"); d; d = d.parentElement.closest("details")) d.open = true;
          const cells = [...t.rows].map((r) => r.cells[0]).filter((c) => c && c.colSpan === 1);
          const chars = Math.min(...cells.map((c) => {
            const s = getComputedStyle(c);
            const inner = c.getBoundingClientRect().width - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
            return inner / px(c);
          }));
          const box = t.closest(".table-wrap") || t.parentElement;
          return {
            head: (t.tHead && t.tHead.rows[0] ? t.tHead.rows[0].cells[0].textContent : "").trim(),
            chars: Math.round(chars * 10) / 10,
            contained: box.getBoundingClientRect().right <= window.innerWidth + 1,
          };
        });
        const followup = document.getElementById("followup");
        let chartPx = null;
        for (const t of document.querySelectorAll("svg.chart text")) {
          const size = parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a;
          chartPx = chartPx === null ? size : Math.min(chartPx, size);
        }
        return {
          scrollWidth: doc.scrollWidth,
          innerWidth: window.innerWidth,
          innerHeight: window.innerHeight,
          wide: wide.slice(0, 5),
          tables,
          followupTop: followup ? Math.round(followup.getBoundingClientRect().top + window.scrollY) : null,
          followupItems: followup ? followup.querySelectorAll("li[data-u]").length : 0,
          charts: document.querySelectorAll("svg.chart").length,
          chartPx,
        };
      });
      out.push({ page: path, width, problems: [...problems], ...facts });
    }
    await page.close();
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify(out));
