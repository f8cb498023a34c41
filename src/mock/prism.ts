// Prism, in-process: one mock server per bundled spec, request validation on, static examples
// (the first named example of each response), so every run answers the same bytes.
// Prism is an optional peer dependency, loaded only by the static-example mode (`startMock({ mode: "static" })`).

export interface PrismServer {
  url: string;
  close(): Promise<void>;
}

/** `spec`: a spec file's path, or the parsed document (internal `$ref`s only). */
export async function startPrism(spec: string | object): Promise<PrismServer> {
  const [{ createServer }, { getHttpOperationsFromSpec }, { createLogger }] = await Promise.all([
    import("@stoplight/prism-http-server"),
    import("@stoplight/prism-http"),
    import("@stoplight/prism-core"),
  ]).catch((err: unknown) => {
    // One readable line, no stack of minified code: the stateful mode (the default) needs none of this.
    const error = new Error(
      'hopx-client/mock: mode "static" needs Prism: npm install --save-dev @stoplight/prism-http-server@5.12.2 ' +
        "@stoplight/prism-http@5.12.0 @stoplight/prism-core@5.8.0 " +
        `(${err instanceof Error ? err.message : String(err)})`,
    );
    error.stack = error.message;
    throw error;
  });
  const operations = await getHttpOperationsFromSpec(spec);
  const logger = createLogger("hopx-mock", { level: "silent" });
  const server = createServer(operations, {
    cors: false,
    components: { logger },
    config: {
      mock: { dynamic: false },
      checkSecurity: true,
      validateRequest: true,
      validateResponse: true,
      errors: false,
      upstreamProxy: undefined,
      isProxy: false,
    },
  });
  const address = await server.listen(0, "127.0.0.1");
  return { url: address.replace(/\/+$/, ""), close: () => server.close() };
}
