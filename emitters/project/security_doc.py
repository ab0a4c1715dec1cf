"""The access matrix of the generated README and the app's ``SECURITY.md``: who may do what
on each model, the rules that hold whatever the schema says, the production guardrails, and
the OWASP API Security Top 10 (2023) with the generated tests that cover each risk."""

from __future__ import annotations

import textwrap

from emitters.plan.analysis import ACTIONS, ModelPlan, ProjectPlan
from emitters.plan.api_access import ApiAccess
from emitters.plan.links import links
from emitters.plan.plans import OWNER, PUBLIC, SIGNED_IN

ENTRY = {PUBLIC: "anyone", SIGNED_IN: "signed in", OWNER: "owner"}


def _rule(model: ModelPlan, action: str) -> str:
    if not model.serves(action):
        return "nobody"
    if model.access is None:
        return "anyone"
    return ", ".join(ENTRY.get(entry, entry) for entry in model.access.rule(action))


def access_matrix(plan: ProjectPlan) -> str:
    """A Markdown table: per model, who may read, list, create, update and delete."""
    if plan.auth is None:
        who = {
            ApiAccess.TOKEN: ("API token",) * 5,
            ApiAccess.PUBLIC_READS: ("anyone", "anyone", "API token", "API token", "API token"),
            ApiAccess.PUBLIC: ("anyone",) * 5,
        }[plan.access]
        rows = [
            f"| {m.names.model} | "
            + " | ".join(w if m.serves(a) else "nobody" for a, w in zip(ACTIONS, who))
            + " |"
            for m in plan.models
        ]
    else:
        rows = [
            f"| {m.names.model} | " + " | ".join(_rule(m, a) for a in ACTIONS) + " |"
            for m in plan.models
        ]
    head = "| model | " + " | ".join(ACTIONS) + " |\n|---|" + "---|" * len(ACTIONS)
    return head + "\n" + "\n".join(rows)


def _owner_note(plan: ProjectPlan) -> str:
    owned = [m for m in plan.models if m.access is not None and m.access.owner is not None]
    if not owned:
        return ""
    admin = plan.auth.admin_role if plan.auth is not None else None
    names = ", ".join(f"{m.names.model} (`{m.access.owner}`)" for m in owned if m.access)
    bypass = f" The {admin} role reaches every record." if admin else ""
    return (
        f'\n\n"owner" means the user the record belongs to: {names}. Another user\'s record '
        f"is answered 404, as if it did not exist.{bypass}"
    )


def _links_note(plan: ProjectPlan) -> str:
    linked = [(m, link) for m in plan.models for link in links(plan, m)]
    if not linked:
        return ""
    items = "\n".join(
        f"- {m.names.model}.{link.key or link.ids_field} → {link.target.names.model}"
        + (
            " (create: any record the caller may read)"
            if link.create_rule != link.update_rule
            else ""
        )
        for m, link in linked
    )
    return (
        "\n\n### Links between records\n\nA write that links a row to a record of an owned "
        "model, through a foreign key or a relation list, needs the right to update that "
        "record: the caller owns it, or their role may update every record of the model. "
        "Otherwise the answer is 404 and nothing is written. A PATCH of a relation list needs "
        "that right on the records it adds and on the ones it removes. `/// @connect(read)` on "
        "a relation lets a new row link to any record the caller may read; moving the row later "
        "still needs the update right. The links of this app:\n\n" + items
    )


def access_section(plan: ProjectPlan) -> str:
    """The README's table of who may do what, with the rules behind it."""
    if plan.auth is None:
        return access_matrix(plan)
    defaults = (
        "A model without `@auth` in the schema is read by anyone and written by the admin role "
        "only (deny by default); `@owner` alone lets signed-in users create records and each "
        'owner change their own. "nobody" means the route does not exist (`[]` in `@auth`, '
        "or `@appendOnly`)."
    )
    text = defaults + _owner_note(plan) + _links_note(plan)
    paragraphs = [
        part if part.startswith(("- ", "#")) else textwrap.fill(part, width=90)
        for part in text.split("\n\n")
    ]
    return access_matrix(plan) + "\n\n" + "\n\n".join(paragraphs)


def _risks(plan: ProjectPlan) -> list[tuple[str, str, str]]:
    """(risk, what the app does, the tests that show it) per OWASP API Security Top 10 row."""
    users = plan.auth is not None
    matrix = (
        '`tests/security.test.ts`: each "<Model> access" block (401 anonymous, 403 outside '
        "the rule, 404 on another user's record)"
        if users
        else "`tests/api-token.test.ts` (401 without the API token or with another)"
    )
    links_tests = (
        '; "links to other users\' records" (foreign keys and relation lists)'
        if users and any(links(plan, m) for m in plan.models)
        else ""
    )
    hidden = (
        '`tests/security.test.ts`: "hidden and read-only fields"'
        if users
        else '`tests/<model>.test.ts`: "POST with an unknown key: 400 naming it", "POST with '
        'read-only ...: 400"'
    )
    auth = (
        "`tests/auth.test.ts` (register, login, refresh rotation and reuse, logout, forged "
        "and expired tokens)"
        + ("; `tests/roles.test.ts`" if users and plan.auth and plan.auth.admin_role else "")
        if users
        else "`tests/api-token.test.ts`"
    )
    return [
        (
            "API1 Broken Object Level Authorization",
            (
                (
                    "Owned records are read and changed by their owner only (others get 404); "
                    "links to records of owned models are checked the same way."
                )
                if users
                else "No user model, so no per-user records: every route needs the API token "
                "unless the generator was told otherwise."
            ),
            matrix + links_tests,
        ),
        (
            "API2 Broken Authentication",
            (
                "Short-lived signed access tokens, rotating refresh tokens with reuse detection, "
                "hashed passwords, a strict rate limit on /auth."
                if users
                else "A bearer API token from the environment, compared in constant time."
            ),
            auth,
        ),
        (
            "API3 Broken Object Property Level Authorization",
            "Bodies are strict (unknown keys are 400); server-set, read-only and secret-looking "
            "fields are never accepted or never answered.",
            hidden,
        ),
        (
            "API4 Unrestricted Resource Consumption",
            "Rate limits per client (and per route with `@rateLimit`), a body size limit, "
            "page sizes capped by `@maxPageSize`.",
            '`tests/<model>.test.ts`: "GET with unknown filter/sort/include or bad value: '
            '400" (`take` above the maximum)'
            + (
                '; `tests/security.test.ts`: "rate limits"'
                if any(m.rate_limit for m in plan.models)
                else ""
            ),
        ),
        (
            "API5 Broken Function Level Authorization",
            (
                "Each action has its own rule; writes without a rule in the schema need the admin "
                "role; the role field is the admin role's to set."
                if users
                else "Every route under /api needs the API token unless the generator was told "
                "otherwise."
            ),
            matrix,
        ),
        (
            "API6 Unrestricted Access to Sensitive Business Flows",
            "Not derivable from a schema: add limits to your flows in your own code.",
            "none",
        ),
        (
            "API7 Server Side Request Forgery",
            "The generated app fetches no URL a client sends.",
            "not applicable",
        ),
        (
            "API8 Security Misconfiguration",
            "helmet headers, `Cache-Control: no-store` on errors, no stack traces in answers; in "
            "production the server refuses example secrets, `CORS_ORIGINS=*` and "
            "`TRUST_PROXY=true`.",
            (
                "`tests/config.test.ts`"
                if users or plan.access.needs_token
                else "none: this app has no secret to refuse"
            ),
        ),
        (
            "API9 Improper Inventory Management",
            "One schema gives the routes and the OpenAPI document at `/openapi.json`; no route "
            "exists that the document does not list.",
            "none in the app: the generator's own tests check every route against the document",
        ),
        (
            "API10 Unsafe Consumption of APIs",
            "The generated app consumes no third-party API.",
            "not applicable",
        ),
    ]


def security_md(plan: ProjectPlan) -> str:
    """``SECURITY.md``: the access model, the guardrails and the OWASP table."""
    rows = "\n".join(f"| {risk} | {does} | {tests} |" for risk, does, tests in _risks(plan))
    return f"""# Security

This app was generated secure by default: nothing is readable or writable that the schema did
not open. This file says what holds and which generated test (`npm test`) shows it.

## Who may do what

{access_section(plan)}

## Production guardrails

With `NODE_ENV=production` the server refuses to start, with one line naming each problem,
on the development secrets of `.env.example`, on `CORS_ORIGINS=*` and on `TRUST_PROXY=true`
(give the number of proxies or their subnets).

## OWASP API Security Top 10 (2023)

| risk | what the app does | tests |
|---|---|---|
{rows}

## Reporting

Report a vulnerability of this app to its maintainers privately, not in a public issue.
"""
