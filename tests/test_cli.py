"""The command line as a user meets it: generate, --check, hand-edit protection, exit codes,
schema errors with locations, and nothing half-written when generation fails."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from emitters import cli

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "golden" / "demo" / "schema.prisma"


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def run(*args: str) -> int:
    return cli.main(list(args))


def test_generate_then_check_is_up_to_date(tmp_path: Path) -> None:
    out = tmp_path / "app"
    assert run("generate", str(DEMO), "-o", str(out), "-q") == cli.EXIT_OK
    assert (out / "src/gen/note/note.service.ts").is_file()
    assert (out / "package.json").is_file()
    assert run("generate", str(DEMO), "-o", str(out), "--check", "-q") == cli.EXIT_OK
    assert run("check", str(DEMO), "-o", str(out), "-q") == cli.EXIT_OK


def test_check_reports_stale_output_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "app"
    assert run("generate", str(DEMO), "-o", str(out), "-q") == cli.EXIT_OK
    (out / "src/gen/note/note.routes.ts").unlink()
    before = snapshot(out)
    assert run("generate", str(DEMO), "-o", str(out), "--check", "-q") == cli.EXIT_CHANGES
    assert "src/gen/note/note.routes.ts" in capsys.readouterr().out
    assert snapshot(out) == before


def test_hand_edited_file_is_refused_then_forced(tmp_path: Path) -> None:
    out = tmp_path / "app"
    run("generate", str(DEMO), "-o", str(out), "-q")
    edited = out / "src/gen/note/note.service.ts"
    edited.write_text(edited.read_text() + "// my change\n")
    before = snapshot(out)
    assert run("generate", str(DEMO), "-o", str(out), "-q") == cli.EXIT_CONFLICT
    assert snapshot(out) == before
    assert run("generate", str(DEMO), "-o", str(out), "-q", "--force") == cli.EXIT_OK
    assert "// my change" not in edited.read_text()


def test_scaffold_server_is_kept(tmp_path: Path) -> None:
    out = tmp_path / "app"
    run("generate", str(DEMO), "-o", str(out), "-q")
    server = out / "src/server.ts"
    server.write_text(server.read_text() + "// mine\n")
    assert run("generate", str(DEMO), "-o", str(out), "-q") == cli.EXIT_OK
    assert server.read_text().endswith("// mine\n")


def test_removed_model_files_are_deleted(tmp_path: Path) -> None:
    schema = tmp_path / "schema.prisma"
    text = DEMO.read_text()
    schema.write_text(text)
    out = tmp_path / "app"
    run("generate", str(schema), "-o", str(out), "-q")
    assert (out / "src/gen/note/note.routes.ts").exists()
    without_notes = text.split("/// A short text owned by a person.")[0].replace(
        "  notes     Note[]\n", ""
    )
    schema.write_text(without_notes)
    assert run("generate", str(schema), "-o", str(out), "-q") == cli.EXIT_OK
    assert not (out / "src/gen/note").exists()
    assert (out / "src/gen/person/person.routes.ts").exists()


def test_invalid_schema_exit_2_with_location(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    schema = tmp_path / "bad.prisma"
    schema.write_text("model A {\n  id Int @id\n  b Strin\n}\n")
    out = tmp_path / "app"
    assert run("generate", str(schema), "-o", str(out)) == cli.EXIT_INVALID
    err = capsys.readouterr().err
    assert f"{schema}:3:5" in err and "^" in err and "String" in err
    assert "Traceback" not in err
    assert not out.exists()


def test_failing_emitter_leaves_folder_byte_identical(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "app"
    run("generate", str(DEMO), "-o", str(out), "-q")
    before = snapshot(out)
    from emitters.model import services

    def broken(*args: object) -> object:
        raise RuntimeError("emitter failed")

    monkeypatch.setattr(services, "emit", broken)
    with pytest.raises(RuntimeError):
        run("generate", str(DEMO), "-o", str(out), "-q", "--force")
    assert snapshot(out) == before


def test_console_script_help_and_internal_errors_have_no_traceback(tmp_path: Path) -> None:
    helped = subprocess.run(
        [sys.executable, "-c", "from emitters.cli import entry; entry()", "--help"],
        capture_output=True,
        text=True,
    )
    assert helped.returncode == 0
    assert "exit codes:" in helped.stdout and "generate" in helped.stdout
    missing = subprocess.run(
        [
            sys.executable,
            "-c",
            "from emitters.cli import entry; entry()",
            "generate",
            str(tmp_path / "nope.prisma"),
            "-o",
            str(tmp_path / "out"),
        ],
        capture_output=True,
        text=True,
    )
    assert missing.returncode == cli.EXIT_INVALID
    assert "Traceback" not in missing.stderr


def test_verify_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "good.ts"
    good.write_text("export const a = 1;\n")
    assert run("verify", str(tmp_path)) == 0
    bad = tmp_path / "bad.ts"
    bad.write_text("export const = 1;\n")
    assert run("verify", str(tmp_path)) == 1
    assert "bad.ts:1:" in capsys.readouterr().out


def test_access_option_opens_an_api_without_users(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    closed, public = tmp_path / "closed", tmp_path / "public"
    assert run("generate", str(DEMO), "-o", str(closed)) == 0
    warning = [line for line in capsys.readouterr().err.splitlines() if "no user model" in line]
    assert len(warning) == 1 and "API_TOKEN" in warning[0] and "public-reads" in warning[0]
    assert "requireApiToken(config.API_TOKEN)" in (closed / "src/gen/routes.ts").read_text()
    assert "API_TOKEN=" in (closed / ".env.example").read_text()
    assert run("generate", str(DEMO), "-o", str(public), "--access", "public") == 0
    assert "requireApiToken" not in (public / "src/gen/routes.ts").read_text()
    assert not (public / "src/gen/http/api-token.ts").exists()
    assert "ANYONE MAY READ AND WRITE" in (public / "README.md").read_text()
    with pytest.raises(SystemExit) as refused:
        run("generate", str(DEMO), "-o", str(tmp_path / "x"), "--access", "open")
    assert refused.value.code == 2
