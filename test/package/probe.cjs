// Loads the built package the way a user does — `require()` (argv[2] = "cjs") or `import` ("esm") — and
// prints one JSON report: a call against the mock, error names, and what an echoed credential left behind.
// Plain CommonJS on purpose: it runs under bare `node`, with no TypeScript loader in between.
const http = require("node:http");
const util = require("node:util");
const path = require("node:path");

const [mode, mockUrl] = process.argv.slice(2);
const entry = path.resolve(__dirname, "../../dist", mode === "cjs" ? "index.cjs" : "index.js");
const KEY = "acct-key-echoed-9f1c2b7d";

function server(handler) {
  return new Promise((resolve) => {
    const s = http.createServer(handler);
    s.listen(0, "127.0.0.1", () =>
      resolve({ url: `http://127.0.0.1:${s.address().port}`, close: () => s.closeAllConnections?.() ?? s.close() }),
    );
  });
}

(async () => {
  const sdk = mode === "cjs" ? require(entry) : await import(entry);
  const report = { mode };

  // 1. A call against the mock, through the client users build.
  const hopx = new sdk.Hopx({ apiKey: "hopx_test_probe.key", baseURL: mockUrl });
  const list = await hopx.sandboxes.list();
  report.listed = Array.isArray(list) && list.length > 0 && typeof list[0].sandboxId === "string";

  // 2. Every exported error class keeps its name, and instanceof holds.
  report.names = sdk.ERROR_CLASS_NAMES.map((name) => {
    const Class = sdk[name];
    const err = new Class("probe", { limit: "x", limitValue: 1 });
    return {
      name,
      exported: typeof Class === "function",
      errName: err.name,
      instance: err instanceof sdk.HopxError && err instanceof Error,
      head: String(err).split(":")[0],
    };
  });

  report.unlisted = Object.entries(sdk)
    .filter(
      ([name, value]) =>
        typeof value === "function" && value.prototype instanceof Error && !sdk.ERROR_CLASS_NAMES.includes(name),
    )
    .map(([name]) => name);

  // 3. A real timeout, as a user sees it in a log line.
  const stall = await server(() => undefined);
  try {
    await new sdk.Hopx({ apiKey: KEY, baseURL: stall.url, maxRetries: 0 }).controlPlane.sandboxes.get("x", {
      timeout: 100,
    });
  } catch (err) {
    report.timeout = {
      name: err.name,
      line: util.inspect(err).split("\n")[0],
      timeoutError: err instanceof sdk.TimeoutError,
    };
  }
  stall.close();

  // 4. A server echoing the API key in every field it can reach.
  const echo = await server((_req, res) => {
    res.writeHead(500, { "content-type": "application/json", "x-request-id": `req-${KEY}` });
    res.end(
      JSON.stringify({
        error: {
          message: `bad key ${KEY}`,
          code: `E_${KEY}`,
          request_id: `rid-${KEY}`,
          details: { key: KEY, nested: [KEY] },
        },
      }),
    );
  });
  try {
    await new sdk.Hopx({ apiKey: KEY, baseURL: echo.url, maxRetries: 0 }).controlPlane.sandboxes.create({
      templateName: "x",
    });
  } catch (err) {
    const seen = [
      err.message,
      err.code,
      err.requestId,
      JSON.stringify(err),
      util.inspect(err, { depth: 10 }),
      String(err.stack),
    ].join("\n");
    report.echo = { name: err.name, leaked: seen.includes(KEY), code: err.code };
  }
  echo.close();

  // 5. Bad input is a ValidationError with nothing sent.
  let requests = 0;
  const counter = await server((_req, res) => {
    requests++;
    res.writeHead(500).end();
  });
  const bad = [
    () => new sdk.Hopx({ apiKey: KEY, baseURL: counter.url, timeout: -1 }),
    () => new sdk.Hopx({ apiKey: KEY, baseURL: counter.url, maxRetries: 1e9 }),
    () => new sdk.Hopx({ apiKey: "ключ-ключ", baseURL: counter.url }),
    () => new sdk.Hopx({ apiKey: KEY, baseURL: counter.url }).controlPlane.sandboxes.get("x", { timeout: 2 ** 32 }),
    () =>
      new sdk.Hopx({ apiKey: KEY, baseURL: counter.url }).controlPlane.sandboxes.get("x", {
        headers: { "bad name": "v" },
      }),
    () =>
      new sdk.Hopx({ apiKey: KEY, baseURL: counter.url }).sandboxes.create({ template: "t", envVars: { "A=B": "v" } }),
  ];
  report.badInput = [];
  for (const attempt of bad) {
    try {
      await attempt();
      report.badInput.push("accepted");
    } catch (err) {
      report.badInput.push(err.name);
    }
  }
  report.badInputRequests = requests;
  counter.close();

  process.stdout.write(JSON.stringify(report));
  process.exit(0);
})().catch((err) => {
  process.stdout.write(JSON.stringify({ mode, crashed: String(err?.stack) }));
  process.exit(1);
});
