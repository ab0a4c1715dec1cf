"""Language machinery for ssot-codegen: the Prisma schema front end (`ssot_ast.schema`),
the TypeScript AST, import resolution and printer (`ssot_ast.ts`), and the tree-sitter
verification pass (`ssot_ast.verify`). Nothing here knows about CRUD or Express."""
