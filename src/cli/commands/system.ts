// hopx health (no key needed) and hopx mock (the embedded mock, for trying the CLI without an account).
import type { Context } from "../context.js";
import { CliError, EXIT } from "../exit-codes.js";

async function health(ctx: Context): Promise<void> {
  ctx.out.data(await ctx.client({ keyless: true }).health({ signal: ctx.signal }));
}

/** Not a real key: the mock accepts any; it only has to look like one to the SDK. */
const MOCK_KEY = "hopx_test_mock.key";

async function mock(ctx: Context): Promise<number> {
  let startMock: typeof import("hopx-client/mock").startMock;
  try {
    ({ startMock } = await import("hopx-client/mock"));
  } catch (err) {
    throw new CliError(
      `could not load hopx-client/mock, the stateful mock (${String(err).split("\n")[0]})`,
      EXIT.FAILURE,
    );
  }
  const server = await startMock();
  if (ctx.out.mode === "json") {
    ctx.out.data({ controlPlaneUrl: server.controlPlaneUrl, agentUrl: server.agentUrl, apiKey: MOCK_KEY });
  } else {
    ctx.io.stdout.write(`export HOPX_BASE_URL=${server.controlPlaneUrl}\nexport HOPX_API_KEY=${MOCK_KEY}\n`);
  }
  ctx.out.note(`HopX mock running (agent ${server.agentUrl}); Ctrl-C stops it.`);
  await new Promise<void>((resolve) => {
    if (ctx.signal.aborted) resolve();
    ctx.signal.addEventListener("abort", () => resolve(), { once: true });
    process.once("SIGTERM", () => resolve());
  });
  await server.stop();
  return EXIT.OK;
}

export const systemCommands = { health, mock };
