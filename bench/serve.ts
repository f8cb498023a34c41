// Runs the bench server in its own process (so its CPU and memory are never counted against a client) and
// prints its URLs as one JSON line. Exits when the parent closes stdin or sends SIGTERM.
import { startServer } from "./server.js";

const downloads = JSON.parse(process.env.BENCH_DOWNLOADS ?? "{}") as Record<string, string>;
const latencyMs = Number(process.env.BENCH_LATENCY_MS ?? 0);
const server = await startServer({ downloads, latencyMs });
process.stdout.write(`${JSON.stringify({ controlPlaneUrl: server.controlPlaneUrl, agentUrl: server.agentUrl })}\n`);
const stop = () => void server.close().then(() => process.exit(0));
process.stdin.on("end", stop).resume();
process.on("SIGTERM", stop);
