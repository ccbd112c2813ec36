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
  text when it is read back (see cache.py), with the regex module's version.
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
    kept = {"re": patterns.get("re", {}), "regex": patterns.get("regex", {}), "version": ""}
    kept["version"] = patterns.get("version", "")
    _PATTERNS.append(kept)
    _restore_re(kept["re"])
    if kept["regex"]:
        import regex  # noqa: F401 - every check imports it (the configuration's patterns)

        settled()


def settled() -> None:
    """Once the `regex` module is imported, the kept patterns go into its cache (at the
    start when there are any; else the first run keeps them at its end)."""
    main = sys.modules.get("regex._main")
    if not _PATTERNS or main is None or _PATTERNS[-1].get("restored"):
        return
    kept = _PATTERNS[-1]
    kept["restored"] = True
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
    while _PATTERNS:
        _keep_patterns(_PATTERNS.pop())


PATTERNS_LABEL = "patterns"


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
    if main is not None and _regex_cache_usable(main) and kept.get("restored", True):
        for key, pattern in list(main._cache.items()):
            if key in kept["regex"] or not _plain_regex_key(main, key):
                continue
            new_regex[key] = pattern
    if len(new_re) + len(new_regex) < FEW_NEW:
        return
    total = len(kept["re"]) + len(kept["regex"]) + len(new_re) + len(new_regex)
    if total > MAX_PATTERNS:
        return
    version = _regex_version() or kept["version"]
    regex_kept = {**kept["regex"], **new_regex} if version == kept["version"] else new_regex
    entry = {"re": {**kept["re"], **new_re}, "regex": regex_kept, "version": version}
    cache.store(_name(PATTERNS_LABEL), entry)


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
