"""The runtime of every generated app: the static TypeScript under `src/gen/http/`, config,
database, app shell and server entry, and the loader that turns it into syntax trees.

`emitters.runtime.files.emit(plan)` yields every runtime artifact of a project. The Symbols of
the runtime's exported names live in `emitters.contract`.
"""
