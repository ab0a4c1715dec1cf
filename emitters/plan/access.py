"""Security and limits from annotations: the ``@auth.user`` model (``auth_plan``), each
model's access rule per action (``access_plan``) and its ``@rateLimit``."""

from __future__ import annotations

from ssot_ast.schema import Annotation, Identifier, Model, Schema

from emitters.plan.plans import (
    ACTIONS,
    ModelPlan,
    ProjectPlan,
    OWNER,
    PUBLIC,
    SIGNED_IN,
    AccessPlan,
    AnalysisError,
    AuthPlan,
    RateLimitPlan,
)


def _name_arg(annotation: Annotation, key: str) -> str | None:
    """The annotation argument `key` as a name (an identifier or a string)."""
    value = annotation.get(key)
    if isinstance(value, Identifier):
        return value.name
    return value if isinstance(value, str) else None


def _entries(value: object) -> tuple[str, ...]:
    """An annotation value as a tuple of strings (one string, or a list of them)."""
    if isinstance(value, str):
        return (value,)
    if isinstance(value, tuple):
        return tuple(v for v in value if isinstance(v, str))
    return ()


def auth_plan(schema: Schema) -> AuthPlan | None:
    """The ``@auth.user`` model's plan (the schema front end has checked its fields)."""
    for model in schema.models:
        annotation = model.annotation("auth.user")
        if annotation is None:
            continue
        if model.is_ignored or model.is_view:
            raise AnalysisError(
                f"{model.span.file}:{model.span.line}:{model.span.col}: model {model.name} "
                f"cannot be the @auth.user model: it is {'@@ignore' if model.is_ignored else 'a view'}"
            )
        identifier = _name_arg(annotation, "identifier") or ""
        password = _name_arg(annotation, "password") or ""
        role = _name_arg(annotation, "role")
        role_enum = model.field(role).type if role is not None else None
        roles = (
            tuple(v.name for v in schema.enum(role_enum).values) if role_enum is not None else ()
        )
        ids = [f for f in model.fields if f.is_id]
        if len(ids) != 1 or ids[0].type not in ("Int", "String"):
            raise AnalysisError(f"model {model.name}: @auth.user needs one Int or String @id")
        return AuthPlan(
            model=model.name,
            identifier=identifier,
            password=password,
            role=role,
            role_enum=role_enum,
            roles=roles,
            admin_role="ADMIN" if "ADMIN" in roles else None,
            id_field=ids[0].name,
            id_type="number" if ids[0].type == "Int" else "string",
        )
    return None


def access_plan(model: Model, auth: AuthPlan) -> AccessPlan:
    """Rules per action, deny by default: ``@auth`` keys widen or narrow them (``write`` =
    create, update and delete; ``list`` follows ``read`` unless given; ``[]`` = nobody, and
    ``/// @appendOnly`` is short for ``update: [], delete: []``). Without ``@auth``, reads are
    public and writes need the admin role (nobody's, when the role enum has no ADMIN); a model
    with ``@owner`` lets signed-in users create and each owner update and delete their own.
    The user model is read and listed by each user for their own record and by the admin role;
    only the admin role writes it (or each user their own record when there is no admin role)."""
    admin: tuple[str, ...] = (auth.admin_role,) if auth.admin_role else ()
    if model.name == auth.model:
        writes: tuple[str, ...] = admin or (OWNER,)
        rules: dict[str, tuple[str, ...]] = {
            "read": (OWNER, *admin),
            "list": (OWNER, *admin),
            "create": writes if auth.admin_role else (SIGNED_IN,),
            "update": writes,
            "delete": writes,
        }
    else:
        rules = {"read": (PUBLIC,), "list": (PUBLIC,)}
        if model.annotation("owner") is not None:
            rules.update({"create": (SIGNED_IN,), "update": (OWNER,), "delete": (OWNER,)})
        else:
            rules.update({action: admin for action in ("create", "update", "delete")})
    if model.annotation("appendOnly") is not None:
        rules.update({"update": (), "delete": ()})
    annotation = model.annotation("auth")
    if annotation is not None:
        given = {key: _entries(value) for key, value in annotation.kwargs}
        if "write" in given:
            rules.update({action: given["write"] for action in ("create", "update", "delete")})
        if "read" in given and "list" not in given:
            rules["list"] = given["read"]
        rules.update({k: v for k, v in given.items() if k in ACTIONS})
    owner_annotation = model.annotation("owner")
    owner: str | None = None
    if owner_annotation is not None and owner_annotation.args:
        value = owner_annotation.args[0]
        owner = value.name if isinstance(value, Identifier) else str(value)
    elif model.name == auth.model:
        owner = auth.id_field
    return AccessPlan(rules=tuple((a, rules[a]) for a in ACTIONS), owner=owner)


DURATION_MS = {"ms": 1, "s": 1000, "m": 60_000, "h": 3_600_000, "d": 86_400_000}


def rate_limit_plan(model: Model) -> RateLimitPlan | None:
    """``/// @rateLimit(max: 100, window: "1m", actions: [...])``; None without one (or a
    malformed one)."""
    annotation = model.annotation("rateLimit")
    if annotation is None:
        return None
    limit = annotation.get("max")
    window = annotation.get("window")
    if not isinstance(limit, int) or not isinstance(window, str):
        return None
    unit = window.lstrip("0123456789")
    window_ms = int(window[: len(window) - len(unit)]) * DURATION_MS[unit]
    actions = _entries(annotation.get("actions")) or ACTIONS
    return RateLimitPlan(max=limit, window_ms=window_ms, actions=actions)


def public_view(model: ModelPlan) -> tuple[str, ...]:
    """The fields an included record of `model` shows to callers its read rule does not let
    read every record: its key and the readable fields marked ``/// @public``. Empty when
    none is marked (such callers cannot include the model at all)."""
    marked = [
        f.name for f in model.readable_fields if model.model.field(f.name).annotation("public")
    ]
    if not marked:
        return ()
    key = [f.name for f in model.id.fields if f.name not in marked]
    return (*key, *marked)


def include_rule(plan: ProjectPlan, target: ModelPlan) -> tuple[str, ...] | None:
    """Who may see records of `target` through another model's ``?include=``: its read rule,
    with "owner" narrowed to the admin role (an include cannot be limited to the caller's own
    records). None when the include needs no check."""
    if target.access is None:
        return None
    rule = target.access.rule("read")
    if PUBLIC in rule:
        return None
    admin = plan.auth.admin_role if plan.auth is not None else None
    narrowed = [entry for entry in rule if entry != OWNER]
    if OWNER in rule and admin is not None and admin not in narrowed:
        narrowed.append(admin)
    return tuple(narrowed)
