"""The write rules: owned files tracked by hash, scaffold files kept, hand edits refused,
removed files deleted, and all-or-nothing writes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from emitters.artifact import GeneratedFile, Ownership
from emitters.write import (
    MANIFEST_NAME,
    ConflictReason,
    WriteConflictError,
    apply_plan,
    plan_write,
    read_manifest,
    write_files,
)


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def owned(path: str, text: str) -> GeneratedFile:
    return GeneratedFile(path=path, content=text)


def scaffold(path: str, text: str) -> GeneratedFile:
    return GeneratedFile(path=path, content=text, ownership=Ownership.SCAFFOLD)


def test_first_write_creates_files_and_manifest(tmp_path: Path) -> None:
    result = write_files(tmp_path, [owned("src/gen/a.ts", "a\n"), scaffold("src/server.ts", "s\n")])
    assert sorted(result.written) == ["src/gen/a.ts", "src/server.ts"]
    assert (tmp_path / "src/gen/a.ts").read_text() == "a\n"
    manifest = read_manifest(tmp_path)
    assert list(manifest) == ["src/gen/a.ts"]  # scaffold files are not tracked


def test_unchanged_files_are_not_rewritten(tmp_path: Path) -> None:
    files = [owned("src/gen/a.ts", "a\n")]
    write_files(tmp_path, files)
    target = tmp_path / "src/gen/a.ts"
    os.utime(target, (1_000_000, 1_000_000))
    result = write_files(tmp_path, files)
    assert result.written == ()
    assert result.unchanged == ("src/gen/a.ts",)
    assert target.stat().st_mtime == 1_000_000


def test_changed_generation_replaces_owned_file(tmp_path: Path) -> None:
    write_files(tmp_path, [owned("src/gen/a.ts", "a\n")])
    result = write_files(tmp_path, [owned("src/gen/a.ts", "b\n")])
    assert result.written == ("src/gen/a.ts",)
    assert (tmp_path / "src/gen/a.ts").read_text() == "b\n"


def test_hand_edited_owned_file_is_refused(tmp_path: Path) -> None:
    write_files(tmp_path, [owned("src/gen/a.ts", "a\n")])
    (tmp_path / "src/gen/a.ts").write_text("mine\n")
    before = snapshot(tmp_path)
    with pytest.raises(WriteConflictError) as info:
        write_files(tmp_path, [owned("src/gen/a.ts", "b\n"), owned("src/gen/new.ts", "n\n")])
    assert info.value.conflicts[0].path == "src/gen/a.ts"
    assert info.value.conflicts[0].reason is ConflictReason.EDITED
    assert "src/gen/a.ts" in str(info.value) and "--force" in str(info.value)
    assert snapshot(tmp_path) == before


def test_force_overwrites_hand_edited_file(tmp_path: Path) -> None:
    write_files(tmp_path, [owned("src/gen/a.ts", "a\n")])
    (tmp_path / "src/gen/a.ts").write_text("mine\n")
    write_files(tmp_path, [owned("src/gen/a.ts", "b\n")], force=True)
    assert (tmp_path / "src/gen/a.ts").read_text() == "b\n"


def test_foreign_file_at_owned_path_is_refused(tmp_path: Path) -> None:
    (tmp_path / "src/gen").mkdir(parents=True)
    (tmp_path / "src/gen/a.ts").write_text("user file\n")
    plan = plan_write(tmp_path, [owned("src/gen/a.ts", "a\n")])
    assert [c.reason for c in plan.conflicts] == [ConflictReason.NOT_OURS]


def test_scaffold_file_written_once_then_kept(tmp_path: Path) -> None:
    write_files(tmp_path, [scaffold("src/server.ts", "v1\n")])
    (tmp_path / "src/server.ts").write_text("user's server\n")
    result = write_files(tmp_path, [scaffold("src/server.ts", "v2\n")])
    assert result.scaffold_kept == ("src/server.ts",)
    assert (tmp_path / "src/server.ts").read_text() == "user's server\n"


def test_removed_model_files_are_deleted(tmp_path: Path) -> None:
    write_files(
        tmp_path, [owned("src/gen/post/post.ts", "p\n"), owned("src/gen/user/user.ts", "u\n")]
    )
    result = write_files(tmp_path, [owned("src/gen/user/user.ts", "u\n")])
    assert result.deleted == ("src/gen/post/post.ts",)
    assert not (tmp_path / "src/gen/post").exists()
    assert list(read_manifest(tmp_path)) == ["src/gen/user/user.ts"]


def test_edited_file_of_removed_model_is_not_deleted(tmp_path: Path) -> None:
    write_files(tmp_path, [owned("src/gen/post/post.ts", "p\n")])
    (tmp_path / "src/gen/post/post.ts").write_text("edited\n")
    with pytest.raises(WriteConflictError):
        write_files(tmp_path, [])
    assert (tmp_path / "src/gen/post/post.ts").read_text() == "edited\n"


def test_check_plan_reports_changes_without_writing(tmp_path: Path) -> None:
    write_files(tmp_path, [owned("src/gen/a.ts", "a\n")])
    before = snapshot(tmp_path)
    plan = plan_write(tmp_path, [owned("src/gen/a.ts", "a2\n"), owned("src/gen/b.ts", "b\n")])
    assert plan.changes == ("src/gen/a.ts", "src/gen/b.ts")
    assert not plan.is_up_to_date
    assert snapshot(tmp_path) == before
    assert plan_write(tmp_path, [owned("src/gen/a.ts", "a\n")]).is_up_to_date


def test_failed_write_restores_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_files(tmp_path, [owned("src/gen/a.ts", "a\n"), owned("src/gen/z.ts", "z\n")])
    before = snapshot(tmp_path)
    plan = plan_write(
        tmp_path,
        [
            owned("src/gen/a.ts", "a2\n"),
            owned("src/gen/new/b.ts", "b\n"),
            owned("src/gen/z.ts", "z2\n"),
        ],
    )
    import emitters.write as write_module

    real = write_module._atomic_write
    calls = {"n": 0}

    def failing(path: Path, data: bytes) -> None:
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError("disk full")
        real(path, data)

    monkeypatch.setattr(write_module, "_atomic_write", failing)
    with pytest.raises(OSError, match="disk full"):
        apply_plan(plan)
    monkeypatch.setattr(write_module, "_atomic_write", real)
    assert snapshot(tmp_path) == before
    assert not (tmp_path / "src/gen/new").exists()
    assert (tmp_path / MANIFEST_NAME).exists()


@pytest.mark.parametrize("bad", ["/etc/passwd", "../x.ts", "a/../../x.ts", ""])
def test_paths_outside_output_are_rejected(bad: str) -> None:
    with pytest.raises(ValueError):
        GeneratedFile(path=bad, content="")
