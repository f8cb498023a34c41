// Node built-ins and `ws` are loaded through a specifier bundlers cannot see, so a browser or edge bundle
// of the SDK builds without them (esbuild, webpack and Vite leave a non-literal import() alone). Only code
// paths that run on Node-like runtimes (local files, template sources, WebSocket on Node 18/20) call it.
export function runtimeImport<T>(specifier: string): Promise<T> {
  return import(/* webpackIgnore: true */ /* @vite-ignore */ specifier) as Promise<T>;
}
