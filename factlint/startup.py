"""What the command line does to start quickly (see __main__.py).

Making a dataclass writes the source of its methods (`__init__`, `__eq__`, `__repr__`...)
and compiles it: about 250 small compilations, a tenth of a one-file check. Their code
objects depend only on that source and the Python version, so the command keeps them in
factlint's cache (see cache.py: signed entries, keyed by the Python version) and the next
run executes them without compiling. Nothing else changes: the dataclasses are made by
the standard library as usual, from the same source, with the same code.
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


def _name() -> str:
    import hashlib

    version = f"{sys.version}\0{sys.implementation.cache_tag}\0{sys.flags.optimize}".encode()
    return f"{LABEL}-{hashlib.sha256(version).hexdigest()[:40]}"


def begin() -> None:
    """From here on, dataclasses are made with the code kept from an earlier run."""
    import dataclasses

    from factlint import cache

    if getattr(dataclasses, "exec", builtins.exec) is not builtins.exec:
        return  # someone else's stand-in: leave it
    known = cache.load(_name(), dict) or {}
    memo = CompiledSource(known)
    dataclasses.exec = memo
    _ACTIVE.append(memo)


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
