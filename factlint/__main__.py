"""`python -m factlint` and the `factlint` command: the command line, started for speed.

A one-file check is mostly start-up, so the command starts and ends leaner than Python's
defaults:

- The garbage collector is off while the modules, compiled registers and rules load:
  they live until the run ends, and collecting while they are made only walks them again
  and again. `run_check` moves them out of the collector's sight (`gc.freeze`) and turns
  it back on before the first file, collecting young objects every 10,000 allocations
  instead of 700 (run.YOUNG_COLLECTION); every other command turns it on before it starts.
- The code of the dataclasses' methods is kept from one run to the next (startup.py).
- At the end, the output is flushed, exit handlers run, and the process ends without
  freeing every object one by one (the system takes the memory back at once).
"""

import gc
import os
import sys


def main() -> None:
    gc.disable()
    from factlint import startup

    startup.begin()
    try:
        from factlint.cli import run

        run()
    except SystemExit as stop:
        startup.end()
        _exit(stop)
    finally:
        startup.end()


def _exit(stop: SystemExit) -> None:
    """Exit with `stop`'s code without the interpreter's teardown, once everything is
    written; anything unusual (a message as the code, output that cannot be flushed)
    takes the normal way out."""
    code = 0 if stop.code is None else stop.code
    if not isinstance(code, int):
        raise stop
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        raise stop from None
    threading = sys.modules.get("threading")
    if threading is not None and threading.active_count() > 1:
        raise stop  # a thread still working (a pool being shut down) is waited for
    import atexit

    run_handlers = getattr(atexit, "_run_exitfuncs", None)
    if run_handlers is None:
        raise stop
    run_handlers()  # what registered to run at exit (coverage, logging...)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        os._exit(code)
    os._exit(code)


if __name__ == "__main__":
    main()
