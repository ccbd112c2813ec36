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


def run(*args, cwd):
    env = {**os.environ, "FACTLINT_NO_CACHE": "1"}
    return subprocess.run(
        [sys.executable, "-m", "factlint", "check", "--isolated", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
    )


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
