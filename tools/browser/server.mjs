// The static server of the browser tests: the built site on 127.0.0.1 (a free port), at `/` and
// under the <base href> of 404.html, 404 for anything missing. Used by test.mjs (uncompressed:
// its page weights are bytes on disk) and lighthouse.mjs (`gzip: true`, as GitHub Pages serves:
// text types gzipped when the request accepts it, fonts and images as they are).

import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { createGzip } from 'node:zlib';

export const TYPES = {
    '.html': 'text/html; charset=utf-8',
    '.css': 'text/css; charset=utf-8',
    '.js': 'text/javascript; charset=utf-8',
    '.mjs': 'text/javascript; charset=utf-8',
    '.json': 'application/json',
    '.svg': 'image/svg+xml',
    '.png': 'image/png',
    '.jpg': 'image/jpeg',
    '.jpeg': 'image/jpeg',
    '.webp': 'image/webp',
    '.ico': 'image/x-icon',
    '.woff2': 'font/woff2',
    '.woff': 'font/woff',
    '.ttf': 'font/ttf',
    '.wasm': 'application/wasm',
    '.txt': 'text/plain; charset=utf-8',
};

/** Debian's Chromium, which both the browser test and Lighthouse drive, and the flags both
 * give it: no sandbox (CI runs as root), no GPU, and nothing that would contact another host. */
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
];

/** The types GitHub Pages compresses (text); woff2, png and the rest are compressed already. */
const GZIPPED = new Set(['.html', '.css', '.js', '.mjs', '.json', '.svg', '.txt', '.ttf', '.ico']);

/** The <base href> path of `site`/404.html: where the site lives on GitHub Pages, else `/`. */
export function basePath(site) {
    const file = path.join(site, '404.html');
    if (!existsSync(file)) return '/';
    const base = readFileSync(file, 'utf8').match(/<base href="([^"]*)"/);
    if (!base) return '/';
    let pathname = new URL(base[1], 'http://127.0.0.1/').pathname;
    if (!pathname.endsWith('/')) pathname += '/';
    return pathname;
}

/** Serves `site` at `/` and at `base`; resolves to the listening http.Server. */
export function startServer(site, base = '/', { gzip = false } = {}) {
    const root = path.resolve(site);
    const server = http.createServer((request, response) => {
        let pathname;
        try {
            pathname = decodeURIComponent(new URL(request.url, 'http://127.0.0.1').pathname);
        } catch {
            response.writeHead(400).end();
            return;
        }
        if (base !== '/' && pathname.startsWith(base)) pathname = `/${pathname.slice(base.length)}`;
        if (pathname.endsWith('/')) pathname += 'index.html';
        const file = path.join(root, path.normalize(pathname));
        let size = -1;
        try {
            if (file.startsWith(root + path.sep) && statSync(file).isFile()) size = statSync(file).size;
        } catch {
            size = -1;
        }
        if (size < 0) {
            response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
            response.end(`404: ${pathname}`);
            return;
        }
        const extension = path.extname(file).toLowerCase();
        const type = TYPES[extension] ?? 'application/octet-stream';
        const accepts = /\bgzip\b/.test(request.headers['accept-encoding'] ?? '');
        if (gzip && accepts && GZIPPED.has(extension)) {
            response.writeHead(200, { 'Content-Type': type, 'Content-Encoding': 'gzip', Vary: 'Accept-Encoding' });
            if (request.method === 'HEAD') response.end();
            else createReadStream(file).pipe(createGzip()).pipe(response);
            return;
        }
        response.writeHead(200, { 'Content-Type': type, 'Content-Length': size });
        if (request.method === 'HEAD') response.end();
        else createReadStream(file).pipe(response);
    });
    return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => resolve(server));
    });
}

/** The chapters of the built site `site` in SUMMARY order, from the sidebar mdBook writes to toc.html. */
export function chapterPages(site) {
    const toc = readFileSync(path.join(site, 'toc.html'), 'utf8');
    const pages = [];
    for (const [, href] of toc.matchAll(/<a href="([^"#]+\.html)"/g)) {
        if (!pages.includes(href)) pages.push(href);
    }
    return pages;
}
