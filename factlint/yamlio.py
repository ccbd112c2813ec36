"""Safe YAML reading that remembers line numbers, for errors users can act on.

Registers, configuration and waiver files are written by people, so every
problem must point at a file and line. Aliases are refused outright: factlint's
files never need them, and refusing them rules out "billion laughs" bombs.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path


class InputError(Exception):
    """A user-facing problem with an input file; the CLI prints it and exits 2."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        where = self.path or ""
        if self.path and self.line:
            where = f"{self.path}:{self.line}"
        return f"{where}: {self.message}" if where else self.message


class LineDict(dict):
    """A mapping that knows the line of itself and of each of its keys."""

    line: int = 0
    key_lines: dict

    def line_of(self, key) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list):
    """A sequence that knows its line and its items' lines."""

    line: int = 0
    item_lines: list

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


@lru_cache(maxsize=1)
def _loader():
    """The YAML loader, built on first use: a run that reads no YAML never imports yaml."""
    import yaml

    # libyaml's parser when present: several times faster, which a pre-commit hook feels.
    class Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
        def construct_object(self, node, deep=False):
            # A node reached a second time was reached through an alias (*name).
            if node in self.constructed_objects or node in self.recursive_objects:
                raise InputError(
                    "YAML aliases (*name) are not allowed here; write the value out",
                    line=node.start_mark.line + 1,
                )
            return super().construct_object(node, deep)

    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
    Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)
    return Loader


def _construct_mapping(loader, node):
    loader.flatten_mapping(node)
    mapping = LineDict()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise InputError(
                "a mapping key must be a plain value", line=key_node.start_mark.line + 1
            ) from None
        if key in mapping:
            raise InputError(f"duplicate key {key!r}", line=key_node.start_mark.line + 1)
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[key] = key_node.start_mark.line + 1
    return mapping


def _construct_timestamp(loader, node):
    """A date or time; one that looks like a date but cannot be (2027-02-30) is an
    error at its line, not a crash."""
    try:
        return loader.construct_yaml_timestamp(node)
    except (ValueError, OverflowError) as error:
        raise InputError(
            f"{node.value!r} is not a valid date: {error}", line=node.start_mark.line + 1
        ) from None


def _construct_sequence(loader, node):
    sequence = LineList(loader.construct_object(child, deep=True) for child in node.value)
    sequence.line = node.start_mark.line + 1
    sequence.item_lines = [child.start_mark.line + 1 for child in node.value]
    return sequence


def load_yaml_text(text: str, path: str):
    """Parse YAML text; raise InputError with the file and line on any problem."""
    import yaml

    try:
        return yaml.load(text, Loader=_loader())  # noqa: S506 - the loader derives from SafeLoader
    except InputError as error:
        error.path = path
        raise
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        problem = error.problem or error.context or "malformed YAML"
        raise InputError(
            f"malformed YAML: {problem}{_quoting_hint(problem)}", path=path, line=line
        ) from None
    except yaml.YAMLError as error:
        raise InputError(f"malformed YAML: {error}", path=path) from None
    except RecursionError:
        raise InputError("YAML nested too deeply", path=path) from None


# What PyYAML says when a plain value holds what YAML reads as structure: a ", " or ": "
# inside { } ({quote: 3, 4 or 5 days}) or a ": " in a value (quote: Recovery time: a day).
_UNQUOTED = ("did not find expected ',' or '}'", "mapping values are not allowed")


def _quoting_hint(problem: str) -> str:
    if not any(problem.startswith(p) for p in _UNQUOTED):
        return ""
    return " (quote a value that holds ', ', ': ' or ' #': quote: \"Children: under 18\")"


def read_bytes_file(path: Path) -> bytes:
    """A file's bytes, with one clear error on failure."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError("file not found", path=str(path)) from None
    except IsADirectoryError:
        raise InputError("is a directory, expected a file", path=str(path)) from None
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror or error}", path=str(path)) from None


def read_text_file(path: Path) -> str:
    """Read a UTF-8 data file (register, config), with one clear error on failure."""
    data = read_bytes_file(path)
    if b"\x00" in data:
        raise InputError("binary file (contains NUL bytes)", path=str(path))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(f"invalid UTF-8 at byte offset {error.start}", path=str(path)) from None


def load_yaml_file(path: Path):
    return load_yaml_text(read_text_file(path), str(path))
