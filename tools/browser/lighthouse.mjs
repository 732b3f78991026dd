#!/usr/bin/env node
// Lighthouse on the built book: `node tools/browser/lighthouse.mjs target/book [page.html …]`
// (run by `cargo xtask lighthouse`, which builds the site and installs tools/node_modules first).
//
// Lighthouse 12.2.3 (tools/package.json; 13 needs Node 22) with its default mobile preset
// (simulated slow 4G and 4× CPU slowdown, a Moto G Power screen) drives Debian's Chromium
// (/usr/bin/chromium, headless, no network but 127.0.0.1) against the site served by server.mjs
// with gzip, as GitHub Pages serves it. Every chapter (SUMMARY order, from toc.html) and 404.html,
// one after another in one browser (about 8 s a page), or only the pages named. A page below a
// threshold is run twice more and judged by the median of the three runs.
// Prints a table of the four scores and, for each page below a threshold, the audits that lost
// points; exits 1 when any page is below: performance 95, accessibility, best practices, SEO 100.

import { existsSync } from 'node:fs';
import path from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { CHROMIUM, CHROMIUM_ARGS, basePath, chapterPages, startServer } from './server.mjs';

const CHROME_FLAGS = ['--headless=new', ...CHROMIUM_ARGS];
const CATEGORIES = [
    { id: 'performance', label: '성능', min: 95 },
    { id: 'accessibility', label: '접근성', min: 100 },
    { id: 'best-practices', label: '권장사항', min: 100 },
    { id: 'seo', label: 'SEO', min: 100 },
];

const [siteArg, ...only] = process.argv.slice(2);
if (!siteArg) {
    console.error('사용법: node tools/browser/lighthouse.mjs <사이트 디렉터리, 보통 target/book> [페이지.html …]');
    process.exit(2);
}
const SITE = path.resolve(siteArg);
if (!existsSync(path.join(SITE, 'index.html'))) {
    console.error(`${SITE}/index.html이 없습니다: 먼저 \`cargo xtask build\`로 책을 빌드하세요`);
    process.exit(2);
}

/** The chapters in SUMMARY order, then 404.html. */
function pages() {
    const list = chapterPages(SITE);
    if (existsSync(path.join(SITE, '404.html'))) list.push('404.html');
    return list;
}

/** The audits of a category that did not get full marks, worst first, as `id (score)`. */
function lostPoints(lhr, category) {
    return lhr.categories[category].auditRefs
        .filter((ref) => ref.weight > 0)
        .map((ref) => lhr.audits[ref.id])
        .filter((audit) => audit.score !== null && audit.score < 1)
        .sort((a, b) => a.score - b.score)
        .map((audit) => `${audit.id} (${Math.round(audit.score * 100)}${audit.displayValue ? `, ${audit.displayValue}` : ''})`);
}

const list = only.length > 0 ? only : pages();
const base = basePath(SITE);
const server = await startServer(SITE, base, { gzip: true });
const origin = `http://127.0.0.1:${server.address().port}`;
const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: CHROME_FLAGS });
// Stopped from outside (CI's timeout, an IDE's stop button): close Chromium too, which would
// otherwise outlive this process. chrome-launcher does this itself for SIGINT (Ctrl-C) only.
process.once('SIGTERM', async () => {
    await chrome.kill();
    server.close();
    process.exit(143);
});
const rows = [];
const problems = [];
const started = Date.now();
console.log(`Lighthouse ${(await import('lighthouse/package.json', { with: { type: 'json' } })).default.version}, 모바일 프리셋, ${list.length}쪽, ${origin}${base} (gzip)`);
/** One Lighthouse run of `page`: the four scores and the report. */
async function audit(page) {
    const result = await lighthouse(`${origin}${base}${page}`, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: CATEGORIES.map((c) => c.id),
    });
    const lhr = result.lhr;
    return { lhr, scores: CATEGORIES.map((c) => Math.round((lhr.categories[c.id].score ?? 0) * 100)) };
}

const below = (scores) => CATEGORIES.some((c, i) => scores[i] < c.min);
try {
    for (const page of list) {
        let runs = [await audit(page)];
        // The performance score of one run varies by a few points (Lighthouse's own advice on
        // variability is the median of several runs): a page below a threshold is run twice
        // more and judged by the median of the three, per category.
        if (below(runs[0].scores)) runs.push(await audit(page), await audit(page));
        const median = (i) => runs.map((r) => r.scores[i]).sort((a, b) => a - b)[runs.length >> 1];
        const scores = CATEGORIES.map((_, i) => median(i));
        // The report shown for lost points: the run whose performance is the median.
        const { lhr } = runs.find((r) => r.scores[0] === scores[0]);
        rows.push([page, ...scores]);
        const note = runs.length > 1 ? `  (${runs.length}회 중앙값: ${runs.map((r) => r.scores[0]).join(', ')})` : '';
        console.log(`${page.padEnd(28)} ${scores.map((s) => String(s).padStart(4)).join(' ')}${note}`);
        if (lhr.runtimeError) problems.push(`${page}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
        CATEGORIES.forEach((c, i) => {
            if (scores[i] < c.min) {
                problems.push(`${page} ${c.label} ${scores[i]} < ${c.min}: ${lostPoints(lhr, c.id).join(', ')}`);
            }
        });
    }
} finally {
    await chrome.kill();
    server.close();
}

const header = ['페이지', ...CATEGORIES.map((c) => `${c.label}(≥${c.min})`)];
console.log(`\n| ${header.join(' | ')} |`);
console.log(`|${header.map(() => '---').join('|')}|`);
for (const row of rows) console.log(`| ${row.join(' | ')} |`);
const min = CATEGORIES.map((_, i) => Math.min(...rows.map((row) => row[i + 1])));
console.log(`| 최저 | ${min.join(' | ')} |`);
console.log(`(${Math.round((Date.now() - started) / 1000)} s)`);
if (problems.length > 0) {
    console.log(`\nFAIL  Lighthouse 기준 미달 ${problems.length}건:`);
    for (const problem of problems) console.log(`        ${problem}`);
    process.exit(1);
}
console.log('\nPASS  Lighthouse: 모든 페이지가 기준 이상');
