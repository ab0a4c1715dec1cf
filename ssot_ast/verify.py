"""The syntax check of every generated file: re-parse with tree-sitter-typescript and refuse
any ERROR or MISSING node, with file, line, column, the offending line and a caret.

Usable on any text (`verify_text`, `find_problems`), any files or folders (`verify_paths`),
and from the command line: `python3 -m ssot_ast.verify PATH...` (also `ssot-codegen verify`).
The parser is created once and reused.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Iterable, Iterator

import attrs
import tree_sitter
import tree_sitter_typescript

__all__ = ["Problem", "VerificationError", "find_problems", "main", "verify_paths", "verify_text"]

_PARSER: tree_sitter.Parser | None = None


def _parser() -> tree_sitter.Parser:
    global _PARSER
    if _PARSER is None:
        language = tree_sitter.Language(tree_sitter_typescript.language_typescript())
        _PARSER = tree_sitter.Parser(language)
    return _PARSER


@attrs.frozen(kw_only=True, slots=True)
class Problem:
    """One syntax problem; `line` and `column` are 1-based (column in characters)."""

    path: str
    line: int
    column: int
    message: str
    source_line: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"

    def render(self) -> str:
        """The location, the message, the offending line and a caret under the column."""
        caret = " " * (self.column - 1) + "^"
        return f"{self}\n  {self.source_line}\n  {caret}"


class VerificationError(Exception):
    """Generated text that does not parse. `problems` lists every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(problem.render() for problem in problems))


def _error_nodes(root: tree_sitter.Node) -> Iterator[tuple[tree_sitter.Node, str]]:
    stack = [root]
    while stack:
        node = stack.pop()
        if node.is_missing:
            yield node, f"missing {node.type!r}"
            continue
        if node.is_error:
            yield node, "syntax error"
            continue
        if node.has_error:
            stack.extend(reversed(node.children))


def find_problems(text: str, path: str) -> list[Problem]:
    """Every ERROR or MISSING node in `text` (which claims to be the file at `path`)."""
    data = text.encode("utf-8")
    tree = _parser().parse(data)
    if not tree.root_node.has_error:
        return []
    lines = data.split(b"\n")
    problems = []
    for node, message in _error_nodes(tree.root_node):
        row, byte_column = node.start_point
        raw_line = lines[row] if row < len(lines) else b""
        column = len(raw_line[:byte_column].decode("utf-8", errors="replace")) + 1
        problems.append(
            Problem(
                path=path,
                line=row + 1,
                column=column,
                message=message,
                source_line=raw_line.decode("utf-8", errors="replace"),
            )
        )
    problems.sort(key=lambda problem: (problem.line, problem.column))
    return problems


def verify_text(text: str, path: str) -> None:
    """Raise VerificationError if `text` has any syntax problem."""
    problems = find_problems(text, path)
    if problems:
        raise VerificationError(problems)


def _ts_files(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path]:
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(name for name in dirs if name != "node_modules")
                for name in sorted(files):
                    if name.endswith(".ts"):
                        yield Path(root) / name
        else:
            yield path


def verify_paths(paths: Iterable[str | os.PathLike[str]]) -> list[Problem]:
    """Problems in every `.ts` file under `paths` (files or folders; node_modules
    skipped)."""
    problems: list[Problem] = []
    for file in _ts_files(paths):
        problems.extend(find_problems(file.read_text(encoding="utf-8"), str(file)))
    return problems


def main(argv: list[str]) -> int:
    """`verify PATH...`: print `path:line:col: message` per problem; exit 1 if any."""
    if not argv or argv[0] in ("-h", "--help"):
        print("usage: verify PATH...  (checks every .ts file under the paths)", file=sys.stderr)
        return 2 if not argv else 0
    missing = [arg for arg in argv if not Path(arg).exists()]
    if missing:
        for arg in missing:
            print(f"{arg}: no such file or directory", file=sys.stderr)
        return 2
    problems = verify_paths(argv)
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
