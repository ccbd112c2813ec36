"""The Python API: `factlint.lint`, `factlint.fix` and `Linter` give what the command line gives."""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

import factlint
from factlint.api import Linter, Selection
from factlint.config import Config
from factlint.findings import Finding, Severity
from factlint.yamlio import InputError

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SEEDS = ROOT.parent / "shared" / "seeds"
LUMIGLOW = ROOT / "tests" / "data" / "lumiglow" / "lumiglow.yaml"
SAFE = "Mesotherapy is completely safe."


def cli_json(*arguments: str, cwd: Path = ROOT, stdin: str | None = None) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "factlint", "check", "--format", "json", *arguments],
        capture_output=True,
        text=True,
        cwd=cwd,
        input=stdin,
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr
    return json.loads(done.stdout)


def test_the_one_liner_prints_the_absolute_claim():
    code = "import factlint; print(factlint.lint('Mesotherapy is completely safe.'))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "code='FC003'" in done.stdout and "text='completely safe'" in done.stdout


def test_import_factlint_loads_nothing_until_the_api_is_used():
    probe = (
        "import sys, factlint; "
        "print(sorted(m for m in sys.modules if m.startswith(('factlint', 'yaml', 'regex', 'click'))))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "['factlint', 'factlint._version']"


def test_the_package_exports_the_api():
    import factlint.cli  # every module the command line imports: none shadows the API
    import factlint.fix_files

    for name in factlint.__all__:
        assert getattr(factlint, name) is not None
    assert factlint.lint is factlint.api.lint and factlint.fix is factlint.api.fix
    assert factlint.Finding is Finding
    assert "lint" in dir(factlint)
    with pytest.raises(AttributeError):
        factlint.no_such_thing  # noqa: B018


def test_lint_gives_the_findings_the_command_line_gives_for_stdin():
    findings = factlint.lint(SAFE)
    assert [f.code for f in findings] == ["FC003"]
    assert findings[0].path == "-" and findings[0].text == "completely safe"
    assert [f.to_dict() for f in findings] == cli_json("-", "--isolated", stdin=SAFE)["findings"]


TEXTS = sorted(
    p for p in [*EXAMPLES.iterdir(), *SEEDS.iterdir()] if p.suffix in (".md", ".txt", ".html")
)


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_lint_gives_the_same_json_as_check_for_each_example_and_seed(path):
    findings = factlint.lint(path.read_bytes(), path=path.name)
    expected = cli_json(path.name, "--isolated", cwd=path.parent)["findings"]
    assert [f.to_dict() for f in findings] == expected
    assert findings or path.name == "patient-guide.md"  # the one example without findings


def test_the_kind_follows_the_path_or_is_given():
    fenced = f"```\n{SAFE}\n```\n"
    assert factlint.lint(fenced, path="page.md") == []  # code in Markdown is not prose
    assert [f.code for f in factlint.lint(fenced, kind="text")] == ["FC003"]
    assert factlint.lint(f"<p>{SAFE}</p><script>{SAFE}</script>", kind="html")[0].column == 19
    with pytest.raises(ValueError, match="unknown kind"):
        factlint.lint(SAFE, kind="docx")


def test_select_and_ignore_take_codes_or_prefixes():
    text = f"{SAFE} It  works."
    assert {f.code for f in factlint.lint(text)} == {"FC003", "DQ003"}
    assert {f.code for f in factlint.lint(text, select="DQ")} == {"DQ003"}
    assert {f.code for f in factlint.lint(text, ignore=["FC003"])} == {"DQ003"}
    # The longest matching prefix decides, as on the command line.
    assert {f.code for f in factlint.lint(text, select="FC,DQ", ignore="DQ003")} == {"FC003"}
    assert {f.code for f in factlint.lint(text, select="FC,DQ003", ignore="DQ")} == {
        "FC003",
        "DQ003",
    }
    with pytest.raises(InputError, match="unknown rule code 'XX9'"):
        factlint.lint(text, select="XX9")


def test_a_configuration_file_decides_severity_and_per_file_ignores(tmp_path):
    config = tmp_path / ".factlint.yaml"
    config.write_text("severity:\n  FC003: info\nper-file-ignores:\n  'drafts/*': [FC]\n")
    (finding,) = factlint.lint(SAFE, config=config)
    assert finding.severity is Severity.INFO
    assert factlint.lint(SAFE, config=config, path="drafts/a.txt") == []
    # The caller's selection goes over the file's, as --select goes over the configuration.
    assert (
        factlint.lint(SAFE, config=config, path="drafts/a.txt", select="FC003")[0].code == "FC003"
    )
    config.write_text("ignore: [XX1]\n")
    with pytest.raises(InputError, match="unknown rule code"):
        factlint.lint(SAFE, config=config)


def test_registers_are_chosen_like_on_the_command_line():
    text = "LumiGlow needs no eye protection."
    assert factlint.lint(text) == []  # the shipped register knows nothing of LumiGlow
    own = factlint.lint(text, registers=LUMIGLOW)
    assert [f.claim for f in own] == ["eye-safe"]
    folder = factlint.lint(text, registers=[LUMIGLOW.parent])
    assert folder == own
    assert factlint.lint(text, config=Config(registers=(LUMIGLOW,))) == own
    with pytest.raises(InputError):
        factlint.lint(text, registers=[ROOT / "no-such-register.yaml"])


def test_fix_applies_the_safe_fixes_and_returns_what_is_left(tmp_path):
    text = "Results last  for months .\nMesotherapy is completely safe.\n"
    fixed, left = factlint.fix(text, path="post.md")
    assert fixed == "Results last for months.\nMesotherapy is completely safe.\n"
    assert [f.code for f in left] == ["FC003"]
    # The same as `check --fix` writes.
    (tmp_path / "post.md").write_text(text)
    subprocess.run(
        [sys.executable, "-m", "factlint", "check", "--fix", "--isolated", "post.md"],
        cwd=tmp_path,
        capture_output=True,
        check=False,
    )
    assert (tmp_path / "post.md").read_text() == fixed
    assert factlint.fix(fixed, path="post.md") == (fixed, left)


def test_bad_text_is_an_input_error():
    with pytest.raises(InputError, match="binary"):
        factlint.lint(b"\x00\x01")
    with pytest.raises(InputError, match="UTF-8.*encoding= in the Python API"):
        factlint.lint(b"caf\xe9")


def test_bytes_in_another_encoding_are_read_in_the_encoding_named():
    text = "Mesotherapy is completely safe, says the caf\u00e9's owner."
    as_latin1 = factlint.lint(text.encode("latin-1"), encoding="latin-1")
    assert [f.code for f in as_latin1] == [f.code for f in factlint.lint(text)]
    assert any(f.code == "FC003" for f in as_latin1)


def test_a_linter_compiles_once_and_checks_many_texts():
    linter = Linter(select=["FC"])
    knowledge = linter.knowledge
    for number in range(3):
        assert [f.code for f in linter.lint(SAFE, path=f"{number}.txt")] == ["FC003"]
    assert linter.knowledge is knowledge


def test_a_pickled_linter_is_small_and_checks_the_same():
    linter = Linter(registers=[LUMIGLOW], ignore="DQ")
    data = pickle.dumps(linter)
    compiled = pickle.dumps(linter.knowledge)
    assert len(data) < 2000 < len(compiled) // 10, (len(data), len(compiled))
    text = "LumiGlow needs no eye protection.  Really."
    assert pickle.loads(data).lint(text) == linter.lint(text)


def test_a_pickled_linter_works_in_a_fresh_process(tmp_path):
    (tmp_path / "linter.pickle").write_bytes(pickle.dumps(Linter(select="FC003")))
    code = (
        "import pickle, sys; linter = pickle.load(open(sys.argv[1], 'rb')); "
        f"print([f.code for f in linter.lint({SAFE!r})], linter.register_paths[0].name)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "linter.pickle")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.split() == ["['FC003']", "mesotherapy.yaml"]


def test_a_pickled_linter_refuses_register_files_that_changed(tmp_path):
    register = tmp_path / "own.yaml"
    register.write_bytes(LUMIGLOW.read_bytes())
    data = pickle.dumps(Linter(registers=[register], core_pack=False))  # (only its own file)
    register.write_bytes(LUMIGLOW.read_bytes() + b"\n# edited\n")
    with pytest.raises(InputError, match="differ"):
        pickle.loads(data).lint("LumiGlow.")


def test_selection_reads_codes_as_the_command_line_does():
    assert Selection.of("FC, DQ001", ["DQ"]) == Selection(("FC", "DQ001"), ("DQ",), ())
    configured = Config(ignore=("FC001",))
    assert Selection.of(ignore="FC002").over(configured).ignore == ("FC001", "FC002")
    assert Selection.of(select="DQ").over(configured).select == ("DQ",)


def test_packs_are_chosen_like_on_the_command_line():
    promo, forever = "Book your Botox today.", "Permanently hair free after one session."
    assert factlint.lint(promo) == []
    (finding,) = factlint.lint(promo, packs="uk")
    assert finding.claim == "uk-prescription-medicine"
    assert [f.to_dict() for f in factlint.lint(promo, packs=["uk"])] == cli_json(
        "-", "--isolated", "--pack", "uk", stdin=promo
    )["findings"]
    assert [f.claim for f in factlint.lint(forever)] == ["core-permanence"]  # the core pack is on
    assert Linter(core_pack=False).lint(forever) == []
    assert factlint.lint(forever, config=Config(core_pack=False)) == []
    with pytest.raises(InputError, match="unknown pack 'xx'"):
        factlint.lint(promo, packs="xx")


def test_a_pickled_linter_finds_the_shipped_packs_in_its_own_installation():
    linter = Linter(packs="uk")
    assert [p.name for p in linter.register_paths] == ["mesotherapy.yaml", "core.yaml", "uk.yaml"]
    state = pickle.loads(pickle.dumps(linter)).__getstate__()
    assert state["register_paths"] == (
        ("shipped", "mesotherapy.yaml"),
        ("shipped", "packs/core.yaml"),
        ("shipped", "packs/uk.yaml"),
    )
    assert pickle.loads(pickle.dumps(linter)).lint("Book your Botox today.")[0].code == "FC003"
