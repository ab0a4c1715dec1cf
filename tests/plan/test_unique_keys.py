"""Models without an @id are served by their first unique criterion, as Prisma's
WhereUniqueInput allows (tables keyed like Auth.js's VerificationToken and Session, join
and log tables)."""

from __future__ import annotations

import pytest

from emitters.pipeline import GenerateOptions, generate_project
from emitters.plan.analysis import AnalysisError, analyze
from ssot_ast.schema import parse_schema_text

SCHEMA = """datasource db {
  provider = "postgresql"
}

model Ticket {
  sessionToken String   @unique
  userId       String
  expires      DateTime
}

model InviteToken {
  identifier String
  token      String
  expires    DateTime

  @@unique([identifier, token])
}

model Named {
  a     Int
  b     String
  note  String? @unique

  @@unique([a, b], name: "pair")
}

model OptionalFirst {
  maybe  String? @unique
  code   String  @unique
}
"""


def test_key_is_the_first_usable_unique_criterion() -> None:
    plan = analyze(parse_schema_text(SCHEMA), provider="postgresql")
    keys = {m.names.model: ([f.name for f in m.id.fields], m.id.compound_name) for m in plan.models}
    assert keys == {
        "Ticket": (["sessionToken"], None),
        "InviteToken": (["identifier", "token"], "identifier_token"),
        "Named": (["a", "b"], "pair"),
        "OptionalFirst": (["code"], None),
    }
    token = plan.model("InviteToken")
    by_name = {f.name: f for f in token.fields}
    # A key is given on create and never changed by PATCH (it is the record's path).
    assert not by_name["identifier"].updatable and by_name["expires"].updatable
    assert by_name["token"].create.name == "REQUIRED"


def test_generated_routes_address_records_by_the_unique_key() -> None:
    result = generate_project(parse_schema_text(SCHEMA), GenerateOptions())
    files = {f.path: f.content for f in result.files}
    routes = files["src/gen/invite-token/invite-token.routes.ts"]
    assert '"/:identifier/:token"' in routes
    service = files["src/gen/invite-token/invite-token.service.ts"]
    assert "identifier_token" in service
    assert '"/:sessionToken"' in files["src/gen/ticket/ticket.routes.ts"]


def test_a_model_with_no_usable_criterion_is_refused_by_name() -> None:
    text = SCHEMA + "model Log {\n  at DateTime? @unique\n  data Json @unique\n}\n"
    with pytest.raises(AnalysisError) as caught:
        analyze(parse_schema_text(text), provider="postgresql")
    assert "model Log cannot be served" in str(caught.value)
