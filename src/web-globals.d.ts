// Shipped beside the built declarations and referenced by each of them (scripts/postbuild.ts): the names our
// public types use that only the DOM lib or @types/node declare, so an app with `lib: ["es2022"]` alone (an
// edge or server app without either) type-checks them with `skipLibCheck: false`. Interfaces merge with the
// real declarations where those exist, so they must stay empty and keep the same type parameters as in
// lib.dom.d.ts and @types/node; `fetch` adds an overload with DOM's own signature. `Symbol.asyncDispose` is
// declared the way @types/node does (it merges with lib esnext.disposable), so `await using` types resolve
// without making users add a lib.
// biome-ignore-all lint/suspicious/noEmptyInterface: merging stubs must be empty (see above)

interface SymbolConstructor {
  readonly asyncDispose: unique symbol;
}

interface AbortSignal {}
interface Blob {}
interface Headers {}
interface ReadableStream<R> {}
interface Request {}
interface RequestInit {}
interface Response {}
interface URL {}

declare function fetch(input: string | URL | Request, init?: RequestInit): Promise<Response>;
