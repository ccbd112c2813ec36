"""Configuration: discover `.factlint.yaml` or `[tool.factlint]` in pyproject.toml,
validate it with file and line, and merge defaults < file < command line.

The closest configuration file to a checked file wins; a file inherits from
another only through an explicit `extends`.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field, replace
from pathlib import Path

from factlint.findings import Severity
from factlint.yamlio import InputError, LineDict, load_yaml_file

CONFIG_NAMES = (".factlint.yaml", ".factlint.yml", "pyproject.toml")
KEYS = {
    "select",
    "ignore",
    "extend-select",
    "per-file-ignores",
    "registers",
    "include",
    "exclude",
    "severity",
    "extends",
    "fail-on",
    "boilerplate",
    "timeout",
    "packs",
    "core-pack",
    "topic",
}
DEFAULT_INCLUDE = ("*.md", "*.markdown", "*.txt", "*.html", "*.htm")


@dataclass(frozen=True)
class Config:
    """The settings of a run: defaults, then a configuration file, then the command line."""

    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    registers: tuple[Path, ...] = ()
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()
    fail_on: Severity = Severity.INFO
    boilerplate: tuple[str, ...] = ()
    timeout: float | None = None
    packs: tuple[
        str, ...
    ] = ()  # jurisdiction packs to load besides the core pack: names or pack files
    core_pack: bool = True  # the core pack is on unless turned off
    # Register ids every checked text is about, whether or not it names them ("topic:
    # mesotherapy" for a repository of mesotherapy pages): see analysis' topic gating.
    topic: tuple[str, ...] = ()
    path: Path | None = None  # the file it came from
    root: Path | None = None  # the folder paths in it are relative to

    def enabled(self, codes: list[str], path: str | None = None) -> list[str]:
        """The codes this configuration runs for a file: the longest matching prefix decides."""
        selectors = [(p.upper(), True) for p in self.select + self.extend_select]
        selectors += [(p.upper(), False) for p in self.ignore]
        if path is not None:
            selectors += [(p.upper(), False) for p in self.ignored_for(path)]
        out = []
        for code in codes:
            best = None
            for prefix, on in selectors:
                length = 0 if prefix == "ALL" else len(prefix)
                if prefix == "ALL" or code.startswith(prefix):
                    if best is None or length > best[0] or (length == best[0] and not on):
                        best = (length, on)
            if best and best[1]:
                out.append(code)
        return out

    def ignored_for(self, path: str) -> list[str]:
        name = Path(path).name
        relative = path
        if self.root is not None:
            try:
                relative = Path(path).resolve().relative_to(self.root.resolve()).as_posix()
            except ValueError:
                relative = path
        codes = []
        for pattern, ignored in self.per_file_ignores:
            if fnmatch.fnmatch(relative, pattern) or fnmatch.fnmatch(name, pattern):
                codes.extend(ignored)
        return codes

    def severities(self) -> dict[str, Severity]:
        return dict(self.severity)


def _strings(node: LineDict, key: str, path: str) -> tuple[str, ...]:
    value = node[key]
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise InputError(f"{key!r} must be a list of text", path=path, line=node.line_of(key))
    return tuple(value)


def _validate_codes(
    codes: tuple[str, ...], known: list[str], path: str, line: int, key: str
) -> None:
    for code in codes:
        if code.upper() != "ALL" and not any(k.startswith(code.upper()) for k in known):
            raise InputError(f"{key}: unknown rule code {code!r}", path=path, line=line)


def _check_patterns(patterns: tuple[str, ...], path: str, line: int) -> None:
    """Boilerplate patterns (DQ005) must be valid regular expressions."""
    import regex

    for pattern in patterns:
        try:
            regex.compile(pattern)
        except regex.error as error:
            raise InputError(
                f"boilerplate: invalid pattern {pattern!r}: {error}", path=path, line=line
            ) from None


def parse_config(node, path: Path, known_codes: list[str], base: Config | None = None) -> Config:
    where = str(path)
    if node is None:
        node = LineDict()
        node.line, node.key_lines = 1, {}
    if not isinstance(node, dict):
        raise InputError(
            "configuration must be a mapping", path=where, line=getattr(node, "line", 1)
        )
    if not isinstance(node, LineDict):
        converted = LineDict(node)
        converted.line, converted.key_lines = 0, {}
        node = converted
    for key in node:
        if key not in KEYS:
            raise InputError(
                f"unknown key {key!r} (known: {', '.join(sorted(KEYS))})",
                path=where,
                line=node.line_of(key),
            )
    config = base or Config()
    if "extends" in node:
        parent_path = (path.parent / str(node["extends"])).resolve()
        if parent_path == path.resolve():
            raise InputError(
                "a configuration cannot extend itself", path=where, line=node.line_of("extends")
            )
        config = load_config_file(parent_path, known_codes)
    changes: dict = {"path": path, "root": path.parent}
    for key, attribute in (
        ("select", "select"),
        ("ignore", "ignore"),
        ("extend-select", "extend_select"),
        ("include", "include"),
        ("exclude", "exclude"),
        ("boilerplate", "boilerplate"),
    ):
        if key in node:
            values = _strings(node, key, where)
            if key in ("select", "ignore", "extend-select"):
                _validate_codes(values, known_codes, where, node.line_of(key), key)
            changes[attribute] = values
    if "boilerplate" in node:
        _check_patterns(changes["boilerplate"], where, node.line_of("boilerplate"))
    if "topic" in node:
        changes["topic"] = _strings(node, "topic", where)
    if "registers" in node:
        changes["registers"] = tuple(
            (path.parent / p).resolve() for p in _strings(node, "registers", where)
        )
    if "packs" in node:
        changes["packs"] = _packs(_strings(node, "packs", where), path, node.line_of("packs"))
    if "core-pack" in node:
        if not isinstance(node["core-pack"], bool):
            raise InputError(
                "'core-pack' must be true or false", path=where, line=node.line_of("core-pack")
            )
        changes["core_pack"] = node["core-pack"]
    if "per-file-ignores" in node:
        table = node["per-file-ignores"]
        if not isinstance(table, dict):
            raise InputError(
                "'per-file-ignores' must map file patterns to codes",
                path=where,
                line=node.line_of("per-file-ignores"),
            )
        entries = []
        for pattern, codes in table.items():
            holder = LineDict({"codes": codes})
            holder.line = holder_line = table.line_of(pattern) if isinstance(table, LineDict) else 0
            holder.key_lines = {"codes": holder_line}
            values = _strings(holder, "codes", where)
            _validate_codes(values, known_codes, where, holder_line, "per-file-ignores")
            entries.append((str(pattern), values))
        changes["per_file_ignores"] = tuple(entries)
    if "severity" in node:
        table = node["severity"]
        if not isinstance(table, dict):
            raise InputError(
                "'severity' must map rule codes to info, warning or error",
                path=where,
                line=node.line_of("severity"),
            )
        entries = []
        for code, level in table.items():
            line = table.line_of(code) if isinstance(table, LineDict) else 0
            _validate_codes((str(code),), known_codes, where, line, "severity")
            try:
                entries.append((str(code).upper(), Severity.parse(str(level))))
            except ValueError as error:
                raise InputError(str(error), path=where, line=line) from None
        changes["severity"] = tuple(entries)
    if "fail-on" in node:
        try:
            changes["fail_on"] = Severity.parse(str(node["fail-on"]))
        except ValueError as error:
            raise InputError(
                f"fail-on: {error}", path=where, line=node.line_of("fail-on")
            ) from None
    if "timeout" in node:
        value = node["timeout"]
        if (
            isinstance(value, bool)
            or not isinstance(value, (int, float))
            or not 0.001 <= value <= 1e6
        ):  # (a NaN fails this comparison too)
            raise InputError(
                "'timeout' must be a number of seconds from 0.001 to 1e+06",
                path=where,
                line=node.line_of("timeout"),
            )
        changes["timeout"] = float(value)
    return replace(config, **changes)


def _packs(names: tuple[str, ...], path: Path, line: int) -> tuple[str, ...]:
    """Pack names as given, a pack file resolved against the configuration's folder."""
    from factlint.knowledge import shipped_packs

    shipped = shipped_packs()
    out = []
    for name in names:
        if name in shipped:
            out.append(name)
            continue
        file = (path.parent / name).resolve()
        if not name.endswith((".yaml", ".yml")) or not file.is_file():
            known = ", ".join(sorted(shipped)) or "none installed"
            raise InputError(
                f"packs: unknown pack {name!r} (the shipped packs: {known}; or a pack file's path)",
                path=str(path),
                line=line,
            )
        out.append(str(file))
    return tuple(out)


def load_config_file(path: Path, known_codes: list[str]) -> Config:
    if path.name == "pyproject.toml":
        section = _pyproject_section(path)
        return parse_config(section or {}, path, known_codes)
    return parse_config(load_yaml_file(path), path, known_codes)


def _pyproject_section(path: Path):
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef]
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"cannot read: {error}", path=str(path)) from None
    except tomllib.TOMLDecodeError as error:
        raise InputError(f"malformed TOML: {error}", path=str(path)) from None
    return data.get("tool", {}).get("factlint")


@dataclass
class ConfigFinder:
    """Finds the closest configuration for each checked file, caching per folder."""

    known_codes: list[str]
    explicit: Path | None = None
    isolated: bool = False
    cache: dict = field(default_factory=dict)

    def for_path(self, path: Path) -> Config:
        if self.isolated:
            return Config()
        if self.explicit is not None:
            return self._load(self.explicit)
        folder = path.resolve().parent if not path.is_dir() else path.resolve()
        return self._closest(folder)

    def _closest(self, folder: Path) -> Config:
        if folder in self.cache:
            return self.cache[folder]
        config = None
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file():
                if name == "pyproject.toml" and _pyproject_section(candidate) is None:
                    continue
                config = self._load(candidate)
                break
        if config is None:
            config = Config() if folder.parent == folder else self._closest(folder.parent)
        self.cache[folder] = config
        return config

    def _load(self, path: Path) -> Config:
        key = ("file", path.resolve())
        if key not in self.cache:
            self.cache[key] = load_config_file(path, self.known_codes)
        return self.cache[key]
