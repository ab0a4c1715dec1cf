"""The document IR and its printing engine (the algorithm of prettier's doc printer).

A Doc is a `str` (text without newlines) or one of the classes below. A Group prints flat
when its content, up to the next possible line break of what follows, fits in the remaining
width; otherwise its lines break. A hard line breaks every enclosing group; this is computed
once, when the docs are built (each node caches `propagates` and `will_break`), so the
engine never rescans a subtree to find forced breaks.

The engine is iterative (an explicit command stack), so deep trees never hit Python's
recursion limit, and `fits` stops at the first line break or when the width is exhausted, so
printing is linear in practice.
"""

from __future__ import annotations

import itertools
import math
from typing import Sequence, Union

__all__ = [
    "Align",
    "BREAK_PARENT",
    "BreakParent",
    "Concat",
    "Doc",
    "Group",
    "HARDLINE",
    "IfBreak",
    "Indent",
    "IndentIfBreak",
    "LINE",
    "Line",
    "SOFTLINE",
    "concat",
    "group",
    "indent",
    "join",
    "print_doc",
    "will_break",
]


class Concat:
    """A sequence of docs."""

    __slots__ = ("parts", "propagates", "will_break")
    propagates: bool
    will_break: bool

    def __init__(self, parts: list[Doc] | tuple[Doc, ...]) -> None:
        # Nested Concats are spliced in and empty strings dropped: the engine then pushes
        # fewer commands, and `fits` (run many times over the same docs) walks less.
        flat: list[Doc] = []
        append = flat.append
        propagates = False
        breaks = False
        for part in parts:
            kind = type(part)
            if kind is str:
                if part:
                    append(part)
                continue
            if kind is Concat:
                flat.extend(part.parts)  # type: ignore[union-attr,has-type]
            else:
                append(part)
            if part.propagates:  # type: ignore[union-attr]
                propagates = True
                breaks = True
            elif part.will_break:  # type: ignore[union-attr]
                breaks = True
        self.parts = flat
        self.propagates = propagates
        self.will_break = breaks


class Line:
    """A possible line break: a space when flat (`soft`: nothing), a newline when broken.
    A `hard` line is always a newline and breaks every enclosing group."""

    __slots__ = ("soft", "hard", "propagates", "will_break")

    propagates: bool
    will_break: bool

    def __init__(self, *, soft: bool = False, hard: bool = False) -> None:
        self.soft = soft
        self.hard = hard
        self.propagates = hard
        self.will_break = hard


class BreakParent:
    """Forces the enclosing group to break."""

    __slots__ = ("propagates", "will_break")

    propagates: bool
    will_break: bool

    def __init__(self) -> None:
        self.propagates = True
        self.will_break = True


_group_ids = itertools.count(1)


class Group:
    """Print `contents` flat if it fits, else broken. With `expanded_states` (prettier's
    conditionalGroup) the engine tries each state in turn; such a group does not propagate
    the breaks of its states to its parents (the caller adds a BreakParent when needed)."""

    __slots__ = ("contents", "broken", "gid", "states", "propagates", "will_break")
    propagates: bool
    will_break: bool

    def __init__(
        self,
        contents: Doc,
        *,
        should_break: bool = False,
        gid: int | None = None,
        expanded_states: tuple[Doc, ...] | None = None,
    ) -> None:
        self.contents = contents
        self.gid = gid
        self.states = expanded_states
        inner_breaks = type(contents) is not str and contents.propagates  # type: ignore[union-attr]
        if expanded_states is None:
            self.broken = should_break or inner_breaks
            self.propagates = self.broken
            self.will_break = self.broken
        else:
            self.broken = should_break
            self.propagates = should_break
            self.will_break = should_break or (
                type(contents) is not str and contents.will_break  # type: ignore[union-attr]
            )


class Indent:
    __slots__ = ("contents", "propagates", "will_break")
    propagates: bool
    will_break: bool

    def __init__(self, contents: Doc) -> None:
        self.contents = contents
        if type(contents) is str:
            self.propagates = False
            self.will_break = False
        else:
            self.propagates = contents.propagates  # type: ignore[union-attr]
            self.will_break = contents.will_break  # type: ignore[union-attr]


class Align:
    """`contents` indented by `width` more columns (prettier's align with a number): the
    branches of a conditional chain line up two columns after `? ` / `: ` whatever the
    indentation width."""

    __slots__ = ("contents", "width", "propagates", "will_break")
    propagates: bool
    will_break: bool

    def __init__(self, width: int, contents: Doc) -> None:
        self.contents = contents
        self.width = width
        self.propagates = _propagates(contents)
        self.will_break = _will_break(contents)


class IfBreak:
    """`break_contents` if the enclosing group (or group `gid`) is broken, else
    `flat_contents`."""

    __slots__ = ("break_contents", "flat_contents", "gid", "propagates", "will_break")
    propagates: bool
    will_break: bool

    def __init__(self, break_contents: Doc, flat_contents: Doc = "", gid: int | None = None):
        self.break_contents = break_contents
        self.flat_contents = flat_contents
        self.gid = gid
        self.propagates = _propagates(break_contents) or _propagates(flat_contents)
        self.will_break = _will_break(break_contents) or _will_break(flat_contents)


class IndentIfBreak:
    """`contents`, indented one level if group `gid` is broken."""

    __slots__ = ("contents", "gid", "propagates", "will_break")
    propagates: bool
    will_break: bool

    def __init__(self, contents: Doc, gid: int) -> None:
        self.contents = contents
        self.gid = gid
        self.propagates = _propagates(contents)
        self.will_break = _will_break(contents)


Doc = Union[str, Concat, Line, BreakParent, Group, Indent, Align, IfBreak, IndentIfBreak]


def _propagates(doc: Doc) -> bool:
    return type(doc) is not str and doc.propagates  # type: ignore[union-attr]


def _will_break(doc: Doc) -> bool:
    return type(doc) is not str and doc.will_break  # type: ignore[union-attr]


def will_break(doc: Doc) -> bool:
    """True when printing `doc` certainly produces a line break (prettier's willBreak)."""
    return _will_break(doc)


LINE = Line()
SOFTLINE = Line(soft=True)
HARDLINE = Line(hard=True)
BREAK_PARENT = BreakParent()


def concat(*parts: Doc) -> Doc:
    return Concat(parts)


def group(
    contents: Doc,
    *,
    should_break: bool = False,
    gid: int | None = None,
) -> Group:
    return Group(contents, should_break=should_break, gid=gid)


def conditional_group(states: tuple[Doc, ...], *, should_break: bool = False) -> Group:
    return Group(states[0], should_break=should_break, expanded_states=states)


def indent(contents: Doc) -> Indent:
    return Indent(contents)


def new_group_id() -> int:
    return next(_group_ids)


def join(separator: Doc, docs: Sequence[Doc]) -> Concat:
    parts: list[Doc] = []
    for index, doc in enumerate(docs):
        if index:
            parts.append(separator)
        parts.append(doc)
    return Concat(parts)


_BREAK = 0
_FLAT = 1


def _fits(
    mode: int,
    doc: Doc,
    rest: list[tuple[int, int, Doc]],
    width: float,
    group_modes: dict[int, int],
    must_be_flat: bool = False,
) -> bool:
    """Whether `doc` in `mode`, followed by the rest commands up to their first line break,
    fits in `width` columns."""
    if width == math.inf:
        return True
    rest_index = len(rest)
    stack: list[tuple[int, Doc]] = [(mode, doc)]
    while width >= 0:
        if not stack:
            if rest_index == 0:
                return True
            rest_index -= 1
            _, rest_mode, rest_doc = rest[rest_index]
            stack.append((rest_mode, rest_doc))
            continue
        mode, doc = stack.pop()
        kind = type(doc)
        if kind is str:
            width -= len(doc)  # type: ignore[arg-type]
        elif kind is Concat:
            stack.extend([(mode, part) for part in reversed(doc.parts)])  # type: ignore
        elif kind is Line:
            if mode == _BREAK or doc.hard:  # type: ignore[union-attr]
                return True
            if not doc.soft:  # type: ignore[union-attr]
                width -= 1
        elif kind is Group:
            if must_be_flat and doc.broken:  # type: ignore[union-attr]
                return False
            group_mode = _BREAK if doc.broken else mode  # type: ignore[union-attr]
            states = doc.states  # type: ignore[union-attr]
            if states is not None and group_mode == _BREAK:
                stack.append((group_mode, states[-1]))
            else:
                stack.append((group_mode, doc.contents))  # type: ignore[union-attr]
        elif kind is Indent or kind is IndentIfBreak or kind is Align:
            stack.append((mode, doc.contents))  # type: ignore[union-attr]
        elif kind is IfBreak:
            gid = doc.gid  # type: ignore[union-attr]
            group_mode = mode if gid is None else group_modes.get(gid, _FLAT)
            chosen = (
                doc.break_contents  # type: ignore[union-attr]
                if group_mode == _BREAK
                else doc.flat_contents  # type: ignore[union-attr]
            )
            if chosen != "":
                stack.append((mode, chosen))
    return False


def print_doc(doc: Doc, width: float = 80, indent_width: int = 2) -> str:
    """Lay out `doc` in `width` columns (math.inf: everything flat unless forced)."""
    out: list[str] = []
    pos = 0
    cmds: list[tuple[int, int, Doc]] = [(0, _BREAK, doc)]
    group_modes: dict[int, int] = {}
    remeasure = False
    append = out.append
    push = cmds.append
    pop = cmds.pop
    extend = cmds.extend
    while cmds:
        ind, mode, doc = pop()
        kind = type(doc)
        if kind is str:
            append(doc)  # type: ignore[arg-type]
            pos += len(doc)  # type: ignore[arg-type]
        elif kind is Concat:
            extend([(ind, mode, part) for part in reversed(doc.parts)])  # type: ignore
        elif kind is Line:
            if mode == _FLAT and not doc.hard:  # type: ignore[union-attr]
                if not doc.soft:  # type: ignore[union-attr]
                    append(" ")
                    pos += 1
                continue
            if mode == _FLAT:
                remeasure = True
            while out:
                last = out[-1]
                stripped = last.rstrip(" \t")
                if stripped:
                    out[-1] = stripped
                    break
                out.pop()
            append("\n" + " " * ind)
            pos = ind
        elif kind is Group:
            grp: Group = doc  # type: ignore[assignment]
            if mode == _FLAT and not remeasure:
                push((ind, _BREAK if grp.broken else _FLAT, grp.contents))
            else:
                remeasure = False
                remaining = width - pos
                if not grp.broken and _fits(_FLAT, grp.contents, cmds, remaining, group_modes):
                    push((ind, _FLAT, grp.contents))
                elif grp.states is not None:
                    if grp.broken:
                        push((ind, _BREAK, grp.states[-1]))
                    else:
                        for state in grp.states[1:]:
                            if _fits(_FLAT, state, cmds, remaining, group_modes):
                                push((ind, _FLAT, state))
                                break
                        else:
                            push((ind, _BREAK, grp.states[-1]))
                else:
                    push((ind, _BREAK, grp.contents))
            if grp.gid is not None:
                group_modes[grp.gid] = cmds[-1][1]
        elif kind is Indent:
            push((ind + indent_width, mode, doc.contents))  # type: ignore[union-attr]
        elif kind is Align:
            push((ind + doc.width, mode, doc.contents))  # type: ignore[union-attr]
        elif kind is IfBreak:
            gid = doc.gid  # type: ignore[union-attr]
            group_mode = mode if gid is None else group_modes.get(gid, _FLAT)
            chosen = (
                doc.break_contents  # type: ignore[union-attr]
                if group_mode == _BREAK
                else doc.flat_contents  # type: ignore[union-attr]
            )
            if chosen != "":
                push((ind, mode, chosen))
        elif kind is IndentIfBreak:
            extra_gid: int = doc.gid  # type: ignore[union-attr,assignment]
            extra = indent_width if group_modes.get(extra_gid, _FLAT) == _BREAK else 0
            push((ind + extra, mode, doc.contents))  # type: ignore[union-attr]
    return "".join(out)


def remove_lines(doc: Doc) -> Doc:
    """`doc` that cannot break (prettier's removeLines): lines become spaces, soft lines
    nothing, IfBreak its flat contents; hard lines stay."""
    kind = type(doc)
    if kind is str:
        return doc
    if kind is Line:
        if doc.hard:  # type: ignore[union-attr]
            return doc
        return "" if doc.soft else " "  # type: ignore[union-attr]
    if kind is Concat:
        return Concat([remove_lines(part) for part in doc.parts])  # type: ignore[union-attr]
    if kind is Group:
        grp: Group = doc  # type: ignore[assignment]
        if grp.states is not None:
            return Group(
                remove_lines(grp.contents),
                should_break=grp.broken,
                gid=grp.gid,
                expanded_states=tuple(remove_lines(state) for state in grp.states),
            )
        return Group(remove_lines(grp.contents), should_break=grp.broken, gid=grp.gid)
    if kind is Indent:
        return Indent(remove_lines(doc.contents))  # type: ignore[union-attr]
    if kind is Align:
        return Align(doc.width, remove_lines(doc.contents))  # type: ignore[union-attr]
    if kind is IndentIfBreak:
        return IndentIfBreak(remove_lines(doc.contents), doc.gid)  # type: ignore[union-attr,arg-type]
    if kind is IfBreak:
        return remove_lines(doc.flat_contents)  # type: ignore[union-attr]
    return doc


def print_flat(doc: Doc) -> str:
    """`doc` on one line (forced breaks still break)."""
    return print_doc(doc, width=math.inf)
