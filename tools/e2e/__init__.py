"""End-to-end harness: install, generate, create the database, type-check and run a generated app."""

from tools.e2e.harness import (
    DEFAULT_TIMEOUT,
    HarnessError,
    MariaDBServer,
    PostgresServer,
    Response,
    Server,
    cache_root,
    create_database,
    dependency_key,
    free_port,
    install_node_modules,
    prisma_generate,
    typecheck,
)

__all__ = [
    "DEFAULT_TIMEOUT",
    "HarnessError",
    "MariaDBServer",
    "PostgresServer",
    "Response",
    "Server",
    "cache_root",
    "create_database",
    "dependency_key",
    "free_port",
    "install_node_modules",
    "prisma_generate",
    "typecheck",
]
