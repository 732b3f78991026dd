#!/usr/bin/env node
// Browser test of the built book: `node tools/browser/test.mjs target/book` (run by `cargo xtask
// browser-test`, which builds the site and installs tools/node_modules first).
//
// Debian's Chromium (/usr/bin/chromium, Korean glyphs from fonts-noto-cjk), driven headless by
// playwright-core (tools/node_modules). The script serves the site itself on 127.0.0.1 (server.mjs,
// a free port, no compression, also under the <base href> of 404.html) and checks:
//   1. every page (the chapters in SUMMARY order, from toc.html; 404.html) loads with no console
//      error, no uncaught exception and no failed request;
//   2. formulas are typeset (.katex, no .katex-error) on every page whose Markdown has math, and
//      with JavaScript disabled the same .katex-html elements are there and visible;
//   3. every <img> decodes and has Korean alt text; each figure (figures/*.svg) has a transparent
//      background of its own and, in the light theme, the white card of theme/figures.css;
//   4. no request goes to any host but 127.0.0.1 (all are routed; others are recorded and aborted);
//   5. page weight of a first visit (fresh context, empty cache): printed against the 400 KB
//      budget, not asserted; fails only when a page did not load;
//   6. each mdBook theme (light, rust, coal, navy, ayu): a figure is visible; every colour the
//      figures draw with, as rendered (after theme/figures.css's filter), against the ground it
//      lies on: text ≥ 4.5:1, lines and marks ≥ 3:1 (WCAG), the minimum printed per theme; in the
//      dark themes that ground is the page's own background (no card); screenshots go to
//      target/browser-screenshots/<theme>.png (next to the site folder);
//   7. print.html shows formulas and figures, also with print media (figures dark on white even
//      when printed from a dark theme);
//   8. axe-core: no serious or critical violation inside <main> (our markup); the rest is printed;
//   9. Korean search through the Pagefind UI, opened with `/` (SKIP when the site has no search);
//      the defining chapter first, and no snippet with TeX source or code;
//  10. links inside the site (in <main> and the sidebar) lead to a page and an id on it.
// One line per check (PASS / FAIL / SKIP), details indented below, and last `N passed, M failed`
// (skipped checks count as neither). Exits 1 when a check failed.

import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, basePath, chapterPages, startServer } from './server.mjs';

const require = createRequire(import.meta.url);
const THEMES = ['light', 'rust', 'coal', 'navy', 'ayu'];
const BUDGET_BYTES = 400_000; // 1 KB = 1000 bytes, as the issue's 400 KB and 628 KB
const TIMEOUT_MS = 20_000;
// `first`: the page must be the first result (the chapter that defines the term; the glossary
// says which, xtask/src/search.rs).
const SEARCHES = [
    { query: '시그모이드', page: 'sigmoid.html', first: true },
    { query: '기울기 소실', page: 'sigmoid.html', anchor: '기울기-소실', first: true },
    { query: '시그모', page: 'sigmoid.html' },
    { query: '크로스 엔트로피', page: 'cross-entropy.html', first: true },
    { query: '편향 이동', page: 'tanh-derivative.html', anchor: '출력의-중심이-0입니다', first: true },
    { query: '죽은 뉴런', page: 'relu-drawbacks.html', anchor: '죽은-뉴런', first: true },
    { query: '역전파', page: 'backprop.html', first: true },
];
/**
 * What no search snippet may show: TeX commands (formulas are not indexed) and code (code blocks
 * are not indexed). Prose may name a macro (어느 assert가 깨지는지), so `assert` counts when called.
 */
const SNIPPET_CODE = [/\\[A-Za-z]+/, /\bassert(?:_\w+)?!/, /\bfn /, /\blet /, /\buse [\w:]+::/, /#\[/];
const HANGUL = /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]/;

// ---------------------------------------------------------------- results

const counts = { passed: 0, failed: 0, skipped: 0 };

function pass(name, note = '') {
    counts.passed++;
    console.log(`PASS  ${name}${note ? ` — ${note}` : ''}`);
}

function fail(name, problems) {
    counts.failed++;
    const list = Array.isArray(problems) ? problems : [problems];
    console.log(`FAIL  ${name} — ${list[0]}`);
    for (const problem of list.slice(1, 30)) console.log(`        ${problem}`);
    if (list.length > 30) console.log(`        … 그 밖에 ${list.length - 30}개`);
}

function skip(name, reason) {
    counts.skipped++;
    console.log(`SKIP  ${name} — ${reason}`);
}

/** PASS when `problems` is empty, else FAIL with them. */
function check(name, problems, note = '') {
    if (problems.length === 0) pass(name, note);
    else fail(name, problems);
}

function section(title) {
    console.log(`\n== ${title}`);
}

// ---------------------------------------------------------------- the site

const siteArg = process.argv[2];
if (!siteArg) {
    console.error('사용법: node tools/browser/test.mjs <사이트 디렉터리, 보통 target/book>');
    process.exit(2);
}
const SITE = path.resolve(siteArg);
const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SCREENSHOTS = path.join(path.dirname(SITE), 'browser-screenshots');
if (!existsSync(path.join(SITE, 'index.html'))) {
    console.error(`${SITE}/index.html이 없습니다: 먼저 \`cargo xtask build\`로 책을 빌드하세요`);
    process.exit(2);
}
if (!existsSync(CHROMIUM)) {
    console.error(`${CHROMIUM}이 없습니다: apt-get install -y chromium fonts-noto-cjk`);
    process.exit(2);
}

/** The source directory of the book: `src` in book.toml (mdBook's default: src). */
function sourceDir() {
    const toml = readFileSync(path.join(REPO, 'book.toml'), 'utf8');
    const src = toml.match(/^\s*src\s*=\s*"([^"]+)"/m);
    return path.join(REPO, src ? src[1] : 'src');
}

/** Whether a chapter's Markdown has a formula: a `$` outside code, not escaped. */
function sourceHasMath(page) {
    const name = page === 'index.html' ? 'README.md' : page.replace(/\.html$/, '.md');
    const file = path.join(sourceDir(), name);
    if (!existsSync(file)) return null;
    const text = readFileSync(file, 'utf8')
        .replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '') // fenced code
        .replace(/(`+)[\s\S]*?\1/g, '') // inline code
        .replace(/\\\$/g, ''); // \$ is a dollar sign
    return text.includes('$');
}

// The server (static files at `/` and under the <base href> of 404.html, uncompressed): server.mjs.

// ---------------------------------------------------------------- the browser

const offsite = []; // requests to another host, from every context: check 4

/** A fresh context (empty cache) whose every request is routed: other hosts are aborted. */
async function newContext(browser, options = {}) {
    const context = await browser.newContext({ serviceWorkers: 'block', ...options });
    context.setDefaultTimeout(TIMEOUT_MS);
    await context.route('**/*', async (route) => {
        const url = new URL(route.request().url());
        if (url.hostname === '127.0.0.1') await route.continue();
        else {
            offsite.push(`${route.request().url()} (${route.request().resourceType()})`);
            await route.abort('blockedbyclient');
        }
    });
    await context.routeWebSocket(
        (url) => url.hostname !== '127.0.0.1',
        (socket) => {
            offsite.push(`${socket.url()} (websocket)`);
            socket.close();
        },
    );
    return context;
}

/**
 * Opens `url` in `context` and records what a check needs: console errors, uncaught exceptions,
 * failed requests and HTTP errors, and every response with its body size.
 */
async function open(context, url, { waitUntil = 'load' } = {}) {
    const page = await context.newPage();
    const log = { errors: [], failed: [], responses: [] };
    page.on('console', (message) => {
        if (message.type() === 'error') {
            const where = message.location()?.url ? ` (${message.location().url})` : '';
            log.errors.push(`콘솔 오류: ${message.text()}${where}`);
        }
    });
    page.on('pageerror', (error) => log.errors.push(`스크립트 예외: ${error.message}`));
    page.on('requestfailed', (request) => {
        log.failed.push(`요청 실패: ${request.url()} (${request.failure()?.errorText})`);
    });
    page.on('response', (response) => {
        if (response.status() >= 400) log.failed.push(`HTTP ${response.status()}: ${response.url()}`);
        log.responses.push(response);
    });
    let status = null;
    try {
        const response = await page.goto(url, { waitUntil });
        status = response ? response.status() : null;
        await page.evaluate(() => document.fonts.ready.then(() => null));
    } catch (error) {
        log.errors.push(`열리지 않음: ${error.message.split('\n')[0]}`);
    }
    if (status !== null && status !== 200) log.failed.push(`페이지 자체가 HTTP ${status}`);
    log.loaded = status === 200;
    return { page, log };
}

const KINDS = { html: 'HTML', css: 'CSS', js: 'JS', font: '글꼴', image: '그림', other: '기타' };

function kind(url) {
    const extension = path.extname(new URL(url).pathname).toLowerCase();
    if (extension === '.html' || extension === '') return 'html';
    if (extension === '.css') return 'css';
    if (extension === '.js' || extension === '.mjs') return 'js';
    if (['.woff2', '.woff', '.ttf', '.otf'].includes(extension)) return 'font';
    if (['.svg', '.png', '.jpg', '.jpeg', '.webp', '.gif', '.ico'].includes(extension)) return 'image';
    return 'other';
}

/** Body bytes of every response a page received: in all, by kind, and file by file. */
async function weight(log) {
    const byKind = Object.fromEntries(Object.keys(KINDS).map((key) => [key, 0]));
    const files = [];
    let bytes = 0;
    for (const response of log.responses) {
        let size = 0;
        try {
            size = (await response.body()).length;
        } catch {
            // A redirect or an aborted request has no body.
        }
        bytes += size;
        byKind[kind(response.url())] += size;
        files.push({ url: decodeURIComponent(new URL(response.url()).pathname), size });
    }
    files.sort((a, b) => b.size - a.size);
    return { bytes, requests: log.responses.length, byKind, files };
}

/** Waits until every <img> has finished loading or failed. */
async function imagesSettled(page) {
    await page.evaluate(() =>
        Promise.all(
            [...document.images].map((img) =>
                img.complete ? null : new Promise((done) => {
                    img.addEventListener('load', done, { once: true });
                    img.addEventListener('error', done, { once: true });
                }),
            ),
        ),
    );
}

/** Problems with the page's images: not decoded, or alt text empty or without Hangul. */
async function imageProblems(page) {
    await imagesSettled(page);
    const images = await page.evaluate(() =>
        [...document.images].map((img) => {
            const ok = img.complete && img.naturalWidth > 0;
            // Its own background: a pixel near the corner, drawn on a canvas (same origin, so
            // readable), and the background the page's CSS gives the element.
            let corner = null;
            if (ok) {
                const canvas = document.createElement('canvas');
                canvas.width = img.naturalWidth;
                canvas.height = img.naturalHeight;
                const context2d = canvas.getContext('2d');
                context2d.drawImage(img, 0, 0, canvas.width, canvas.height);
                corner = [...context2d.getImageData(2, 2, 1, 1).data];
            }
            const card = (getComputedStyle(img).backgroundColor.match(/[\d.]+/g) ?? []).map(Number);
            return { src: img.getAttribute('src'), ok, alt: img.getAttribute('alt'), corner, card };
        }),
    );
    const problems = [];
    for (const { src, ok, alt, corner, card } of images) {
        if (!ok) problems.push(`디코딩되지 않은 그림: ${src}`);
        if (!alt || !alt.trim()) problems.push(`대체 텍스트(alt)가 없는 그림: ${src}`);
        else if (!HANGUL.test(alt)) problems.push(`대체 텍스트에 한글이 없음: ${src} (alt="${alt}")`);
        // The figures are drawn on a transparent background: theme/figures.css gives them a white
        // card in the light themes (this check runs in the default, light) and inverts them onto
        // the page's background in the dark ones (check 6). An opaque background of their own
        // would become a card in the dark themes.
        if (!src?.includes('figures/')) continue;
        if (corner && corner[3] !== 0) problems.push(`그림 자체의 바탕이 투명하지 않음 (rgba ${corner.join(',')}): ${src}`);
        const opaqueLight = card.length === 3 || (card.length === 4 && card[3] === 1);
        if (!opaqueLight || (card[0] + card[1] + card[2]) / 3 < 160) {
            problems.push(`밝은 테마에서 그림에 흰 카드가 없음 (background-color ${card.join(',')}): ${src}`);
        }
    }
    return { count: images.length, problems: [...new Set(problems)] };
}

/** Counts of typeset formulas, KaTeX errors, and typeset formulas that are not visible. */
async function mathState(page) {
    return page.evaluate(() => {
        // Exercise solutions are folded (<details>): unfold them, so their formulas are checked too.
        for (const details of document.querySelectorAll('details')) details.open = true;
        const html = [...document.querySelectorAll('.katex-html')];
        const hidden = html.filter((el) => {
            const box = el.getBoundingClientRect();
            const visible = el.checkVisibility({ visibilityProperty: true, opacityProperty: true });
            return !(visible && box.width > 0 && box.height > 0);
        });
        return {
            katex: document.querySelectorAll('.katex').length,
            html: html.length,
            errors: [...document.querySelectorAll('.katex-error')].map((el) => el.textContent.slice(0, 80)),
            hidden: hidden.map((el) => {
                const tex = el.closest('.katex')?.querySelector('annotation')?.textContent;
                return tex ? tex.slice(0, 60) : '?';
            }),
        };
    });
}

/** The ids of a page and the links inside <main> and the sidebar, as absolute URLs. */
async function anchorsAndLinks(page) {
    return page.evaluate(() => ({
        ids: [...document.querySelectorAll('[id]')].map((el) => el.id),
        links: [...document.querySelectorAll('main a[href], #mdbook-sidebar a[href], nav a[href]')].map((a) => ({
            href: a.href,
            raw: a.getAttribute('href'),
        })),
        base: document.querySelector('base[href]') !== null,
    }));
}

/** axe-core's violations (and the serious or critical checks it could not decide), each node
 *  placed inside <main> (the chapter, our markup) or outside it (mdBook's menu bar and sidebar). */
async function runAxe(page, axeSource) {
    await page.addScriptTag({ content: axeSource });
    return page.evaluate(async () => {
        const options = { resultTypes: ['violations', 'incomplete'], elementRef: true };
        const result = await window.axe.run(document, options);
        const summarize = (rules) =>
            rules.map((rule) => ({
                id: rule.id,
                help: rule.help,
                nodes: rule.nodes.map((node) => ({
                    impact: node.impact ?? rule.impact,
                    target: node.target.flat().join(' '),
                    where: node.element ? (node.element.closest('main') ? 'main' : 'chrome') : 'unknown',
                    html: node.html.replace(/\s+/g, ' ').slice(0, 120),
                })),
            }));
        return { violations: summarize(result.violations), incomplete: summarize(result.incomplete) };
    });
}

const SEVERE = ['serious', 'critical'];

/**
 * Splits axe's findings on `page`: serious or critical violations inside <main> (returned, they
 * fail the check); every other violation goes to `unfailed` (finding → pages) and the serious or
 * critical checks axe could not decide inside <main> are counted in `undecided` (rule → count).
 */
function sortAxe(axe, page, unfailed, undecided) {
    const ours = [];
    const ids = new Set();
    for (const rule of axe.incomplete) {
        for (const node of rule.nodes) {
            if (node.where !== 'main' || !SEVERE.includes(node.impact)) continue;
            const key = `${rule.id} [${node.impact}]`;
            undecided.set(key, (undecided.get(key) ?? 0) + 1);
        }
    }
    for (const violation of axe.violations) {
        for (const node of violation.nodes) {
            if (node.where === 'main' && SEVERE.includes(node.impact)) {
                ours.push(`${violation.id} [${node.impact}] ${violation.help}: ${node.target} ${node.html}`);
                continue;
            }
            const where = { main: '<main> 안', chrome: 'mdBook 틀', unknown: '위치 모름' }[node.where];
            const key = `${where}: ${violation.id} [${node.impact}] ${node.target} — ${violation.help}`;
            if (!unfailed.has(key)) unfailed.set(key, []);
            unfailed.get(key).push(page);
            ids.add(`${violation.id} [${node.impact}]`);
        }
    }
    return { ours, ids };
}

const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60]/;

/** Columns a string takes in a terminal: Hangul and other wide characters take two. */
function columns(text) {
    let width = 0;
    for (const char of text) width += WIDE.test(char) ? 2 : 1;
    return width;
}

function padEnd(text, width) {
    return text + ' '.repeat(Math.max(0, width - columns(text)));
}

function padStart(text, width) {
    return ' '.repeat(Math.max(0, width - columns(text))) + text;
}

function kb(bytes) {
    return (bytes / 1000).toFixed(1);
}

// ---------------------------------------------------------------- the checks

/** What the first pass learned about each page, for the later checks. */
const info = new Map(); // page → { loaded, math, katex, images, ids, links, base, weight }

/** 1, 3, 5 (measured), 8, and the first half of 2: each page once, in a fresh context. */
async function checkPages(browser, at, pages, chapters) {
    const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
    const unfailed = new Map(); // axe violations outside <main> or below serious → pages
    const undecided = new Map(); // axe "incomplete" in <main>, serious or critical → count
    for (const page of pages) {
        const context = await newContext(browser);
        // networkidle: the weight counts all a first visit loads, fonts and late scripts too.
        const { page: tab, log } = await open(context, at(page), { waitUntil: 'networkidle' });
        const record = { loaded: log.loaded, math: false, katex: 0, images: 0, ids: [], links: [] };
        info.set(page, record);
        record.weight = await weight(log);
        check(`로드 ${page}: 콘솔 오류·실패한 요청 없음`, [...log.errors, ...log.failed]);
        if (!log.loaded) {
            await context.close();
            continue;
        }

        const state = await mathState(tab);
        const sourceMath = page === '404.html' ? false : sourceHasMath(page);
        record.math = sourceMath ?? state.katex > 0;
        record.katex = state.html;
        const mathProblems = state.errors.map((error) => `.katex-error: ${error}`);
        if (record.math) {
            if (state.katex === 0) mathProblems.unshift('원본에 수식이 있는데 .katex가 없음');
            for (const tex of state.hidden) mathProblems.push(`보이지 않는 수식: ${tex}`);
        }
        if (record.math || mathProblems.length) {
            check(`수식 ${page}: 조판됨`, mathProblems, `.katex ${state.katex}개`);
        }

        const images = await imageProblems(tab);
        record.images = images.count;
        if (images.count) {
            check(`그림 ${page}: 디코딩, 한국어 대체 텍스트, 흰 카드`, images.problems, `<img> ${images.count}개`);
        }
        Object.assign(record, await anchorsAndLinks(tab));

        if (chapters.includes(page)) {
            const axe = await runAxe(tab, axeSource);
            const { ours, ids } = sortAxe(axe, page, unfailed, undecided);
            check(`axe ${page}: <main> 안에 serious/critical 위반 없음`, ours);
            if (ids.size) console.log(`        (실패로 치지 않는 위반: ${[...ids].join(', ')})`);
        }
        await context.close();
    }
    if (unfailed.size) {
        console.log('   axe, 실패로 치지 않는 위반 (<main> 밖은 mdBook의 틀; 또는 serious 미만):');
        for (const [key, where] of unfailed) {
            console.log(`     ${key} (${where.length === chapters.length ? '모든 장' : where.join(' ')})`);
        }
    }
    if (undecided.size) {
        const list = [...undecided].map(([key, count]) => `${key} ${count}곳`).join(', ');
        console.log(`   axe가 판정하지 못한 곳 (incomplete, <main> 안, 실패로 치지 않음): ${list}`);
    }
}

/** 2. With JavaScript disabled, the same formulas are on each page and visible. */
async function checkNoScript(browser, at, pages) {
    for (const page of pages.filter((p) => info.get(p).math)) {
        const context = await newContext(browser, { javaScriptEnabled: false });
        const { page: tab, log } = await open(context, at(page));
        const expected = info.get(page).katex;
        const problems = [...log.failed];
        if (log.loaded) {
            const state = await mathState(tab);
            if (state.html !== expected) {
                problems.push(`.katex-html ${state.html}개 (자바스크립트를 켜면 ${expected}개)`);
            }
            for (const tex of state.hidden) problems.push(`보이지 않는 수식: ${tex}`);
            for (const error of state.errors) problems.push(`.katex-error: ${error}`);
        } else {
            problems.push(...log.errors);
        }
        check(`수식 ${page}: 자바스크립트 없이`, problems, `.katex-html ${expected}개 보임`);
        await context.close();
    }
}

/** 10. Every link inside the site (in <main> and the sidebar) leads to a page and an id on it. */
function checkLinks(origin, base, pages) {
    for (const page of pages) {
        const problems = [];
        const notes = [];
        const seen = new Set();
        for (const { href, raw } of info.get(page).links) {
            if (seen.has(href)) continue;
            seen.add(href);
            const url = new URL(href);
            if (url.origin !== origin) continue;
            if (info.get(page).base && raw.startsWith('#')) {
                // mdBook's 404.html has <base href> (so that it works at any depth): its own
                // heading links `#…` resolve against the base, i.e. to the front page.
                const to = decodeURIComponent(url.pathname + url.hash);
                notes.push(`${raw} → ${to} (<base href> 때문; mdBook의 404 제목 링크)`);
                continue;
            }
            let target = decodeURIComponent(url.pathname);
            target = target.startsWith(base) ? target.slice(base.length) : target.slice(1);
            if (target === '' || target.endsWith('/')) target += 'index.html';
            const targetInfo = info.get(target);
            if (!targetInfo && !existsSync(path.join(SITE, target))) {
                problems.push(`없는 페이지: ${href}`);
                continue;
            }
            const fragment = decodeURIComponent(url.hash.slice(1));
            if (fragment && targetInfo && !targetInfo.ids.includes(fragment)) {
                problems.push(`없는 앵커: ${decodeURIComponent(href)}`);
            }
        }
        check(`링크 ${page}`, problems, `링크 ${seen.size}개`);
        for (const note of notes) console.log(`        (실패로 치지 않음: ${note})`);
    }
}

/** 5. The weight of a first visit to each page, against the budget: printed, not asserted. */
function printWeights(pages) {
    const first = Math.max(...pages.map((page) => page.length), 8) + 1;
    const row = (cells) =>
        `   ${cells
            .map((cell, i) => (i === 0 ? padEnd(cell, first) : padStart(cell, i === cells.length - 1 ? 16 : 7)))
            .join(' ')}`;
    console.log(row(['페이지', 'KB', '요청', ...Object.values(KINDS), '수식·그림', '예산']));
    const unweighed = [];
    for (const page of pages) {
        const { weight: { bytes, requests, byKind }, math, images, loaded } = info.get(page);
        const verdict = bytes <= BUDGET_BYTES ? '이내' : `초과 +${kb(bytes - BUDGET_BYTES)}`;
        const has = [math ? '수식' : '', images ? '그림' : ''].filter(Boolean).join('·') || '-';
        const kinds = Object.keys(KINDS).map((key) => kb(byKind[key]));
        console.log(row([page, kb(bytes), String(requests), ...kinds, has, verdict]));
        if (!loaded) unweighed.push(`${page}: 열리지 않아 재지 못함`);
    }
    const heavy = pages.filter((p) => info.get(p).math && info.get(p).images);
    if (heavy.length) {
        const bytesOf = (p) => info.get(p).weight.bytes;
        const worst = heavy.reduce((a, b) => (bytesOf(a) >= bytesOf(b) ? a : b));
        const { bytes, files } = info.get(worst).weight;
        const verdict = bytes <= BUDGET_BYTES ? '예산 이내' : '예산 초과';
        console.log(`   수식과 그림이 있는 장 중 가장 무거운 ${worst}: ${kb(bytes)} KB, ${verdict}. 큰 파일:`);
        for (const { url, size } of files.slice(0, 8)) console.log(`     ${padStart(kb(size), 7)} KB  ${url}`);
    }
    check('페이지 무게: 모든 페이지를 잼 (예산 초과는 출력만 함)', unweighed, `${pages.length}쪽`);
}

/**
 * The colours the figures (SITE/figures/*.svg) draw with, by role: `text` (fill of <text>),
 * `line` (opaque strokes, and opaque fills of dots and arrowheads), `faint` (strokes and fills at
 * an opacity: grid, frame, shading), each with the opacity and the figures that use it. White
 * fills (the legend box, the inside of rings) are grounds, not marks, and are left out.
 */
function figureColours() {
    const dir = path.join(SITE, 'figures');
    if (!existsSync(dir)) return [];
    const found = new Map();
    for (const file of readdirSync(dir).filter((name) => name.endsWith('.svg')).sort()) {
        for (const [, tag, attributes] of readFileSync(path.join(dir, file), 'utf8').matchAll(/<(\w+)\s([^>]*)>/g)) {
            const attr = Object.fromEntries([...attributes.matchAll(/([\w-]+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
            const opacity = Number(attr.opacity ?? 1);
            const add = (colour, role) => {
                if (!/^#[0-9A-Fa-f]{6}$/.test(colour ?? '')) return;
                const key = `${role} ${colour} ${opacity}`;
                if (!found.has(key)) found.set(key, { role, colour, opacity, files: new Set() });
                found.get(key).files.add(file);
            };
            const faint = opacity < 1;
            if (tag === 'text') add(attr.fill, 'text');
            else if (tag !== 'svg') {
                add(attr.stroke, faint ? 'faint' : 'line');
                if (attr.fill?.toUpperCase() !== '#FFFFFF') add(attr.fill, faint ? 'faint' : 'line');
            }
        }
    }
    return [...found.values()].map((c) => ({ ...c, files: [...c.files] }));
}

/**
 * In the page: the first visible figure of <main>, scrolled into view, and each of `colours`
 * as rendered there against the figure's ground. The rendering is rebuilt on canvases from the
 * element's computed style: the colour (at its opacity) over the <img>'s own CSS background,
 * then that drawn with the <img>'s computed `filter` over the page's background; the ground is
 * the same without the colour. So what theme/figures.css does is what is measured.
 */
async function figureInTheme({ theme, colours }) {
    const rgb = (text) => (text.match(/[\d.]+/g) ?? []).map(Number);
    const themed = document.documentElement.classList.contains(theme);
    const img = [...document.querySelectorAll('main img')].find((el) => el.checkVisibility());
    if (!img) return { themed, img: null };
    img.scrollIntoView({ block: 'center' });
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    const box = img.getBoundingClientRect();
    const onTop = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    let page = getComputedStyle(document.body).backgroundColor;
    if (rgb(page)[3] === 0) page = getComputedStyle(document.documentElement).backgroundColor;
    const style = getComputedStyle(img);
    const canvas = (width = 1) => {
        const c = document.createElement('canvas');
        c.width = width;
        c.height = 1;
        return [c, c.getContext('2d', { willReadFrequently: true })];
    };
    // The figure's own background: a pixel near its corner (same origin, so readable).
    const [own, ownContext] = canvas(img.naturalWidth);
    ownContext.drawImage(img, 0, 0, img.naturalWidth, img.naturalHeight);
    const corner = [...ownContext.getImageData(2, 0, 1, 1).data];
    const rendered = (colour, opacity) => {
        const [element, elementContext] = canvas();
        elementContext.fillStyle = style.backgroundColor;
        elementContext.fillRect(0, 0, 1, 1);
        if (colour) {
            elementContext.globalAlpha = opacity;
            elementContext.fillStyle = colour;
            elementContext.fillRect(0, 0, 1, 1);
        }
        const [, pageContext] = canvas();
        pageContext.fillStyle = page;
        pageContext.fillRect(0, 0, 1, 1);
        pageContext.filter = style.filter === 'none' ? 'none' : style.filter;
        pageContext.drawImage(element, 0, 0);
        return [...pageContext.getImageData(0, 0, 1, 1).data].slice(0, 3);
    };
    return {
        themed,
        img: img.getAttribute('src'),
        size: `${Math.round(box.width)}×${Math.round(box.height)}`,
        inView: box.top >= 0 && box.bottom <= innerHeight && box.width > 0 && box.height > 0,
        onTop: onTop === img || Boolean(onTop?.closest('label')?.contains(img)),
        corner,
        filter: style.filter,
        card: style.backgroundColor,
        page: rgb(page).slice(0, 3),
        ground: rendered(null, 1),
        colours: colours.map((c) => ({ ...c, shown: rendered(c.colour, c.opacity) })),
    };
}

/** WCAG 2 relative luminance of an sRGB colour [r, g, b] (0–255). */
function luminance(colour) {
    const [r, g, b] = colour.map((v) => {
        const c = v / 255;
        return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio of two colours. */
function contrast(a, b) {
    const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (high + 0.05) / (low + 0.05);
}

const hex = (colour) => `#${colour.map((v) => v.toString(16).padStart(2, '0')).join('')}`;

/** Least contrast WCAG asks of text (AA, normal size) and of lines and marks (non-text, 1.4.11). */
const MIN_TEXT_CONTRAST = 4.5;
const MIN_LINE_CONTRAST = 3;

/**
 * 6. In each mdBook theme a figure is visible, and every colour the figures draw with reads
 * against the ground it is shown on; in a dark theme that ground is the page's own background.
 */
async function checkThemes(browser, at, chapters) {
    // The sigmoid chapter opens with a chart of two pens, legend and grid; else any figure page.
    const withFigure = (p) => info.get(p)?.images > 0 && info.get(p).loaded;
    const figurePage = chapters.find((p) => p === 'sigmoid.html' && withFigure(p)) ?? chapters.find(withFigure);
    if (!figurePage) {
        fail('테마', '그림이 있는 장이 없음');
        return;
    }
    const colours = figureColours();
    if (!colours.length) {
        fail('테마', `${SITE}/figures/*.svg에서 색을 찾지 못함`);
        return;
    }
    mkdirSync(SCREENSHOTS, { recursive: true });
    const table = [];
    for (const theme of THEMES) {
        const context = await newContext(browser, { viewport: { width: 1280, height: 900 } });
        await context.addInitScript((name) => localStorage.setItem('mdbook-theme', name), theme);
        const { page: tab, log } = await open(context, at(figurePage));
        const problems = [...log.errors, ...log.failed];
        let note = '';
        if (log.loaded) {
            await imagesSettled(tab);
            const state = await tab.evaluate(figureInTheme, { theme, colours });
            if (!state.themed) problems.push(`<html>에 class "${theme}"가 없음`);
            if (!state.img) problems.push('보이는 그림이 없음');
            else {
                if (!state.inView || !state.onTop) problems.push(`그림이 보이지 않거나 가려짐 (${state.size})`);
                if (state.corner[3] !== 0) problems.push(`그림 자체의 바탕이 투명하지 않음 (rgba ${state.corner.join(',')})`);
                // A dark page: the figure lies on the page's own background, not on a card.
                const dark = luminance(state.page) < 0.2;
                const card = contrast(state.ground, state.page);
                if (dark && card > 1.1) {
                    problems.push(`어두운 테마에서 그림이 카드 위에 있음 (그림 바탕 ${hex(state.ground)}, 페이지 바탕 ${hex(state.page)}, ${card.toFixed(2)}:1)`);
                }
                const min = { text: Infinity, line: Infinity, faint: Infinity };
                const rows = [];
                for (const c of state.colours) {
                    const ratio = contrast(c.shown, state.ground);
                    min[c.role] = Math.min(min[c.role], ratio);
                    const need = { text: MIN_TEXT_CONTRAST, line: MIN_LINE_CONTRAST }[c.role];
                    const alpha = c.opacity < 1 ? ` ×${c.opacity}` : '';
                    const row = `${c.role.padEnd(5)} ${c.colour}${alpha} → ${hex(c.shown)}: ${ratio.toFixed(2)}:1`;
                    rows.push(`${row}${need ? '' : ' (흐린 격자·테두리·음영, 판정 안 함)'}  ${c.files.length}개 그림`);
                    if (need && ratio < need) {
                        problems.push(`대비 부족 ${row} < ${need}:1 (바탕 ${hex(state.ground)}; ${c.files.slice(0, 3).join(', ')})`);
                    }
                }
                const fixed = (v) => (Number.isFinite(v) ? v.toFixed(2) : '–');
                table.push({ theme, ground: hex(state.ground), page: hex(state.page), filter: state.filter, min, rows });
                note = `${state.img}, 바탕 ${hex(state.ground)} (페이지 ${hex(state.page)}), 최소 대비 글자 ${fixed(min.text)}:1, 선·점 ${fixed(min.line)}:1`;
            }
            await tab.screenshot({ path: path.join(SCREENSHOTS, `${theme}.png`) });
        }
        check(`테마 ${theme}: ${figurePage}의 그림이 보이고 대비 충분`, problems, note);
        await context.close();
    }
    // Every colour in every theme, as measured (lowest first), for the record.
    for (const { theme, ground, page, filter, rows } of table) {
        console.log(`   ${theme}: 그림 바탕 ${ground}, 페이지 ${page}, filter: ${filter}`);
        const ratio = (row) => Number(row.match(/: ([\d.]+):1/)[1]);
        for (const row of rows.sort((a, b) => ratio(a) - ratio(b))) console.log(`     ${row}`);
    }
}

/** 7. print.html: formulas and figures, also with print media. */
async function checkPrint(browser, at, chapters) {
    if (!existsSync(path.join(SITE, 'print.html'))) {
        fail('print.html', '없음');
        return;
    }
    const context = await newContext(browser);
    // print.html calls window.print() after loading; the dialog is not what is tested.
    await context.addInitScript(() => {
        window.print = () => {};
    });
    const { page: tab, log } = await open(context, at('print.html'));
    check('로드 print.html: 콘솔 오류·실패한 요청 없음', [...log.errors, ...log.failed]);
    if (log.loaded) {
        const state = await mathState(tab);
        const mathProblems = state.errors.map((error) => `.katex-error: ${error}`);
        if (state.katex === 0) mathProblems.push('.katex가 없음');
        const expected = chapters.reduce((sum, p) => sum + (info.get(p)?.katex ?? 0), 0);
        if (state.html < expected) mathProblems.push(`.katex-html ${state.html}개, 장들에는 모두 ${expected}개`);
        check('print.html: 수식', mathProblems, `.katex ${state.katex}개`);

        const images = await imageProblems(tab);
        if (images.count === 0) images.problems.push('<img>가 없음');
        check('print.html: 그림 디코딩, 한국어 대체 텍스트, 흰 카드', images.problems, `<img> ${images.count}개`);

        await tab.emulateMedia({ media: 'print' });
        const printed = await tab.evaluate(() => {
            const shown = (el) => el.checkVisibility({ visibilityProperty: true }) && el.getBoundingClientRect().width > 0;
            const sources = (images) => [...new Set(images.map((img) => img.getAttribute('src')))];
            // Printed from a dark theme, the figures are not inverted: dark on a white card.
            const html = document.documentElement;
            const classes = html.className;
            html.classList.remove('light', 'rust', 'navy', 'ayu');
            html.classList.add('coal');
            const darkPrint = [...document.images]
                .filter((img) => img.getAttribute('src')?.includes('figures/'))
                .map((img) => [img.getAttribute('src'), getComputedStyle(img)])
                .filter(([, style]) => style.filter !== 'none' || style.backgroundColor !== 'rgb(255, 255, 255)')
                .map(([src, style]) => `${src} (filter ${style.filter}, background ${style.backgroundColor})`);
            html.className = classes;
            return {
                darkPrint,
                hiddenMath: [...document.querySelectorAll('.katex-html')].filter((el) => !shown(el)).length,
                shown: sources([...document.images].filter(shown)),
                all: sources([...document.images]),
            };
        });
        const problems = printed.all
            .filter((src) => !printed.shown.includes(src))
            .map((src) => `인쇄 화면에서 보이지 않는 그림: ${src}`);
        if (printed.hiddenMath) problems.unshift(`인쇄 화면에서 보이지 않는 수식 ${printed.hiddenMath}개`);
        for (const figure of printed.darkPrint.slice(0, 5)) problems.push(`coal 테마에서 인쇄할 때 흰 카드가 아닌 그림: ${figure}`);
        check('print.html: 인쇄 미디어에서 수식과 그림이 보임, 어두운 테마에서도 그림은 흰 카드', problems, `그림 ${printed.shown.length}종`);
    }
    await context.close();
}

/** 9. Korean search through the Pagefind UI; skipped (not passed) when the site has none. */
async function checkSearch(browser, at) {
    const context = await newContext(browser);
    const { page: tab, log } = await open(context, at('index.html'));
    if (!log.loaded || (await tab.locator('#pagefind-toggle').count()) === 0) {
        for (const { query } of SEARCHES) {
            skip(`검색 "${query}"`, 'search UI not present (#pagefind-toggle 없음; 통과로 세지 않음)');
        }
        await context.close();
        return;
    }
    // The keyboard help (?) is Korean and names the search keys, once (theme/index.hbs).
    try {
        await tab.locator('main').click({ position: { x: 1, y: 1 } });
        await tab.keyboard.press('?');
        const help = tab.locator('#mdbook-help-popup');
        await help.waitFor({ state: 'visible', timeout: 5000 });
        const text = await help.innerText();
        const problems = [];
        if (!text.includes('단축키')) problems.push('제목이 "단축키"가 아님');
        if ((text.match(/책에서 검색합니다/g) ?? []).length !== 1) problems.push('검색 키 안내가 한 번이 아님');
        if (/[A-Za-z]{4,}/.test(text.replace(/Esc/g, ''))) problems.push(`영어 문장이 남음: ${text.replace(/\s+/g, ' ')}`);
        check('단축키 도움말(?): 한국어, 검색 키 안내 한 줄', problems);
        await tab.keyboard.press('Escape');
        await help.waitFor({ state: 'hidden', timeout: 5000 });
    } catch (error) {
        fail('단축키 도움말(?): 한국어, 검색 키 안내 한 줄', error.message.split('\n')[0]);
    }
    try {
        await openSearch(tab);
        pass('검색 창: `/` 키로 열리고 입력란에 포커스');
    } catch (error) {
        fail('검색 창: `/` 키로 열리고 입력란에 포커스', error.message.split('\n')[0]);
        await context.close();
        return;
    }
    for (const { query, page, anchor, first } of SEARCHES) {
        const name = `검색 "${query}" → ${first ? '첫 결과 ' : ''}${page}${anchor ? `#${anchor}` : ''}`;
        const before = log.errors.length + log.failed.length;
        try {
            const result = await search(tab, query);
            const stem = page.replace(/\.html$/, '');
            const onPage = (href) =>
                decodeURIComponent(new URL(href, tab.url()).pathname).replace(/\.html$/, '').endsWith(`/${stem}`);
            const found = result.links.some((href) => {
                const url = new URL(href, tab.url());
                return onPage(href) && (!anchor || decodeURIComponent(url.hash.slice(1)) === anchor);
            });
            const problems = [...log.errors, ...log.failed].slice(before);
            if (!found) {
                const why = result.message || '결과 없음';
                problems.unshift(`결과에 ${page}${anchor ? `#${anchor}` : ''}가 없음 (${why})`);
            }
            if (first && !(result.firstLink && onPage(result.firstLink))) {
                problems.push(`첫 결과가 ${page}가 아니라 ${result.titles[0] ?? '없음'}`);
            }
            for (const excerpt of result.excerpts) {
                const code = SNIPPET_CODE.find((pattern) => pattern.test(excerpt));
                if (code) problems.push(`발췌문에 수식 원문이나 코드 (${code}): ${excerpt}`);
            }
            // The glossary terms that rank the defining page first (search.js hides them).
            const terms = result.tags.filter((tag) => /^terms\b/i.test(tag));
            if (terms.length) problems.push(`결과에 순위용 메타데이터가 보임: ${terms[0].slice(0, 60)}…`);
            check(name, problems, `결과 ${result.titles.length}개, 발췌문 ${result.excerpts.length}개`);
            for (const line of result.titles.slice(0, 5)) console.log(`        ${line}`);
            console.log(`        첫 발췌문: ${result.excerpts[0] ?? '없음'}`);
        } catch (error) {
            fail(name, error.message.split('\n')[0]);
        }
    }
    await context.close();
}

/** Opens the search with the `/` key; throws when it does not open or focus its input. */
async function openSearch(tab) {
    await tab.locator('main').click({ position: { x: 1, y: 1 } }); // focus the page, not a field
    await tab.keyboard.press('/');
    await tab.locator('#pagefind-panel').waitFor({ state: 'visible', timeout: 5000 });
    await tab.locator('.pagefind-ui__search-input').waitFor({ state: 'visible', timeout: 10_000 });
    // search.js focuses the input once Pagefind's UI has loaded.
    await tab.waitForFunction(() => document.activeElement?.matches('.pagefind-ui__search-input'), null, {
        timeout: 5000,
    });
}

/** In the page: the search results as they are now. */
function searchResults() {
    const pathOf = (href) => decodeURIComponent(new URL(href).pathname);
    return {
        links: [...document.querySelectorAll('.pagefind-ui__result-link')].map((a) => a.href),
        firstLink: document.querySelector('.pagefind-ui__result .pagefind-ui__result-link')?.href ?? '',
        excerpts: [...document.querySelectorAll('.pagefind-ui__result-excerpt')].map((p) => p.textContent.trim()),
        tags: [...document.querySelectorAll('.pagefind-ui__result-tag')].map((tag) => tag.textContent.trim()),
        titles: [...document.querySelectorAll('.pagefind-ui__result')].map((result) => {
            const link = result.querySelector('.pagefind-ui__result-link');
            const nested = result.querySelectorAll('.pagefind-ui__result-nested .pagefind-ui__result-link');
            const anchors = [...nested].map((a) => decodeURIComponent(new URL(a.href).hash));
            return [link?.textContent.trim(), link ? pathOf(link.href) : '?', ...anchors].join(' ');
        }),
        message: document.querySelector('.pagefind-ui__message')?.textContent.trim() ?? '',
    };
}

/** Types `query` into the open search's input and waits for the results to settle. */
async function search(tab, query) {
    const input = tab.locator('.pagefind-ui__search-input');
    await input.fill('');
    await input.focus();
    await tab.keyboard.type(query);
    // Pagefind debounces typing and loads its index in fragments: wait until the list stops changing.
    const deadline = Date.now() + 15_000;
    let previous = '';
    let stable = 0;
    let state = { links: [], firstLink: '', excerpts: [], tags: [], titles: [], message: '' };
    while (Date.now() < deadline && stable < 3) {
        await tab.waitForTimeout(250);
        state = await tab.evaluate(searchResults);
        const key = JSON.stringify(state);
        stable = key === previous && (state.links.length > 0 || state.message) ? stable + 1 : 0;
        previous = key;
    }
    return state;
}

async function main() {
    const started = Date.now();
    const base = basePath(SITE);
    const server = await startServer(SITE, base);
    const origin = `http://127.0.0.1:${server.address().port}`;
    const at = (page) => `${origin}${base}${page}`;
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
    console.log(`Chromium ${browser.version()} (${CHROMIUM}), 사이트 ${SITE} → ${origin}${base}`);

    const chapters = chapterPages(SITE);
    const others = readdirSync(SITE)
        .filter((file) => file.endsWith('.html') && !chapters.includes(file))
        .filter((file) => !['404.html', 'print.html', 'toc.html'].includes(file))
        .sort();
    const pages = [...chapters, ...others, '404.html'].filter((page) => existsSync(path.join(SITE, page)));

    const outside = others.length ? `, 목차 밖 ${others.join(' ')}` : '';
    section(`1–3, 5, 8. 페이지마다 새 컨텍스트(빈 캐시): SUMMARY 순서의 장 ${chapters.length}개${outside}, 404.html`);
    await checkPages(browser, at, pages, chapters);
    section('2. 자바스크립트를 끈 채 수식');
    await checkNoScript(browser, at, pages);
    section('10. 사이트 안 링크와 앵커 (스크립트가 돈 뒤의 DOM)');
    checkLinks(origin, base, pages);
    section(`5. 첫 방문 페이지 무게 (빈 캐시, 압축 없음, 응답 본문의 합, 1 KB = 1000 바이트; 예산 ${kb(BUDGET_BYTES)} KB)`);
    printWeights(pages);
    section(`6. 테마별 그림 (스크린숏: ${path.relative(process.cwd(), SCREENSHOTS) || SCREENSHOTS})`);
    await checkThemes(browser, at, chapters);
    section('7. print.html');
    await checkPrint(browser, at, chapters);
    section('9. 한국어 검색');
    await checkSearch(browser, at);
    section('4. 네트워크 격리 (위의 모든 컨텍스트)');
    const leaks = [...new Set(offsite)].map((url) => `다른 호스트로 가는 요청 (막음): ${url}`);
    check('127.0.0.1 밖으로 나간 요청 없음', leaks);

    await browser.close();
    server.close();
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`\n걸린 시간 ${seconds} s${counts.skipped ? `, 건너뜀 ${counts.skipped}개` : ''}`);
    console.log(`${counts.passed} passed, ${counts.failed} failed`);
    return counts.failed === 0;
}

main().then(
    (ok) => process.exit(ok ? 0 : 1),
    (error) => {
        console.error(error);
        console.log(`${counts.passed} passed, ${counts.failed + 1} failed`);
        process.exit(1);
    },
);
