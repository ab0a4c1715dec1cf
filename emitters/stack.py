"""The exact package versions a generated backend depends on.

These are the versions the end-to-end suite installs, type-checks and runs; change them
only together with a green end-to-end run. ``prisma``, ``@prisma/client`` and the adapters
move together (same release).
"""

from __future__ import annotations

from typing import Final

PRISMA: Final = "7.10.0"

DEPENDENCIES: Final[dict[str, str]] = {
    "@libsql/client": "0.17.4",
    "@prisma/adapter-libsql": PRISMA,
    "@prisma/adapter-pg": PRISMA,
    "@prisma/client": PRISMA,
    "cors": "2.8.6",
    "express": "5.3.0",
    "express-rate-limit": "8.7.5",
    "helmet": "8.3.0",
    "pg": "8.23.1",
    "pino": "10.4.0",
    "pino-http": "11.0.0",
    "rate-limit-redis": "6.0.1",
    "redis": "5.9.0",
    "tsx": "4.23.15",
    "zod": "4.6.7",
}

DEV_DEPENDENCIES: Final[dict[str, str]] = {
    "@types/cors": "2.8.19",
    "@types/express": "5.0.6",
    "@types/node": "20.19.43",
    "@types/pg": "8.23.1",
    "prisma": PRISMA,
    "typescript": "7.0.2",
}

NODE_ENGINE: Final = ">=20.19"
