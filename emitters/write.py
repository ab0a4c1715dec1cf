"""The only module that writes generated files to disk.

Rules it keeps (see ARCHITECTURE.md, "output ownership"):

* Every file is produced and verified in memory before anything is written; this module
  receives finished text only.
* Owned files (regenerated on every run) are recorded with a SHA-256 of their content in a
  manifest. A file whose bytes still match the manifest is the generator's to replace or
  delete; a file whose bytes differ was edited by the user and is never overwritten or
  deleted unless ``force`` is given.
* Scaffold files (the server entry, extension points) are written only when absent.
* Unchanged files are not touched (their modification times stay as they are).
* Writing is all or nothing: if any write fails, every file already changed in this run is
  restored to its previous bytes (or removed if it did not exist) and the manifest is left
  as it was.
"""

from __future__ import annotations

import enum
import hashlib
import json
import os
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path, PurePosixPath

import attrs

from emitters.artifact import GeneratedFile, Ownership

MANIFEST_NAME = ".ssot-codegen.json"
MANIFEST_VERSION = 1


class ConflictReason(enum.Enum):
    EDITED = "edited since it was generated"
    NOT_OURS = "exists but was not written by ssot-codegen"


@attrs.frozen(kw_only=True, slots=True)
class Conflict:
    """An owned path the generator would change although the user has a claim to it."""

    path: str
    reason: ConflictReason


@attrs.frozen(kw_only=True, slots=True)
class WritePlan:
    """What a run would do to the output folder. Computed without writing anything."""

    out_dir: Path
    create: tuple[GeneratedFile, ...]
    update: tuple[GeneratedFile, ...]
    unchanged: tuple[str, ...]
    delete: tuple[str, ...]
    scaffold_kept: tuple[str, ...]
    conflicts: tuple[Conflict, ...]
    manifest: Mapping[str, str]
    """The manifest that the run leaves behind: owned path -> SHA-256 of its content."""
    manifest_changed: bool

    @property
    def changes(self) -> tuple[str, ...]:
        """Every path that a write would create, replace or delete, sorted."""
        paths = [f.path for f in self.create] + [f.path for f in self.update] + list(self.delete)
        return tuple(sorted(paths))

    @property
    def is_up_to_date(self) -> bool:
        return not self.changes and not self.conflicts


@attrs.frozen(kw_only=True, slots=True)
class WriteResult:
    written: tuple[str, ...]
    unchanged: tuple[str, ...]
    deleted: tuple[str, ...]
    scaffold_kept: tuple[str, ...]


class WriteConflictError(Exception):
    """Raised when owned files were edited by hand and ``force`` was not given."""

    def __init__(self, conflicts: Sequence[Conflict]) -> None:
        self.conflicts = tuple(conflicts)
        lines = [f"  {c.path}: {c.reason.value}" for c in self.conflicts]
        super().__init__(
            "refusing to overwrite files you changed:\n"
            + "\n".join(lines)
            + "\nmove your changes to src/extensions/ (or keep a copy) and run again,"
            " or pass --force to overwrite them"
        )


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_manifest(out_dir: Path) -> dict[str, str]:
    """The manifest of the previous run, or an empty one if there is none (or it is unreadable)."""
    path = out_dir / MANIFEST_NAME
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    files = raw.get("files") if isinstance(raw, dict) else None
    if not isinstance(files, dict):
        return {}
    return {str(k): str(v) for k, v in files.items() if isinstance(v, str)}


def render_manifest(files: Mapping[str, str]) -> str:
    body = {"version": MANIFEST_VERSION, "files": dict(sorted(files.items()))}
    return json.dumps(body, indent=2) + "\n"


def _read_bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def plan_write(
    out_dir: str | os.PathLike[str], files: Iterable[GeneratedFile], *, force: bool = False
) -> WritePlan:
    """Compare the generated files with what is on disk and decide what a write would do."""
    root = Path(out_dir)
    previous = read_manifest(root)
    files = tuple(files)
    seen: set[str] = set()
    create: list[GeneratedFile] = []
    update: list[GeneratedFile] = []
    unchanged: list[str] = []
    kept: list[str] = []
    conflicts: list[Conflict] = []
    manifest: dict[str, str] = {}
    for file in sorted(files, key=lambda f: f.path):
        if file.path in seen:
            raise ValueError(f"two generated files have the same path: {file.path}")
        seen.add(file.path)
        current = _read_bytes(root / file.path)
        if file.ownership is Ownership.SCAFFOLD:
            if current is None:
                create.append(file)
            else:
                kept.append(file.path)
            continue
        digest = sha256_hex(file.data)
        manifest[file.path] = digest
        if current is None:
            create.append(file)
        elif current == file.data:
            unchanged.append(file.path)
        else:
            recorded = previous.get(file.path)
            if recorded is None:
                conflicts.append(Conflict(path=file.path, reason=ConflictReason.NOT_OURS))
            elif recorded != sha256_hex(current):
                conflicts.append(Conflict(path=file.path, reason=ConflictReason.EDITED))
            update.append(file)
    delete: list[str] = []
    for old_path, recorded in sorted(previous.items()):
        if old_path in manifest:
            continue
        current = _read_bytes(root / old_path)
        if current is None:
            continue
        if sha256_hex(current) != recorded:
            conflicts.append(Conflict(path=old_path, reason=ConflictReason.EDITED))
        delete.append(old_path)
    if force:
        conflicts = []
    return WritePlan(
        out_dir=root,
        create=tuple(create),
        update=tuple(update),
        unchanged=tuple(unchanged),
        delete=tuple(delete),
        scaffold_kept=tuple(kept),
        conflicts=tuple(conflicts),
        manifest=manifest,
        manifest_changed=manifest != previous,
    )


def _atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def apply_plan(plan: WritePlan) -> WriteResult:
    """Carry out a plan. All or nothing: on any failure the folder is restored and the error re-raised."""
    if plan.conflicts:
        raise WriteConflictError(plan.conflicts)
    root = plan.out_dir
    undo: list[tuple[Path, bytes | None]] = []
    created_dirs: list[Path] = []
    try:
        for file in (*plan.create, *plan.update):
            target = root / file.path
            missing = [p for p in (target.parent, *target.parent.parents) if not p.exists()]
            created_dirs.extend(reversed(missing))
            undo.append((target, _read_bytes(target)))
            _atomic_write(target, file.data)
        for rel in plan.delete:
            target = root / rel
            undo.append((target, _read_bytes(target)))
            target.unlink(missing_ok=True)
        if plan.manifest_changed or plan.create or plan.update or plan.delete:
            manifest_path = root / MANIFEST_NAME
            undo.append((manifest_path, _read_bytes(manifest_path)))
            _atomic_write(manifest_path, render_manifest(plan.manifest).encode("utf-8"))
    except BaseException:
        for target, previous in reversed(undo):
            if previous is None:
                target.unlink(missing_ok=True)
            else:
                _atomic_write(target, previous)
        for directory in reversed(created_dirs):
            try:
                directory.rmdir()
            except OSError:
                pass
        raise
    _remove_empty_dirs(root, plan.delete)
    return WriteResult(
        written=tuple(f.path for f in (*plan.create, *plan.update)),
        unchanged=plan.unchanged,
        deleted=plan.delete,
        scaffold_kept=plan.scaffold_kept,
    )


def _remove_empty_dirs(root: Path, deleted: Sequence[str]) -> None:
    """Remove folders that deleting files left empty (never the output folder itself)."""
    for rel in deleted:
        parent = (root / rel).parent
        while parent != root and root in parent.parents:
            try:
                parent.rmdir()
            except OSError:
                break
            parent = parent.parent


def write_files(
    out_dir: str | os.PathLike[str], files: Iterable[GeneratedFile], *, force: bool = False
) -> WriteResult:
    """Plan and apply in one step."""
    return apply_plan(plan_write(out_dir, files, force=force))
