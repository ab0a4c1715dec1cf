"""The tests of one model (`tests/<model>.test.ts`), part three: the records the list tests
work on, create and get, filters and sort, and the file itself."""

from __future__ import annotations

import json

import attrs

from ssot_ast.schema.model import DefaultKind
from ssot_ast.ts import Expression, SourceFile, Statement
from ssot_ast.ts import build as b
from ssot_ast.ts.expressions import RegularExpressionLiteral

from emitters.plan.analysis import FieldPlan, ModelPlan, Presence, ProjectPlan, Scalar
from emitters.testsuite.common import (
    BEFORE,
    DESCRIBE,
    POOL_SIZE,
    ROW,
    UUID_PATTERN,
    await_h,
    check,
    create_name,
    field_of,
    hcall,
    json_expr,
    number,
    per_model,
    required_relations,
    test,
    test_path,
    to_fields,
    use_app,
    value_expr,
)
from emitters.testsuite.pages import PageTests
from emitters.testsuite.rules import rule_tests


class ModelTests(PageTests):
    """The tests of one model."""

    # -- the file

    def statements(self) -> list[Statement]:
        out: list[Statement] = [use_app(self.plan)]
        can_create = not self.reason
        if not can_create:
            out.append(
                b.line_comment(
                    f"{self.model.names.model} records cannot be created here: {self.reason}. "
                    "Only the tests that need no record are generated."
                )
            )
        elif self.scope is None:
            out.append(
                b.line_comment(
                    "No key field tells this run's records apart, so the list tests (filters, "
                    "sort, pagination, include, count) are left out."
                )
            )
        else:
            out += self.pool()
        tests: list[Statement] = []
        if can_create:
            tests += self.create_tests()
            if self.scope is not None:
                tests += self.filter_tests()
                tests += self.sort_tests()
                tests += self.pagination_tests()
                tests += self.include_tests()
                tests += self.count_tests()
            if self.model.serves("update"):
                tests += self.patch_tests()
            if self.model.serves("delete"):
                tests.append(self.delete_test())
            tests += self.body_error_tests()
            tests += rule_tests(self)
            tests += self.conflict_tests()
        tests += self.query_error_tests()
        tests += self.key_error_tests()
        if tests:
            tests[0] = attrs.evolve(tests[0], blank_line_before=False)
        label = f"{self.model.names.model} {self.label}"
        out.append(
            b.expr_stmt(
                b.call(b.ref(DESCRIBE), b.str_(label), b.arrow([], tests)),
                blank_line_before=True,
            )
        )
        return out

    # -- the records the list tests work on

    def sample_body(self, index: int) -> Expression:
        """Create fields for full sample ``index``: every optional field, optional parents,
        one of each many-to-many target."""
        members: list[tuple[str, Expression]] = []
        for field in self.model.fields:
            if field.create is Presence.FORBIDDEN or field.name in self.fks:
                continue
            if (field.is_unique or field.is_id) and field.create is Presence.REQUIRED:
                continue  # the body factory gives these new values
            members.append((field.name, value_expr(self.plan, field, index)))
        for relation in self.model.relations:
            if not relation.foreign_keys or relation in required_relations(self.model):
                continue
            if any(self.model.field(k).create is Presence.FORBIDDEN for k in relation.foreign_keys):
                continue
            targets = to_fields(self.model, relation)
            if relation.target == self.model.names.model:
                if index != 1:
                    continue
                parent: Expression = b.ident("first")
            elif relation.target in self.creatable:
                target = self.plan.model(relation.target)
                parent = b.await_(b.call(per_model(create_name(target))))
            else:
                continue
            if len(relation.foreign_keys) == 1:
                members.append((relation.foreign_keys[0], field_of(parent, targets[0])))
            else:
                for key, to in zip(relation.foreign_keys, targets):
                    members.append((key, field_of(parent, to)))
        for relation in self.model.many_to_many:
            if (
                index == 1
                and relation.ids_field is not None
                and relation.target_id is not None
                and relation.target in self.creatable
            ):
                target = self.plan.model(relation.target)
                made = b.await_(b.call(per_model(create_name(target))))
                members.append((relation.ids_field, b.arr(field_of(made, relation.target_id.name))))
        return b.obj(*(b.prop(name, value) for name, value in members), multiline=True)

    def pool(self) -> list[Statement]:
        row = b.t_sym(ROW)
        fill: list[Statement] = [
            b.const("first", self.create()),
            b.expr_stmt(b.method_call("pool", "push", b.ident("first"))),
        ]
        for index in range(1, POOL_SIZE):
            fill.append(
                b.expr_stmt(b.method_call("pool", "push", self.create(self.sample_body(index))))
            )
        return [
            b.const("pool", b.arr(), type=b.t_array(row), blank_line_before=True),
            b.line_comment(
                "The records the list tests work on: one with only the required fields, then\n"
                "three with every optional field set (the second also with its optional parents)."
            ),
            b.expr_stmt(b.call(b.ref(BEFORE), b.arrow([], fill, async_=True))),
        ]

    # -- create, get

    def default_checks(self, row: Expression) -> list[Statement]:
        out: list[Statement] = []
        for field in self.model.readable_fields:
            if field.create is Presence.REQUIRED:
                continue
            value = field_of(row, field.name)
            default = field.field.default
            if field.is_updated_at:
                out.append(check("ok", hcall("isIsoDateTime", value), b.str_(field.name)))
            elif default is None:
                owner = self.model.owner_field
                if owner is not None and owner.name == field.name:
                    continue  # set from the access token
                if field.is_optional:
                    out.append(check("equal", value, b.null, b.str_(field.name)))
            elif default.kind is DefaultKind.FUNCTION:
                out += self.function_default(field, default.function or "", value)
            elif default.kind is DefaultKind.ENUM_VALUE:
                out.append(check("equal", value, b.str_(str(default.value)), b.str_(field.name)))
            elif default.kind is DefaultKind.LITERAL:
                out += self.literal_default(field, default.value, value)
        return out

    def function_default(
        self, field: FieldPlan, function: str, value: Expression
    ) -> list[Statement]:
        name = b.str_(field.name)
        if function == "now":
            return [check("ok", hcall("isIsoDateTime", value), name)]
        if function == "autoincrement":
            kind = "string" if field.scalar is Scalar.BIGINT else "number"
            return [check("equal", b.typeof(value), b.str_(kind), name)]
        if function in ("uuid",):
            pattern = RegularExpressionLiteral(pattern=UUID_PATTERN)
            return [check("match", hcall("text", value), pattern, name)]
        if function in ("cuid", "nanoid", "ulid"):
            return [check("equal", b.typeof(value), b.str_("string"), name)]
        return [check("ok", b.binary(b.str_(field.name), "in", b.ident("row")), name)]

    def literal_default(
        self, field: FieldPlan, literal: object, value: Expression
    ) -> list[Statement]:
        name = b.str_(field.name)
        scalar = field.scalar
        if field.is_list:
            return []
        if scalar in (Scalar.INT, Scalar.FLOAT) and isinstance(literal, (int, float)):
            return [check("equal", value, number(literal), name)]
        if scalar is Scalar.BOOLEAN and isinstance(literal, bool):
            return [check("equal", value, b.true_ if literal else b.false_, name)]
        if scalar is Scalar.STRING and isinstance(literal, str):
            return [check("equal", value, b.str_(literal), name)]
        if scalar is Scalar.BIGINT:
            return [check("equal", hcall("text", value), b.str_(str(literal)), name)]
        if scalar is Scalar.DECIMAL:
            return [check("equal", b.call("Number", value), number(float(str(literal))), name)]
        if scalar is Scalar.DATETIME and isinstance(literal, str):
            parse = b.member("Date", "parse")
            return [
                check(
                    "equal",
                    b.call(parse, hcall("text", value)),
                    b.call(parse, b.str_(literal)),
                    name,
                )
            ]
        if scalar is Scalar.JSON and isinstance(literal, str):
            try:
                parsed = json.loads(literal)
            except ValueError:
                return []
            return [check("deepEqual", value, json_expr(parsed), name)]
        return [check("ok", b.binary(b.str_(field.name), "in", b.ident("row")), name)]

    def create_tests(self) -> list[Statement]:
        model = self.model
        row = b.ident("row")
        body: list[Statement] = [
            b.const("body", self.body()),
            b.const("answer", self.call("POST", self.route, b.ident("body"))),
            b.const("row", hcall("created", b.ident("answer"))),
            check("equal", b.member("answer", "location"), self.path(row)),
        ]
        for field in model.fields:
            if field.create is Presence.REQUIRED and field.readable and field.name not in self.fks:
                if field.scalar in (Scalar.STRING, Scalar.ENUM, Scalar.BOOLEAN, Scalar.INT):
                    body.append(
                        check("equal", field_of(row, field.name), field_of("body", field.name))
                    )
        body += self.default_checks(row)
        for field in model.hidden_fields:
            body.append(
                check(
                    "equal",
                    b.binary(b.str_(field.name), "in", row),
                    b.false_,
                    b.str_(f"{field.name} is never returned"),
                )
            )
        tests = [
            test(
                "POST required fields only: 201, Location, defaults",
                body,
            )
        ]
        get: list[Statement] = [
            b.const("row", self.create()),
            b.const("answer", self.call("GET", self.path(row))),
            check("equal", b.member("answer", "status"), b.num(200), b.member("answer", "text")),
            check("deepEqual", b.member("answer", "body"), row),
        ]
        for relation in model.relations:
            get.append(
                check(
                    "equal",
                    b.binary(b.str_(relation.name), "in", hcall("rowOf", b.ident("answer"))),
                    b.false_,
                    b.str_(f"{relation.name} only with include"),
                )
            )
        tests.append(test("GET /:id answers the created record", get))
        return tests

    # -- filters

    def filter_tests(self) -> list[Statement]:
        tests: list[Statement] = []
        owner = self.model.owner_field
        for field in self.model.filter_fields:
            if field.is_list:
                continue
            never_set = (
                field.create is Presence.FORBIDDEN
                and not field.has_default
                and not field.is_updated_at
                and not field.is_id
                and (owner is None or owner.name != field.name)
            )
            if never_set:
                continue  # read-only without a default: the tests cannot give it values
            tests.append(self.filter_test(field))
        return tests

    def keep(self, condition: Expression) -> Expression:
        return b.arrow([b.param("row")], condition)

    def expect_filter(self, query: Expression, condition: Expression) -> Statement:
        return b.expr_stmt(
            await_h("expectFilter", self.api, b.ident("pool"), query, self.keep(condition))
        )

    def filter_test(self, field: FieldPlan) -> Statement:
        name = field.name
        kind = self.kind(field)
        value = field_of("row", name)
        pivot = b.ident("pivot")
        present = b.binary(value, "!==", b.null)
        # The scope field already has [in] in the query: its equality needs the operator form.
        equals = "[equals]" if self.scope is not None and field.name == self.scope.name else ""
        body: list[Statement] = [
            b.const("pivot", hcall("pivotOf", b.ident("pool"), b.str_(name))),
            self.expect_filter(
                b.template(f"{name}{equals}=", hcall("q", pivot)), hcall("same", kind, value, pivot)
            ),
        ]
        scalar = field.scalar
        if scalar is Scalar.STRING:
            op = "contains"
            body.append(
                b.const(
                    "part",
                    b.method_call(hcall("text", pivot), "slice", b.num(1), b.num(-1)),
                )
            )
            body.append(
                self.expect_filter(
                    b.template(f"{name}[contains]=", hcall("q", b.ident("part"))),
                    b.binary(
                        present,
                        "&&",
                        # SQLite's LIKE and PostgreSQL's insensitive mode ignore ASCII case.
                        b.call(
                            b.member(
                                b.method_call(hcall("text", value), "toLowerCase"), "includes"
                            ),
                            b.method_call(b.ident("part"), "toLowerCase"),
                        ),
                    ),
                )
            )
        elif scalar is Scalar.BOOLEAN:
            op = "not"
            body.append(
                self.expect_filter(
                    b.template(f"{name}[not]=", hcall("q", pivot)),
                    b.binary(present, "&&", b.binary(value, "!==", pivot)),
                )
            )
        elif scalar is Scalar.ENUM:
            op = "in"
            assert field.enum_name is not None
            names = [v.name for v in self.plan.schema.enum(field.enum_name).values][:2]
            body.append(b.const("chosen", b.arr(*(b.str_(n) for n in names))))
            body.append(
                self.expect_filter(
                    b.template(f"{name}[in]=", b.method_call("chosen", "join", b.str_(","))),
                    b.binary(
                        present,
                        "&&",
                        b.method_call("chosen", "includes", hcall("text", value)),
                    ),
                )
            )
        else:
            op = "gt"
            body.append(
                self.expect_filter(
                    b.template(f"{name}[gt]=", hcall("q", pivot)),
                    b.binary(
                        present,
                        "&&",
                        b.binary(hcall("compare", kind, value, pivot), ">", b.num(0)),
                    ),
                )
            )
        label = f"equality, {op}"
        if "isNull" in field.filter_ops:
            label += ", isNull"
            body.append(
                self.expect_filter(b.str_(f"{name}[isNull]=true"), b.binary(value, "===", b.null))
            )
            body.append(self.expect_filter(b.str_(f"{name}[isNull]=false"), present))
        return test(f"filter {name}: {label}", body)

    # -- sort and pagination

    def sort_tests(self) -> list[Statement]:
        tests: list[Statement] = []
        for field in self.model.sort_fields:
            body = [
                b.expr_stmt(
                    await_h(
                        "expectSorted",
                        self.api,
                        b.ident("pool"),
                        b.str_(field.name),
                        self.kind(field),
                        flag,
                        *self.enum_order(field),
                    )
                )
                for flag in (b.false_, b.true_)
            ]
            tests.append(test(f"sort={field.name} and sort=-{field.name}", body))
        return tests


def test_file(plan: ProjectPlan, model: ModelPlan, reason: str) -> SourceFile:
    return SourceFile(
        path=test_path(model),
        statements=tuple(ModelTests(plan, model, reason).statements()),
        header=(
            f"@generated by ssot-codegen from model {model.names.model}. API tests of "
            f"/api/{model.names.route}; run them with npm test."
        ),
    )
