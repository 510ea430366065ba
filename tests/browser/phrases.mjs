// Counts, independently of the site, the write-ups that contain each query, reading the
// Markdown itself: the text a reader sees is the title, the summary and each heading, paragraph,
// list item or table row of the body (emphasis and link markup dropped, whitespace collapsed);
// a query's words, split at spaces, must each stand inside one of those, in any case.
//   node tests/browser/phrases.mjs CONTENT_DIR [SEED]
// Prints {queries: [{query, count, slugs}]}: phrases of 1 to 6 characters drawn from the
// texts, phrases with punctuation, several words, common words, and a phrase found nowhere.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const [dir, seedArg] = process.argv.slice(2);
let seed = BigInt(seedArg || 13);
function random(n) {
  seed = (seed * 6364136223846793005n + 1442695040888963407n) & 0xffffffffffffffffn;
  return Number((seed >> 33n) % BigInt(n));
}

function scalar(front, key) {
  const line = front.split("\n").find((l) => l.startsWith(key + ":"));
  if (!line) return "";
  const value = line.slice(key.length + 1).trim();
  return value.startsWith('"') ? JSON.parse(value) : value.replace(/^'(.*)'$/, "$1");
}

function inline(text) {
  return text
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/(\*\*|__|~~|`)/g, "")
    .replace(/(^|[^*])\*([^*]+)\*/g, "$1$2")
    .replace(/\s+/g, " ")
    .trim();
}

function blocksOf(body) {
  const blocks = [];
  let para = [];
  const flush = () => { if (para.length) blocks.push(inline(para.join(" "))); para = []; };
  for (const raw of body.split("\n")) {
    const line = raw.trim();
    let m;
    if (!line) flush();
    else if ((m = line.match(/^#{1,6}\s+(.*?)\s*#*$/))) { flush(); blocks.push(inline(m[1])); }
    else if ((m = line.match(/^(?:[-*+]|\d+[.)])\s+(.*)$/))) { flush(); blocks.push(inline(m[1])); }
    else if (line.startsWith("|")) {
      flush();
      if (!/^\|[\s:|-]+\|?$/.test(line)) blocks.push(inline(line.split("|").join(" ")));
    } else para.push(line);
  }
  flush();
  return blocks.filter(Boolean);
}

// Lower case per character where that gives one character (as the site does).
const fold = (s) => Array.from(s, (c) => { const l = c.toLowerCase(); return Array.from(l).length === 1 ? l : c; }).join("");
const word = /^[\p{Alphabetic}\p{N}]$/u;

const docs = readdirSync(dir).filter((f) => f.endsWith(".md")).sort().map((f) => {
  const text = readFileSync(join(dir, f), "utf8").replace(/^\uFEFF/, "").replace(/\r\n/g, "\n");
  const parts = text.split(/^---\s*$/m);
  const front = parts[1] || "", body = parts.slice(2).join("---");
  const fields = [scalar(front, "title"), inline(scalar(front, "summary")), ...blocksOf(body)];
  return { slug: f.replace(/\.md$/, "").toLowerCase(), fields: fields.map(fold), raw: fields };
});

function matching(query) {
  const terms = fold(query).split(/\s+/).filter(Boolean);
  return docs.filter((d) => terms.every((t) => d.fields.some((f) => f.includes(t)))).map((d) => d.slug);
}

// A stretch of `len` characters from a random field of a random write-up, all letters and
// digits (or, with `punctuation`, holding at least one other character and no space).
function draw(len, punctuation, from) {
  for (;;) {
    const d = from || docs[random(docs.length)];
    const chars = Array.from(d.raw[random(d.raw.length)]);
    if (chars.length < len) continue;
    const at = random(chars.length - len + 1);
    const piece = chars.slice(at, at + len);
    if (piece.some((c) => /\s/.test(c))) continue;
    const words = piece.every((c) => word.test(c));
    if (punctuation ? !words : words) return piece.join("");
  }
}

const queries = new Set(["工会", "职工", "服务站点", "新就业形态", "骑手", "会", "火星基地", "宣讲 劳模"]);
for (let len = 2; len <= 6; len++) for (let i = 0; i < 10; i++) queries.add(draw(len, false));
for (let i = 0; i < 6; i++) queries.add(draw(3 + random(3), true));
// Several words: from one write-up (so that some match), or from any.
for (let i = 0; i < 10; i++) {
  const words = 2 + random(2), from = i % 2 ? null : docs[random(docs.length)];
  queries.add(Array.from({ length: words }, () => draw(2 + random(2), false, from)).join(" "));
}
console.log(JSON.stringify({
  docs: docs.length,
  queries: [...queries].map((query) => { const slugs = matching(query); return { query, count: slugs.length, slugs }; }),
}));
