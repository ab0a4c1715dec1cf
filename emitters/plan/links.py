"""Ownership through relations: which writes of a model link its rows to records of an owned
model, and what the caller needs for each link.

The rule, as the generated README and SECURITY.md state it:

* a model is *owned* when it has an owner (``@owner``, or the user model, owned by each user);
* a write that links a row to a record of an owned model, through a foreign key in the body or
  a relation list (``tagIds``), needs the right to update that record: the caller owns it, or
  their role may update every record of the model. Otherwise the record is answered as not
  found (404), as a foreign record is, and nothing is written;
* a relation list written with ``set`` (PATCH) touches the records it adds and the ones it
  removes, so both need that right; records that stay linked are not touched;
* ``/// @connect(read)`` on a to-one relation field relaxes *creating* a row to any record the
  caller may read (a comment on someone else's post). Changing the key later still needs the
  update right, so an owner cannot move their row under a parent they do not own.
"""

from __future__ import annotations

import attrs

from ssot_ast.schema import Identifier

from emitters.plan.plans import AnalysisError, ModelPlan, Presence, ProjectPlan

CONNECT_MODES = ("read", "update")


@attrs.frozen(kw_only=True, slots=True)
class Link:
    """One relation of a model whose writes name records of an owned model."""

    relation: str
    """The relation field's name: the key of the ``links`` argument of the service."""
    target: ModelPlan
    target_key: str
    """The target's field the link names (the referenced field, or its id for a list)."""
    owner: str
    """The target's owner field."""
    key: str | None
    """The foreign key in the body (a to-one relation), else None."""
    ids_field: str | None
    """The relation list in the body (``tagIds``), else None."""
    on_create: bool
    on_update: bool
    create_rule: tuple[str, ...]
    update_rule: tuple[str, ...]


def connect_mode(model: ModelPlan, relation: str) -> str:
    """``update`` unless the relation field says ``/// @connect(read)``."""
    field = model.model.field(relation)
    annotation = field.annotation("connect")
    if annotation is None or not annotation.args:
        return "update"
    value = annotation.args[0]
    mode = value.name if isinstance(value, Identifier) else str(value)
    if mode not in CONNECT_MODES or field.is_list:
        span = annotation.span
        raise AnalysisError(
            f"{span.file}:{span.line}:{span.col}: @connect({mode}) on "
            f"{model.names.model}.{relation}: use @connect(read) on a to-one relation field"
        )
    return mode


def links(plan: ProjectPlan, model: ModelPlan) -> tuple[Link, ...]:
    """The links of `model`'s create and update bodies to records of owned models."""
    if model.access is None:
        return ()
    by_name = {m.names.model: m for m in plan.models}
    found: list[Link] = []
    for relation in model.relations:
        target = by_name.get(relation.target)
        if target is None or target.access is None or target.access.owner is None:
            continue
        owner = target.access.owner
        mode = connect_mode(model, relation.name)
        create_rule = target.access.rule(mode)
        update_rule = target.access.rule("update")
        if relation.ids_field is not None and relation.target_id is not None:
            found.append(
                Link(
                    relation=relation.name,
                    target=target,
                    target_key=relation.target_id.name,
                    owner=owner,
                    key=None,
                    ids_field=relation.ids_field,
                    on_create=model.serves("create"),
                    on_update=model.serves("update"),
                    create_rule=create_rule,
                    update_rule=update_rule,
                )
            )
            continue
        if relation.is_list or len(relation.foreign_keys) != 1:
            continue
        key = model.field(relation.foreign_keys[0])
        owner_field = model.owner_field
        if owner_field is not None and owner_field.name == key.name:
            continue  # set from the token, never from the body
        info = model.model.field(relation.name).relation
        assert info is not None
        found.append(
            Link(
                relation=relation.name,
                target=target,
                target_key=info.to_fields[0],
                owner=owner,
                key=key.name,
                ids_field=None,
                on_create=model.serves("create") and key.create is not Presence.FORBIDDEN,
                on_update=model.serves("update") and key.updatable,
                create_rule=create_rule,
                update_rule=update_rule,
            )
        )
    return tuple(link for link in found if link.on_create or link.on_update)
