"""proselint, run with a rule set equivalent to factlint's FC003 phrases, and nothing else.

Runs inside the benchmark's own environment (benchmarks/.venv, where proselint is
installed), never inside factlint's. It does what `proselint check PATH...` does
(proselint 0.16's `command_line.proselint`: `extract_files`, one `LintFile` per file,
`LintFile.lint(config)`, results written by proselint's logger), except that the
registry holds our checks instead of proselint's built-in ones:

- one `Check` per absolute claim of the register, of proselint's `Existence` type,
  which matches all of the claim's phrasings at once through the fast engine (an
  RE2 set), the way proselint's own phrase lists are matched (a claim with more
  phrasings than one set compiles takes a check per SET_SIZE of them);
- the phrasings are the regular expressions that `benchmarks/run.py` exports from the
  register (`--phrases FILE`, JSON: [{"id", "property", "patterns": [...]}]).

    benchmarks/.venv/bin/python benchmarks/proselint_fc003.py --phrases FILE PATH...

Prints proselint's usual `path:line:col: check: message` lines on stdout and the
number of results on stderr.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from proselint.config import Config
from proselint.log import OutputFormat, log
from proselint.registry import CheckRegistry
from proselint.registry.checks import Check, types
from proselint.tools import LintFile, extract_files

PREFIX = "factlint"


# RE2 refuses to compile a set past its default memory budget (a claim of 1,800 phrasings
# did); a claim's phrasings go into sets of at most this many, one check each.
SET_SIZE = 500


def checks_from(phrases: list[dict]) -> tuple[Check, ...]:
    return tuple(
        Check(
            check_type=types.Existence(items=tuple(claim["patterns"][start : start + SET_SIZE])),
            path=f"{PREFIX}.{claim['id']}" + (f"-{start // SET_SIZE}" if start else ""),
            message=f"'{{}}' is an absolute claim the sources contradict ({claim['property']})",
        )
        for claim in phrases
        for start in range(0, len(claim["patterns"]), SET_SIZE)
    )


def main() -> int:
    parser = argparse.ArgumentParser(description="proselint with factlint's FC003 phrasings")
    parser.add_argument("--phrases", type=Path, required=True)
    parser.add_argument("paths", nargs="+", type=Path)
    args = parser.parse_args()

    log.setup(verbose=False, fmt=OutputFormat.FULL)
    CheckRegistry().register_many(checks_from(json.loads(args.phrases.read_text("utf-8"))))
    config = Config(max_errors=1000, checks={PREFIX: True})

    count = 0
    for lint_file in map(LintFile, extract_files(args.paths)):
        results = lint_file.lint(config)
        count += len(results)
        log.write_results(log.format_source(lint_file.source), results)
    log.flush()
    print(f"{count} results", file=sys.stderr)
    return 1 if count else 0


if __name__ == "__main__":
    sys.exit(main())
