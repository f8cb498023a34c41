#!/usr/bin/env node
// `npx hopx-mock` (or `npm run mock`): starts the stateful mock for suites in any language and prints its URLs
// and the environment that points an SDK at it, until interrupted.
import { parseArgs } from "node:util";
import { startMock } from "./index.js";

const USAGE = `usage: hopx-mock [--port N] [--agent-port N] [--seed N] [--latency MS] [--static]
  --port        control-plane port (default: a free port)
  --agent-port  agent port (default: a free port)
  --seed        seed of generated ids (default 1)
  --latency     milliseconds added before every answer (default 0)
  --static      answer the specs' examples through Prism instead (needs Prism installed)`;

function fail(message: string): never {
  console.error(`hopx-mock: ${message}\n${USAGE}`);
  process.exit(2);
}

function integer(name: string, value: string | undefined, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > max) fail(`--${name} must be an integer from 0 to ${max}, got ${value}`);
  return n;
}

let values: Record<string, string | boolean | undefined>;
try {
  ({ values } = parseArgs({
    options: {
      port: { type: "string" },
      "agent-port": { type: "string" },
      seed: { type: "string" },
      latency: { type: "string" },
      static: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  }));
} catch (err) {
  fail(err instanceof Error ? err.message : String(err));
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const port = integer("port", values.port as string | undefined, 65_535);
const agentPort = integer("agent-port", values["agent-port"] as string | undefined, 65_535);
const seed = integer("seed", values.seed as string | undefined, 2 ** 32 - 1);
const latencyMs = integer("latency", values.latency as string | undefined, 60_000);

try {
  const mock = values.static
    ? await startMock({ mode: "static" })
    : await startMock({
        ...(port === undefined ? {} : { port }),
        ...(agentPort === undefined ? {} : { agentPort }),
        ...(seed === undefined ? {} : { seed }),
        ...(latencyMs === undefined ? {} : { latencyMs }),
      });
  console.log(`HopX control plane mock: ${mock.controlPlaneUrl}`);
  console.log(`HopX VM agent mock:      ${mock.agentUrl}`);
  if ("env" in mock)
    for (const [key, value] of Object.entries(mock.env as Record<string, string>))
      console.log(`export ${key}=${value}`);
  console.log("Ctrl-C stops.");
  const stop = (): void => {
    mock.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
} catch (err) {
  // One line, no stack: a port in use or a missing Prism is all the user needs to read.
  console.error(`hopx-mock: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
