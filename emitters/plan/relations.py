"""Relation fields as the API sees them: which are served and includable, how implicit
many-to-many relations are written (``<relation>Ids``), and the check that no relation's
foreign key is left out."""

from __future__ import annotations

from ssot_ast.schema import Field, FieldKind, Model, Schema

from emitters.plan.fields import analyze_field, key_criterion, usable_fields
from emitters.plan.naming import singularize
from emitters.plan.plans import AnalysisError, FieldPlan, RelationPlan
from emitters.plan.secrets import unserved_auth_table


def check_relation_keys(model: Model) -> None:
    """A relation is written through its foreign keys: none of them may be left out."""
    by_name = {f.name: f for f in model.fields}
    for field in usable_fields(model):
        relation = field.relation
        if relation is None:
            continue
        for key in relation.from_fields:
            scalar = by_name.get(key)
            if scalar is not None and (scalar.is_ignored or scalar.kind is FieldKind.UNSUPPORTED):
                raise AnalysisError(
                    f"{scalar.span.file}:{scalar.span.line}:{scalar.span.col}: "
                    f"{model.name}.{field.name} cannot be served: its foreign key {key} is "
                    f"{'@ignore' if scalar.is_ignored else 'Unsupported'} (mark the relation "
                    "field @ignore too, or keep the key)"
                )


def analyze_relation(schema: Schema, field: Field) -> RelationPlan | None:
    """The plan of a relation field; None when its target is not served."""
    relation = field.relation
    if relation is None:
        return None
    target = schema.model(relation.related_model)
    if (
        target.is_ignored
        or (target.is_view and key_criterion(target) is None)
        or unserved_auth_table(target) is not None
    ):
        return None  # not served: not includable either
    implicit = relation.is_implicit_many_to_many
    target_id: FieldPlan | None = None
    ids_field: str | None = None
    if implicit:
        ids = [f for f in target.fields if f.is_id]
        if len(ids) == 1:
            target_fks = frozenset(
                n for f in target.fields if f.relation is not None for n in f.relation.from_fields
            )
            target_id = analyze_field(target, ids[0], target_fks)
        ids_field = singularize(field.name) + "Ids"
    return RelationPlan(
        name=field.name,
        target=relation.related_model,
        is_list=field.is_list,
        is_optional=not field.is_required,
        foreign_keys=tuple(relation.from_fields),
        implicit_many_to_many=implicit,
        ids_field=ids_field,
        target_id=target_id,
    )
