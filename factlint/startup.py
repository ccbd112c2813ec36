"""What the command line does to start quickly (see __main__.py): it keeps what Python
compiles at every start in factlint's cache (cache.py: signed entries, keyed by the
Python version) and reuses it on the next run.

- Making a dataclass writes the source of its methods (`__init__`, `__eq__`,
  `__repr__`...) and compiles it: about 250 small compilations, a tenth of a one-file
  check. Their code objects depend only on that source and the Python version; the next
  run executes the kept ones. The dataclasses are made by the standard library as
  usual, from the same source, with the same code.
- The modules' regular expressions (`re` and `regex`), compiled when the modules are
  imported: the compiled patterns are put back into each engine's own cache of
  compiled patterns, where `compile` finds them, as it would have after compiling them
  once in this process. A pattern is kept in its compiled form, checked against its
  text when it is read back (see cache.py), with the regex module's version. The `regex`
  module's patterns are kept apart and read when a rule or option imports that module
  (a run of FC rules alone does not).
"""

from __future__ import annotations

import builtins
import marshal
import sys

LABEL = "code"


class CompiledSource:
    """A stand-in for `exec` in the dataclasses module that compiles each source once."""

    def __init__(self, known: dict[str, bytes]) -> None:
        self.known = known  # source -> marshalled code object
        self.new: dict[str, bytes] = {}

    def __call__(self, source, globals=None, locals=None, /):
        if isinstance(source, str):
            code = self.known.get(source) or self.new.get(source)
            if code is None:
                compiled = compile(source, "<string>", "exec", dont_inherit=True)
                self.new[source] = marshal.dumps(compiled)
                source = compiled
            else:
                source = marshal.loads(code)
        return builtins.exec(source, globals, locals)


_ACTIVE: list[CompiledSource] = []
_PATTERNS: list[dict] = []  # the kept patterns read at the start, while the command runs
MAX_PATTERNS = 400  # patterns kept at most (patterns made from a text would grow it)
# Fewer new patterns than this are not worth writing the entry again for: a pattern made
# from a text, or from a set whose order changes between runs, is new in every run.
FEW_NEW = 5


def _name(label: str = LABEL) -> str:
    from factlint.cache import digest_of

    version = f"{sys.version}\0{sys.implementation.cache_tag}\0{sys.flags.optimize}".encode()
    return f"{label}-{digest_of(version)}"


def begin() -> None:
    """From here on, dataclasses are made with the code kept from an earlier run, and the
    kept patterns are found compiled."""
    import dataclasses

    from factlint import cache

    if getattr(dataclasses, "exec", builtins.exec) is not builtins.exec:
        return  # someone else's stand-in: leave it
    known = cache.load(_name(), dict) or {}
    memo = CompiledSource(known)
    dataclasses.exec = memo
    _ACTIVE.append(memo)
    patterns = cache.load(_name(PATTERNS_LABEL), dict) or {}
    kept = {"re": patterns.get("re", {}), "regex": None, "version": ""}  # regex: read later
    _PATTERNS.append(kept)
    _restore_re(kept["re"])
    if "regex._main" in sys.modules:
        settled()
    else:
        # The regex module (about a third of a bare start's work) is imported by the rules
        # and options that use it, not by every run: its kept patterns are read when it is.
        sys.meta_path.insert(0, _WATCH)


class _RegexWatch:
    """A finder that, when the `regex` module is first imported, has its kept patterns put
    into the module's cache as soon as the module is made, before it compiles any."""

    def find_spec(self, name, path=None, target=None):
        if name != "regex":
            return None
        _unwatch()
        for finder in sys.meta_path:
            find = getattr(finder, "find_spec", None)
            spec = find(name, path, target) if find is not None else None
            if spec is not None:
                if spec.loader is not None and hasattr(spec.loader, "exec_module"):
                    spec.loader = _ThenSettle(spec.loader)
                return spec
        return None


class _ThenSettle:
    """A module's loader that calls `settled` once the module is executed."""

    def __init__(self, loader) -> None:
        self.loader = loader

    def create_module(self, spec):
        return self.loader.create_module(spec)

    def exec_module(self, module) -> None:
        self.loader.exec_module(module)
        settled()

    def __getattr__(self, name: str):
        return getattr(self.loader, name)


_WATCH = _RegexWatch()


def _unwatch() -> None:
    if _WATCH in sys.meta_path:
        sys.meta_path.remove(_WATCH)


def settled() -> None:
    """Once the `regex` module is imported, the kept patterns go into its cache (at the
    start when there are any; else the first run keeps them at its end)."""
    main = sys.modules.get("regex._main")
    if not _PATTERNS or main is None or _PATTERNS[-1].get("restored"):
        return
    kept = _PATTERNS[-1]
    kept["restored"] = True
    if kept["regex"] is None:
        from factlint import cache

        entry = cache.load(_name(REGEX_LABEL), dict) or {}
        kept["regex"], kept["version"] = entry.get("regex", {}), entry.get("version", "")
    if kept["version"] != _regex_version() or not _regex_cache_usable(main):
        kept["regex"] = {}
        return
    for key, pattern in kept["regex"].items():
        if key not in main._cache:
            main._cache[key] = pattern
            main._named_args[key[:3]] = frozenset()  # no named lists
            main._locale_sensitive[(key[1], key[0])] = False


def end() -> None:
    """Keep what was compiled for the next run, and give the dataclasses module its `exec`
    back."""
    import dataclasses

    while _ACTIVE:
        memo = _ACTIVE.pop()
        if getattr(dataclasses, "exec", None) is memo:
            del dataclasses.exec
        if memo.new:
            from factlint import cache

            cache.store(_name(), {**memo.known, **memo.new})
    _unwatch()
    while _PATTERNS:
        _keep_patterns(_PATTERNS.pop())


PATTERNS_LABEL = "re-patterns"  # the `re` module's; REGEX_LABEL: the `regex` module's
REGEX_LABEL = "regex-patterns"


def _regex_version() -> str:
    return str(getattr(sys.modules.get("regex"), "__version__", ""))


def _regex_cache_usable(main) -> bool:
    return all(
        isinstance(getattr(main, name, None), dict)
        for name in ("_cache", "_named_args", "_locale_sensitive")
    )


def _restore_re(kept: dict) -> None:
    import re

    from factlint.cache import compiled_pattern

    cache = getattr(re, "_cache", None)
    if not isinstance(cache, dict):
        return
    for key, (text, flags, form) in kept.items():
        if key not in cache:
            cache[key] = compiled_pattern(text, flags, form)


def _keep_patterns(kept: dict) -> None:
    """The patterns compiled in this run that were not kept yet, added to the entry."""
    import re

    from factlint import cache

    new_re = {}
    engine_cache = getattr(re, "_cache", None)
    if isinstance(engine_cache, dict):
        for key, pattern in list(engine_cache.items()):
            if key in kept["re"] or not _plain_re_key(key, pattern):
                continue
            new_re[key] = cache.compiled_form(pattern)
    new_regex = {}
    main = sys.modules.get("regex._main")
    if main is not None and _regex_cache_usable(main) and kept.get("restored"):
        for key, pattern in list(main._cache.items()):
            if key in kept["regex"] or not _plain_regex_key(main, key):
                continue
            new_regex[key] = pattern
    if len(new_re) >= FEW_NEW and len(kept["re"]) + len(new_re) <= MAX_PATTERNS:
        cache.store(_name(PATTERNS_LABEL), {"re": {**kept["re"], **new_re}})
    if len(new_regex) >= FEW_NEW and len(kept["regex"]) + len(new_regex) <= MAX_PATTERNS:
        version = _regex_version()
        regex_kept = {**kept["regex"], **new_regex} if version == kept["version"] else new_regex
        cache.store(_name(REGEX_LABEL), {"regex": regex_kept, "version": version})


def _plain_re_key(key, pattern) -> bool:
    """A str pattern compiled without the locale flag: its compiled form is the same in
    every run of this Python."""
    import re

    return (
        isinstance(key, tuple)
        and len(key) == 3
        and key[0] is str
        and isinstance(key[2], int)
        and not key[2] & (re.LOCALE | re.DEBUG)
        and isinstance(pattern, re.Pattern)
    )


def _plain_regex_key(main, key) -> bool:
    """A regex pattern with no named lists, whatever the locale (see regex's _compile)."""
    return (
        isinstance(key, tuple)
        and len(key) == 6
        and key[1] is str
        and key[3] == frozenset()
        and key[5] is None
        and main._locale_sensitive.get((key[1], key[0])) is False
        and main._named_args.get(key[:3]) == frozenset()
    )
