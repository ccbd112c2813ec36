"""A cache of compiled registers: a run loads them in a few milliseconds instead of
parsing YAML and compiling patterns again.

Where: `$FACTLINT_CACHE_DIR`, else `$XDG_CACHE_HOME/factlint`, else `~/.cache/factlint`;
`FACTLINT_NO_CACHE=1` turns it off. One file per set of registers, named by a key: the
BLAKE2b digest of factlint's version and code (the bytes of the modules that shape a
compiled register, and the size and time of every module), the Python version, the regex engine's version,
and the path and bytes of every file the compiled registers come from (the registers,
the lexicons, the built-in units). Change any of them and the key changes, so a stale
entry is never read; the newest few entries are kept.

An entry is a MAC of its payload followed by the payload (a pickle): BLAKE2b in its
keyed mode, 256 bits, whose key is a random secret made on first use in the cache folder
(`secret`, 32 bytes, mode 0600), and the folder must belong to the user and be writable by nobody else; otherwise
the cache is not used at all. Unpickling can run code, so an entry is unpickled only when
its MAC shows this user's factlint wrote it: a file planted by someone who can write
the folder (a shared FACTLINT_CACHE_DIR) is never read. Anything else (a missing,
truncated, corrupted or forged file, another version's data) falls back to compiling,
and the entry is written again. Entries are written to a temporary file and renamed, so
readers never see half a file.

Regular expressions are stored with their compiled form, so that loading them does not
run Python's regex compiler again; if that form cannot be used (another Python), the
pattern is compiled from its text.
"""

from __future__ import annotations

import io
import os
import pickle
import re
import sys
from array import array
from pathlib import Path

# The hashes come from Python's own built-in modules when it has them: `hashlib` and
# `hmac` load OpenSSL, about 5 % of a one-file check's start, for nothing these need.
try:
    from _blake2 import blake2b
except ImportError:  # another Python: the same hash through hashlib
    from hashlib import blake2b
try:  # SHA-256, for the findings' fingerprints (engine.py)
    from _sha256 import sha256  # Python 3.11
except ImportError:
    try:
        from _sha2 import sha256  # Python 3.12 and later
    except ImportError:
        from hashlib import sha256  # noqa: F401 - imported by engine.py
try:
    from _operator import _compare_digest as compare_digest  # what hmac.compare_digest is
except ImportError:
    from hmac import compare_digest

KEEP = 8  # entries kept in the cache folder
# The modules whose classes a compiled register pickles.
SHAPED = (
    "factlint.knowledge",
    "factlint.lexicon",
    "factlint.extract.phrases",
    "factlint.extract.quantities",
    "factlint.extract.units",
    "factlint.register.model",
    "factlint.findings",
)
PACKAGE = Path(__file__).resolve().parent
# The code that decides what compiled registers look like: a change to it is a new key.
CODE = (
    "knowledge.py",
    "lexicon.py",
    "extract/phrases.py",
    "extract/quantities.py",
    "extract/units.py",
    "register/model.py",
    "register/load.py",
    "findings.py",
    "yamlio.py",
    "cache.py",
)


def folder() -> Path | None:
    if os.environ.get("FACTLINT_NO_CACHE"):
        return None
    explicit = os.environ.get("FACTLINT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "factlint"


def key(sources: list[Path]) -> str:
    """What the compiled registers depend on, as one BLAKE2b digest."""
    from factlint._version import __version__

    digest = blake2b(digest_size=32)
    for part in (
        __version__,
        sys.version,
        str(getattr(re, "_compiler", None) and _engine_version()),
    ):
        digest.update(part.encode() + b"\0")
    for name in CODE:
        digest.update(_bytes(PACKAGE / name))
    digest.update(code_stamp())
    # The classes as this process has them in memory: a process started before an upgrade
    # reads the new files above but pickles its old objects, and must not write them under
    # the new key.
    digest.update(_shapes().encode())
    for path in sources:
        digest.update(str(path).encode() + b"\0" + _bytes(path) + b"\0")
    return digest.hexdigest()


_CODE_STAMP: list[bytes] = []  # computed once per process


def code_stamp() -> bytes:
    """The size and modification time of every module of factlint, as one digest: every
    entry's key holds it too. A key's own list of inputs names the code that makes the
    entry, but a helper that code calls in another module (a phrase's expansion, a
    tokenizer) is easily left out, and an edited copy of factlint would then read an entry
    made by its old code. An installed copy's modules keep their times, so its entries stay
    valid between runs; an edit, a checkout or an upgrade makes new keys."""
    if not _CODE_STAMP:
        digest = blake2b(digest_size=32)
        folders = [str(PACKAGE)]
        while folders:
            try:
                with os.scandir(folders.pop()) as scan:
                    entries = sorted(scan, key=lambda entry: entry.name)
            except OSError:  # (a package read from an archive has no folders to list)
                continue
            for entry in entries:
                if entry.name.endswith(".py"):
                    try:
                        status = entry.stat()
                    except OSError:
                        continue
                    stamp = f"{entry.path}\0{status.st_size}\0{status.st_mtime_ns}\n"
                    digest.update(stamp.encode("utf-8", "surrogatepass"))
                elif entry.name != "__pycache__" and entry.is_dir(follow_symlinks=False):
                    folders.append(entry.path)
        _CODE_STAMP.append(digest.digest())
    return _CODE_STAMP[0]


def _shapes() -> str:
    """The fields of every dataclass a compiled register is made of, as loaded."""
    import dataclasses

    shapes = []
    import importlib

    for module_name in SHAPED:
        module = importlib.import_module(module_name)  # (already imported by whoever asks)
        for name, value in sorted(vars(module).items()):
            if (
                isinstance(value, type)
                and dataclasses.is_dataclass(value)
                and value.__module__ == module_name
            ):
                shapes.append(
                    f"{module_name}.{name}({','.join(f.name for f in dataclasses.fields(value))})"
                )
    return ";".join(shapes)


def _bytes(path: Path) -> bytes:
    try:
        return blake2b(path.read_bytes(), digest_size=32).digest()
    except OSError:
        return b"missing"


def _engine_version() -> str:
    import _sre

    return f"{_sre.MAGIC}-{_sre.CODESIZE}"


SECRET = "secret"


def _private(where: Path) -> bool:
    """Whether the folder is this user's alone (POSIX): no one else can plant files in it."""
    try:
        status = os.stat(where)
    except OSError:
        return False
    if not hasattr(os, "geteuid"):
        return True
    return status.st_uid == os.geteuid() and not status.st_mode & 0o022


def _secret(where: Path, create: bool) -> bytes | None:
    """The key that signs this user's entries, or None when the folder or key cannot be
    trusted (another owner, open permissions, a link) or, unless `create`, there is none."""
    if not _private(where):
        return None
    path = where / SECRET
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)
    try:
        handle = os.open(path, flags)
    except FileNotFoundError:
        if not create:
            return None
        secret = os.urandom(32)
        try:
            handle = os.open(
                path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600
            )
        except OSError:
            return None
        with os.fdopen(handle, "wb") as stream:
            stream.write(secret)
        return secret
    except OSError:
        return None
    with os.fdopen(handle, "rb") as stream:
        status = os.fstat(stream.fileno())
        if hasattr(os, "geteuid") and (status.st_uid != os.geteuid() or status.st_mode & 0o077):
            return None
        secret = stream.read(64)
    return secret if len(secret) == 32 else None


def _signature(secret: bytes, payload: bytes) -> bytes:
    """BLAKE2b in its keyed mode, a MAC by design (RFC 7693): only the secret's holder
    can make the signature of a payload."""
    return blake2b(payload, key=secret, digest_size=32).digest()


def load(name: str, kind: type | tuple[type, ...] = object):
    """The object stored under `name`, or None when there is no usable entry (or the
    entry holds something other than a `kind`)."""
    where = folder()
    if where is None:
        return None
    secret = _secret(where, create=False)
    if secret is None:
        return None
    try:
        data = (where / f"{name}.pickle").read_bytes()
    except OSError:
        return None
    # (a view: a copy of the payload was megabytes more at the run's start)
    digest, payload = data[:32], memoryview(data)[32:]
    if len(digest) != 32 or not compare_digest(_signature(secret, payload), digest):
        return None
    try:
        value = pickle.loads(payload)
    except Exception:  # noqa: BLE001 - any failure means: compile instead
        return None
    return value if isinstance(value, kind) else None


def store(name: str, value) -> None:
    """Write an entry; a cache that cannot be written is no error, only slower."""
    where = folder()
    if where is None:
        return
    try:
        buffer = io.BytesIO()
        _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
        payload = buffer.getvalue()
        where.mkdir(mode=0o700, parents=True, exist_ok=True)
        secret = _secret(where, create=True)
        if secret is None:
            return  # a folder others can write to: run without a cache
        temporary = where / f".{name}.{os.getpid()}.tmp"
        temporary.write_bytes(_signature(secret, payload) + payload)
        os.replace(temporary, where / f"{name}.pickle")
        _prune(where, name.split("-")[0])
    except Exception:  # noqa: BLE001 - unpicklable, read-only disk...: run without it
        return


def _prune(where: Path, kind: str) -> None:
    entries = sorted(where.glob(f"{kind}-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[KEEP:]:
        old.unlink(missing_ok=True)


# -- shipped data files ----------------------------------------------------------------


def load_shipped_data(path: Path):
    """A YAML data file that ships with factlint (word lists, patterns, lexicons), parsed
    once and then read from the cache of compiled registers, keyed by the file's bytes:
    a one-file check does not import the YAML parser for them."""
    data = path.read_bytes()
    name = f"data_{path.parent.name}_{path.stem}-{digest_of(data)}"
    value = load(name, dict)  # every shipped data file is a mapping
    if value is None:
        import yaml

        value = yaml.load(data, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        store(name, value)
    return value


def digest_of(data: bytes) -> str:
    """A name for some bytes in the cache (40 hex digits)."""
    return blake2b(data, digest_size=20).hexdigest()


def remembered(label: str, inputs: tuple[bytes, ...], make, kind: type = object):
    """`make()`, computed once and then read from the cache: for what a rule derives from
    data that ships with factlint (compiled patterns, indexes), so that a one-file check
    does not build it again. The entry is keyed by `inputs` (the bytes it is made from:
    data files, the code that makes it, the regex module's version), factlint's version
    and Python's; anything else falls back to `make()`."""
    from factlint._version import __version__

    digest = blake2b(digest_size=20)
    for part in (__version__.encode(), sys.version.encode(), code_stamp(), *inputs):
        digest.update(blake2b(part, digest_size=32).digest())
    name = f"{label}-{digest.hexdigest()}"
    value = load(name, kind)
    if value is None:
        value = make()
        store(name, value)
    return value


def source_of(module_file: str) -> bytes:
    """The bytes of a module's source, for a key (b"" when only its bytecode is there)."""
    try:
        return Path(module_file).read_bytes()
    except OSError:
        return b""


# -- compiled regular expressions ----------------------------------------------------


class _Pickler(pickle.Pickler):
    def reducer_override(self, obj):
        if isinstance(obj, re.Pattern):
            return compiled_pattern, compiled_form(obj)
        return NotImplemented


def compiled_form(pattern: re.Pattern) -> tuple:
    """What CPython's regex compiler produces for a pattern (see re/_compiler.py compile())."""
    try:
        from re import _compiler, _parser

        parsed = _parser.parse(pattern.pattern, pattern.flags)
        code = _compiler._code(parsed, pattern.flags)
        groupindex = dict(parsed.state.groupdict)
        indexgroup = [None] * parsed.state.groups
        for group, index in groupindex.items():
            indexgroup[index] = group
        form = (
            pattern.flags | parsed.state.flags,
            array("I", code),  # a few thousand numbers: as an array, one value to read
            parsed.state.groups - 1,
            groupindex,
            tuple(indexgroup),
        )
    except Exception:  # noqa: BLE001 - another Python: keep the text only
        form = None
    return pattern.pattern, pattern.flags, form


def compiled_pattern(text, flags: int, form):
    if form is not None:
        try:
            import _sre

            flags_, code, *rest = form
            if isinstance(code, array):
                code = code.tolist()
            compiled = _sre.compile(text, flags_, code, *rest)
            if compiled.pattern == text and compiled.flags == form[0]:
                return compiled
        except Exception:  # noqa: BLE001 - the engine changed: compile from the text
            pass
    return re.compile(text, flags)
