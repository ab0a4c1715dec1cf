"""End-to-end harness: install, generate, create or migrate the database, type-check, build and
run a generated app, on Node 24."""

from tools.e2e.harness import (
    DEFAULT_TIMEOUT,
    HarnessError,
    MariaDBServer,
    PostgresServer,
    Response,
    Server,
    build,
    cache_root,
    create_database,
    dependency_key,
    free_port,
    install_node_modules,
    migrate_deploy,
    migration_script,
    node_bin_dir,
    node_env,
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
    "build",
    "cache_root",
    "create_database",
    "dependency_key",
    "free_port",
    "install_node_modules",
    "migrate_deploy",
    "migration_script",
    "node_bin_dir",
    "node_env",
    "prisma_generate",
    "typecheck",
]
