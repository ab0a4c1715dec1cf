"""The tests of one model (`tests/<model>.test.ts`), part one: the plumbing every test uses
and the tests that change or reject records (patch, delete, 400, 404, 409).
`emitters.testsuite.pages` and `emitters.testsuite.models` add the rest."""

from __future__ import annotations

from collections.abc import Sequence

from ssot_ast.ts import Expression, Statement
from ssot_ast.ts import build as b

from emitters.plan.analysis import FieldPlan, ModelPlan, Presence, ProjectPlan, Scalar
from emitters.testsuite.common import (
    await_h,
    body_name,
    check,
    create_name,
    creatable_models,
    field_of,
    foreign_keys,
    hcall,
    missing_segment,
    per_model,
    resource_name,
    scope_field,
    to_fields,
    test,
    value_expr,
    wrong_value,
)
from emitters.model.validators import SORT_KIND, enum_sort_order


class ModelTestsBase:
    """What every test of a model uses, and the tests that change or reject records."""

    def __init__(self, plan: ProjectPlan, model: ModelPlan, reason: str) -> None:
        self.plan = plan
        self.model = model
        self.reason = reason
        self.api = per_model(resource_name(model))
        self.route = b.member(self.api, "route")
        self.scope = scope_field(model)
        self.fks = foreign_keys(model)
        self.creatable = {n for n, why in creatable_models(plan).items() if not why}
        self.label = f"/api/{model.names.route}"

    # -- plumbing

    def create(self, fields: Expression | None = None) -> Expression:
        args = () if fields is None else (fields,)
        return b.await_(b.call(per_model(create_name(self.model)), *args))

    def body(self) -> Expression:
        return b.await_(b.call(per_model(body_name(self.model))))

    def path(self, row: Expression) -> Expression:
        return hcall("pathOf", self.api, row)

    def call(self, method: str, path: Expression, body: Expression | None = None) -> Expression:
        args: list[Expression] = [b.str_(method), path]
        if body is not None:
            args.append(body)
        return await_h("call", *args)

    def list_path(self, *query: str | Expression) -> Expression:
        """`${postApi.route}?${scopeOf(postApi, pool)}&<query parts>`."""
        parts: list[str | Expression] = [
            self.route,
            "?",
            hcall("scopeOf", self.api, b.ident("pool")),
        ]
        if query:
            parts.append("&")
            parts += query
        return b.template(*parts)

    def kind(self, field: FieldPlan) -> Expression:
        return b.str_(SORT_KIND[field.scalar])

    def enum_order(self, field: FieldPlan) -> list[Expression]:
        if field.enum_name is None:
            return []
        return [b.arr(*(b.str_(v) for v in enum_sort_order(self.plan, field.enum_name)))]

    # -- patch and delete

    def patch_tests(self) -> list[Statement]:
        candidates = [
            f
            for f in self.model.update_fields
            if f.name not in self.fks
            and f.readable
            and not f.is_list
            and f.scalar not in (Scalar.JSON, Scalar.BYTES)
        ]
        optional = [
            f
            for f in self.model.update_fields
            if f.is_optional and f.name not in self.fks and f.readable and f not in candidates[:1]
        ]
        members: list[tuple[str, Expression]] = []
        if candidates:
            members.append((candidates[0].name, value_expr(self.plan, candidates[0], 1)))
        if optional:
            members.append((optional[0].name, b.null))
        row = b.ident("row")
        body: list[Statement] = [
            b.const("row", self.create()),
            b.const("change", b.obj(*(b.prop(n, v) for n, v in members), multiline=bool(members))),
            b.const("answer", self.call("PATCH", self.path(row), b.ident("change"))),
            check("equal", b.member("answer", "status"), b.num(200), b.member("answer", "text")),
            b.const("patched", hcall("rowOf", b.ident("answer"))),
        ]
        for name, _ in members:
            field = self.model.field(name)
            body.append(
                check(
                    "ok",
                    hcall(
                        "same",
                        self.kind(field) if field.scalar in SORT_KIND else b.str_("string"),
                        field_of("patched", name),
                        field_of("change", name),
                    ),
                    b.str_(name),
                )
            )
        untouched = [
            f
            for f in self.model.readable_fields
            if f.name not in dict(members) and not f.is_updated_at
        ]
        for field in untouched:
            body.append(
                check("deepEqual", field_of("patched", field.name), field_of(row, field.name))
            )
        body.append(
            check(
                "deepEqual", b.member(self.call("GET", self.path(row)), "body"), b.ident("patched")
            )
        )
        label = ", ".join(n for n, _ in members) or "nothing"
        tests = [test(f"PATCH changes only what it is sent ({label})", body)]
        bad: list[Statement] = [
            b.const("row", self.create()),
            b.expr_stmt(
                hcall(
                    "expectError",
                    self.call("PATCH", self.path(row), b.obj(b.prop("zzUnknown", b.num(1)))),
                    b.num(400),
                    b.str_("zzUnknown"),
                )
            ),
        ]
        required = [f for f in self.model.update_fields if not f.is_optional and not f.is_list]
        if required:
            bad.append(
                b.expr_stmt(
                    hcall(
                        "expectError",
                        self.call("PATCH", self.path(row), b.obj(b.prop(required[0].name, b.null))),
                        b.num(400),
                        b.str_(required[0].name),
                    )
                )
            )
        tests.append(test("PATCH with an unknown key or null required: 400", bad))
        return tests

    def delete_test(self) -> Statement:
        row = b.ident("row")
        body = [
            b.const("row", self.create()),
            b.const("answer", self.call("DELETE", self.path(row))),
            check("equal", b.member("answer", "status"), b.num(204), b.member("answer", "text")),
            check("equal", b.member("answer", "text"), b.str_("")),
            b.expr_stmt(hcall("expectError", self.call("GET", self.path(row)), b.num(404))),
            b.expr_stmt(hcall("expectError", self.call("DELETE", self.path(row)), b.num(404))),
        ]
        return test("DELETE: 204, then 404", body)

    # -- 400 and 409

    def post_error(
        self, extra: Sequence[tuple[str, Expression]], mention: str, status: int = 400
    ) -> Statement:
        body = b.obj(
            b.spread_prop(self.body()),
            *(b.prop(k, v) for k, v in extra),
        )
        return b.expr_stmt(
            hcall(
                "expectError", self.call("POST", self.route, body), b.num(status), b.str_(mention)
            )
        )

    def body_error_tests(self) -> list[Statement]:
        tests = [
            test(
                "POST with an unknown key: 400 naming it",
                [self.post_error([("zzUnknown", b.num(1))], "zzUnknown")],
            )
        ]
        read_only = [f for f in self.model.fields if f.create is Presence.FORBIDDEN and f.readable]
        if read_only:
            tests.append(
                test(
                    f"POST with read-only {', '.join(f.name for f in read_only)}: 400",
                    [
                        self.post_error([(f.name, value_expr(self.plan, f, 1))], f.name)
                        for f in read_only
                    ],
                )
            )
        typed = [
            f
            for f in self.model.fields
            if f.create is not Presence.FORBIDDEN
            and f.name not in self.fks
            and f.scalar is not Scalar.JSON
        ]
        typed.sort(key=lambda f: f.create is not Presence.REQUIRED)
        if typed:
            field = typed[0]
            tests.append(
                test(
                    f"POST with a wrong type for {field.name}: 400",
                    [self.post_error([(field.name, wrong_value(field))], field.name)],
                )
            )
        required = [f for f in self.model.fields if f.create is Presence.REQUIRED]
        if required:
            field = required[0]
            missing = [
                b.const("body", self.body()),
                b.expr_stmt(
                    b.call(
                        b.member("Reflect", "deleteProperty"), b.ident("body"), b.str_(field.name)
                    )
                ),
                b.expr_stmt(
                    hcall(
                        "expectError",
                        self.call("POST", self.route, b.ident("body")),
                        b.num(400),
                        b.str_(field.name),
                    )
                ),
            ]
            tests.append(test(f"POST without {field.name}: 400", missing))
        return tests

    def unique_sets(self) -> list[tuple[str, ...]]:
        model = self.model
        sets: list[tuple[str, ...]] = []
        for field in model.fields:
            if field.is_unique and field.create is not Presence.FORBIDDEN:
                sets.append((field.name,))
        if model.id.is_compound and all(
            f.create is not Presence.FORBIDDEN for f in model.id.fields
        ):
            sets.append(tuple(f.name for f in model.id.fields))
        elif not model.id.is_compound and model.id.fields[0].create is not Presence.FORBIDDEN:
            sets.append((model.id.fields[0].name,))
        for fields in model.unique_field_sets:
            if len(fields) > 1 and all(
                model.field(f).create is not Presence.FORBIDDEN for f in fields
            ):
                sets.append(tuple(fields))
        unique: list[tuple[str, ...]] = []
        for s in sets:
            if s not in unique:
                unique.append(s)
        return unique

    def fresh_value(self, field: FieldPlan) -> Expression | None:
        """A value of an optional unique field: a new parent's key for a foreign key (None when
        the parent cannot be made here), else a new value."""
        if field.name not in self.fks:
            return value_expr(self.plan, field, 0)
        for relation in self.model.relations:
            if relation.foreign_keys == (field.name,) and relation.target in self.creatable:
                target = self.plan.model(relation.target)
                made = b.await_(b.call(per_model(create_name(target))))
                return field_of(made, to_fields(self.model, relation)[0])
        return None

    def conflict_tests(self) -> list[Statement]:
        tests: list[Statement] = []
        for fields in self.unique_sets():
            copies: list[tuple[str, Expression]] = []
            given: list[tuple[str, Expression]] = []
            for name in fields:
                field = self.model.field(name)
                if field.create is Presence.REQUIRED:
                    copies.append((name, field_of("sent", name)))
                elif field.create is Presence.OPTIONAL and not field.is_list:
                    # Optional: the first record gets a value, or nulls would never conflict.
                    value = self.fresh_value(field)
                    if value is None:
                        break
                    given.append((name, value))
                    copies.append((name, field_of("sent", name)))
                elif field.readable:
                    copies.append((name, field_of("first", name)))
            if len(copies) != len(fields):
                continue  # a hidden field with a default: its value is never seen
            first = self.call("POST", self.route, b.ident("sent"))
            uses_first = any(self.model.field(name).create is Presence.FORBIDDEN for name in fields)
            sent = self.body()
            if given:
                sent = b.await_(
                    b.call(
                        per_model(body_name(self.model)),
                        b.obj(*(b.prop(k, v) for k, v in given)),
                    )
                )
            body: list[Statement] = [
                b.const("sent", sent),
                (
                    b.const("first", hcall("created", first))
                    if uses_first
                    else b.expr_stmt(hcall("created", first))
                ),
            ]
            duplicate = b.obj(b.spread_prop(self.body()), *(b.prop(k, v) for k, v in copies))
            args: list[Expression] = [self.call("POST", self.route, duplicate), b.num(409)]
            if len(fields) == 1:
                args.append(b.str_(fields[0]))
            body.append(b.expr_stmt(hcall("expectError", *args)))
            tests.append(test(f"POST with a taken {', '.join(fields)}: 409", body))
        return tests

    # -- errors that need no record

    def query_error_tests(self) -> list[Statement]:
        route = self.route

        def get(query: str, mention: str | None) -> Statement:
            args: list[Expression] = [self.call("GET", b.template(route, query)), b.num(400)]
            if mention is not None:
                args.append(b.str_(mention))
            return b.expr_stmt(hcall("expectError", *args))

        has_include = bool(self.model.relations)
        body = [
            get("?zzNope=1", "zzNope"),
            get("/count?zzNope=1", "zzNope"),
            get("?sort=zzNope", "zzNope"),
            get("?include=zzNope", "zzNope" if has_include else None),
        ]
        if self.model.filter_fields:
            first = self.model.filter_fields[0]
            body.append(get(f"?{first.name}[zzop]=1", "zzop"))
        for field in self.model.filter_fields:
            if field.scalar in (
                Scalar.INT,
                Scalar.BIGINT,
                Scalar.FLOAT,
                Scalar.DECIMAL,
                Scalar.DATETIME,
                Scalar.BOOLEAN,
            ):
                body.append(get(f"?{field.name}[equals]=abc", field.name))
                break
        body.append(get("?take=0", None))
        body.append(get(f"?take={self.model.max_page_size + 1}", None))
        return [
            test(
                "GET with unknown filter/sort/include or bad value: 400",
                body,
            )
        ]

    def key_methods(self) -> tuple[str, ...]:
        """The methods the key routes answer: GET always, PATCH and DELETE when served."""
        served = [("GET", "read"), ("PATCH", "update"), ("DELETE", "delete")]
        return tuple(method for method, action in served if self.model.serves(action))

    def key_error_tests(self) -> list[Statement]:
        tests: list[Statement] = []
        body: list[Statement]
        fields = self.model.id.fields
        bad = [i for i, f in enumerate(fields) if f.scalar in (Scalar.INT, Scalar.BIGINT)]
        if bad:
            parts = ["1"] * len(fields)
            parts[bad[0]] = "abc"
            path = b.template(self.route, "/" + "/".join(parts))
            body = [
                b.expr_stmt(
                    hcall(
                        "expectError",
                        self.call(method, path, *([b.obj()] if method == "PATCH" else [])),
                        b.num(400),
                    )
                )
                for method in self.key_methods()
            ]
            tests.append(test(f"/{'/'.join(parts)}: an invalid id is 400", body))
        segments = [missing_segment(f) for f in fields]
        if all(s is not None for s in segments):
            pieces: list[str | Expression] = [self.route]
            for segment in segments:
                assert segment is not None
                pieces += ["/", b.call("encodeURIComponent", segment)]
            body = [b.const("path", b.template(*pieces))]
            body += [
                b.expr_stmt(
                    hcall(
                        "expectError",
                        self.call(
                            method, b.ident("path"), *([b.obj()] if method == "PATCH" else [])
                        ),
                        b.num(404),
                    )
                )
                for method in self.key_methods()
            ]
            tests.append(test("/:id of a missing record: 404", body))
        else:
            tests.append(
                b.line_comment(
                    "No missing-record test: the key has a type without a value sure to be unused."
                )
            )
        return tests
