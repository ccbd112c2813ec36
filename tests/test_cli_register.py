"""End-to-end: `factlint register validate | show | schema` and their errors."""

from __future__ import annotations

import hashlib
import json
import shutil

import pytest
from click.testing import CliRunner
from conftest import LUMIGLOW

from factlint.cli import main


def invoke(args):
    return CliRunner().invoke(main, args)


@pytest.fixture
def register_copy(tmp_path):
    """A copy of the test register with its sources, to break in tests."""
    folder = tmp_path / "reg"
    shutil.copytree(LUMIGLOW.parent, folder)
    return folder / "lumiglow.yaml"


def test_valid_register(register_copy):
    result = invoke(["register", "validate", str(register_copy)])
    assert result.exit_code == 0, result.output
    assert "1 register valid (16 claims)." in result.output


def test_malformed_yaml_names_file_and_line(register_copy):
    register_copy.write_text(register_copy.read_text() + "claims: [unclosed\n")
    result = invoke(["register", "validate", str(register_copy)])
    assert result.exit_code == 2
    first = result.output.splitlines()[0]
    assert first.startswith(f"{register_copy}:") and "malformed YAML" in first
    assert "Traceback" not in result.output


def test_unknown_key_and_duplicate_id(register_copy):
    text = register_copy.read_text()
    text = text.replace("  - id: first-panel-year", "  - id: origin-year")
    text = text.replace(
        "    property: wavelength of the light",
        "    property: wavelength of the light\n    colour: red",
    )
    register_copy.write_text(text)
    result = invoke(["register", "validate", str(register_copy)])
    assert result.exit_code == 2
    assert "unknown key 'colour'" in result.output
    assert "duplicate claim id 'origin-year'" in result.output
    lines = [line for line in result.output.splitlines() if "colour" in line]
    line_number = int(lines[0].split(":")[1])
    assert register_copy.read_text().splitlines()[line_number - 1].strip() == "colour: red"


def test_quote_not_on_cited_line(register_copy):
    register_copy.write_text(
        register_copy.read_text().replace('quote: "about 20 minutes"', 'quote: "about 25 minutes"')
    )
    result = invoke(["register", "validate", str(register_copy)])
    assert result.exit_code == 2
    assert (
        "quote 'about 25 minutes' is not on line 4 of source 's1'; it is on no line"
        in result.output
    )
    assert result.output.count("about 25 minutes") == 1  # reported once, however often it is read
    # at the register line the quote is written on, not the claim's first line
    (line,) = [x for x in result.output.splitlines() if "about 25 minutes" in x]
    number = int(line.split(":")[1])
    assert "about 25 minutes" in register_copy.read_text().splitlines()[number - 1]


def test_a_quote_on_another_line_says_which(register_copy):
    register_copy.write_text(
        register_copy.read_text().replace('quote: "about 20 minutes"', 'quote: "6 to 8 sessions"')
    )
    result = invoke(["register", "validate", str(register_copy)])
    assert "is not on line 4 of source 's1'; it is on line 3" in result.output


def test_sha256_mismatch(register_copy):
    source = register_copy.parent / "sources" / "s2_magazine.txt"
    source.write_text(source.read_text() + "edited\n")
    result = invoke(["register", "validate", str(register_copy)])
    assert result.exit_code == 2 and "sha256 of s2_magazine.txt" in result.output


def test_missing_source_is_an_error_unless_no_sources(register_copy):
    (register_copy.parent / "sources" / "s2_magazine.txt").unlink()
    strict = invoke(["register", "validate", str(register_copy)])
    assert strict.exit_code == 2
    assert "file 's2_magazine.txt' not found" in strict.output and "--no-sources" in strict.output
    relaxed = invoke(["register", "validate", "--no-sources", str(register_copy)])
    assert relaxed.exit_code == 0 and "its quotes were not checked" in relaxed.output


def test_sources_dir_may_be_absolute(register_copy, tmp_path):
    moved = tmp_path / "elsewhere"
    shutil.move(str(register_copy.parent / "sources"), moved)
    text = register_copy.read_text()
    assert "sources_dir: sources" in text
    register_copy.write_text(text.replace("sources_dir: sources", f"sources_dir: {moved}"))
    result = invoke(["register", "validate", str(register_copy)])
    assert result.exit_code == 0, result.output
    (moved / "s2_magazine.txt").write_text("edited\n")
    assert (
        "sha256 of s2_magazine.txt" in invoke(["register", "validate", str(register_copy)]).output
    )


def test_a_drafts_relative_sources_dir_is_read_from_the_register_file(tmp_path, monkeypatch):
    project = tmp_path / "project"
    shutil.copytree(LUMIGLOW.parent / "sources", project / "sources")
    monkeypatch.chdir(project)
    built = invoke(
        [
            "register",
            "build",
            *sorted(map(str, (project / "sources").glob("*.txt"))),
            "-o",
            "draft.yaml",
        ]
    )
    assert built.exit_code == 0, built.output
    assert "sources_dir: sources\n" in (project / "draft.yaml").read_text()
    # register and sources moved together, checked from anywhere: still found
    shutil.move(str(project), tmp_path / "moved")
    monkeypatch.chdir(tmp_path)
    assert invoke(["register", "validate", "moved/draft.yaml"]).exit_code == 0
    # the register moved alone: one line says where it looked and what to write
    monkeypatch.chdir(tmp_path / "moved")
    (tmp_path / "moved" / "claims").mkdir()
    shutil.move("draft.yaml", "claims/draft.yaml")
    lost = invoke(["register", "validate", "claims/draft.yaml"])
    assert lost.exit_code == 2
    assert lost.output.count("does not exist") == 1 and "not found" not in lost.output
    assert "set sources_dir to '../sources'" in lost.output
    draft = tmp_path / "moved" / "claims" / "draft.yaml"
    draft.write_text(
        draft.read_text().replace("sources_dir: sources\n", "sources_dir: ../sources\n")
    )
    assert invoke(["register", "validate", "claims/draft.yaml"]).exit_code == 0


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("unit: nm\n    value: 630", "unit: furlong\n    value: 630"), "unknown unit 'furlong'"),
        (("    min: 3\n    max: 6", "    min: 6\n    max: 3"), "range is not ordered"),
        (
            ("kind: duration", "kind: durration"),
            "unknown kind 'durration'; did you mean 'duration'?",
        ),
        (
            ("kind: frequency", "kind: interval"),
            "unknown kind 'interval'; did you mean 'frequency'?",
        ),
        (("cues: [wavelength, light, emit*]", "cues: [wavelength, '*']"), "phrase '*'"),
        (
            (
                "phrases: [clinically proven, scientifically proven]",
                "phrases: ['clinically||proven']",
            ),
            "empty alternative",
        ),
        (
            ("source: s2, line: 5", "source: s9, line: 5"),
            "unknown source 's9' (the register's sources: 's1', 's2', 's3')",
        ),
        (("value: 1994", "value: nineteen"), "'value' must be a number"),
        (
            (
                '    evidence: [{source: s1, line: 6, quote: "some patients report headaches"}]',
                '    evidence: [{source: s1, line: 6, quote: "some patients report headaches"}]\n'
                '    asserted_in: [{source: s1, line: 6, quote: "headaches"}]',
            ),
            "s1 line 6 is cited both as asserting the phrasing (asserted_in) and as evidence against it",
        ),
        (
            ("exclude: [panel, salon]", "exclude: [panel, off]"),
            "'exclude' entry 'false' was read as a YAML truth value; put words like on, off, yes and no in quotes",
        ),
    ],
)
def test_semantic_errors(register_copy, change, message):
    text = register_copy.read_text()
    assert change[0] in text
    register_copy.write_text(text.replace(change[0], change[1], 1))
    result = invoke(["register", "validate", str(register_copy)])
    assert result.exit_code == 2
    assert message in result.output


def test_alias_bomb_is_refused(tmp_path):
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text('a: &a ["x","x"]\nb: &b [*a,*a]\nc: &c [*b,*b]\n')
    result = invoke(["register", "validate", str(bomb)])
    assert result.exit_code == 2 and "aliases" in result.output


def test_show_json_contract():
    result = invoke(["register", "show", "--format", "json", str(LUMIGLOW)])
    data = json.loads(result.output)
    register = data["registers"][0]
    assert {"id", "title", "sources", "claims"} <= register.keys()
    assert {"id", "file", "sha256"} <= register["sources"][0].keys()
    claim = register["claims"][0]
    assert {"id", "kind", "status", "subject", "evidence"} <= claim.keys()
    assert claim["evidence"][0].keys() == {"source", "line", "quote"}


def test_show_text():
    result = invoke(["register", "show", str(LUMIGLOW)])
    assert "course-length" in result.output and "disputed" in result.output


def test_show_text_keeps_its_columns_for_every_kind():
    # "restriction" is the longest kind: its status was pushed out of the column
    result = invoke(["register", "show", str(LUMIGLOW)])
    rows = [
        line for line in result.output.splitlines() if line.startswith("  ") and "  " in line[2:]
    ]
    rows = [r for r in rows if not r.startswith("  source ")]
    columns = {r.index(r.split()[2], 36 + len(r.split()[1])) for r in rows}
    assert any(" restriction " in r for r in rows) and len(columns) == 1, rows


def test_schema_is_json():
    result = invoke(["register", "schema"])
    assert result.exit_code == 0
    assert json.loads(result.output)["type"] == "object"


def test_a_phrasing_that_shrinks_to_a_bare_word_is_refused(tmp_path):
    path = tmp_path / "t.yaml"
    path.write_text(
        'factlint-register: 1\nid: t\ntitle: T\nversion: "1"\nsources: []\nclaims:\n'
        "  - {id: a, subject: x, property: y, kind: absolute, status: unsupported,\n"
        '     phrases: ["no risks?", "at-home|home use"]}\n'
    )
    result = CliRunner().invoke(main, ["register", "validate", str(path)])
    assert result.exit_code == 2
    assert "t.yaml:8: claim 'a': phrase 'no risks?' can match the word 'no' alone" in result.output
    assert "alternative 'at-home' of 'at-home|home' is not one word" in result.output
    assert "use {a b|c d} for runs of words" in result.output


def test_a_hyphenated_wildcard_is_a_phrase_of_its_own_words(tmp_path):
    # a new author's `topic: [micro-needl*]` was refused as "not one word", though hyphens
    # and spaces are interchangeable in phrases
    register = tmp_path / "t.yaml"
    register.write_text(
        'factlint-register: 1\nid: t\ntitle: T\nversion: "1"\n'
        "topic: [micro-needl*]\nsources: []\nclaims:\n"
        "  - {id: a, subject: x, property: y, kind: absolute, status: unsupported,\n"
        '     phrases: ["breast-feed* safe"]}\n'
    )
    result = CliRunner().invoke(main, ["register", "validate", str(register)])
    assert result.exit_code == 0, result.output
    text = tmp_path / "page.txt"
    text.write_text(
        "Micro-needling is breast-feeding safe.\nBreast feeding safe, says the leaflet.\n"
    )
    result = CliRunner().invoke(
        main, ["check", "--isolated", "--no-core-pack", "--register", str(register), str(text)]
    )
    assert result.exit_code == 1, result.output
    assert "page.txt:1:19: FC004" in result.output
    assert "page.txt:2:1: FC004" in result.output


def test_word_groups_work_in_topics_and_set_members_as_in_cues(tmp_path):
    # a new author's member cue "open {wound|wounds|skin lesion}" was refused with a message
    # about '|', though the docs give {a b|c d} for every phrase
    register = tmp_path / "t.yaml"
    register.write_text(
        'factlint-register: 1\nid: t\ntitle: T\nversion: "1"\n'
        'topic: ["{glow|shine} facial"]\nsources: [{id: s, title: S, url: "https://a.org"}]\n'
        "claims:\n"
        "  - {id: c, subject: x, property: contraindications, kind: set, status: supported,\n"
        '     permissive: ["safe with"],\n'
        '     members: [{name: open wounds, cues: ["open {wound|wounds|skin lesion}"],\n'
        '       evidence: [{source: s, section: "1", quote: "open wounds"}]}]}\n'
    )
    result = CliRunner().invoke(main, ["register", "validate", str(register)])
    assert result.exit_code == 0, result.output
    text = tmp_path / "page.txt"
    text.write_text("The shine facial is safe with open skin lesion.\n")
    result = CliRunner().invoke(
        main, ["check", "--isolated", "--no-core-pack", "--register", str(register), str(text)]
    )
    assert "page.txt:1:" in result.output and "FC001" in result.output, result.output


def test_an_optional_hyphenated_wildcard_is_refused_with_the_reason(tmp_path):
    path = tmp_path / "t.yaml"
    path.write_text(
        'factlint-register: 1\nid: t\ntitle: T\nversion: "1"\nsources: []\nclaims:\n'
        "  - {id: a, subject: x, property: y, kind: absolute, status: unsupported,\n"
        '     phrases: ["very? micro-needl*? safe"]}\n'
    )
    result = CliRunner().invoke(main, ["register", "validate", str(path)])
    assert result.exit_code == 2
    assert "an optional word must be one word, not 'micro-needl*'" in result.output


def test_sources_beside_the_register_need_no_sources_dir(tmp_path):
    # a newcomer's first layout: the register and its source texts in one folder
    source = tmp_path / "s1_page.txt"
    source.write_text("Glowpeel title\n\nA glowpeel session takes 30 minutes.\n")
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    register = tmp_path / "glow.yaml"
    register.write_text(
        'factlint-register: 1\nid: glow\ntitle: G\nversion: "1"\n'
        f"sources: [{{id: s1, title: P, file: s1_page.txt, sha256: {digest}}}]\n"
        "claims:\n  - {id: length, subject: glowpeel, property: session length, kind: duration,\n"
        "     status: supported, unit: minute, value: 30, cues: [takes],\n"
        '     evidence: [{source: s1, line: 2, quote: "takes 30 minutes"}]}\n'
    )
    result = CliRunner().invoke(main, ["register", "validate", str(register)])
    assert result.exit_code == 2
    assert (
        "quote 'takes 30 minutes' is not on line 2 of source 's1'; it is on line 3" in result.output
    )
    register.write_text(register.read_text().replace("line: 2", "line: 3"))
    result = CliRunner().invoke(main, ["register", "validate", str(register)])
    assert result.exit_code == 0, result.output


def test_a_file_without_its_digest_says_how_to_get_it(tmp_path):
    register = tmp_path / "glow.yaml"
    register.write_text(
        'factlint-register: 1\nid: glow\ntitle: G\nversion: "1"\n'
        "sources: [{id: s1, title: P, file: s1_page.txt}]\nclaims: []\n"
    )
    result = CliRunner().invoke(main, ["register", "validate", "--no-sources", str(register)])
    assert result.exit_code == 2
    assert "a 'file' needs its 'sha256' (the digest of the file's bytes: `sha256sum FILE`" in (
        result.output
    )


def test_a_members_own_time_belongs_to_a_restriction(tmp_path):
    register = tmp_path / "glow.yaml"
    register.write_text(
        'factlint-register: 1\nid: glow\ntitle: G\nversion: "1"\n'
        'sources: [{id: s1, title: P, url: "https://example.org/p"}]\n'
        "claims:\n  - {id: who, subject: g, property: contraindications, kind: set,\n"
        "     status: supported, permissive: [suitable for],\n"
        "     members: [{name: pregnancy, min: 3, cues: [pregnan*],\n"
        '       evidence: [{source: s1, section: "1", quote: "not in pregnancy"}]}]}\n'
    )
    result = CliRunner().invoke(main, ["register", "validate", str(register)])
    assert result.exit_code == 2
    assert "a member's 'min' is a restriction member's own shortest time" in result.output


def test_a_members_own_time_is_a_time(tmp_path):
    register = tmp_path / "glow.yaml"
    register.write_text(
        'factlint-register: 1\nid: glow\ntitle: G\nversion: "1"\n'
        'sources: [{id: s1, title: P, url: "https://example.org/p"}]\n'
        "claims:\n  - {id: care, subject: g, property: aftercare, kind: restriction,\n"
        "     status: supported, unit: hour, min: 24, cues: [avoid*],\n"
        '     evidence: [{source: s1, section: "1", quote: "24 hours"}],\n'
        "     members: [{name: sun, min: 1, unit: mm, cues: [sun],\n"
        '       evidence: [{source: s1, section: "1", quote: "no sun"}]}]}\n'
    )
    result = CliRunner().invoke(main, ["register", "validate", str(register)])
    assert result.exit_code == 2
    assert "member unit 'mm' is not a time" in result.output
    register.write_text(register.read_text().replace("unit: mm", "unit: week"))
    result = CliRunner().invoke(main, ["register", "validate", str(register)])
    assert result.exit_code == 0, result.output
