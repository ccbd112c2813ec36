"""The register format as JSON Schema: valid itself, accepts the registers we ship and
test with, and rejects what the loader rejects."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
import yaml
from conftest import LUMIGLOW, ROOT

jsonschema = pytest.importorskip("jsonschema")

SCHEMA_PATH = ROOT / "factlint" / "register" / "schema.json"
CURATED = ROOT / "claims" / "mesotherapy.yaml"


@pytest.fixture(scope="module")
def validator():
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def errors(validator, document) -> list[str]:
    return [error.message for error in validator.iter_errors(document)]


def lumiglow() -> dict:
    return yaml.safe_load(LUMIGLOW.read_text(encoding="utf-8"))


def test_schema_is_valid_json_schema():
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"].endswith("2020-12/schema")


def test_test_register_validates(validator):
    assert errors(validator, lumiglow()) == []


def test_curated_register_validates(validator):
    assert errors(validator, yaml.safe_load(CURATED.read_text(encoding="utf-8"))) == []


@pytest.mark.parametrize(
    "pack",
    sorted(
        p for p in (ROOT / "claims" / "packs").glob("*.yaml") if not p.name.endswith(".tests.yaml")
    ),
    ids=lambda p: p.stem,
)
def test_shipped_packs_validate(validator, pack):
    document = yaml.safe_load(pack.read_text(encoding="utf-8"))
    assert document["pack"] is True
    assert errors(validator, document) == []


def test_a_source_is_a_file_with_its_digest_or_an_address(validator):
    document = lumiglow()
    del document["sources"][0]["file"]
    assert errors(validator, document)
    document["sources"][0]["url"] = "https://example.org/code"
    assert errors(validator, document) == []


def test_evidence_cites_a_line_or_a_section(validator):
    document = lumiglow()
    evidence = document["claims"][0]["evidence"][0]
    del evidence["line"]
    assert errors(validator, document)
    evidence["section"] = "12.12"
    assert errors(validator, document) == []


def test_family_belongs_to_absolute_claims(validator):
    document = lumiglow()
    absolute = next(c for c in document["claims"] if c["kind"] == "absolute")
    absolute["family"] = "pain"
    del absolute["phrases"]
    assert errors(validator, document) == []
    numeric = next(c for c in document["claims"] if c["kind"] == "value")
    numeric["family"] = "pain"
    assert errors(validator, document)


def test_unknown_top_level_key_is_rejected(validator):
    document = lumiglow()
    document["colour"] = "red"
    assert errors(validator, document)


def test_unknown_claim_key_is_rejected(validator):
    document = lumiglow()
    document["claims"][0]["colour"] = "red"
    assert errors(validator, document)


def test_bad_kind_is_rejected(validator):
    document = lumiglow()
    document["claims"][0]["kind"] = "durration"
    assert errors(validator, document)


def test_bad_status_is_rejected(validator):
    document = lumiglow()
    document["claims"][0]["status"] = "true"
    assert errors(validator, document)


@pytest.mark.parametrize(
    "missing", ["factlint-register", "id", "title", "version", "sources", "claims"]
)
def test_required_top_level_keys(validator, missing):
    document = lumiglow()
    del document[missing]
    assert errors(validator, document)


def test_evidence_needs_source_line_and_quote(validator):
    document = lumiglow()
    del document["claims"][0]["evidence"][0]["quote"]
    assert errors(validator, document)
    document = lumiglow()
    document["claims"][0]["evidence"][0]["line"] = 0
    assert errors(validator, document)
    document = lumiglow()
    document["claims"][0]["evidence"][0]["page"] = 3
    assert errors(validator, document)


def by_id(document: dict, claim_id: str) -> dict:
    return next(c for c in document["claims"] if c["id"] == claim_id)


def test_numeric_claim_needs_unit_and_cues(validator):
    for key in ("unit", "cues"):
        document = lumiglow()
        del by_id(document, "wavelength")[key]
        assert errors(validator, document), key


def test_value_and_values_exclude_each_other(validator):
    document = lumiglow()
    by_id(document, "course-length")["value"] = 7
    assert errors(validator, document)


def test_disputed_claim_needs_two_values(validator):
    document = lumiglow()
    claim = by_id(document, "course-length")
    claim["values"] = claim["values"][:1]
    assert errors(validator, document)


def test_values_items_have_a_fixed_shape(validator):
    document = lumiglow()
    by_id(document, "course-length")["values"][0]["source"] = "s1"
    assert errors(validator, document)


def test_keys_of_another_kind_are_rejected(validator):
    document = lumiglow()
    by_id(document, "founder")["value"] = 1994
    assert errors(validator, document)
    document = lumiglow()
    by_id(document, "no-side-effects")["unit"] = "mm"
    assert errors(validator, document)


def test_absolute_claim_is_contradicted_or_unsupported(validator):
    document = lumiglow()
    by_id(document, "no-side-effects")["status"] = "supported"
    assert errors(validator, document)


def test_unsupported_absolute_needs_no_evidence(validator):
    document = lumiglow()
    assert "evidence" not in by_id(document, "clinically-proven")
    assert errors(validator, document) == []


def test_units_and_sources_have_fixed_shapes(validator):
    document = lumiglow()
    document["units"]["session"]["size"] = 1
    assert errors(validator, document)
    document = lumiglow()
    document["sources"][0]["sha256"] = "abc"
    assert errors(validator, document)


def test_schema_agrees_with_the_loader_on_a_minimal_register(validator):
    from factlint.register.load import parse_register

    minimal = {
        "factlint-register": 1,
        "id": "tiny",
        "title": "Tiny",
        "version": "1",
        "sources": [{"id": "a", "title": "A", "file": "a.txt", "sha256": "0" * 64}],
        "claims": [
            {
                "id": "x",
                "subject": "s",
                "property": "p",
                "kind": "value",
                "status": "supported",
                "unit": "mm",
                "value": 1,
                "cues": ["depth"],
                "evidence": [{"source": "a", "line": 1, "quote": "1 mm"}],
            }
        ],
    }
    assert errors(validator, minimal) == []
    parse_register(yaml.safe_dump(minimal), "tiny.yaml")
    broken = copy.deepcopy(minimal)
    broken["claims"][0]["kind"] = "weight"
    assert errors(validator, broken)


def test_cli_prints_this_schema():
    from click.testing import CliRunner

    from factlint.cli import main

    result = CliRunner().invoke(main, ["register", "schema"])
    assert result.exit_code == 0
    assert json.loads(result.output) == json.loads(Path(SCHEMA_PATH).read_text(encoding="utf-8"))
