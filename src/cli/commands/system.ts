// hopx system health|version|metrics (official 0.2), system metrics|agent-info|processes|jupyter|snapshot
// SANDBOX_ID (Python CLI), hopx health and hopx mock (ours).
import type { Context } from "../context.js";
import { CliError, EXIT } from "../exit-codes.js";
import { VERSION } from "../../version.js";

const DEFAULT_BASE_URL = "https://api.hopx.dev";

async function health(ctx: Context): Promise<void> {
  ctx.data(await ctx.client({ keyless: true }).health({ signal: ctx.signal }));
}

async function systemHealth(ctx: Context): Promise<void> {
  const answer = await ctx.client({ keyless: true }).health({ signal: ctx.signal });
  ctx.data({ healthy: answer.status === "ok" || answer.status === "healthy", ...answer, apiUrl: apiUrl(ctx) });
}

const apiUrl = (ctx: Context): string => ctx.settings.baseURL ?? DEFAULT_BASE_URL;

async function version(ctx: Context): Promise<void> {
  let apiVersion = "unknown";
  try {
    apiVersion = (await ctx.client({ keyless: true }).health({ signal: ctx.signal })).version ?? "unknown";
  } catch {
    // The CLI's own version is still worth printing when the API cannot be reached (as 0.2 does).
    apiVersion = "unreachable";
  }
  ctx.data({
    cliVersion: VERSION,
    apiVersion,
    apiUrl: apiUrl(ctx),
    runtime: "node",
    runtimeVersion: process.version,
  });
}

async function metrics(ctx: Context): Promise<void> {
  if (ctx.values.sandbox === undefined && !process.env.HOPX_SANDBOX_ID) {
    // 0.2's `system metrics` reports that no such endpoint exists; the public API has none either.
    ctx.out.note("the public API has no account-wide metrics; `hopx system metrics SANDBOX_ID` gives a sandbox's");
    ctx.data({ metrics: null });
    return;
  }
  return snapshot(ctx);
}

async function snapshot(ctx: Context): Promise<void> {
  ctx.data(await (await ctx.sandbox()).getMetricsSnapshot({ signal: ctx.signal }));
}

async function agentInfo(ctx: Context): Promise<void> {
  ctx.data(await (await ctx.sandbox()).getAgentInfo({ signal: ctx.signal }));
}

async function processes(ctx: Context): Promise<void> {
  ctx.data(await (await ctx.sandbox()).listSystemProcesses({ signal: ctx.signal }));
}

async function jupyter(ctx: Context): Promise<void> {
  ctx.data(await (await ctx.sandbox()).getJupyterSessions({ signal: ctx.signal }));
}

async function mock(ctx: Context): Promise<number> {
  let startMock: typeof import("hopx-client/mock").startMock;
  try {
    ({ startMock } = await import("hopx-client/mock"));
  } catch (err) {
    throw new CliError(`could not load hopx-client/mock (${String(err).split("\n")[0]})`, EXIT.FAILURE);
  }
  const server = await startMock();
  // The mock's own key (any non-empty key works; it is not a credential).
  const apiKey = server.apiKey;
  if (ctx.out.mode === "json") {
    ctx.data({ controlPlaneUrl: server.controlPlaneUrl, agentUrl: server.agentUrl, apiKey });
  } else {
    ctx.io.stdout.write(`export HOPX_BASE_URL=${server.controlPlaneUrl}\nexport HOPX_API_KEY=${apiKey}\n`);
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

export const systemCommands = {
  health,
  mock,
  "system health": systemHealth,
  "system version": version,
  "system metrics": metrics,
  "system snapshot": snapshot,
  "system agent-info": agentInfo,
  "system processes": processes,
  "system jupyter": jupyter,
};
