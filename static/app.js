/* openbav — progressive enhancement only; every page works without it.
 * 1. Moves focus to the first invalid field (or the error summary) after a
 *    failed form submit, so keyboard and screen-reader users land on it.
 * 2. Upload forms (data-upload, the import page): the file goes up by
 *    XMLHttpRequest with a real <progress> of the upload, then a
 *    "processing …" state until the answer arrives, whose <main> replaces
 *    this page's.  Without JavaScript the form posts as usual. */
"use strict";
document.addEventListener("DOMContentLoaded", function () {
	var el = document.querySelector("[aria-invalid=true]") || document.querySelector("[role=alert]");
	if (!el)
		return;
	if (!el.matches("input, select, textarea, button"))
		el.setAttribute("tabindex", "-1");
	el.focus();
});

(function () {
	function focusFirst(main) {
		var el = main.querySelector("[aria-invalid=true]") || main.querySelector("[role=alert]") ||
			main.querySelector("#import-report h2") || main;
		if (!el.matches("input, select, textarea, button"))
			el.setAttribute("tabindex", "-1");
		el.focus();
	}

	function upload(form, submitter) {
		var box = form.querySelector("[data-upload-status]");
		var bar = box.querySelector("progress");
		var text = box.querySelector("[data-upload-text]");
		var buttons = form.querySelectorAll("button");
		var data = new FormData(form);
		if (submitter && submitter.name)
			data.append(submitter.name, submitter.value);

		function busy(on) {
			for (var i = 0; i < buttons.length; i++)
				buttons[i].disabled = on;
			form.setAttribute("aria-busy", on ? "true" : "false");
		}
		function failed() {
			busy(false);
			bar.hidden = true;
			text.textContent = box.getAttribute("data-failed");
			box.setAttribute("data-state", "failed");
		}

		busy(true);
		box.hidden = false;
		bar.hidden = false;
		bar.max = 100;
		bar.value = 0;
		text.textContent = "0 %";
		box.setAttribute("data-state", "uploading");

		var xhr = new XMLHttpRequest();
		xhr.open("POST", form.action);
		xhr.upload.addEventListener("progress", function (e) {
			if (!e.lengthComputable || !e.total)
				return;
			bar.max = e.total;
			bar.value = e.loaded;
			text.textContent = Math.floor((e.loaded * 100) / e.total) + " %";
		});
		xhr.upload.addEventListener("load", function () {
			bar.removeAttribute("value"); /* indeterminate: the server reads the file now */
			text.textContent = box.getAttribute("data-processing");
			box.setAttribute("data-state", "processing");
		});
		xhr.addEventListener("load", function () {
			var here = new URL(form.action, location.href);
			var there = xhr.responseURL ? new URL(xhr.responseURL) : here;
			if (there.pathname !== here.pathname) {
				location.href = there.href; /* e.g. the session ended: the sign-in page */
				return;
			}
			var doc = new DOMParser().parseFromString(xhr.responseText, "text/html");
			var main = doc.querySelector("main");
			if (!main) {
				failed();
				return;
			}
			document.title = doc.title;
			var fresh = document.importNode(main, true);
			document.querySelector("main").replaceWith(fresh);
			focusFirst(fresh);
		});
		xhr.addEventListener("error", failed);
		xhr.addEventListener("abort", failed);
		xhr.send(data);
	}

	document.addEventListener("submit", function (ev) {
		var form = ev.target;
		if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-upload") ||
			!form.querySelector("[data-upload-status]") || !window.FormData || !window.DOMParser)
			return;
		ev.preventDefault();
		upload(form, ev.submitter);
	});
})();
