// Node built-ins and `ws` are loaded through a specifier bundlers cannot see, so a browser or edge bundle
// of the SDK builds without them (esbuild, webpack and Vite leave a non-literal import() alone). Only code
// paths that run on Node-like runtimes (local files, template sources, WebSocket on Node 18/20) call it.
import { ErrorCode, HopxError } from "./errors.js";

export async function runtimeImport<T>(specifier: string): Promise<T> {
  try {
    return (await import(/* webpackIgnore: true */ /* @vite-ignore */ specifier)) as T;
  } catch (err) {
    throw new HopxError(
      `${specifier} is not available in this runtime (local files and template sources need Node, Bun or Deno)`,
      {
        code: ErrorCode.INVALID_ARGUMENT,
        cause: err,
      },
    );
  }
}
