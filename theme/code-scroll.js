// A code block whose longest line is wider than the column scrolls sideways. Make each such
// block focusable, so that it can be scrolled from the keyboard too (axe-core:
// scrollable-region-focusable); blocks that fit stay out of the tab order.
(function () {
    'use strict';
    function markScrollable() {
        document.querySelectorAll('pre > code').forEach(function (code) {
            if (code.scrollWidth > code.clientWidth) {
                code.setAttribute('tabindex', '0');
            } else {
                code.removeAttribute('tabindex');
            }
        });
    }
    window.addEventListener('load', markScrollable);
    window.addEventListener('resize', markScrollable);
})();
