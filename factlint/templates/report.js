// Filters for the factlint report. Reads only the page's own data-* attributes and form
// controls; writes only textContent and the hidden property, never HTML.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) {
    return;
  }
  var search = document.getElementById("search");
  var fileSelect = document.getElementById("file-filter");
  var shownNote = document.getElementById("shown");
  var printNote = document.getElementById("print-note");
  // A finding is searched by its own words (message, flagged text, suggestion, evidence),
  // not by the neighbouring lines shown around it.
  function ownWords(el) {
    var parts = [el.getAttribute("data-text") || ""];
    Array.prototype.forEach.call(el.children, function (child) {
      if (!child.classList.contains("context")) {
        parts.push(child.textContent);
      }
    });
    return parts.join(" ").toLowerCase();
  }
  var findings = Array.prototype.map.call(document.querySelectorAll(".finding"), function (el) {
    return { el: el, words: ownWords(el), waived: el.hasAttribute("data-waived") };
  });
  var sections = document.querySelectorAll(".file");
  var totals = { active: 0, waived: 0 };
  findings.forEach(function (f) { totals[f.waived ? "waived" : "active"] += 1; });

  function checkedValues(name) {
    var values = {};
    Array.prototype.forEach.call(form.querySelectorAll("input[name='" + name + "']"), function (box) {
      if (box.checked) {
        values[box.value] = true;
      }
    });
    return values;
  }

  function plural(n, word) {
    return n + " " + word + (n === 1 ? "" : "s");
  }

  function apply() {
    var codes = checkedValues("code");
    var severities = checkedValues("severity");
    var file = fileSelect.value;
    var words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    var shown = { active: 0, waived: 0 };
    findings.forEach(function (f) {
      var d = f.el.dataset;
      var visible = codes[d.code] === true && severities[d.severity] === true &&
        (file === "" || d.file === file) &&
        words.every(function (w) { return f.words.indexOf(w) !== -1; });
      f.el.hidden = !visible;
      if (visible) {
        shown[f.waived ? "waived" : "active"] += 1;
      }
    });
    Array.prototype.forEach.call(sections, function (section) {
      section.hidden = section.querySelector(".finding:not([hidden])") === null;
    });
    var text = "Showing " + shown.active + " of " + plural(totals.active, "finding");
    if (totals.waived) {
      text += ", and " + shown.waived + " of " + totals.waived + " waived";
    }
    shownNote.textContent = text + ".";
    var filtered = shown.active !== totals.active || shown.waived !== totals.waived;
    printNote.hidden = !filtered;
    printNote.textContent = filtered ? "Filtered view. " + text + "." : "";
  }

  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function (event) {
    // Done by hand so that the view is updated at once, not after the browser's reset.
    event.preventDefault();
    Array.prototype.forEach.call(form.querySelectorAll("input[type='checkbox']"), function (box) {
      box.checked = true;
    });
    fileSelect.value = "";
    search.value = "";
    apply();
  });
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    var typing = target instanceof HTMLInputElement || target instanceof HTMLSelectElement ||
      target instanceof HTMLTextAreaElement;
    if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      search.focus();
    } else if (event.key === "Escape" && target === search && search.value !== "") {
      search.value = "";
      apply();
    }
  });
  form.hidden = false;
  apply();
}());
