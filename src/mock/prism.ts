// Prism, in-process: one mock server per bundled spec, request validation on, static examples
// (the first named example of each response), so every run answers the same bytes.
// Prism is an optional peer dependency: it is loaded only when the mock starts.

export interface PrismServer {
  url: string;
  close(): Promise<void>;
}

export async function startPrism(specFile: string): Promise<PrismServer> {
  const [{ createServer }, { getHttpOperationsFromSpec }, { createLogger }] = await Promise.all([
    import("@stoplight/prism-http-server"),
    import("@stoplight/prism-http"),
    import("@stoplight/prism-core"),
  ]).catch((err: unknown) => {
    throw new Error(
      "hopx-client/mock needs Prism: npm install --save-dev @stoplight/prism-http-server@5.12.2 " +
        `@stoplight/prism-http@5.12.0 @stoplight/prism-core@5.8.0 (${String(err)})`,
    );
  });
  const operations = await getHttpOperationsFromSpec(specFile);
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
