"""The values every emitter returns and the writer consumes: an `Artifact` (a syntax tree or
a finished text, with its path and ownership) and, once printed and verified, a
`GeneratedFile`. Emitters import these from here, never from the pipeline, so no emitter
depends on the module that runs them."""

from __future__ import annotations

import enum
from pathlib import PurePosixPath

import attrs

from ssot_ast.ts import SourceFile


class Ownership(enum.Enum):
    """Who a generated file belongs to after it has been written."""

    OWNED = "owned"
    """Regenerated every run; recorded in the manifest; hand edits are detected."""
    SCAFFOLD = "scaffold"
    """Written once when absent, then the user's to change."""


@attrs.frozen(kw_only=True, slots=True)
class GeneratedFile:
    """One output file, fully rendered and verified, not yet written."""

    path: str
    """Path relative to the output folder, with forward slashes."""
    content: str
    ownership: Ownership = Ownership.OWNED

    def __attrs_post_init__(self) -> None:
        pure = PurePosixPath(self.path)
        if pure.is_absolute() or ".." in pure.parts or not self.path or "\\" in self.path:
            raise ValueError(
                f"generated file path must be relative and inside the output: {self.path!r}"
            )

    @property
    def data(self) -> bytes:
        return self.content.encode("utf-8")


@attrs.frozen(kw_only=True, slots=True)
class Artifact:
    """One output of an emitter: a TypeScript syntax tree or a finished data/text file."""

    path: str
    ownership: Ownership = Ownership.OWNED
    source: SourceFile | None = None
    text: str | None = None

    def __attrs_post_init__(self) -> None:
        if (self.source is None) == (self.text is None):
            raise ValueError(f"{self.path}: an artifact has either a syntax tree or text")
