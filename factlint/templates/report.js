// The factlint report's controls: filters, grouping, order and the reviewer's decisions.
// Reads only the page's own data-* attributes and form controls; writes only textContent,
// form values, the hidden property and elements it makes itself, never HTML. The one
// string it builds from the page's text is the YAML download, quoted as JSON strings.
(function () {
  "use strict";
  var each = function (list, fn) { Array.prototype.forEach.call(list, fn); };
  var narrow = window.matchMedia("(max-width: 40rem)").matches;
  if (narrow) {
    // On a phone the first finding comes first: the overview folds away, one tap to open.
    each(document.querySelectorAll("details.panel, #filter-details"), function (d) { d.open = false; });
  }
  var checked = document.getElementById("checked");
  if (checked && checked.querySelectorAll(".files li").length > 12) {
    checked.open = false;  // a long list of files would push the findings down
  }
  var form = document.getElementById("filters");
  if (!form) {
    return;
  }
  var search = document.getElementById("search");
  var fileSelect = document.getElementById("file-filter");
  var groupSelect = document.getElementById("group-by");
  var orderSelect = document.getElementById("order-by");
  var shownNote = document.getElementById("shown");
  var printNote = document.getElementById("print-note");
  var RANK = { error: 0, warning: 1, info: 2 };

  // A finding is searched by its own words (message, flagged text, suggestion, evidence),
  // not by the neighbouring lines shown around it.
  function ownWords(el) {
    var parts = [el.getAttribute("data-text") || ""];
    each(el.children, function (child) {
      if (!child.classList.contains("context") && !child.classList.contains("decide")) {
        parts.push(child.textContent);
      }
    });
    return parts.join(" ").toLowerCase();
  }
  var findings = Array.prototype.map.call(document.querySelectorAll(".finding"), function (el, index) {
    return {
      el: el, index: index, words: ownWords(el), waived: el.hasAttribute("data-waived"),
      count: Number(el.getAttribute("data-count")) || 1
    };
  });
  var totals = { active: 0, waived: 0 };
  findings.forEach(function (f) { totals[f.waived ? "waived" : "active"] += f.count; });

  // -- grouping and order ------------------------------------------------------------
  // The page comes grouped by file; those sections are kept and put back for "file".
  var lists = ["findings", "waived"].map(function (id) {
    var root = document.getElementById(id);
    return root && { root: root, fileSections: Array.prototype.slice.call(root.querySelectorAll("section.file")), made: [] };
  }).filter(Boolean);

  function groupOf(el, by) {
    var d = el.dataset;
    if (by === "severity") {
      return { key: String(RANK[d.severity]) + d.severity, label: d.severity };
    }
    if (by === "code") {
      return { key: d.code, label: d.code + " " + d.name };
    }
    if (d.claim) {
      return { key: "0" + d.claim, label: "Claim " + d.claim + (d.claimLabel ? ": " + d.claimLabel : "") };
    }
    return { key: "1", label: "No register claim (the text's own quality)" };
  }

  function ordered(items) {
    var bySeverity = orderSelect.value === "severity";
    return items.slice().sort(function (a, b) {
      var s = bySeverity ? RANK[a.el.dataset.severity] - RANK[b.el.dataset.severity] : 0;
      return s || a.index - b.index;
    });
  }

  function heading(label, count, sectionId) {
    var section = document.createElement("section");
    section.className = "file group";
    var h = document.createElement("h3");
    h.id = sectionId + "-h";
    section.id = sectionId;
    section.setAttribute("aria-labelledby", h.id);
    var name = document.createElement("span");
    name.className = "path";
    name.textContent = label;
    var n = document.createElement("span");
    n.className = "muted";
    n.textContent = " " + count + " finding" + (count === 1 ? "" : "s");
    h.appendChild(name);
    h.appendChild(n);
    section.appendChild(h);
    return section;
  }

  function regroup() {
    var by = groupSelect.value;
    lists.forEach(function (list) {
      var mine = findings.filter(function (f) { return list.root.contains(f.el); });
      list.made.forEach(function (s) { s.remove(); });
      list.made = [];
      if (by === "file") {
        list.fileSections.forEach(function (section) {
          list.root.appendChild(section);
          ordered(mine.filter(function (f) { return f.el.dataset.file === section.dataset.path; }))
            .forEach(function (f) { section.appendChild(f.el); });
        });
        return;
      }
      list.fileSections.forEach(function (s) { s.remove(); });
      var groups = {};
      mine.forEach(function (f) {
        var g = groupOf(f.el, by);
        (groups[g.key] = groups[g.key] || { label: g.label, items: [], count: 0 }).items.push(f);
        groups[g.key].count += f.count;
      });
      Object.keys(groups).sort().forEach(function (key, n) {
        var section = heading(groups[key].label, groups[key].count, list.root.id + "-group-" + (n + 1));
        ordered(groups[key].items).forEach(function (f) { section.appendChild(f.el); });
        list.root.appendChild(section);
        list.made.push(section);
      });
    });
  }

  // -- filters -----------------------------------------------------------------------
  function checkedValues(name) {
    var values = {};
    each(form.querySelectorAll("input[name='" + name + "']"), function (box) {
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
        shown[f.waived ? "waived" : "active"] += f.count;
      }
    });
    each(document.querySelectorAll("section.file"), function (section) {
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

  function showAll() {
    each(form.querySelectorAll("input[type='checkbox']"), function (box) { box.checked = true; });
    fileSelect.value = "";
    search.value = "";
  }

  form.addEventListener("input", function (event) {
    if (event.target === groupSelect || event.target === orderSelect) {
      regroup();
    }
    apply();
  });
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function (event) {
    // Done by hand so that the view is updated at once, not after the browser's reset.
    event.preventDefault();
    showAll();
    apply();
  });
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    var typing = target instanceof HTMLInputElement || target instanceof HTMLSelectElement ||
      target instanceof HTMLTextAreaElement;
    if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      document.getElementById("filter-details").open = true;
      search.focus();
    } else if (event.key === "Escape" && target === search && search.value !== "") {
      search.value = "";
      apply();
    }
  });
  // "Files checked" links go to a file's section: show the page by file, unfiltered.
  each(document.querySelectorAll("a[data-section]"), function (link) {
    link.addEventListener("click", function () {
      var section = document.getElementById(link.dataset.section);
      if (groupSelect.value !== "file" || !section || section.hidden) {
        groupSelect.value = "file";
        showAll();
        regroup();
        apply();
      }
    });
  });
  each(document.querySelectorAll("section.file"), function (section) {
    var first = section.querySelector(".finding");
    section.dataset.path = first ? first.dataset.file : "";
  });

  // -- the reviewer's decisions --------------------------------------------------------
  var review = document.getElementById("review");
  if (review) {
    setUpReview(review);
  }

  function setUpReview(bar) {
    var count = document.getElementById("review-count");
    var note = document.getElementById("review-note");
    var reviewer = document.getElementById("reviewer");
    var cards = Array.prototype.filter.call(document.querySelectorAll(".finding"), function (el) {
      return el.querySelector(".decide") !== null;
    });
    var later = new Date();
    later.setMonth(later.getMonth() + 6);
    var defaultExpiry = later.toISOString().slice(0, 10);

    function decisionOf(card) {
      var picked = card.querySelector(".decide input[type='radio']:checked");
      return picked ? picked.value : "";
    }
    function field(card, name) {
      return card.querySelector(".decide input[name='" + name + "']");
    }
    function update() {
      var accepted = 0, fix = 0;
      cards.forEach(function (card) {
        var decision = decisionOf(card);
        var fields = card.querySelector(".accept-fields");
        fields.hidden = decision !== "accept";
        if (decision === "accept" && field(card, "expires").value === "") {
          field(card, "expires").value = defaultExpiry;
        }
        card.classList.toggle("decided-accept", decision === "accept");
        card.classList.toggle("decided-fix", decision === "fix");
        accepted += decision === "accept" ? 1 : 0;
        fix += decision === "fix" ? 1 : 0;
      });
      count.textContent = accepted + " accepted, " + fix + " to fix, " +
        (cards.length - accepted - fix) + " undecided.";
      bar.classList.toggle("active", accepted + fix > 0);
    }
    // Decisions not yet downloaded survive a reload: kept in the browser, per report.
    var key = "factlint-review " + bar.dataset.report;
    function remember() {
      var saved = { by: reviewer.value, cards: {} };
      cards.forEach(function (card) {
        if (decisionOf(card)) {
          saved.cards[card.id] = [decisionOf(card), field(card, "reason").value, field(card, "expires").value];
        }
      });
      try {
        window.localStorage.setItem(key, JSON.stringify(saved));
      } catch (error) { /* storage off: decisions last as long as the page */ }
    }
    function recall() {
      var saved;
      try {
        saved = JSON.parse(window.localStorage.getItem(key) || "null");
      } catch (error) {
        return;
      }
      if (!saved || typeof saved !== "object" || typeof saved.cards !== "object") {
        return;
      }
      reviewer.value = typeof saved.by === "string" ? saved.by : "";
      cards.forEach(function (card) {
        var entry = saved.cards[card.id];
        if (!Array.isArray(entry)) {
          return;
        }
        each(card.querySelectorAll(".decide input[type='radio']"), function (radio) {
          radio.checked = radio.value === entry[0];
        });
        field(card, "reason").value = String(entry[1] || "");
        field(card, "expires").value = String(entry[2] || "");
      });
    }
    recall();
    cards.forEach(function (card) {
      card.querySelector(".decide").hidden = false;
      card.querySelector(".decide").addEventListener("change", function () {
        note.textContent = "";
        update();
        remember();
      });
      card.querySelector(".decide").addEventListener("input", remember);
    });
    reviewer.addEventListener("input", remember);
    bar.hidden = false;
    update();
    document.getElementById("download").addEventListener("click", function () {
      var text = waiversFile(cards, reviewer.value.trim());
      if (text === null) {
        return;
      }
      var link = document.createElement("a");
      link.href = URL.createObjectURL(new Blob([text], { type: "application/yaml" }));
      link.download = "factlint-waivers.yaml";  // browsers drop a leading dot from downloads
      document.body.appendChild(link);
      link.click();
      link.remove();
      note.textContent = "Downloaded factlint-waivers.yaml, with the waivers this check used. " +
        "Move it to .factlint-waivers.yaml where factlint runs (or run with --waivers FILE): " +
        "the next report shows the accepted findings as waived.";
    });

    function waiversFile(all, by) {
      var accepted = all.filter(function (c) { return decisionOf(c) === "accept"; });
      var missing = accepted.filter(function (c) { return field(c, "reason").value.trim() === ""; });
      if (accepted.length && by === "") {
        note.textContent = "Give your name first: a waiver records who accepted it.";
        reviewer.focus();
        return null;
      }
      if (missing.length) {
        note.textContent = "Give a reason for each accepted finding (" + missing.length + " without).";
        field(missing[0], "reason").focus();
        return null;
      }
      var lines = [
        "# Reviewer decisions made in the factlint report; factlint reads this file as",
        "# .factlint-waivers.yaml in the folder it runs in (or: --waivers FILE)."
      ];
      var entries = keptEntries().concat(newEntries(accepted, by));
      lines.push(entries.length ? "waivers:" : "waivers: []");
      entries.forEach(function (entry) {
        ["path", "code", "text", "fingerprint", "reason", "by", "expires"].forEach(function (key, n) {
          if (entry[key]) {
            lines.push((n === 0 ? "  - " : "    ") + key + ": " + yamlString(entry[key]));
          }
        });
      });
      var fix = all.filter(function (c) { return decisionOf(c) === "fix"; });
      if (fix.length) {
        lines.push("# To fix (not waived):");
        fix.forEach(function (c) {
          var d = c.dataset;
          lines.push("#   " + yamlString(d.file + ":" + d.line + ":" + d.column + " " + d.code + " " + d.text));
        });
      }
      return lines.join("\n") + "\n";
    }
  }

  function keptEntries() {
    return Array.prototype.map.call(document.querySelectorAll("#kept-waivers li"), function (li) {
      return Object.assign({}, li.dataset);
    });
  }

  // One waiver per distinct flagged text of the card's places (the CLI matches path, rule
  // and words); by fingerprint when the words are only spaces.
  function newEntries(cards, by) {
    var entries = [];
    cards.forEach(function (card) {
      var seen = {};
      var places = [card].concat(Array.prototype.slice.call(card.querySelectorAll(".places li")));
      places.forEach(function (place) {
        var text = place.getAttribute("data-text") || "";
        var useText = text.trim() !== "";
        var key = useText ? "t" + text.split(/\s+/).join(" ") : "f" + place.getAttribute("data-fingerprint");
        if (seen[key]) {
          return;
        }
        seen[key] = true;
        var entry = {
          path: card.dataset.file, code: card.dataset.code,
          reason: card.querySelector(".decide input[name='reason']").value.trim(), by: by,
          expires: card.querySelector(".decide input[name='expires']").value
        };
        entry[useText ? "text" : "fingerprint"] = useText ? text : place.getAttribute("data-fingerprint");
        entries.push(entry);
      });
    });
    return entries;
  }

  // A YAML double-quoted scalar: JSON's string escapes are YAML's, and the characters YAML
  // reads as line breaks or that it cannot print are escaped too, so no text can end the
  // scalar or the comment it sits in.
  function yamlString(value) {
    return JSON.stringify(String(value)).replace(/[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g, function (c) {
      return "\\u" + ("000" + c.charCodeAt(0).toString(16)).slice(-4);
    });
  }

  regroup();
  form.hidden = false;
  apply();
}());
