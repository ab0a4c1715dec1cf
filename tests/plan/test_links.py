"""Deny by default and ownership through relations (``emitters.plan.access``,
``emitters.plan.links``) on the examples and on small schemas."""

from __future__ import annotations

from pathlib import Path

import pytest

from emitters.plan.analysis import AnalysisError, ProjectPlan, analyze
from emitters.plan.links import links
from ssot_ast.schema import parse_schema_text

GOLDEN = Path(__file__).resolve().parents[2] / "golden"

USERS = """
datasource db {
  provider = "sqlite"
}

/// @auth.user(identifier: email, password: passwordHash, role: role)
model User {
  id           Int     @id @default(autoincrement())
  email        String  @unique
  passwordHash String
  role         Role    @default(MEMBER)
  notes        Note[]
  pins         Pin[]
}

enum Role {
  MEMBER
  ADMIN
}

/// @owner(userId)
model Note {
  id     Int    @id @default(autoincrement())
  text   String
  user   User   @relation(fields: [userId], references: [id])
  userId Int
  pins   Pin[]
}

model Pin {
  id     Int   @id @default(autoincrement())
  note   Note  @relation(fields: [noteId], references: [id])
  noteId Int
  user   User? @relation(fields: [userId], references: [id])
  userId Int?
}
"""


def example(name: str) -> ProjectPlan:
    return analyze(parse_schema_text((GOLDEN / name / "schema.prisma").read_text()))


def test_without_auth_writes_need_the_admin_role_and_reads_stay_public() -> None:
    plan = analyze(parse_schema_text(USERS))
    pin = plan.model("Pin")
    assert pin.access is not None
    assert pin.access.rule("read") == pin.access.rule("list") == ("public",)
    for action in ("create", "update", "delete"):
        assert pin.access.rule(action) == ("ADMIN",)
    note = plan.model("Note")
    assert note.access is not None
    # @owner alone: signed-in users create, each owner changes their own.
    assert [note.access.rule(a) for a in ("create", "update", "delete")] == [
        ("user",),
        ("owner",),
        ("owner",),
    ]


def test_without_an_admin_role_nobody_writes_an_unannotated_model() -> None:
    plan = analyze(parse_schema_text(USERS.replace("  ADMIN\n", "  EDITOR\n")))
    pin = plan.model("Pin")
    assert pin.actions == ("read", "list")


def test_users_are_read_by_themselves_and_the_admin_role() -> None:
    user = example("blog").model("User")
    assert user.access is not None
    assert user.access.rule("read") == user.access.rule("list") == ("owner", "ADMIN")
    assert user.access.scoped("list") and user.access.owner == "id"


def test_append_only_models_have_no_update_or_delete_route() -> None:
    ecommerce = example("ecommerce")
    assert ecommerce.model("AuditLog").actions == ("read", "list", "create")
    assert example("blog").model("PostLike").actions == ("read", "list", "create", "delete")


def test_foreign_keys_to_owned_models_are_links() -> None:
    plan = analyze(parse_schema_text(USERS))
    found = {link.relation: link for link in links(plan, plan.model("Pin"))}
    assert set(found) == {"note", "user"}
    note = found["note"]
    assert (note.key, note.target_key, note.owner) == ("noteId", "id", "userId")
    assert note.create_rule == note.update_rule == ("owner",)
    # The user model is owned by each user: only the admin role links to anyone.
    user = found["user"]
    assert (user.owner, user.update_rule) == ("id", ("ADMIN",))
    # A model's own owner field comes from the token, never from the body.
    assert not links(plan, plan.model("Note"))


def test_connect_read_relaxes_create_only() -> None:
    blog = example("blog")
    comment = {link.relation: link for link in links(blog, blog.model("Comment"))}
    assert set(comment) == {"post", "parent"}
    assert comment["post"].create_rule == ("public",)
    assert comment["post"].update_rule == ("owner",)
    like = links(blog, blog.model("PostLike"))
    assert [(link.relation, link.on_create, link.on_update) for link in like] == [
        ("post", True, False)
    ]


def test_relation_lists_to_owned_models_are_links() -> None:
    blog = example("blog")
    tag = links(blog, blog.model("Tag"))
    assert [(link.relation, link.ids_field, link.owner) for link in tag] == [
        ("posts", "postIds", "authorId")
    ]
    # Tags are not owned: a post's author tags their post without rights on the tags.
    assert not links(blog, blog.model("Post"))


def test_ecommerce_orders_and_cart_items_link_only_to_the_callers_records() -> None:
    ecommerce = example("ecommerce")
    order = {link.relation for link in links(ecommerce, ecommerce.model("Order"))}
    assert {"shippingAddress", "billingAddress"} <= order
    cart_item = {link.relation for link in links(ecommerce, ecommerce.model("CartItem"))}
    assert "cart" in cart_item


def test_connect_takes_read_or_update_only() -> None:
    schema = USERS.replace(
        "  note   Note  @relation", "  /// @connect(anyone)\n  note   Note  @relation"
    )
    plan = analyze(parse_schema_text(schema))
    with pytest.raises(AnalysisError, match=r"schema.prisma:\d+:\d+: @connect\(anyone\)"):
        links(plan, plan.model("Pin"))
