"""Pairing relation fields across both sides and checking their foreign keys."""

from __future__ import annotations

import attrs

from .attributes import REFERENTIAL_ACTIONS, ArgReader
from .errors import Diagnostic, Span, did_you_mean
from .model import Field, FieldKind, Model, RelationInfo
from .syntax import Block


@attrs.define
class _Side:
    model: Model
    field: Field
    name: str | None = None
    fields: list[tuple[str, Span]] | None = None
    references: list[tuple[str, Span]] | None = None
    on_delete: str | None = None
    on_update: str | None = None
    on_delete_span: Span | None = None
    map: str | None = None
    span: Span | None = None


def _read_side(model: Model, field: Field, block: Block, diagnostics: list[Diagnostic]) -> _Side:
    side = _Side(model=model, field=field, span=field.span)
    decl = next(d for d in block.fields if d.name == field.name)
    for attribute in decl.attributes:
        if attribute.name != "relation":
            continue
        side.span = attribute.span
        reader = ArgReader(attribute, diagnostics)
        side.name = reader.string(reader.take("name", positional=True))
        for key in ("fields", "references"):
            arg = reader.take(key)
            items = reader.field_list(arg)
            if items is not None:
                setattr(side, key, [(name, span) for name, span, _ in items])
        for key in ("onDelete", "onUpdate"):
            arg = reader.take(key)
            action = reader.constant(arg, REFERENTIAL_ACTIONS)
            if key == "onDelete":
                side.on_delete = action
                side.on_delete_span = arg.span if arg is not None else None
            else:
                side.on_update = action
        side.map = reader.string(reader.take("map"))
        reader.finish()
    return side


def pair_relations(
    models: list[Model], blocks: dict[str, Block], provider: str, diagnostics: list[Diagnostic]
) -> list[Model]:
    def fail(span: Span, message: str, hint: str | None = None) -> None:
        diagnostics.append(Diagnostic.at(span, message, hint))

    by_name = {m.name: m for m in models}
    groups: dict[tuple[str, str, str], list[_Side]] = {}
    for model in models:
        for field in model.fields:
            if field.kind is not FieldKind.OBJECT or field.type not in by_name:
                continue
            side = _read_side(model, field, blocks[model.name], diagnostics)
            low, high = sorted((model.name, field.type))
            groups.setdefault((low, high, side.name or ""), []).append(side)

    infos: dict[tuple[str, str], RelationInfo] = {}
    read_only: set[tuple[str, str]] = set()
    for (low, high, explicit), sides in groups.items():
        relation_name = explicit or f"{low}To{high}"
        if low == high:
            if len(sides) == 1:
                side = sides[0]
                fail(
                    side.field.span,
                    f"relation field {side.field.name} on {low} has no opposite relation field",
                    f'add the other side on model {low} with @relation("{relation_name}"), '
                    "or give both sides the same relation name",
                )
                continue
            if len(sides) > 2 or not explicit:
                _ambiguous(sides, fail)
                continue
            pair = (sides[0], sides[1])
        else:
            a_sides = [s for s in sides if s.model.name == low]
            b_sides = [s for s in sides if s.model.name == high]
            if len(a_sides) > 1 or len(b_sides) > 1:
                _ambiguous(a_sides if len(a_sides) > 1 else b_sides, fail)
                continue
            if not a_sides or not b_sides:
                side = (a_sides or b_sides)[0]
                fail(
                    side.field.span,
                    f"relation field {side.field.name} on model {side.model.name} has no opposite "
                    f"relation field on model {side.field.type}",
                    f"add a field of type {side.model.name} (or {side.model.name}[]) to model "
                    f"{side.field.type}" + (f' with @relation("{explicit}")' if explicit else ""),
                )
                continue
            pair = (a_sides[0], b_sides[0])
        _check_pair(pair, relation_name, by_name, provider, fail)
        for this, other in (pair, pair[::-1]):
            owning = this.fields is not None and len(this.fields) > 0
            if this.field.is_list and other.field.is_list:
                cardinality = "many-to-many"
            elif this.field.is_list:
                cardinality = "one-to-many"
            elif other.field.is_list:
                cardinality = "many-to-one"
            else:
                cardinality = "one-to-one"
            implicit = cardinality == "many-to-many" and not this.fields and not other.fields
            infos[(this.model.name, this.field.name)] = RelationInfo(
                name=relation_name,
                from_fields=tuple(n for n, _ in this.fields or ()),
                to_fields=tuple(n for n, _ in this.references or ()),
                on_delete=this.on_delete,
                on_update=this.on_update,
                related_model=other.model.name,
                opposite_field=other.field.name,
                cardinality=cardinality,
                is_implicit_many_to_many=implicit,
                is_self_relation=low == high,
                is_owning_side=owning,
                map=this.map,
            )
            for name, _ in this.fields or ():
                read_only.add((this.model.name, name))

    out: list[Model] = []
    for model in models:
        fields = tuple(
            attrs.evolve(
                f,
                relation=infos.get((model.name, f.name)),
                is_read_only=(model.name, f.name) in read_only,
            )
            for f in model.fields
        )
        out.append(attrs.evolve(model, fields=fields))
    return out


def _ambiguous(sides: list[_Side], fail: object) -> None:
    assert callable(fail)
    first, second = sides[0], sides[1]
    fail(
        second.field.span,
        f"ambiguous relation: fields {first.field.name} and {second.field.name} on model "
        f"{first.model.name} both refer to {first.field.type}",
        'give each relation its own name, e.g. @relation("AuthoredPosts") on both sides',
    )


def _check_pair(
    pair: tuple[_Side, _Side],
    relation_name: str,
    by_name: dict[str, Model],
    provider: str,
    fail: object,
) -> None:
    assert callable(fail)
    a, b = pair
    a_list, b_list = a.field.is_list, b.field.is_list
    mongo = provider == "mongodb"
    for side in pair:
        if (side.fields is None) != (side.references is None):
            fail(
                side.span,
                f"@relation on {side.model.name}.{side.field.name} needs both fields and references",
                "write @relation(fields: [fooId], references: [id])",
            )
            return
    if a_list and b_list:
        if a.fields or b.fields:
            if not mongo:
                side = a if a.fields else b
                fail(
                    side.span,
                    f"many-to-many relation {relation_name}: a list relation field cannot have "
                    "fields and references",
                    "remove fields/references for an implicit many-to-many relation",
                )
                return
        else:
            for side in pair:
                if len(side.model.id_fields) != 1:
                    fail(
                        side.field.span,
                        f"implicit many-to-many relation {relation_name} needs model "
                        f"{side.model.name} to have a single-field @id",
                        "add an @id field, or model the relation with an explicit join model",
                    )
                    return
    elif a_list or b_list:
        many, one = (a, b) if a_list else (b, a)
        if many.fields:
            fail(
                many.span,
                f"the list field {many.model.name}.{many.field.name} cannot hold the foreign key",
                f"put fields/references on {one.model.name}.{one.field.name} instead",
            )
            return
        if not one.fields:
            fail(
                one.field.span,
                f"relation field {one.field.name} on {one.model.name} must say which fields hold "
                "the foreign key",
                f"add @relation(fields: [{one.field.name}Id], references: [id]) and a scalar "
                f"field {one.field.name}Id",
            )
            return
    else:
        if a.fields and b.fields:
            fail(
                b.span,
                f"one-to-one relation {relation_name}: only one side may have fields and "
                "references",
                f"remove them from {b.model.name}.{b.field.name}",
            )
            return
        if not a.fields and not b.fields:
            fail(
                b.field.span,
                f"one-to-one relation {relation_name}: one side must have fields and references",
                f"add @relation(fields: [...], references: [...]) to one of "
                f"{a.model.name}.{a.field.name} and {b.model.name}.{b.field.name}",
            )
            return
        if a.field.is_list is False and b.field.is_list is False:
            if a.fields and not a.field.is_required and not b.field.is_required:
                pass
    for side, other in (pair, pair[::-1]):
        if not side.fields:
            if side.on_delete or side.on_update:
                fail(
                    side.on_delete_span or side.span or side.field.span,
                    f"onDelete/onUpdate go on the side with fields, not on "
                    f"{side.model.name}.{side.field.name}",
                    f"move them to {other.model.name}.{other.field.name}",
                )
            continue
        _check_foreign_key(side, other, by_name, mongo, fail)


def _check_foreign_key(
    side: _Side, other: _Side, by_name: dict[str, Model], mongo: bool, fail: object
) -> None:
    assert callable(fail) and side.fields is not None and side.references is not None
    model, target = side.model, by_name[side.field.type]
    if len(side.fields) != len(side.references):
        fail(
            side.span,
            f"@relation on {model.name}.{side.field.name} has {len(side.fields)} fields but "
            f"{len(side.references)} references",
            "list as many fields as references, in matching order",
        )
        return
    own = {f.name: f for f in model.fields}
    theirs = {f.name: f for f in target.fields}
    scalars: list[Field] = []
    for (name, span), (ref, ref_span) in zip(side.fields, side.references):
        field = own.get(name)
        if field is None or field.kind not in (FieldKind.SCALAR, FieldKind.ENUM):
            what = "is not a field" if field is None else "is not a scalar field"
            fail(span, f'"{name}" in fields {what} of {model.name}', did_you_mean(name, own))
            return
        referenced = theirs.get(ref)
        if referenced is None or referenced.kind not in (FieldKind.SCALAR, FieldKind.ENUM):
            what = "is not a field" if referenced is None else "is not a scalar field"
            fail(
                ref_span,
                f'"{ref}" in references {what} of {target.name}',
                did_you_mean(ref, theirs),
            )
            return
        if field.type != referenced.type or (field.is_list and not mongo):
            fail(
                span,
                f"the foreign key {model.name}.{name} is {field.type} but it references "
                f"{target.name}.{ref} of type {referenced.type}",
                f"make {name} a {referenced.type}",
            )
            return
        if (
            field.native_type != referenced.native_type
            and field.native_type
            and referenced.native_type
        ):
            fail(span, f"the native types of {model.name}.{name} and {target.name}.{ref} differ")
            return
        scalars.append(field)
    refs = tuple(r for r, _ in side.references)
    if not mongo and not _is_unique(target, refs):
        fail(
            side.references[0][1],
            f"references [{', '.join(refs)}] is not a unique criterion of {target.name}",
            f"reference the @id of {target.name}, or mark the referenced fields @unique",
        )
        return
    if not side.field.is_list and not other.field.is_list:
        names = tuple(n for n, _ in side.fields)
        if not _is_unique(model, names):
            fail(
                side.fields[0][1],
                f"one-to-one relation: the foreign key [{', '.join(names)}] of {model.name} must "
                "be unique",
                "add @unique to the foreign key field (or @@unique for several), or make the "
                "other side a list",
            )
            return
    if side.field.is_required and any(not f.is_required for f in scalars):
        fail(
            side.field.span,
            f"relation field {side.field.name} is required but its foreign key is optional",
            f"make {side.field.name} optional ({side.field.type}?) or its foreign key required",
        )


def _is_unique(model: Model, names: tuple[str, ...]) -> bool:
    wanted = set(names)
    if model.primary_key is not None and set(model.primary_key.fields) == wanted:
        return True
    if len(names) == 1 and any(f.is_unique and f.name == names[0] for f in model.fields):
        return True
    return any(set(u) == wanted for u in model.unique_fields)
