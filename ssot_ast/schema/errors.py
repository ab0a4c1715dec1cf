"""Source positions, diagnostics and the one exception type of the schema front end."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence

import attrs


@attrs.frozen(slots=True)
class Span:
    """A place in a schema file: 1-based line and column, and a length in characters."""

    file: str
    line: int
    col: int
    length: int = 1


@attrs.frozen(kw_only=True, slots=True)
class Diagnostic:
    """One problem found in a schema, with where it is and what to do about it."""

    file: str
    line: int
    col: int
    message: str
    hint: str | None = None
    length: int = 1

    @classmethod
    def at(cls, span: Span, message: str, hint: str | None = None) -> Diagnostic:
        return cls(
            file=span.file,
            line=span.line,
            col=span.col,
            message=message,
            hint=hint,
            length=span.length,
        )

    def render(self, source_lines: Sequence[str] | None = None) -> str:
        """`file:line:col: error: message`, then the source line, a caret line and the hint."""
        out = [f"{self.file}:{self.line}:{self.col}: error: {self.message}"]
        if source_lines is not None and 1 <= self.line <= len(source_lines):
            text = source_lines[self.line - 1].rstrip("\r\n").replace("\t", " ")
            out.append(f"  {text}")
            width = max(1, min(self.length, len(text) - self.col + 1))
            out.append("  " + " " * (self.col - 1) + "^" * width)
        if self.hint:
            out.append(f"  hint: {self.hint}")
        return "\n".join(out)


class SchemaError(Exception):
    """Raised when a schema is invalid; carries every diagnostic found, in source order."""

    def __init__(
        self,
        diagnostics: Iterable[Diagnostic],
        sources: Sequence[tuple[str, str]] = (),
    ) -> None:
        self.diagnostics: tuple[Diagnostic, ...] = tuple(
            sorted(diagnostics, key=lambda d: (d.file, d.line, d.col))
        )
        self._lines = {path: text.splitlines() for path, text in sources}
        super().__init__(self.render())

    def render(self) -> str:
        parts = [d.render(self._lines.get(d.file)) for d in self.diagnostics]
        count = len(self.diagnostics)
        parts.append(f"{count} error{'s' if count != 1 else ''} in the schema")
        return "\n".join(parts)

    def __str__(self) -> str:
        return self.render()


def did_you_mean(name: str, candidates: Iterable[str]) -> str | None:
    """A `did you mean "x"?` hint when a close candidate exists."""
    matches = difflib.get_close_matches(name, list(candidates), n=1, cutoff=0.6)
    if not matches:
        lowered = {c.lower(): c for c in candidates}
        if name.lower() in lowered:
            matches = [lowered[name.lower()]]
    return f'did you mean "{matches[0]}"?' if matches else None
