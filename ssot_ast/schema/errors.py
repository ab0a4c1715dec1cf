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
    severity: str = "error"
    """``error`` (the schema is refused) or ``warning`` (reported, the schema is used)."""

    @classmethod
    def at(
        cls, span: Span, message: str, hint: str | None = None, *, severity: str = "error"
    ) -> Diagnostic:
        return cls(
            file=span.file,
            line=span.line,
            col=span.col,
            message=message,
            hint=hint,
            length=span.length,
            severity=severity,
        )

    @property
    def is_warning(self) -> bool:
        return self.severity == "warning"

    def one_line(self) -> str:
        """`file:line:col: warning: message (hint)`: the form warnings are printed in."""
        hint = f" ({self.hint})" if self.hint else ""
        return f"{self.file}:{self.line}:{self.col}: {self.severity}: {self.message}{hint}"

    def render(self, source_lines: Sequence[str] | None = None) -> str:
        """`file:line:col: error: message`, then the source line, a caret line and the hint."""
        out = [f"{self.file}:{self.line}:{self.col}: {self.severity}: {self.message}"]
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

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if not d.is_warning)

    @property
    def warnings(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.is_warning)

    def render(self) -> str:
        parts = [d.render(self._lines.get(d.file)) for d in self.errors]
        parts.extend(d.one_line() for d in self.warnings)
        count = len(self.errors)
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


def near_miss(name: str, candidates: Iterable[str]) -> str | None:
    """The candidate that `name` is most likely a typo of, or None: equal but for case, or
    within one edit (two for names of six letters or more), a swap of neighbours counting as
    one. Stricter than `did_you_mean`: a miss here turns documentation into a warning."""
    lowered = name.lower()
    best: tuple[int, str] | None = None
    for candidate in candidates:
        target = candidate.lower()
        limit = 2 if len(target) >= 6 else 1
        distance = _edit_distance(lowered, target, limit)
        if distance <= limit and (best is None or distance < best[0]):
            best = (distance, candidate)
    return best[1] if best else None


def _edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance, or `limit + 1` once it surely exceeds `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[len(b)]
