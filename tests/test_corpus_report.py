"""tools/corpus_report.py: its pieces on synthetic input, and a cheap real run (parity and
generate) on golden schemas and on a schema both parsers refuse."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from emitters import AnalysisError  # noqa: E402
from ssot_ast.schema import SchemaError, parse_schema_text  # noqa: E402
from tools import corpus_report as report  # noqa: E402
from tools.corpus_report import Entry, Row  # noqa: E402

ALL_STAGES = list(report.STAGES)


def test_strip_connection_urls_only_in_datasource_blocks() -> None:
    text = (
        "datasource db {\n"
        '  provider          = "postgresql"\n'
        '  url               = env("DATABASE_URL")\n'
        '  directUrl         = env("DIRECT_URL")\n'
        '  shadowDatabaseUrl = "postgresql://shadow"\n'
        '  relationMode      = "prisma"\n'
        "}\r\n"
        "\n"
        "generator client {\n"
        '  provider = "prisma-client-js"\n'
        '  url      = "kept: not a datasource"\n'
        "}\n"
        "\n"
        "model Link {\n"
        "  id  Int    @id\n"
        "  url String\n"
        "}\n"
    )
    stripped = report.strip_connection_urls(text)
    assert stripped.count("\n") == text.count("\n"), "line numbers must not move"
    assert "env(" not in stripped and "shadow" not in stripped
    assert 'relationMode      = "prisma"' in stripped
    assert 'url      = "kept: not a datasource"' in stripped
    assert "  url String\n" in stripped
    assert stripped.splitlines()[2] == ""


def test_first_difference_names_the_path() -> None:
    prisma = {
        "enums": [],
        "models": [
            {"name": "User", "fields": [{"name": "id", "isId": True}]},
            {"name": "Post", "fields": [{"name": "id", "isId": True}, {"name": "title"}]},
        ],
    }
    same = json.loads(json.dumps(prisma))
    assert report.first_difference(same, prisma) is None

    changed = json.loads(json.dumps(prisma))
    changed["models"][1]["fields"][0]["isId"] = 1  # equal in Python, not in JSON
    assert (
        report.first_difference(changed, prisma)
        == "datamodel.models[Post].fields[id].isId (ours 1, Prisma true)"
    )

    shorter = json.loads(json.dumps(prisma))
    del shorter["models"][1]["fields"][1]
    found = report.first_difference(shorter, prisma)
    assert found is not None and found.startswith("datamodel.models[Post].fields (length")
    assert "[title] only in Prisma's" in found

    reordered = {"models": prisma["models"], "enums": []}
    found = report.first_difference(reordered, prisma)
    assert found is not None and "key order" in found

    missing: dict[str, object] = {"enums": []}
    assert report.first_difference(missing, prisma) == "datamodel.models (missing in ours)"


def test_sample_is_stable_and_spread_over_providers() -> None:
    entries = [Entry(f"pg{i:02}", Path("."), "postgresql") for i in range(20)]
    entries += [Entry(f"my{i}", Path("."), "mysql") for i in range(3)]
    entries += [Entry("mongo", Path("."), "mongodb"), Entry("lite", Path("."), "sqlite")]
    picked = report.sample(entries, 8)
    assert [e.slug for e in picked] == [e.slug for e in report.sample(entries[::-1], 8)]
    assert len(picked) == 8 and len({e.slug for e in picked}) == 8
    providers = [e.provider for e in picked]
    assert {"postgresql", "mysql", "mongodb", "sqlite"} == set(providers)
    # the big group's picks are spread over it, not its first slugs
    postgres = [e.slug for e in picked if e.provider == "postgresql"]
    assert postgres[0] != "pg00" and postgres[-1] >= "pg15"
    assert len(report.sample(entries, 100)) == len(entries)


def test_generate_errors_are_classified_like_the_cli_exit_codes() -> None:
    assert report.describe_generate_error(AnalysisError("Model X has no key")) == (
        "refused:Model X has no key"
    )
    with pytest.raises(SchemaError) as refused:
        parse_schema_text("model A {\n  id Nope @id\n}\n")
    assert report.describe_generate_error(refused.value).startswith("refused:schema.prisma:2:")

    def explode() -> None:
        raise KeyError("missing")

    try:
        explode()
    except KeyError as error:
        crash = report.describe_generate_error(error)
    assert crash.startswith("crash:KeyError: 'missing' (tests/test_corpus_report.py:")


def row(**values: object) -> Row:
    base: dict[str, object] = {
        "schema": "s",
        "provider": "sqlite",
        "models": 1,
        "parity": "ok",
        "generate": "ok",
        "tsc_nodenext": 0,
        "tsc_bundler": 0,
        "runtime": "ok",
    }
    base.update(values)
    made = Row(**base)  # type: ignore[arg-type]
    made.problems = report.check_expectations(made, ALL_STAGES)
    return made


def test_expectations_summary_and_exit_status() -> None:
    good = [
        row(schema="fine"),
        row(schema="mysql", provider="mysql", runtime="n/a (no MariaDB harness)"),
        row(
            schema="mongo",
            provider="mongodb",
            generate="refused:MongoDB is not supported",
            tsc_nodenext="-",
            tsc_bundler="-",
            runtime="-",
        ),
    ]
    assert all(not r.problems for r in good)
    assert report.exit_status(good) == 0

    crash = row(
        schema="broken",
        generate="crash:KeyError: 'x' (emitters/services.py:10)",
        tsc_nodenext="-",
        tsc_bundler="-",
        runtime="-",
    )
    assert crash.problems == ["generate: crash:KeyError: 'x' (emitters/services.py:10)"]
    mongo_generated = row(schema="mongo2", provider="mongodb")
    assert mongo_generated.problems and "MongoDB must be refused" in mongo_generated.problems[0]
    typed = row(
        schema="typed",
        tsc_nodenext=3,
        tsc_first_error="[nodenext] src/a.ts(1,2): error TS2307: x",
        runtime="-",
    )
    assert typed.problems == [
        "tsc: nodenext 3, bundler 0 errors (first: [nodenext] src/a.ts(1,2): error TS2307: x)"
    ]
    not_prepared = row(schema="np", tsc_nodenext="error:prisma generate failed", tsc_bundler="-")
    assert not_prepared.problems == ["tsc: error:prisma generate failed"]
    runtime = row(schema="rt", runtime="fail:1/9 checks failed; first X")
    assert runtime.problems == ["runtime: fail:1/9 checks failed; first X"]
    diff = row(schema="diff", parity="diff:datamodel.enums (missing in ours)")
    assert diff.problems == ["parity: diff:datamodel.enums (missing in ours)"]

    rows = good + [crash, mongo_generated, typed, not_prepared, runtime, diff]
    assert report.exit_status(rows) == 1
    line = report.summary_line(rows)
    assert line.startswith("9 schemas: 3 as expected, 6 not | ")
    assert "generate crash 1, ok 7, refused 1" in line
    assert "tsc_nodenext error 1, errors 1, not-run 2, ok 5" in line
    assert "runtime fail 1, n/a 1, not-run 3, ok 4" in line
    assert "parity diff 1, ok 8" in line
    text = report.markdown(rows, ALL_STAGES)
    assert "## Not as expected" in text and "- `broken`: generate: crash:KeyError" in text


def make_corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    for name in ("blog", "demo"):
        (corpus / name).mkdir(parents=True)
        shutil.copy(ROOT / "golden" / name / "schema.prisma", corpus / name / "schema.prisma")
    # Prisma 7 refuses url in the datasource: the report must hand Prisma a copy without it.
    demo = (corpus / "demo" / "schema.prisma").read_text(encoding="utf-8")
    with_url = demo.replace(
        'provider = "sqlite"\n',
        'provider = "sqlite"\n  url = env("DATABASE_URL")\n  shadowDatabaseUrl = "file:x"\n',
        1,
    )
    assert with_url != demo
    (corpus / "demo-url").mkdir()
    (corpus / "demo-url" / "schema.prisma").write_text(with_url, encoding="utf-8")
    (corpus / "broken").mkdir()
    (corpus / "broken" / "schema.prisma").write_text(
        'datasource db {\n  provider = "sqlite"\n}\n\nmodel A {\n  id Int @id\n  b Missing\n}\n',
        encoding="utf-8",
    )
    (corpus / "SOURCES.tsv").write_text(
        "slug\trepository\tpath\tcommit\tlicence\tprovider\tmodels\tcategory\n"
        "broken\tx/y\tschema.prisma\tabc\tMIT\tsqlite\t7\ttest\n",
        encoding="utf-8",
    )
    return corpus


@pytest.mark.node
def test_parity_and_generate_on_golden_schemas(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = make_corpus(tmp_path)
    out_json, out_md = tmp_path / "r.json", tmp_path / "r.md"
    common = ["--corpus", str(corpus), "--stages", "parity,generate", "--jobs", "1"]
    common += ["--json", str(out_json), "--markdown", str(out_md)]

    status = report.main(["--only", "blog", "demo-url", *common])
    printed = capsys.readouterr().out
    document = json.loads(out_json.read_text(encoding="utf-8"))
    rows = {r["schema"]: r for r in document["rows"]}
    assert status == 0, printed
    assert set(rows) == {"blog", "demo-url"}
    assert rows["blog"]["provider"] == "sqlite" and rows["blog"]["models"] == 6
    assert rows["demo-url"]["models"] == 2
    for item in rows.values():
        assert item["parity"] == "ok"
        assert item["generate"] == "ok"
        assert item["files"] > 20 and item["generate_seconds"] > 0
        assert item["tsc_nodenext"] == "skipped" and item["runtime"] == "skipped"
        assert item["problems"] == []
    assert document["exit_status"] == 0
    assert document["summary"]["columns"]["generate"] == {"ok": 2}
    assert "2 schemas: 2 as expected, 0 not" in printed
    assert "| blog | sqlite | 6 | ok | ok |" in out_md.read_text(encoding="utf-8")

    status = report.main(["--only", "broken", *common])
    printed = capsys.readouterr().out
    broken = json.loads(out_json.read_text(encoding="utf-8"))["rows"][0]
    assert status == 1
    assert broken["models"] == 7, "SOURCES.tsv's count when our parser refuses the schema"
    assert broken["parity"].startswith("prisma-rejects:") and "Missing" in broken["parity"]
    assert broken["generate"].startswith("refused:") and "Missing" in broken["generate"]
    assert broken["problems"] and "broken: parity: prisma-rejects:" in printed
    assert "1 schemas: 0 as expected, 1 not" in printed


def test_harness_errors_keep_the_tools_specific_message() -> None:
    from tools.e2e.harness import HarnessError

    output = (
        "prisma generate failed (exit 1) in /tmp/ssot-corpus-x/app:\n\n"
        "Prisma schema loaded from prisma/schema.prisma.\n"
        "Error: Prisma schema validation - (get-dmmf wasm)\n"
        "Error code: P1012\n"
        '\x1b[1;91merror\x1b[0m: \x1b[1mType "Foo" is neither a built-in type.\x1b[0m\n'
        "  \x1b[1;94m-->\x1b[0m  \x1b[4mprisma/schema.prisma:15\x1b[0m\n"
    )
    assert report.harness_message(HarnessError(output)) == (
        'prisma generate failed (exit 1): error: Type "Foo" is neither a built-in type. '
        "-->  prisma/schema.prisma:15"
    )
    no_error_word = "creating the database failed (exit 1) in /tmp/p:\n\ndb_push: type x\n"
    assert report.harness_message(HarnessError(no_error_word)) == (
        "creating the database failed (exit 1): db_push: type x"
    )
    assert report.harness_message(HarnessError("npm install: timed out after 600 s")) == (
        "npm install: timed out after 600 s"
    )


def test_first_error_log_line_finds_the_servers_error() -> None:
    logs = (
        '{"level":40,"msg":"slow request"}\n'
        '{"level":50,"msg":"request failed","err":{"message":"invalid input syntax for uuid"}}\n'
        '{"level":50,"msg":"second"}\n'
    )
    assert "invalid input syntax" in report.first_error_log_line(logs)
    assert report.first_error_log_line('{"level":30,"msg":"listening"}\n') == ""
