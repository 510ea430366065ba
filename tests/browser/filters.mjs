// Opens the library with filters in the address (as unit pages link to it) in Debian's chromium
// and prints, per address, the count line, the filters chosen, and how many write-ups are listed
// once 显示更多 has been pressed until none are left.
//   node tests/browser/filters.mjs SITE_DIR '["?province=13", "?unit=130821"]'
import { chromium } from "playwright-core";

const [site, queriesJson] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
const problems = [];
const results = [];
try {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") problems.push(m.text()); });
  page.on("pageerror", (e) => problems.push(e.message));
  for (const q of JSON.parse(queriesJson)) {
    await page.goto(`file://${site}/practices/index.html${q}`);
    await page.waitForFunction(() => !document.getElementById("filters").hidden, null, { timeout: 20000 });
    while (await page.locator("#filtered-more").isVisible()) await page.click("#filtered-more");
    results.push({
      query: q,
      ...(await page.evaluate(() => ({
        count: document.getElementById("result-count").textContent,
        listed: document.querySelectorAll("#filtered-list > li").length,
        chosen: [...document.querySelectorAll("#filters select")].map((s) => s.selectedOptions[0]?.textContent).filter((t) => t && t !== "全部"),
        address: location.search,
        width: document.documentElement.scrollWidth,
      }))),
    });
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify({ problems, results }));
