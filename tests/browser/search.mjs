// Types Chinese queries into the library's search box in Debian's chromium and prints, per
// query, the result titles, the highlighted words and the time the page reports.
//   node tests/browser/search.mjs SITE_DIR '["服务站点", "新就业形态"]'
import { chromium } from "playwright-core";

const [site, queriesJson] = process.argv.slice(2);
const queries = JSON.parse(queriesJson);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
const problems = [];
const out = [];
try {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") problems.push(m.text()); });
  page.on("pageerror", (e) => problems.push(e.message));
  await page.goto(`file://${site}/practices/search/index.html`);
  // The shard hash must agree with search.rs (179121275 is FNV-1a of 服务).
  var shard = await page.evaluate(() => window.CB_SEARCH.shardOf("服务", 1000003));
  for (const q of queries) {
    await page.fill("#q", "");
    await page.locator("#q").pressSequentially(q, { delay: 20 });
    await page.waitForFunction((q) => document.getElementById("search-results").getAttribute("data-query") === q, q, { timeout: 10000 });
    const result = await page.evaluate(() => {
      const list = document.getElementById("search-results");
      return {
        titles: [...list.querySelectorAll("li > a")].map((a) => a.textContent),
        marks: [...list.querySelectorAll("mark")].map((m) => m.textContent),
        ms: Number(list.getAttribute("data-ms") || -1),
        status: document.getElementById("search-status").textContent,
      };
    });
    out.push({ query: q, ...result });
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify({ problems, shard, results: out }));
