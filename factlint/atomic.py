"""Write files so a reader never sees half of one: a temporary file, then a rename."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO


def write_atomic(
    path: Path, text: str | bytes, encoding: str = "utf-8", newline: str | None = None
) -> None:
    data = text.encode(encoding) if isinstance(text, str) else text
    with open_atomic(path) as stream:
        stream.write(data)


@contextlib.contextmanager
def open_atomic(path: Path) -> Iterator[BinaryIO]:
    """A binary stream whose bytes replace `path` when the block ends without an error;
    after an error (or an interruption) the file is as it was."""
    folder = path.parent if str(path.parent) else Path(".")
    owner = None
    if path.exists():
        status = path.stat()
        mode = status.st_mode & 0o7777  # a rewritten file keeps its permissions
        owner = (status.st_uid, status.st_gid)  # and its owner (root rewriting a user's file)
    else:
        mode = 0o666 & ~_umask()  # a new one gets what open() would give it, not mkstemp's 0600
    handle, temporary = _create(folder, path.name)
    try:
        with os.fdopen(handle, "wb") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        if owner is not None and hasattr(os, "chown") and owner != (os.geteuid(), os.getegid()):
            try:
                os.chown(temporary, *owner)
            except OSError:
                pass  # only root may give a file away; then the file is the writer's, as any editor's
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise
    finally:
        _UNFINISHED.discard(temporary)


# Temporary files being written. An interruption can land where no `except` above sees it
# (in tempfile's or contextlib's own code, which run outside the `try`); the command line
# removes what is left here on its way out (remove_unfinished).
_UNFINISHED: set[str] = set()


def _create(folder: Path, name: str) -> tuple[int, str]:
    """A new temporary file beside `name`, recorded before it exists."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        temporary = os.path.join(folder, f".{name}.{os.urandom(4).hex()}.tmp")
        _UNFINISHED.add(temporary)
        try:
            return os.open(temporary, flags, 0o600), temporary
        except FileExistsError:
            _UNFINISHED.discard(temporary)
    raise FileExistsError(f"no free temporary name beside {name}")


def remove_unfinished() -> None:
    """Remove the temporary files an interrupted run was still writing."""
    while _UNFINISHED:
        try:
            os.unlink(_UNFINISHED.pop())
        except OSError:
            pass


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
