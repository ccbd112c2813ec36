"""factlint from Python: lint or fix a text, with the same findings as `factlint check`.

    import factlint

    findings = factlint.lint("Mesotherapy is completely safe.")
    fixed, left = factlint.fix("Results  last for months .", path="post.md")

    linter = factlint.Linter(select=["FC"], config="pyproject.toml")  # registers compiled once
    for name, text in documents:
        for finding in linter.lint(text, path=name):
            print(finding.to_dict())

`lint` and `fix` build a `Linter` for each call, which loads the compiled registers from
the cache (a few milliseconds); a program that checks many texts makes one `Linter` and
calls it. A `Linter` pickles to a few hundred bytes (the register files' paths and
digests, the configuration and the selection, not the compiled registers), so it can be
shipped to worker processes or to a cluster; each process compiles the registers once,
or loads them from its cache, on first use.

This module owns what decides which rules run and how severe their findings are
(select, ignore, extend-select, per-file-ignores, severity, rule options); the command
line (run.py) finds files and configurations and hands each document to a `Linter`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from factlint.config import Config, load_config_file
from factlint.document import Document, build_document
from factlint.engine import Outcome
from factlint.findings import Finding, Severity
from factlint.yamlio import InputError

if TYPE_CHECKING:
    from factlint.knowledge import Knowledge

__all__ = [
    "Finding",
    "InputError",
    "Linter",
    "Outcome",
    "Selection",
    "Severity",
    "fix",
    "lint",
    "resolve_registers",
]

PathLike = str | os.PathLike
Codes = str | Iterable[str] | None
KINDS = ("text", "markdown", "html")
SHIPPED = "shipped"  # a pickled Linter's mark for a register installed with factlint
STDIN = "-"  # the path a text without one is shown under, as `factlint check -` shows stdin


@dataclass(frozen=True)
class Selection:
    """Rule codes or prefixes from the caller (the command line's --select, --ignore and
    --extend-select) laid over a configuration: `select` replaces the configured
    selection, `ignore` and `extend_select` add to it."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()

    @classmethod
    def of(
        cls, select: Codes = None, ignore: Codes = None, extend_select: Codes = None
    ) -> Selection:
        """A selection from codes given as "FC,DQ001" or ["FC", "DQ001"]; an unknown code or
        prefix is an InputError."""
        from factlint.rules import RULES

        selection = cls(_codes(select), _codes(ignore), _codes(extend_select))
        known = sorted(RULES)
        for code in selection.select + selection.ignore + selection.extend_select:
            if code.upper() != "ALL" and not any(k.startswith(code.upper()) for k in known):
                raise InputError(f"unknown rule code {code!r} (see 'factlint rules')")
        return selection

    def over(self, config: Config) -> Config:
        changes: dict[str, tuple[str, ...]] = {}
        if self.select:
            changes["select"] = self.select
        if self.ignore:
            changes["ignore"] = config.ignore + self.ignore
        if self.extend_select:
            changes["extend_select"] = config.extend_select + self.extend_select
        return replace(config, **changes) if changes else config


def _codes(codes: Codes) -> tuple[str, ...]:
    if codes is None:
        return ()
    if isinstance(codes, str):
        codes = [codes]
    out: list[str] = []
    for value in codes:
        out.extend(part.strip() for part in str(value).split(",") if part.strip())
    return tuple(out)


def resolve_registers(
    registers: PathLike | Iterable[PathLike] | None,
    config: Config,
    packs: str | Iterable[str] | None = None,
    core_pack: bool | None = None,
    missing_hint: str = "pass registers=[PATH]",
) -> list[Path]:
    """The register files to load, as `factlint check` chooses them: those given (files,
    or folders of *.yaml), else the configured ones, else the shipped ones; then the
    claims packs: the core pack unless `core_pack` (or the configuration) turns it off,
    and the packs configured and given (a shipped pack's name, or a pack file)."""
    from factlint.knowledge import pack_paths, register_paths

    if isinstance(registers, (str, os.PathLike)):
        registers = [registers]
    if isinstance(packs, str):
        packs = [packs]
    chosen = [Path(r) for r in registers or ()] or list(config.registers)
    found = register_paths(chosen, missing_hint)
    core = config.core_pack if core_pack is None else core_pack
    seen = {path.resolve() for path in found}
    extra = pack_paths([*config.packs, *(packs or ())], core)
    return found + [path for path in extra if path.resolve() not in seen]


# Compiled registers already loaded in this process, by the files' paths and stat: a
# process that unpickles many Linters, or calls `lint` many times, loads them once.
_LOADED: dict[tuple, Knowledge] = {}
_KEEP_LOADED = 4


def _load(paths: tuple[Path, ...]) -> Knowledge:
    from factlint.knowledge import load_knowledge
    from factlint.register.load import RegisterError

    key = tuple((str(p), *_stat(p)) for p in paths)
    knowledge = _LOADED.get(key)
    if knowledge is None:
        try:
            knowledge = load_knowledge(list(paths))
        except RegisterError as error:
            raise InputError("\n".join(str(p) for p in error.problems)) from None
        while len(_LOADED) >= _KEEP_LOADED:
            _LOADED.pop(next(iter(_LOADED)))
        _LOADED[key] = knowledge
    return knowledge


def _stat(path: Path) -> tuple[int, int]:
    try:
        info = path.stat()
    except OSError:
        return (-1, -1)
    return (info.st_mtime_ns, info.st_size)


class Linter:
    """Checks texts against compiled registers with one configuration and selection.

    `registers`: register files or folders (default: the configuration's, else the
    shipped ones). `packs`: claims packs besides the core pack (on unless `core_pack` is
    False or the configuration turns it off), each a shipped pack's name ("uk", "eu") or
    a pack file. `config`: a `Config`, or the path of a `.factlint.yaml` or
    `pyproject.toml` (default: the built-in defaults; no configuration file is looked
    for). `select`, `ignore`, `extend_select`: codes or prefixes, as on the command line.
    `report_unused`: also report `factlint: ignore` comments that suppress nothing.
    Problems with the registers or the configuration raise `InputError`.
    """

    def __init__(
        self,
        *,
        registers: PathLike | Iterable[PathLike] | None = None,
        packs: str | Iterable[str] | None = None,
        core_pack: bool | None = None,
        config: Config | PathLike | None = None,
        select: Codes = None,
        ignore: Codes = None,
        extend_select: Codes = None,
        report_unused: bool = False,
    ) -> None:
        config = _config(config)
        selection = Selection.of(select, ignore, extend_select)
        paths = resolve_registers(registers, config, packs, core_pack)
        self._setup(paths, config, selection, report_unused)

    @classmethod
    def for_paths(
        cls,
        paths: Iterable[PathLike],
        *,
        config: Config | PathLike | None = None,
        select: Codes = None,
        ignore: Codes = None,
        extend_select: Codes = None,
        report_unused: bool = False,
    ) -> Linter:
        """A Linter of exactly these register and pack files (as `resolve_registers` gave
        them, say), with no default added."""
        linter = cls.__new__(cls)
        selection = Selection.of(select, ignore, extend_select)
        linter._setup([Path(p) for p in paths], _config(config), selection, report_unused)
        return linter

    def _setup(
        self, paths: list[Path], config: Config, selection: Selection, report_unused: bool
    ) -> None:
        self.config = config
        self.selection = selection
        self.report_unused = report_unused
        self.register_paths = tuple(paths)
        self._knowledge: Knowledge | None = _load(self.register_paths)
        self._digests = tuple(r.sha256 for r in self._knowledge.registers)

    @property
    def knowledge(self) -> Knowledge:
        """The compiled registers (loaded on first use in a process the Linter was sent to)."""
        if self._knowledge is None:
            knowledge = _load(self.register_paths)
            found = tuple(r.sha256 for r in knowledge.registers)
            if found != self._digests:
                changed = [
                    r.path for r, d in zip(knowledge.registers, self._digests) if r.sha256 != d
                ]
                raise InputError(
                    "the register files here differ from those the Linter was made with: "
                    + ", ".join(changed or [str(p) for p in self.register_paths])
                )
            self._knowledge = knowledge
        return self._knowledge

    def settings(self, config: Config | None = None) -> Config:
        """The configuration a document is checked with: `config` (a file's own, found by
        the command line) or the Linter's, with the Linter's selection over it."""
        return self.selection.over(config if config is not None else self.config)

    def document(
        self,
        text: str | bytes,
        *,
        path: str | None = None,
        kind: str | None = None,
        encoding: str | None = None,
    ) -> Document:
        """The text as factlint reads it: str, or bytes in UTF-8 (a BOM says otherwise) or
        in `encoding`."""
        if kind is not None and kind not in KINDS:
            raise ValueError(f"unknown kind {kind!r} (one of {', '.join(KINDS)})")
        data = text.encode("utf-8") if isinstance(text, str) else bytes(text)
        return build_document(path or STDIN, data, kind=kind, encoding=encoding)

    def check_document(
        self,
        document: Document,
        config: Config | None = None,
        *,
        timings: dict[str, float] | None = None,
        carried: dict | None = None,
    ) -> Outcome:
        """Every finding for one document, with those its inline comments suppress apart.
        `timings`, when given, gets the seconds spent in the analysis and in each rule;
        `carried` is what rules remember from one piece of a long file to the next (run.py
        checks a long file in pieces)."""
        from factlint.engine import check_document
        from factlint.rules import RULES

        settings = self.settings(config)
        rules = [RULES[code] for code in settings.enabled(sorted(RULES), document.path)]
        return check_document(
            document,
            self.knowledge,
            rules,
            settings.severities(),
            display_path=document.path,
            report_unused=self.report_unused,
            options={"boilerplate": settings.boilerplate, "carried": carried},
            timings=timings,
            topics=frozenset(settings.topic),
        )

    def lint(
        self,
        text: str | bytes,
        *,
        path: str | None = None,
        kind: str | None = None,
        encoding: str | None = None,
    ) -> list[Finding]:
        """The findings for a text, sorted by position. `path` is shown in the findings and
        picks the kind by its suffix (.md, .html...); `kind` ("text", "markdown" or "html")
        overrides that; `encoding` names the encoding of bytes that are not UTF-8. Without
        a path the text is shown as "-", as stdin is."""
        document = self.document(text, path=path, kind=kind, encoding=encoding)
        return self.check_document(document).findings

    def fix(
        self, text: str | bytes, *, path: str | None = None, kind: str | None = None
    ) -> tuple[str, list[Finding]]:
        """The text with the safe, mechanical fixes applied (as `check --fix` applies them),
        and the findings left in it."""
        from factlint.edits import MAX_PASSES, apply_fixes, fixable

        current = self.document(text, path=path, kind=kind).source
        findings = self.lint(current, path=path, kind=kind)
        for _ in range(MAX_PASSES):
            after, applied = apply_fixes(current, [f for f in findings if fixable(f)])
            if not applied or after == current:
                break
            current = after
            findings = self.lint(current, path=path, kind=kind)
        return current, findings

    # A Linter travels as what it was made from; the compiled registers stay behind. The
    # shipped registers travel by their place among the shipped files: another machine
    # has them in its own installation.
    def __getstate__(self) -> dict:
        root = _shipped_root()
        state = dict(self.__dict__)
        state["_knowledge"] = None
        state["register_paths"] = tuple(_portable(path, root) for path in self.register_paths)
        return state

    def __setstate__(self, state: dict) -> None:
        root = _shipped_root()
        paths = []
        for entry in state["register_paths"]:
            if isinstance(entry, tuple):  # (SHIPPED, place among the shipped files)
                if root is None or not (root / entry[1]).is_file():
                    raise InputError(f"the shipped register {entry[1]} is not installed here")
                entry = root / entry[1]
            paths.append(Path(entry))
        self.__dict__.update(state, register_paths=tuple(paths))

    def __repr__(self) -> str:
        registers = ", ".join(p.name for p in self.register_paths)
        return f"Linter(registers=[{registers}], selection={self.selection})"


def _shipped_root() -> Path | None:
    from factlint.knowledge import shipped_register_paths

    shipped = shipped_register_paths()
    return shipped[0].parent.resolve() if shipped else None


def _portable(path: Path, root: Path | None) -> str | tuple[str, str]:
    if root is not None:
        try:
            return (SHIPPED, path.resolve().relative_to(root).as_posix())
        except ValueError:
            pass
    return str(path)


def _config(config: Config | PathLike | None) -> Config:
    if config is None:
        return Config()
    if isinstance(config, Config):
        return config
    from factlint.rules import RULES

    return load_config_file(Path(config), sorted(RULES))


def lint(
    text: str | bytes,
    *,
    path: str | None = None,
    kind: str | None = None,
    encoding: str | None = None,
    registers: PathLike | Iterable[PathLike] | None = None,
    packs: str | Iterable[str] | None = None,
    config: Config | PathLike | None = None,
    select: Codes = None,
    ignore: Codes = None,
) -> list[Finding]:
    """The findings for one text; see `Linter` for the arguments."""
    linter = Linter(registers=registers, packs=packs, config=config, select=select, ignore=ignore)
    return linter.lint(text, path=path, kind=kind, encoding=encoding)


def fix(
    text: str | bytes,
    *,
    path: str | None = None,
    kind: str | None = None,
    registers: PathLike | Iterable[PathLike] | None = None,
    packs: str | Iterable[str] | None = None,
    config: Config | PathLike | None = None,
    select: Codes = None,
    ignore: Codes = None,
) -> tuple[str, list[Finding]]:
    """The text with its safe fixes applied, and the findings left; see `Linter`."""
    linter = Linter(registers=registers, packs=packs, config=config, select=select, ignore=ignore)
    return linter.fix(text, path=path, kind=kind)
