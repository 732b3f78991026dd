/*
 * Korean search with Pagefind: a menu-bar button and a dialog, Pagefind's UI fetched on first
 * open. Why, what is fetched when, and the hooks the browser tests use: xtask/src/search.rs.
 */
(function () {
    'use strict';

    const buttons = document.querySelector('#mdbook-menu-bar .left-buttons');
    if (!buttons) {
        return; // print.html and pages built from another template
    }

    // mdBook 0.5.4's index.hbs declares `const path_to_root = "../"` (or "") in an inline script:
    // a global binding, though not a property of window. document.baseURI honours the <base href>
    // of 404.html. The bundle is then found wherever the book is hosted (e.g. /repo/ on Pages).
    // ("" on a page at the root: './' keeps the URL from resolving to the page itself.)
    const toRoot = typeof path_to_root === 'string' && path_to_root ? path_to_root : './';
    const root = new URL(toRoot, document.baseURI);
    const bundlePath = new URL('pagefind/', root).pathname;

    const svg = (viewBox, path) => '<span class="fa-svg"><svg xmlns="http://www.w3.org/2000/svg"' +
        ' viewBox="' + viewBox + '" aria-hidden="true"><path d="' + path + '"/></svg></span>';
    // Font Awesome Free 6.2.0 (CC BY 4.0), as mdBook's own icons: magnifying-glass, xmark.
    const searchIcon = svg('0 0 512 512', 'M416 208c0 45.9-14.9 88.3-40 122.7L502.6 457.4c12.5 ' +
        '12.5 12.5 32.8 0 45.3s-32.8 12.5-45.3 0L330.7 376c-34.4 25.2-76.8 40-122.7 40C93.1 416 0 ' +
        '322.9 0 208S93.1 0 208 0S416 93.1 416 208zM208 352c79.5 0 144-64.5 144-144s-64.5-144-144-' +
        '144S64 128.5 64 208s64.5 144 144 144z');
    const closeIcon = svg('0 0 320 512', 'M310.6 150.6c12.5-12.5 12.5-32.8 0-45.3s-32.8-12.5-45.3 ' +
        '0L160 210.7 54.6 105.4c-12.5-12.5-32.8-12.5-45.3 0s-12.5 32.8 0 45.3L114.7 256 9.4 361.4c-' +
        '12.5 12.5-12.5 32.8 0 45.3s32.8 12.5 45.3 0L160 301.3 265.4 406.6c12.5 12.5 32.8 12.5 45.3 ' +
        '0s12.5-32.8 0-45.3L205.3 256 310.6 150.6z');

    const button = document.createElement('button');
    button.id = 'pagefind-toggle';
    button.className = 'icon-button';
    button.type = 'button';
    button.title = '검색 (S 또는 /)';
    button.setAttribute('aria-label', '검색');
    button.setAttribute('aria-haspopup', 'dialog');
    button.setAttribute('aria-expanded', 'false');
    button.setAttribute('aria-controls', 'pagefind-panel');
    button.setAttribute('aria-keyshortcuts', 's /');
    button.innerHTML = searchIcon;
    buttons.appendChild(button);

    const panel = document.createElement('dialog');
    panel.id = 'pagefind-panel';
    panel.setAttribute('aria-labelledby', 'pagefind-panel-title');
    panel.innerHTML =
        '<div class="pagefind-panel-inner">' +
        '<div class="pagefind-panel-header">' +
        '<span id="pagefind-panel-title" class="pagefind-panel-title">이 책에서 검색</span>' +
        '<span class="pagefind-panel-hint" aria-hidden="true"><kbd>Esc</kbd> 닫기</span>' +
        '<button type="button" class="icon-button pagefind-panel-close" title="닫기 (Esc)" ' +
        'aria-label="검색 닫기">' + closeIcon + '</button>' +
        '</div>' +
        '<p class="pagefind-panel-status" role="status"></p>' +
        '<div id="pagefind-search"></div>' +
        '</div>';
    document.body.appendChild(panel);
    const status = panel.querySelector('.pagefind-panel-status');

    // The keyboard help (?) names these keys: theme/index.hbs writes that line itself.

    let loading = null;

    function loadFile(tag, attributes) {
        return new Promise(function (resolve, reject) {
            const element = document.createElement(tag);
            Object.assign(element, attributes);
            element.onload = resolve;
            element.onerror = function () {
                element.remove(); // a later attempt adds it again
                reject(new Error(attributes.src || attributes.href));
            };
            document.head.appendChild(element);
        });
    }

    /* Fetches Pagefind's UI once and mounts it in #pagefind-search. */
    function load() {
        if (!loading) {
            status.textContent = '검색 도구를 불러오는 중…';
            loading = Promise.all([
                loadFile('link', { rel: 'stylesheet', href: bundlePath + 'pagefind-ui.css' }),
                loadFile('script', { src: bundlePath + 'pagefind-ui.js' }),
            ]).then(function () {
                status.textContent = '';
                new window.PagefindUI({
                    element: '#pagefind-search',
                    bundlePath: bundlePath,
                    baseUrl: root.pathname,
                    showSubResults: true, // links to the headings that match
                    showImages: false,
                    excerptLength: 24,
                    // A chapter whose title matches comes first: with Pagefind's default title
                    // weight (5), tanh.html, which says 시그모이드 in many headings, outranked
                    // sigmoid.html for the query 시그모이드. The page that defines a term comes
                    // before those: `terms` is the glossary's terms, written by
                    // xtask/src/search.rs into the page each glossary row links (기울기 소실 →
                    // sigmoid.html before experiment-depth.html, whose title names it).
                    ranking: { metaWeights: { title: 15, terms: 20 } },
                    // ...but they are for ranking only: the UI would list them under each result.
                    processResult: function (result) {
                        delete result.meta.terms;
                        return result;
                    },
                    // Pagefind's own Korean strings (picked by <html lang="ko">), made specific.
                    translations: {
                        placeholder: '검색어 (예: 시그모이드, 기울기 소실)',
                        search_label: '이 책에서 검색',
                    },
                });
            }, function (error) {
                loading = null; // try again next time
                status.textContent = '검색 색인을 불러오지 못했습니다 (' + error.message + '). ' +
                    'Node.js와 npm이 있는 컴퓨터에서 `cargo xtask build`로 만든 사이트를 ' +
                    'http로 열어야 검색할 수 있습니다.';
                throw error;
            });
        }
        return loading;
    }

    function focusInput() {
        const input = panel.querySelector('.pagefind-ui__search-input');
        if (input && panel.open) {
            input.focus();
            input.select();
        }
    }

    function open() {
        if (!panel.open) {
            panel.showModal();
            button.setAttribute('aria-expanded', 'true');
        }
        focusInput();
        load().then(focusInput, function () {});
    }

    function close() {
        if (panel.open) {
            panel.close();
        }
    }

    panel.addEventListener('close', function () {
        button.setAttribute('aria-expanded', 'false');
    });
    button.addEventListener('click', open);
    panel.querySelector('.pagefind-panel-close').addEventListener('click', close);
    panel.addEventListener('click', function (event) {
        // The dialog itself is only the target outside its inner box: a click on the backdrop.
        // A result may link to a heading of this very page, which does not reload it.
        if (event.target === panel || event.target.closest('a[href]')) {
            close();
        }
    });
    // Keys typed in the dialog are its own: book.js would turn ← and → into chapter changes.
    panel.addEventListener('keydown', function (event) {
        event.stopPropagation();
    });

    document.addEventListener('keydown', function (event) {
        if (event.altKey || event.ctrlKey || event.metaKey || event.isComposing || panel.open) {
            return;
        }
        const target = event.composedPath()[0] || event.target;
        if (/^(?:input|select|textarea)$/i.test(target.nodeName) || target.isContentEditable) {
            return;
        }
        // 'ㄴ' is the S key while a Korean keyboard layout is active (macOS reports it so).
        if (event.key === 's' || event.key === 'S' || event.key === 'ㄴ' || event.key === '/') {
            event.preventDefault();
            open();
        }
    });
})();
