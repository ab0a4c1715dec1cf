"""The tests of one model (`tests/<model>.test.ts`), part two: pagination (take/skip and
cursor walks), include per relation and count, on the records the list tests work on (`pool`).
`emitters.testsuite.models` adds the rest."""

from __future__ import annotations

from ssot_ast.ts import Statement
from ssot_ast.ts import build as b

from emitters.plan.analysis import Presence, RelationPlan
from emitters.testsuite.common import (
    await_h,
    check,
    field_of,
    hcall,
    required_relations,
    test,
    to_fields,
)
from emitters.testsuite.errors import ModelTestsBase


class PageTests(ModelTestsBase):
    """Pagination, include and count tests of a model."""

    def pagination_tests(self) -> list[Statement]:
        all_rows = hcall(
            "rowsOf", self.call("GET", self.list_path("take=", b.member(self.api, "maxTake")))
        )
        keys = hcall("keysOf", self.api, b.ident("all"))
        meta = b.ident("meta")
        page = [
            b.const("all", all_rows),
            check("equal", b.member("all", "length"), b.member("pool", "length")),
            b.const("answer", self.call("GET", self.list_path("take=2&skip=1"))),
            check(
                "deepEqual",
                hcall("keysOf", self.api, hcall("rowsOf", b.ident("answer"))),
                b.method_call(keys, "slice", b.num(1), b.num(3)),
            ),
            b.const("meta", hcall("metaOf", b.ident("answer"))),
            check("equal", field_of(meta, "take"), b.num(2)),
            check("equal", field_of(meta, "skip"), b.num(1)),
            check("equal", field_of(meta, "total"), b.member("pool", "length")),
        ]
        walk: list[Statement] = []
        sorts: list[str] = [""]
        others = [f for f in self.model.sort_fields if not f.is_id]
        if others:
            sorts.append(f"-{others[0].name}")
        for position, sort in enumerate(sorts):
            suffix = f"sort={sort}&" if sort else ""
            everything = f"{'all' if not sort else 'sorted'}{position}"
            seen = f"seen{position}"
            walk.append(
                b.const(
                    everything,
                    hcall(
                        "keysOf",
                        self.api,
                        hcall(
                            "rowsOf",
                            self.call(
                                "GET",
                                self.list_path(f"{suffix}take=", b.member(self.api, "maxTake")),
                            ),
                        ),
                    ),
                )
            )
            walk.append(
                b.const(
                    seen,
                    hcall(
                        "keysOf",
                        self.api,
                        await_h(
                            "walk",
                            self.list_path(f"sort={sort}") if sort else self.list_path(),
                            b.num(2),
                        ),
                    ),
                )
            )
            walk.append(
                check(
                    "deepEqual", b.ident(seen), b.ident(everything), b.str_(sort or "default order")
                )
            )
            walk.append(
                check(
                    "equal",
                    b.member(b.new("Set", b.ident(seen)), "size"),
                    b.member(seen, "length"),
                    b.str_("no record twice"),
                )
            )
        label = ", ".join(["default order"] + [f"sort={s}" for s in sorts if s])
        return [
            test("take=2&skip=1: 2nd and 3rd records, meta", page),
            test(f"cursor walk ({label}): every record once", walk),
        ]

    # -- include and count

    def parent_is_set(self, relation: RelationPlan) -> bool:
        """Whether pool[1] holds this relation's foreign key (required, or set by the sample)."""
        if relation in required_relations(self.model):
            return True
        if any(self.model.field(k).create is Presence.FORBIDDEN for k in relation.foreign_keys):
            return False
        return relation.target == self.model.names.model or relation.target in self.creatable

    def include_tests(self) -> list[Statement]:
        tests: list[Statement] = []
        for relation in self.model.relations:
            name = relation.name
            one = b.ident("one")
            body: list[Statement] = [
                b.const("row", hcall("at", b.ident("pool"), b.num(1))),
                b.const(
                    "one",
                    hcall(
                        "rowOf",
                        self.call("GET", b.template(self.path(b.ident("row")), f"?include={name}")),
                    ),
                ),
            ]
            included = field_of(one, name)
            if relation.is_list:
                body.append(check("ok", b.method_call("Array", "isArray", included), b.str_(name)))
                if (
                    relation.implicit_many_to_many
                    and relation.ids_field is not None
                    and relation.target_id is not None
                    and relation.target in self.creatable
                ):
                    body.append(
                        check(
                            "equal",
                            b.member(b.as_(included, b.t_array(b.t_unknown)), "length"),
                            b.num(1),
                            b.str_(f"the {relation.ids_field} sent on create"),
                        )
                    )
            elif relation.foreign_keys and self.parent_is_set(relation):
                targets = to_fields(self.model, relation)
                for key, to in zip(relation.foreign_keys, targets):
                    body.append(
                        check(
                            "equal",
                            field_of(hcall("objectOf", included), to),
                            field_of("row", key),
                        )
                    )
            else:
                body.append(check("ok", b.binary(b.str_(name), "in", one), b.str_(name)))
            body.append(
                b.const(
                    "listed",
                    hcall("rowsOf", self.call("GET", self.list_path(f"include={name}"))),
                )
            )
            body.append(check("equal", b.member("listed", "length"), b.member("pool", "length")))
            body.append(
                b.for_of(
                    "listedRow",
                    b.ident("listed"),
                    [check("ok", b.binary(b.str_(name), "in", b.ident("listedRow")), b.str_(name))],
                )
            )
            tests.append(test(f"include={name}", body))
        return tests

    def count_tests(self) -> list[Statement]:
        count_path = b.template(self.route, "/count?", hcall("scopeOf", self.api, b.ident("pool")))
        one_path = b.template(
            self.route,
            "/count?",
            hcall("scopeOf", self.api, b.arr(hcall("at", b.ident("pool"), b.num(0)))),
        )
        body = [
            b.const("answer", self.call("GET", count_path)),
            check("equal", b.member("answer", "status"), b.num(200), b.member("answer", "text")),
            check(
                "deepEqual",
                b.member("answer", "body"),
                b.obj(b.prop("count", b.member("pool", "length"))),
            ),
            check(
                "deepEqual",
                b.member(self.call("GET", one_path), "body"),
                b.obj(b.prop("count", b.num(1))),
            ),
        ]
        return [test("GET /count counts what the filters select", body)]
