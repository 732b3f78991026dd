// A code block whose longest line is wider than the column scrolls sideways, and so does a
// table wider than the column (mdBook wraps every table in a .table-wrapper that scrolls). Make
// each such region focusable, so that it can be scrolled from the keyboard too (axe-core:
// scrollable-region-focusable); regions that fit stay out of the tab order.
// A region has no width to measure while it is hidden: inside a folded solution (<details>), or
// inside a part that `content-visibility: auto` (theme/head.hbs) has not laid out yet. Those are
// measured again when they open or are laid out.
(function () {
    'use strict';
    const REGIONS = 'pre > code, .table-wrapper';
    function mark(region) {
        if (region.scrollWidth > region.clientWidth) {
            region.setAttribute('tabindex', '0');
        } else {
            region.removeAttribute('tabindex');
        }
    }
    function markWithin(root) {
        if (root.matches && root.matches(REGIONS)) mark(root);
        root.querySelectorAll(REGIONS).forEach(mark);
    }
    window.addEventListener('load', function () { markWithin(document); });
    window.addEventListener('resize', function () { markWithin(document); });
    // Neither event bubbles: listen in the capture phase.
    document.addEventListener('toggle', function (e) { markWithin(e.target); }, true);
    document.addEventListener('contentvisibilityautostatechange', function (e) {
        if (!e.skipped) markWithin(e.target);
    }, true);
})();
