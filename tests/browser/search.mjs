// Types queries into the library's search box in Debian's chromium and prints, per query, the
// count the page states, the results shown, the highlighted words and the time it reports.
//   node tests/browser/search.mjs SITE_DIR '["服务站点", "新就业形态"]' ['{"fill": true, "all": ["骑手"]}']
// Options: `fill` sets the box at once instead of typing key by key (for many queries); `all`
// lists queries whose every page is opened with 显示更多, returning every result's link.
import { chromium } from "playwright-core";

const [site, queriesJson, optionsJson] = process.argv.slice(2);
const queries = JSON.parse(queriesJson);
const options = JSON.parse(optionsJson || "{}");
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
const problems = [];
const out = [];
let shard;
try {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") problems.push(m.text()); });
  page.on("pageerror", (e) => problems.push(e.message));
  await page.goto(`file://${site}/practices/search/index.html`);
  // The shard hash must agree with search.rs (179121275 is FNV-1a of 服务).
  shard = await page.evaluate(() => window.CB_SEARCH.shardOf("服务", 1000003));
  for (const q of queries) {
    if (options.fill) {
      await page.fill("#q", q);
    } else {
      await page.fill("#q", "");
      await page.locator("#q").pressSequentially(q, { delay: 20 });
    }
    await page.waitForFunction((q) => document.getElementById("search-results").getAttribute("data-query") === q, q, { timeout: 20000 });
    const read = () => page.evaluate(() => {
      const list = document.getElementById("search-results");
      return {
        titles: [...list.querySelectorAll("li > a")].map((a) => a.textContent),
        hrefs: [...list.querySelectorAll("li > a")].map((a) => a.getAttribute("href")),
        marks: [...list.querySelectorAll("mark")].map((m) => m.textContent),
        snippets: [...list.querySelectorAll(".snippet")].map((p) => ({ heading: p.querySelector(".snippet-heading")?.textContent ?? null, text: p.textContent })),
        ms: Number(list.getAttribute("data-ms") || -1),
        total: Number(list.getAttribute("data-total") || 0),
        status: document.getElementById("search-status").textContent,
        more: !document.getElementById("search-more").hidden,
      };
    });
    const first = await read();
    const result = { query: q, ...first, firstPage: first.titles.length };
    if ((options.all || []).includes(q)) {
      while (await page.locator("#search-more").isVisible()) {
        const before = await page.locator("#search-results > li").count();
        await page.click("#search-more");
        await page.waitForFunction((n) => document.querySelectorAll("#search-results > li").length > n, before, { timeout: 20000 });
      }
      Object.assign(result, await read(), { firstPage: first.titles.length, ms: first.ms });
    }
    out.push(result);
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify({ problems, shard, results: out }));
