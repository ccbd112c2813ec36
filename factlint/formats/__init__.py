"""Output formats, one module each, chosen by name. Formatters return text; cli.py writes it."""

from __future__ import annotations

import importlib

FORMATS = {
    "text": "factlint.formats.text",
    "json": "factlint.formats.json_format",
    "sarif": "factlint.formats.sarif",
    "github": "factlint.formats.github",
    "html": "factlint.formats.html",
}


def names() -> list[str]:
    return sorted(FORMATS)


def formatter(name: str):
    """The module for a format; imported only when asked for, to keep start-up fast."""
    return importlib.import_module(FORMATS[name])
