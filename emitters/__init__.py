"""The product: turns a resolved Prisma schema into the files of a working TypeScript backend."""
