"""`{"findings": [...], "summary": {...}}`: the contract other tools read."""

from __future__ import annotations

import json

from factlint.findings import Finding


def render(findings: list[Finding], summary: dict, **_) -> str:
    return _dumps({"findings": [f.to_dict() for f in findings], "summary": summary}) + "\n"


def _dumps(value) -> str:
    """JSON text, as json.dumps(value, ensure_ascii=False, indent=2) writes it; a file name
    that is not UTF-8 (its bytes stand as lone surrogates) is written with \\u escapes, so
    the output stays valid UTF-8 JSON."""
    return _encoded(value, 0).encode("utf-8", "backslashreplace").decode("utf-8")


_INDENT = "  "
_CONSTANTS = {None: "null", True: "true", False: "false"}


def _encoded(value, level: int) -> str:
    """json.dumps(value, ensure_ascii=False, indent=2), its lines after the first indented
    `level` levels more. With an indent, json encodes in Python, one generator step per
    token (a fifth of a `--format json` run of FC003); the dicts, lists and strings of
    findings are laid out here, each string by json's own encoder in C."""
    kind = type(value)
    if kind is str:
        return _string(value)
    if kind is dict:
        if not value:
            return "{}"
        inner = "\n" + _INDENT * (level + 1)
        parts = []
        for key, item in value.items():
            if type(key) is not str:
                return _by_json(value, level)
            parts.append(f"{_string(key)}: {_encoded(item, level + 1)}")
        return "{" + inner + ("," + inner).join(parts) + "\n" + _INDENT * level + "}"
    if kind is list or kind is tuple:
        if not value:
            return "[]"
        inner = "\n" + _INDENT * (level + 1)
        items = ("," + inner).join(_encoded(item, level + 1) for item in value)
        return "[" + inner + items + "\n" + _INDENT * level + "]"
    if kind is int:
        return int.__repr__(value)
    if value is None or value is True or value is False:
        return _CONSTANTS[value]
    return _by_json(value, level)


def _by_json(value, level: int) -> str:
    """Anything else (floats, subclasses, keys that are not strings) as json writes it."""
    text = json.dumps(value, ensure_ascii=False, indent=2)
    return text.replace("\n", "\n" + _INDENT * level) if level else text


_string = json.encoder.encode_basestring  # ensure_ascii=False's encoder (C when available)


class Stream:
    """The same document as render(), written as each file is done: the findings come
    first and the summary last, so nothing has to be held until the end."""

    def __init__(self, **_) -> None:
        self.started = False

    def findings(self, findings: list[Finding]) -> str:
        if not findings:
            return ""
        items = ",\n".join(_indented(f.to_dict(), 2) for f in findings)
        if self.started:
            return ",\n" + items
        self.started = True
        return '{\n  "findings": [\n' + items

    def close(self, summary: dict, by_rule) -> str:
        head = "\n  ]" if self.started else '{\n  "findings": []'
        return f'{head},\n  "summary": {_indented(summary, 1).lstrip()}\n}}\n'


def _indented(value, level: int) -> str:
    """`value` as json.dumps(indent=2) writes it `level` levels deep in a document."""
    return _INDENT * level + _dumps_at(value, level)


def _dumps_at(value, level: int) -> str:
    return _encoded(value, level).encode("utf-8", "backslashreplace").decode("utf-8")
