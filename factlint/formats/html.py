"""A self-contained HTML report: one file, inline CSS and JavaScript, nothing fetched.

Built on `Finding.to_dict()` records, so `factlint check --format html` and `factlint report
findings.json` produce the same page. Everything shown comes from checked texts and
registers, which are untrusted: the template is rendered by jinja2 with autoescaping on,
no text of theirs ever reaches a URL or the script, and a Content-Security-Policy lets only
the report's own script and style (by their sha256) run, as a second wall.

The caller passes the checked files' texts (`texts`, by display path) for the lines around
each finding; a file that is missing, or no longer holds the flagged words where the
finding says, is shown without context. jinja2 is imported here only, when a report is
asked for, so a plain `factlint check` starts without it.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path, PurePath

from factlint.findings import Finding

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
SEVERITIES = ("error", "warning", "info")
LINE_BREAK = re.compile(r"\r\n|\r|\n")  # the line breaks document.py counts lines by
CONTEXT = 2  # lines shown above and below a finding
LONG_LINE = 400  # characters; a longer line is cut around the flagged words
KEEP = 160  # characters kept on each side of the flagged words in a cut line
REQUIRED = {
    "path": str,
    "line": int,
    "column": int,
    "end_line": int,
    "end_column": int,
    "code": str,
    "severity": str,
    "message": str,
}


def render(
    findings: list[Finding],
    summary: dict,
    texts: dict[str, str] | None = None,
    generated: datetime | None = None,
    **_,
) -> str:
    return render_records([f.to_dict() for f in findings], summary, texts or {}, generated)


def render_records(
    records: list[dict],
    summary: dict,
    texts: dict[str, str],
    generated: datetime | None = None,
    origin: str | None = None,
    saved: datetime | None = None,
) -> str:
    """The report for finding records (as in `--format json`), with `origin` naming the JSON
    file they were read from, and `saved` when it was written."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    css = (TEMPLATES / "report.css").read_text(encoding="utf-8")
    script = (TEMPLATES / "report.js").read_text(encoding="utf-8")
    page = _page(records, summary, texts)
    from markupsafe import Markup

    return env.get_template("report.html.j2").render(
        page=page,
        css=Markup(css),
        script=Markup(script),
        css_hash=_csp_hash(css),
        script_hash=_csp_hash(script),
        generated=_when(generated or datetime.now(timezone.utc)),
        origin=origin,
        saved=_when(saved) if saved else None,
    )


def read_records(data: object) -> tuple[list[dict], dict]:
    """Findings and summary from the output of `factlint check --format json`.

    Raises ValueError with a one-line reason when the data is not that output.
    """
    if not isinstance(data, dict) or not isinstance(data.get("findings"), list):
        raise ValueError(
            "not factlint JSON findings: expected an object with a 'findings' list "
            "(the output of 'factlint check --format json')"
        )
    for number, record in enumerate(data["findings"], 1):
        _check_record(number, record)
    summary = data.get("summary", {})
    if not isinstance(summary, dict):
        raise ValueError("'summary' is not an object")
    return data["findings"], summary


def _check_record(number: int, record: object) -> None:
    if not isinstance(record, dict):
        raise ValueError(f"finding {number} is not an object")
    for key, kind in REQUIRED.items():
        value = record.get(key)
        if not isinstance(value, kind) or isinstance(value, bool):
            raise ValueError(f"finding {number}: {key!r} is missing or not a {kind.__name__}")
    if record["severity"] not in SEVERITIES:
        raise ValueError(f"finding {number}: unknown severity {record['severity']!r}")
    if min(record["line"], record["column"], record["end_line"], record["end_column"]) < 1:
        raise ValueError(f"finding {number}: lines and columns start at 1")
    evidence = record.get("evidence") or []
    if not isinstance(evidence, list) or not all(_is_evidence(e) for e in evidence):
        raise ValueError(f"finding {number}: 'evidence' must be a list of {{source, line, quote}}")
    if record.get("waiver") is not None and not isinstance(record["waiver"], dict):
        raise ValueError(f"finding {number}: 'waiver' is not an object")


def _is_evidence(item: object) -> bool:
    return (
        isinstance(item, dict)
        and isinstance(item.get("source"), str)
        and isinstance(item.get("line"), int)
        and isinstance(item.get("quote"), str)
    )


def _csp_hash(text: str) -> str:
    """The Content-Security-Policy source that allows exactly this inline script or style."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def _when(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


# -- what the template shows -------------------------------------------------------------


def _page(records: list[dict], summary: dict, texts: dict[str, str]) -> dict:
    claims = _mapping(summary.get("claims"))
    sources = _mapping(summary.get("sources"))
    views = [_finding_view(n, r, claims, sources) for n, r in enumerate(records, 1)]
    active = [v for v in views if not v["waiver"]]
    waived = [v for v in views if v["waiver"]]
    cards, waived_cards = _collapse(active), _collapse(waived)
    readers = _Readers(texts)
    for card in cards + waived_cards:  # the lines are shown for a card's first place only
        card["lines"], card["context_note"] = readers.context(card)
    files, waived_files = _by_file(cards), _by_file(waived_cards)
    return {
        "findings": len(active),
        "waived": len(waived),
        "files": files,
        "waived_files": waived_files,
        "checked": _checked(summary, views, files, waived_files),
        "registers": [
            {
                **{key: _text(r.get(key)) for key in ("id", "title", "version", "sha256")},
                "path": _relative(_text(r.get("path"))),
            }
            for r in _list(summary.get("registers"))
            if isinstance(r, dict)
        ],
        "kept_waivers": _kept_waivers(summary.get("waivers")),
        "rules": _rule_rows(views),
        "severities": {s: sum(1 for v in active if v["severity"] == s) for s in SEVERITIES},
        "counts": {
            k: summary.get(k)
            for k in ("files", "suppressed", "baselined")
            if isinstance(summary.get(k), int)
        },
        "errors": [e for e in _list(summary.get("errors")) if isinstance(e, str)],
        "chart": _chart(views),
        "all_files": sorted({v["path"] for v in views}),
        "identity": _identity(views),
    }


def _identity(views: list[dict]) -> str:
    """Names the set of findings, so that a reviewer's unsaved decisions come back on a
    reload of this report (or of one with the very same findings), never on another."""
    digest = hashlib.sha256()
    for v in views:
        digest.update(f"{v['path']}\0{v['code']}\0{v['fingerprint']}\0{v['line']}\n".encode())
    return digest.hexdigest()[:16]


def _mapping(value: object) -> dict:
    return (
        {k: v for k, v in value.items() if isinstance(v, dict)} if isinstance(value, dict) else {}
    )


def _finding_view(number: int, record: dict, claims: dict, sources: dict) -> dict:
    claim = claims.get(record.get("claim") or "")
    titles = sources.get(claim.get("register")) if claim else None
    titles = titles if isinstance(titles, dict) else {}
    evidence = _evidence(record.get("evidence"), titles)
    info = _claim_view(claim, titles) if claim else None
    return {
        **{key: record[key] for key in REQUIRED},
        "id": f"finding-{number}",
        "name": _text(record.get("name")),
        "text": _text(record.get("text")),
        "shown_text": _as_read(record["path"], _text(record.get("text"))),
        "claim": _text(record.get("claim")) or None,
        "suggestion": _text(record.get("suggestion")) or None,
        "evidence": evidence,
        "other_evidence": _not_side_by_side(evidence, info),
        "claim_info": info,
        "lines": None,
        "context_note": None,
        "waiver": _waiver(record.get("waiver")),
        "fingerprint": _text(record.get("fingerprint")),
        "places": [],
    }


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _list(value: object) -> list:
    return value if isinstance(value, list) else []


def _evidence(items: object, titles: dict) -> list[dict]:
    items = items if isinstance(items, list) else []
    return [
        {
            "source": e["source"],
            "line": e["line"],
            "quote": e["quote"],
            "section": _text(e.get("section")),
            "title": _text(titles.get(e["source"])),
        }
        for e in items
        if _is_evidence(e)
    ]


def _waiver(value: object) -> dict | None:
    if not isinstance(value, dict):
        return None
    return {key: _text(value.get(key)) for key in ("reason", "by", "expires", "source")}


def _not_side_by_side(evidence: list[dict], info: dict | None) -> list[dict]:
    """The finding's evidence less what the side-by-side view of the claim's values shows."""
    if not info or len(info["values"]) < 2:
        return evidence
    shown = {(e["source"], e["line"], e["quote"]) for v in info["values"] for e in v["evidence"]}
    return [e for e in evidence if (e["source"], e["line"], e["quote"]) not in shown]


def _claim_view(claim: dict, titles: dict) -> dict:
    values = [v for v in _list(claim.get("values")) if isinstance(v, dict)]
    return {
        "property": _text(claim.get("property")),
        "status": _text(claim.get("status")),
        "value": _text(claim.get("value")),
        "values": [
            {
                "value": _text(v.get("value")),
                "note": _text(v.get("note")),
                "sources": [s for s in _list(v.get("sources")) if isinstance(s, str)],
                "evidence": _evidence(v.get("evidence"), titles),
            }
            for v in values
        ],
        "asserted_in": _evidence(claim.get("asserted_in"), titles),
    }


def _collapse(views: list[dict]) -> list[dict]:
    """One card for the findings of one rule in one file that say the same thing (six
    identical spacing findings): the first shown in full, the others as its `places`."""
    cards: dict[tuple, dict] = {}
    for view in views:
        waiver = view["waiver"] or {}
        key = (view["path"], view["code"], view["severity"], view["message"], waiver.get("source"))
        if key in cards:
            cards[key]["places"].append(view)
        else:
            cards[key] = view
    return list(cards.values())


def _by_file(cards: list[dict]) -> list[dict]:
    files: dict[str, list[dict]] = {}
    for card in cards:
        files.setdefault(card["path"], []).append(card)
    return [
        {"path": p, "findings": files[p], "count": sum(1 + len(c["places"]) for c in files[p])}
        for p in sorted(files)
    ]


def _checked(summary: dict, views: list[dict], files: list[dict], waived: list[dict]) -> list[dict]:
    """Every checked file with its counts and the id of its section; from JSON without
    `paths`, the files with findings."""
    listed = [p for p in _list(summary.get("paths")) if isinstance(p, str)]
    paths = sorted(set(listed) | {v["path"] for v in views})
    active = Counter(v["path"] for v in views if not v["waiver"])
    waived_count = Counter(v["path"] for v in views if v["waiver"])
    anchors = {f["path"]: f"waived-file-{n}" for n, f in enumerate(waived, 1)}
    anchors.update({f["path"]: f"file-{n}" for n, f in enumerate(files, 1)})
    return [
        {"path": p, "findings": active[p], "waived": waived_count[p], "anchor": anchors.get(p)}
        for p in paths
    ]


def _relative(path: str) -> str:
    """A register's path as the reader may see it: relative to the working folder, or its
    last two parts; never the absolute path of someone's machine."""
    if not path or not PurePath(path).is_absolute() and ".." not in PurePath(path).parts:
        return path
    try:
        return Path(path).resolve().relative_to(Path.cwd().resolve()).as_posix()
    except (ValueError, OSError):
        parts = PurePath(path).parts
        return "…/" + "/".join(parts[-2:]) if len(parts) > 2 else PurePath(path).name


def _kept_waivers(value: object) -> dict | None:
    """The waivers file of the run, entry by entry, for the reviewer's download to keep."""
    if not isinstance(value, dict):
        return None
    keys = ("path", "code", "text", "fingerprint", "reason", "by", "expires")
    entries = [
        {key: e[key] for key in keys if isinstance(e.get(key), str)}
        for e in _list(value.get("entries"))
        if isinstance(e, dict)
    ]
    return {"file": _relative(_text(value.get("file"))), "entries": entries}


def _rule_rows(views: list[dict]) -> list[dict]:
    from factlint.rules import RULES, summary

    rows = []
    for code in sorted({v["code"] for v in views}):
        mine = [v for v in views if v["code"] == code]
        active = [v for v in mine if not v["waiver"]]
        module = RULES.get(code)
        rows.append(
            {
                "code": code,
                "name": mine[0]["name"],
                "summary": summary(module) if module else "",
                "counts": {s: sum(1 for v in active if v["severity"] == s) for s in SEVERITIES},
                "total": len(active),
                "waived": len(mine) - len(active),
            }
        )
    return rows


def _chart(views: list[dict]) -> dict:
    """Bars of findings per rule, split by severity, in SVG user units (drawn in the template)."""
    counts: dict[str, Counter] = {}
    for v in views:
        if not v["waiver"]:
            counts.setdefault(v["code"], Counter())[v["severity"]] += 1
    label, width, row = 70, 400, 24
    most = max((sum(c.values()) for c in counts.values()), default=0)
    bars = []
    for index, code in enumerate(sorted(counts)):
        x, segments = float(label), []
        for severity in SEVERITIES:
            n = counts[code][severity]
            if n:
                w = width * n / most
                segments.append(
                    {"severity": severity, "x": round(x, 1), "width": round(w, 1), "count": n}
                )
                x += w
        bars.append(
            {
                "code": code,
                "y": index * row,
                "segments": segments,
                "total": sum(counts[code].values()),
                "end": round(x + 6, 1),
            }
        )
    return {"bars": bars, "height": max(len(bars), 1) * row, "width": label + width + 40}


# -- the lines around a finding ----------------------------------------------------------

HTML_SUFFIXES = (".html", ".htm", ".xhtml")  # as document.py reads them
SPACE = re.compile(r"\s+")
TAG = re.compile(r"<[^>]*>")  # markup inside flagged words: "no <em>side</em> effects"
READER_NOTE = "The text as a browser shows it; the numbers are its lines in the source."


class _Readers:
    """The checked texts, and for an HTML page the text as a reader sees it, each file
    parsed once however many findings it has."""

    def __init__(self, texts: dict[str, str]) -> None:
        self.texts = texts
        self.pages: dict[str, _ReaderText] = {}

    def context(self, record: dict) -> tuple[list[dict] | None, str | None]:
        text = self.texts.get(record["path"])
        if text is not None and record["path"].lower().endswith(HTML_SUFFIXES):
            if record["path"] not in self.pages:
                self.pages[record["path"]] = _ReaderText(text)
            lines = self.pages[record["path"]].context(record)
            if lines is not None:
                return lines, READER_NOTE
        return _context(text, record)


class _ReaderText:
    """An HTML page's visible text (factlint.html_text, as the checks read it) with the
    source line each piece comes from, so that a finding's context shows "6 mm (0.6–2.4
    in)" on line 7, not the markup and entities around it."""

    def __init__(self, source: str) -> None:
        from factlint.html_text import MASK, html_text  # stdlib only: a parser, no engine

        text, self.offsets, *_ = html_text(source)
        self.text = text.replace(MASK, "\t")  # a table cell's edge reads as a space
        self.starts = [0] + [m.end() for m in LINE_BREAK.finditer(source)]

    def context(self, record: dict) -> list[dict] | None:
        """The visible lines around the finding with its words marked; None when none of its
        characters are visible text (a comment, say) or they are not the finding's words."""
        if record["end_line"] > len(self.starts):
            return None
        start = self.starts[record["line"] - 1] + record["column"] - 1
        end = self.starts[record["end_line"] - 1] + record["end_column"] - 1
        first, last = bisect_left(self.offsets, start), bisect_left(self.offsets, end)
        if first >= last:
            return None
        rows = self._rows_around(first, last)
        marked = " ".join(r["mark"] for r in rows if r["flagged"])
        if _words(marked) != _words(_as_read(".html", TAG.sub("", record.get("text") or marked))):
            return None
        return [_shorten(r) for r in rows]

    def _rows_around(self, first: int, last: int) -> list[dict]:
        text = self.text
        begin, stop = text.rfind("\n", 0, first) + 1, text.find("\n", last)
        stop = len(text) if stop < 0 else stop
        seen = 0  # text lines with words, a few more than shown: pieces of a line get joined
        while begin > 0 and seen <= CONTEXT + 1:
            above = text.rfind("\n", 0, begin - 1) + 1
            seen += bool(text[above : begin - 1].strip())
            begin = above
        seen = 0
        while stop < len(text) and seen <= CONTEXT + 1:
            below = text.find("\n", stop + 1)
            below = len(text) if below < 0 else below
            seen += bool(text[stop + 1 : below].strip())
            stop = below
        rows = self._rows(begin, stop, first, last)
        flagged = [n for n, r in enumerate(rows) if r["flagged"]]
        return rows[max(0, flagged[0] - CONTEXT) : flagged[-1] + CONTEXT + 1] if flagged else []

    def _rows(self, begin: int, stop: int, first: int, last: int) -> list[dict]:
        """The text between two positions as one row per source line, whitespace run
        together as a browser does; [] when it has no words."""
        rows: list[dict] = []
        for match in re.finditer(r"\S+(?:[^\S\n]+\S+)*", self.text[begin:stop]):
            a, b = begin + match.start(), begin + match.end()
            number = bisect_right(self.starts, self.offsets[a])
            lo, hi = min(max(first, a), b), min(max(last, a), b)
            piece = {
                "number": number,
                "flagged": lo < hi,
                "before": _spaced(self.text[a:lo]),
                "mark": _spaced(self.text[lo:hi]),
                "after": _spaced(self.text[hi:b]),
            }
            if rows and rows[-1]["number"] == number:
                rows[-1] = _join(rows[-1], piece)
            else:
                rows.append(piece)
        return rows


def _as_read(path: str, text: str) -> str:
    """Flagged words as a reader sees them: an HTML page's entities decoded."""
    if "&" in text and path.lower().endswith(HTML_SUFFIXES):
        return html.unescape(text).replace("\xa0", " ")
    return text


def _spaced(text: str) -> str:
    return SPACE.sub(" ", text)


def _words(text: str) -> str:
    return " ".join(text.replace("\xa0", " ").split())


def _join(row: dict, piece: dict) -> dict:
    """Two pieces of one source line's text (cells of a row, say) as one row."""
    if not piece["flagged"]:
        if row["flagged"]:
            return dict(row, after=row["after"] + " " + _whole(piece))
        return dict(row, before=_whole(row) + " " + _whole(piece), mark="", after="")
    if not row["flagged"]:
        return dict(piece, before=_whole(row) + " " + piece["before"])
    mark = row["mark"] + row["after"] + " " + piece["before"] + piece["mark"]
    return dict(row, mark=mark, after=piece["after"])


def _whole(row: dict) -> str:
    return row["before"] + row["mark"] + row["after"]


def _context(text: str | None, record: dict) -> tuple[list[dict] | None, str | None]:
    """Lines around the finding, the flagged characters marked; or None and why not."""
    if text is None:
        return None, "The checked file is not available, so its lines are not shown."
    lines = LINE_BREAK.split(text)
    first, last = record["line"], record["end_line"]
    if last < first or last > len(lines):
        return None, "The file has changed since the check; its lines are not shown."
    shown = []
    for number in range(max(1, first - CONTEXT), min(len(lines), last + CONTEXT) + 1):
        line = lines[number - 1]
        start = record["column"] - 1 if number == first else 0
        end = record["end_column"] - 1 if number == last else len(line)
        if first <= number <= last and (start > len(line) or end > len(line) or start > end):
            return None, "The file has changed since the check; its lines are not shown."
        if not first <= number <= last:
            start = end = len(line)
        shown.append(
            {
                "number": number,
                "flagged": first <= number <= last,
                "before": line[:start],
                "mark": line[start:end],
                "after": line[end:],
            }
        )
    flagged = "\n".join(s["mark"] for s in shown if s["flagged"])
    if _same(flagged) != _same(record.get("text") or flagged):
        return None, "The file has changed since the check; its lines are not shown."
    return [_shorten(s) for s in shown], None


def _same(text: str) -> str:
    return LINE_BREAK.sub("\n", text)


def _shorten(line: dict) -> dict:
    """Cut a very long line (minified HTML, say) to the flagged words and some around them."""
    if len(line["before"]) + len(line["mark"]) + len(line["after"]) <= LONG_LINE:
        return line
    before, after = line["before"], line["after"]
    if not line["mark"]:
        return dict(line, before=(before + after)[: KEEP * 2], after="…")
    if len(before) > KEEP:
        before = "…" + before[-KEEP:]
    if len(after) > KEEP:
        after = after[:KEEP] + "…"
    return dict(line, before=before, after=after)
