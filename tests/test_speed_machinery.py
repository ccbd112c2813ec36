"""What makes runs fast must not change what they find: several processes give the output
of one, and the cache of compiled registers is used only when it is valid."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from conftest import LUMIGLOW, ROOT

from factlint import cache
from factlint.knowledge import load_knowledge
from factlint.run import MANY_FILES, _cpus, jobs_for

# -- several processes ------------------------------------------------------------------


@pytest.fixture
def folder(tmp_path):
    """Texts with findings, clean texts, one not UTF-8 and one that is no text at all."""
    content = tmp_path / "content"
    for number, example in enumerate(sorted((ROOT / "examples").iterdir())):
        for copy in range(4):
            target = content / f"part{copy}" / f"{number}-{example.name}"
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(example, target)
    (content / "part0" / "clean.md").write_text("Nothing to say about numbers here.\n")
    (content / "part1" / "latin1.txt").write_bytes(
        "caf\xe9 au lait, 3 sessions\n".encode("latin-1")
    )
    (content / "part2" / "binary.md").write_bytes(b"\x00\x01\x02 binary")
    return content


def run(*args, cwd, cache=False):
    env = {**os.environ} if cache else {**os.environ, "FACTLINT_NO_CACHE": "1"}
    return subprocess.run(
        [sys.executable, "-m", "factlint", "check", "--isolated", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
    )


@pytest.mark.slow
@pytest.mark.parametrize("output_format", ["text", "json"])
def test_two_processes_give_the_output_of_one(folder, output_format):
    one = run("--jobs", "1", "--format", output_format, "content", cwd=folder.parent)
    two = run("--jobs", "2", "--format", output_format, "content", cwd=folder.parent)
    assert one.returncode == 1
    assert "binary file" in one.stderr  # the notice about the file it skipped
    assert (two.returncode, two.stdout, two.stderr) == (one.returncode, one.stdout, one.stderr)


def test_the_default_is_one_process_for_few_files_and_one_per_cpu_for_many():
    assert jobs_for(None, 1) == 1
    assert jobs_for(None, MANY_FILES - 1) == 1
    assert jobs_for(None, 1000) == _cpus() >= 1
    assert jobs_for(4, 2) == 2  # never more processes than files
    assert jobs_for(3, 0) == 1


@pytest.mark.parametrize("count, jobs", [(1, 2), (7, 2), (100, 2), (2000, 2), (999, 3)])
def test_files_go_to_the_workers_in_order_in_runs_that_shrink_towards_the_end(count, jobs):
    from factlint.run import chunks

    runs = chunks(count, jobs)
    assert [start for start, _ in runs] == [0] + [end for _, end in runs[:-1]]
    assert runs[-1][1] == count
    sizes = [end - start for start, end in runs]
    assert max(sizes) <= 16 and sizes == sorted(sizes, reverse=True)
    assert sizes[-jobs:] == [1] * min(jobs, len(sizes))  # no worker waits on a long last run


# -- the cache of compiled registers --------------------------------------------------------


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("FACTLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("FACTLINT_NO_CACHE", raising=False)
    return tmp_path / "cache"


@pytest.fixture
def register(tmp_path):
    path = tmp_path / "lumiglow.yaml"
    shutil.copy(LUMIGLOW, path)
    return path


def entries(cache_dir):
    return sorted(cache_dir.glob("knowledge-*.pickle"))


def compiles(monkeypatch) -> list:
    """Count the compilations that load_knowledge does from here on."""
    import factlint.knowledge as knowledge

    calls = []
    real = knowledge.compile_knowledge
    monkeypatch.setattr(knowledge, "compile_knowledge", lambda regs: calls.append(1) or real(regs))
    return calls


def test_a_second_load_comes_from_the_cache_and_matches_the_same(cache_dir, register, monkeypatch):
    first = load_knowledge([register])
    assert len(entries(cache_dir)) == 1
    calls = compiles(monkeypatch)
    second = load_knowledge([register])
    assert calls == []
    assert second is not first
    assert second.claims.keys() == first.claims.keys()
    text = "It lasts 3 to 5 months, about twice a week, since 1991; 2 mm (0.08 in) deep."
    for name in ("frequency", "quantity", "year"):
        old, new = getattr(first.grammar, name), getattr(second.grammar, name)
        assert (new.pattern, new.flags, new.groupindex) == (old.pattern, old.flags, old.groupindex)
        assert [m.groupdict() for m in new.finditer(text)] == [
            m.groupdict() for m in old.finditer(text)
        ]


@pytest.mark.slow  # it watches every call while all the shipped registers compile
def test_every_module_that_runs_while_registers_compile_is_in_the_cache_key(tmp_path):
    # An entry is keyed by the code that makes it: a module left out of cache.CODE could change
    # what a compiled register holds (a claim's pattern, an evidence line) and the stale entry
    # would still be read. Watched in a fresh process, so that nothing is remembered already.
    script = (
        "import sys\n"
        "from factlint.api import resolve_registers, _config\n"
        "from factlint.knowledge import compile_knowledge\n"
        "from factlint.register.load import load_register\n"
        "paths = resolve_registers(None, _config(None), ['uk', 'eu', 'us'], None)\n"
        "seen = set()\n"
        "sys.setprofile(lambda frame, event, arg: seen.add(frame.f_code.co_filename))\n"
        "compile_knowledge([load_register(p) for p in paths])\n"
        "sys.setprofile(None)\n"
        "print('\\n'.join(sorted(seen)))\n"
    )
    env = {**os.environ, "FACTLINT_NO_CACHE": "1"}
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    package = cache.PACKAGE.as_posix() + "/"
    ran = {f[len(package) :] for f in result.stdout.split() if f.startswith(package)}
    assert "register/load.py" in ran and "extract/phrases.py" in ran  # the watch works
    assert ran - set(cache.CODE) == set()


def test_a_changed_register_is_compiled_again(cache_dir, register, monkeypatch):
    load_knowledge([register])
    calls = compiles(monkeypatch)
    register.write_text(register.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    load_knowledge([register])
    assert calls == [1]
    assert len(entries(cache_dir)) == 2


def test_another_version_of_factlint_does_not_read_the_entry(cache_dir, register, monkeypatch):
    load_knowledge([register])
    calls = compiles(monkeypatch)
    monkeypatch.setattr("factlint._version.__version__", "0.0.0-other")
    load_knowledge([register])
    assert calls == [1]


def test_an_edited_module_of_factlint_does_not_read_the_entry(cache_dir, register, monkeypatch):
    # Any module, not only those the key names by their bytes: the registers' entry and an
    # entry a rule derives (`remembered`) are both made again.
    from factlint import cache

    load_knowledge([register])
    made = []
    cache.remembered("derived", (b"input",), lambda: made.append(1) or "value", str)
    calls = compiles(monkeypatch)
    monkeypatch.setattr(cache, "_CODE_STAMP", [b"a module was edited"])
    load_knowledge([register])
    cache.remembered("derived", (b"input",), lambda: made.append(1) or "value", str)
    assert calls == [1]
    assert made == [1, 1]


def test_the_code_stamp_changes_with_any_module_and_only_with_modules(tmp_path, monkeypatch):
    from factlint import cache

    package = tmp_path / "package"
    (package / "rules").mkdir(parents=True)
    (package / "rules" / "helper.py").write_text("X = 1\n")
    (package / "data.yaml").write_text("a: 1\n")

    def stamp() -> bytes:
        monkeypatch.setattr(cache, "PACKAGE", package)
        monkeypatch.setattr(cache, "_CODE_STAMP", [])
        return cache.code_stamp()

    first = stamp()
    assert stamp() == first
    (package / "data.yaml").write_text("a: 2, b: 3\n")  # (data files have keys of their own)
    assert stamp() == first
    (package / "rules" / "helper.py").write_text("X = 22\n")
    assert stamp() != first
    edited = stamp()
    (package / "rules" / "__pycache__").mkdir()
    (package / "rules" / "__pycache__" / "helper.py").write_text("")
    assert stamp() == edited


def test_a_process_whose_classes_differ_does_not_read_the_entry(cache_dir, register, monkeypatch):
    # A process started before an upgrade holds the old classes in memory while the files
    # on disk are new: its entries must not be read by the new code, nor the new ones by it.
    import dataclasses

    import factlint.lexicon

    load_knowledge([register])
    calls = compiles(monkeypatch)
    grown = dataclasses.make_dataclass("Lexicon", [("extra", int)])
    grown.__module__ = "factlint.lexicon"
    monkeypatch.setattr(factlint.lexicon, "Lexicon", grown)
    load_knowledge([register])
    assert calls == [1]


@pytest.mark.parametrize("damage", ["flip", "truncate", "empty", "garbage-with-digest"])
def test_a_damaged_entry_is_never_used_and_is_written_again(
    cache_dir, register, monkeypatch, damage
):
    import hashlib
    import pickle

    load_knowledge([register])
    (entry,) = entries(cache_dir)
    data = entry.read_bytes()
    if damage == "flip":
        data = data[:-10] + bytes([data[-10] ^ 0xFF]) + data[-9:]
    elif damage == "truncate":
        data = data[: len(data) // 2]
    elif damage == "empty":
        data = b""
    else:  # a valid digest over something that is not compiled registers
        payload = pickle.dumps({"not": "knowledge"})
        data = hashlib.sha256(payload).digest() + payload
    entry.write_bytes(data)
    calls = compiles(monkeypatch)
    knowledge = load_knowledge([register])
    assert calls == [1]
    assert "origin-year" in knowledge.claims
    assert cache.load(entry.stem) is not None  # rewritten, usable again


def test_no_cache_when_turned_off(cache_dir, register, monkeypatch):
    monkeypatch.setenv("FACTLINT_NO_CACHE", "1")
    load_knowledge([register])
    assert not cache_dir.exists()


def test_an_unwritable_cache_is_only_slower(tmp_path, register, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("FACTLINT_CACHE_DIR", str(blocker / "cache"))
    assert load_knowledge([register]).claims


def test_dq005_patterns_come_back_from_the_cache_compiled_and_match_the_same(
    cache_dir, monkeypatch
):
    from factlint.rules import dq005_scraped_boilerplate as dq005

    fresh = dq005._compile_shipped()
    dq005.shipped.cache_clear()
    first = dq005.shipped()
    assert list(cache_dir.glob("dq005-*.pickle"))
    made = []
    monkeypatch.setattr(dq005, "_compile_shipped", lambda: made.append(1) or fresh)
    dq005.shipped.cache_clear()
    second = dq005.shipped()
    dq005.shipped.cache_clear()
    assert made == []  # read from the cache, not compiled again
    lines = ["Share on Facebook", "Read more", "Leave a comment", "The effect lasts a year."]
    for (name, old), (again, new) in zip(fresh, second, strict=True):
        assert (again, new.pattern, new.flags) == (name, old.pattern, old.flags)
        assert [bool(new.fullmatch(line)) for line in lines] == [
            bool(old.fullmatch(line)) for line in lines
        ]
    assert [name for name, _ in first] == [name for name, _ in fresh]


def test_the_word_list_split_a_group_at_a_time_knows_exactly_the_words_of_its_file(
    cache_dir, monkeypatch
):
    """The word list splits a group of words only when a word of that group is looked up
    (words.py); it must know what a plain reading of the whole file knows, whether the
    groups' places come from the cache or were just computed."""
    from factlint import words

    plain = {}
    for section in (words.WORDS_DIR / "en.txt").read_text("utf-8").split("\n@")[1:]:
        name, _, body = section.partition("\n")
        plain[name.strip()] = set(body.split())
    assert plain["common"] and plain["word"] and plain["name"]
    for attempt in ("computed", "cached"):
        words.word_list.cache_clear()
        listed = words.word_list("en")
        assert list(cache_dir.glob("words-*.pickle"))
        for sorted_words, known in (
            (listed.ordinary, plain["common"] | plain["word"]),
            (listed.common, plain["common"]),
            (listed.names, plain["name"]),
        ):
            assert all(word in sorted_words for word in known), attempt
            unknown = [w + "q" for w in known] + [w[:-1] for w in known] + ["", "q", "ß", "\u00e9"]
            assert [w in sorted_words for w in unknown] == [w in known for w in unknown], attempt
    words.word_list.cache_clear()


# -- start-up and exit of the command ------------------------------------------------------


def test_the_quick_exit_writes_all_the_output_and_keeps_the_exit_code(folder):
    """`python -m factlint` ends without the interpreter's teardown (__main__.py): the output,
    long and written through a pipe, must still arrive whole, with the exit code."""
    import json

    from click.testing import CliRunner

    from factlint.cli import main

    old = os.getcwd()
    try:
        os.chdir(folder.parent)
        in_process = CliRunner().invoke(
            main, ["check", "--isolated", "--format", "json", "content"]
        )
    finally:
        os.chdir(old)
    # (with the cache: the compiled registers the run above used or stored)
    shown = run("--format", "json", "content", cwd=folder.parent, cache=True)
    assert shown.returncode == 1
    records = json.loads(shown.stdout)
    assert records == json.loads(in_process.stdout)
    assert len(shown.stdout) > 10_000
    usage = run("--select", "XX999", "content", cwd=folder.parent)
    assert usage.returncode == 2 and usage.stdout == ""


# -- the benchmark's table (benchmarks/run.py), on made-up figures --------------------------


@pytest.fixture(scope="module")
def bench():
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "benchmarks" / "run.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_run"] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    yield module
    del sys.modules["bench_run"]


def test_a_tool_that_crashes_stops_the_benchmark_instead_of_being_timed(
    bench, tmp_path, monkeypatch
):
    # An uncaught exception exits with 1, which for a linter also means "findings".
    monkeypatch.setattr(bench, "WORK", tmp_path)
    crash = [sys.executable, "-c", "raise RuntimeError('failed to compile Set')"]
    with pytest.raises(SystemExit, match="failed to compile Set"):
        bench.run_once(bench.Case("corpus-p", "proselint", "corpus", crash, 1))
    reports = [sys.executable, "-c", "import sys; print('3 results', file=sys.stderr); sys.exit(1)"]
    fine = bench.Case("corpus-p", "proselint", "corpus", reports, 1)
    bench.run_once(fine)
    assert fine.findings == 3 and len(fine.cpus) == 1


def measured(bench, key, cpus, walls=None, size=1_000_000, rss_mib=30, tool="factlint"):
    case = bench.Case(key, tool, key, [], size)
    case.cpus, case.walls = list(cpus), list(walls or cpus)
    case.rss = [rss_mib * 1024] * len(case.cpus)
    return case


def made_up(bench, **changes):
    """A run in which every target is met, with `changes` (key -> CPU seconds, the same in
    every round) applied."""
    cpu = {
        "corpus-p": 2.0,
        "all-j1": 7.0,
        "fc003": 3.0,
        "dq": 4.0,
        "half-j1": 3.5,
        "half-b": 3.5,
        "one-p": 0.08,
        "one": 0.11,
        "long1": 1.0,
        "long2": 2.0,
        "line": 1.0,
    }
    cpu.update(changes)
    cases = [
        measured(bench, key, [seconds * 0.9, seconds, seconds * 1.5], size=8_000_000)
        for key, seconds in cpu.items()
    ]
    cases[1].size = 14_000_000  # the corpus: 2 MB/s per core at 7 s
    # --jobs 2 gets 1.8× where the arithmetic gets 1.85×: 0.973 of it.
    cases.append(measured(bench, "all-j2", [7.2], walls=[7.0 / 1.8]))
    cases.append(measured(bench, "cpu-1", [1.0], walls=[1.85], tool="python"))
    cases.append(measured(bench, "cpu-2", [1.0], walls=[1.0], tool="python"))
    for case in cases:
        if case.key in ("all-j1", "half-j1"):
            case.walls = [7.0] if case.key == "all-j1" else [3.5]
    return cases


def test_every_target_is_met_by_a_run_within_every_limit(bench):
    found = bench.targets(made_up(bench))
    assert [t.met for t in found] == [True] * len(found)
    shown = {t.label: t.shown for t in found}
    assert shown["`--select FC003` ≤ 1.5× proselint (same phrasings)"] == "1.500×"
    assert shown["every rule ≤ 4× proselint (aim 3×)"] == "3.500× (2.00 MB/s per core)"
    assert shown["`--jobs 2` speed-up ≥ 0.97 of 2 processes of arithmetic (wall)"] == (
        "0.973 (1.800× vs 1.850×)"
    )
    rows = bench.target_table(found).splitlines()[2:]  # below the header
    assert len(rows) == len(found) and all(row.endswith("| met |") for row in rows)


@pytest.mark.parametrize(
    "changes, missed",
    [
        ({"fc003": 3.01}, "`--select FC003`"),  # just over 1.5× proselint
        ({"all-j1": 8.01, "half-j1": 4.0, "half-b": 4.0}, "every rule"),
        ({"dq": 4.3}, "`--select DQ`"),  # 0.614 of every rule
        ({"one": 0.121}, "one file"),
        ({"half-j1": 3.3, "half-b": 3.3}, "linear: 2× the corpus"),
        ({"long2": 2.2}, "linear: 2× one article"),
    ],
)
def test_a_target_missed_says_no_and_only_that_one(bench, changes, missed):
    found = bench.targets(made_up(bench, **changes))
    assert [t.label for t in found if not t.met] == [
        t.label for t in found if t.label.startswith(missed)
    ]
    assert len([t for t in found if not t.met]) == 1


def test_the_whole_corpus_is_compared_with_its_halves_round_by_round(bench):
    cases = {c.key: c for c in made_up(bench)}
    # The machine ran a third slower in the last round, for the whole and its halves alike;
    # half (a) is the larger half. Compared round by round, the growth is exactly linear.
    cases["all-j1"].cpus = [7.0, 7.0, 9.33]
    cases["half-j1"].cpus = [4.0, 4.0, 5.33]
    cases["half-b"].cpus = [3.0, 3.0, 4.0]
    (linear,) = [
        t
        for t in bench.targets(list(cases.values()))
        if t.label.startswith("linear: 2× the corpus")
    ]
    assert linear.met and linear.shown == "2.000×"
    cases["all-j1"].cpus = [7.5, 7.5, 10.0]  # the whole costs more than its halves: 2.143×
    (linear,) = [
        t
        for t in bench.targets(list(cases.values()))
        if t.label.startswith("linear: 2× the corpus")
    ]
    assert not linear.met and linear.shown == "2.143×"


def test_jobs_are_measured_against_what_the_machine_gave_two_processes(bench):
    cases = made_up(bench)
    for case in cases:
        if case.key == "cpu-1":
            case.walls = [1.95]  # the arithmetic got 1.95×; --jobs 2 still 1.8×: 0.923
    (jobs,) = [t for t in bench.targets(cases) if t.label.startswith("`--jobs 2`")]
    assert not jobs.met and jobs.shown == "0.923 (1.800× vs 1.950×)"


def test_ratios_are_of_the_median_cpu_time_and_rss_of_the_largest_process(bench):
    cases = made_up(bench)
    by_key = {c.key: c for c in cases}
    by_key["dq"].rss = [70 * 1024]  # one round's peak is enough to miss
    by_key["fc003"].cpus = [1.0, 3.0, 99.0]  # a round disturbed by other work
    found = {t.label: t for t in bench.targets(cases)}
    assert found["peak RSS on the corpus ≤ 60 MiB"].shown == "70.0 MiB"
    assert not found["peak RSS on the corpus ≤ 60 MiB"].met
    assert found["`--select FC003` ≤ 1.5× proselint (same phrasings)"].value == 1.5


def test_a_case_not_measured_is_not_met(bench):
    cases = [c for c in made_up(bench) if c.key not in ("long1", "long2", "line")]
    found = {t.label: t for t in bench.targets(cases)}
    article = found["linear: 2× one article (1 → 2 MB) → ≤ 2.1× the CPU time"]
    assert (article.shown, article.met) == ("not measured", False)
    assert "| not measured | no |" in bench.target_table(list(found.values()))


def test_the_table_shows_wall_and_cpu_time_rate_per_core_and_the_ratio_to_proselint(bench):
    rows = bench.table(made_up(bench)).splitlines()
    (corpus,) = [row for row in rows if row.startswith("| all-j1 |")]
    # wall 7 s, CPU 7 s (median of 6.3, 7, 10.5), 14 MB: 2 MB/s per core, 3.5× proselint's 2 s
    assert corpus == "| all-j1 | factlint | 7.000 | 7.000 | 2.00 | 30 | – | 3.50× |"


def test_dataclass_methods_compiled_once_behave_as_compiled_each_time(monkeypatch):
    import dataclasses

    from factlint.startup import CompiledSource

    def make():
        @dataclasses.dataclass(frozen=True, order=True)
        class Span:
            start: int
            end: int = 0
            label: str = dataclasses.field(default="", compare=False)

        return Span

    first = CompiledSource({})
    monkeypatch.setattr(dataclasses, "exec", first, raising=False)
    make()
    assert first.new  # __init__, __repr__, __eq__, the orderings...
    again = CompiledSource(dict(first.new))
    monkeypatch.setattr(dataclasses, "exec", again)
    span = make()
    assert again.new == {}  # nothing compiled: every method came from the kept code
    monkeypatch.delattr(dataclasses, "exec")
    plain = make()
    for made in (span, plain):
        one, two = made(1, 2, "a"), made(1, 3)
        assert (repr(one), one == made(1, 2, "b"), one < two) == (
            f"{made.__qualname__}(start=1, end=2, label='a')",
            True,
            True,
        )
        with pytest.raises(dataclasses.FrozenInstanceError):
            one.start = 5


def test_the_command_keeps_the_compiled_code_for_the_next_run(tmp_path):
    env = {**os.environ, "FACTLINT_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("FACTLINT_NO_CACHE", None)
    command = [sys.executable, "-m", "factlint", "check", "--isolated", str(ROOT / "examples")]
    first = subprocess.run(command, capture_output=True, text=True, env=env)
    kept = sorted((tmp_path / "cache").glob("code-*.pickle"))
    kept += sorted((tmp_path / "cache").glob("re-patterns-*.pickle"))
    kept += sorted((tmp_path / "cache").glob("regex-patterns-*.pickle"))
    assert len(kept) == 3
    written = [path.stat().st_mtime_ns for path in kept]
    second = subprocess.run(command, capture_output=True, text=True, env=env)
    assert (second.returncode, second.stdout) == (first.returncode, first.stdout)
    # Nothing new to keep: all of it was reused.
    assert [path.stat().st_mtime_ns for path in kept] == written


def test_the_regex_module_is_imported_only_by_runs_that_use_it(tmp_path):
    """Even once a run that used it has kept its patterns (read again when it is imported)."""
    env = {**os.environ, "FACTLINT_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("FACTLINT_NO_CACHE", None)
    text = str(ROOT / "examples" / "salon-promo.md")
    for args, imports_regex in [
        (["check", "--isolated", text], True),  # every rule: keeps the patterns
        (["check", "--isolated", "--select", "FC", text], False),
        (["--version"], False),
        (["check", "--isolated", "--select", "DQ", text], True),
    ]:
        command = [sys.executable, "-X", "importtime", "-m", "factlint", *args]
        done = subprocess.run(command, capture_output=True, text=True, env=env)
        imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()}
        assert ("regex" in imported) == imports_regex, args
        assert "Traceback" not in done.stderr


def test_kept_patterns_are_what_compile_gives_back_and_match_the_same(monkeypatch):
    import re

    import regex
    import regex._main

    from factlint import cache, startup

    texts = [(r"(?P<n>\d+)\s*(?:mm|cm)\b", re.IGNORECASE), (r"^\s*[-*]\s+", re.MULTILINE)]
    plain = [re.compile(text, flags) for text, flags in texts]
    kept_re = {(str, text, flags): cache.compiled_form(p) for (text, flags), p in zip(texts, plain)}
    loose = regex.compile(r"(?<=\p{L})-(?=\p{L})", regex.V0)
    key = next(k for k, v in regex._main._cache.items() if v is loose)
    monkeypatch.setattr(re, "_cache", {})
    monkeypatch.setattr(regex._main, "_cache", {})
    monkeypatch.setattr(startup, "_PATTERNS", [])
    kept_regex = {key: pickle_round_trip(loose)}
    startup._restore_re(kept_re)
    startup._PATTERNS.append({"re": kept_re, "regex": kept_regex, "version": regex.__version__})
    startup.settled()
    for (text, flags), old in zip(texts, plain):
        new = re.compile(text, flags)
        assert new is re._cache[(str, text, flags)]  # found, not compiled again
        sample = "3 mm, 12 CM and\n - a list"
        assert [m.span() for m in new.finditer(sample)] == [m.span() for m in old.finditer(sample)]
    again = regex.compile(r"(?<=\p{L})-(?=\p{L})", regex.V0)
    assert again is kept_regex[key]
    assert again.findall("well-known 3-4 anti-aging") == loose.findall("well-known 3-4 anti-aging")


def pickle_round_trip(value):
    import pickle

    return pickle.loads(pickle.dumps(value))


def test_the_built_in_hashes_the_cache_uses_are_the_standard_ones():
    """cache.py takes SHA-256 and BLAKE2b from Python's built-in modules, not hashlib (which
    loads OpenSSL): the findings' fingerprints and the cache's MAC must be the standard
    ones whichever module gives them."""
    import hashlib
    import hmac

    secret = os.urandom(32)
    for data in (b"", b"FC001\0text", os.urandom(1000)):
        assert cache.sha256(data).hexdigest() == hashlib.sha256(data).hexdigest()
        assert (
            cache._signature(secret, data)
            == hashlib.blake2b(data, key=secret, digest_size=32).digest()
        )
        assert cache.compare_digest(cache._signature(secret, data), cache._signature(secret, data))
        assert not cache.compare_digest(
            cache._signature(secret, data), hmac.digest(secret, data, "sha256")
        )


def test_every_dataclass_has_a_docstring():
    """A dataclass without a docstring gets one computed from its signature when the class
    is made (inspect.signature), at every start of the command: each has its own."""
    import ast

    missing = []
    for path in sorted((ROOT / "factlint").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ClassDef) or ast.get_docstring(node):
                continue
            for decorator in node.decorator_list:
                target = decorator.func if isinstance(decorator, ast.Call) else decorator
                if getattr(target, "id", getattr(target, "attr", None)) == "dataclass":
                    missing.append(f"{path.relative_to(ROOT)}: {node.name}")
    assert missing == []
