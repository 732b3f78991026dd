// A code block whose longest line is wider than the column scrolls sideways, and so does a
// table wider than the column (mdBook wraps every table in a .table-wrapper that scrolls). Make
// each such region focusable, so that it can be scrolled from the keyboard too (axe-core:
// scrollable-region-focusable); regions that fit stay out of the tab order.
(function () {
    'use strict';
    function markScrollable() {
        document.querySelectorAll('pre > code, .table-wrapper').forEach(function (region) {
            if (region.scrollWidth > region.clientWidth) {
                region.setAttribute('tabindex', '0');
            } else {
                region.removeAttribute('tabindex');
            }
        });
    }
    window.addEventListener('load', markScrollable);
    window.addEventListener('resize', markScrollable);
})();
