/* openbav — progressive enhancement only; every page works without it.
 * Moves focus to the first invalid field (or the error summary) after a
 * failed form submit, so keyboard and screen-reader users land on it. */
"use strict";
document.addEventListener("DOMContentLoaded", function () {
	var el = document.querySelector("[aria-invalid=true]") || document.querySelector("[role=alert]");
	if (!el)
		return;
	if (!el.matches("input, select, textarea, button"))
		el.setAttribute("tabindex", "-1");
	el.focus();
});
