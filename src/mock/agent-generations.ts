// The two generations of HopX's agent spec (spec/DECISIONS.md, "Two generations of HopX's files") route some
// operations differently; a deployed agent serves one or the other. `startMock({ agentRoutes })` makes the mock's
// agents serve one generation's routes, so SDK code can be tested against either; the default serves both.
import type { DefaultHandler } from "./context.js";
import { errorReply } from "./reply.js";

/**
 * Which routes the mock's agents serve: `"both"` (default); `"main"`, the hand-edited agent spec on HopX's main
 * branch (`DELETE /execute/kill?process_id=`, `GET /jupyter/sessions`, `/update/*`); `"generated"`, the spec
 * HopX generated from the agent's source (`POST /execute/kill` with a body, `GET /jupyter/status`,
 * `/agent/update/*`).
 */
export type AgentRoutes = "both" | "main" | "generated";

/** The operations only one generation has, with their paths (test/tooling/spec-upstream.test.ts checks them). */
export const ONLY_IN: Record<"main" | "generated", Readonly<Record<string, string>>> = {
  main: {
    killProcess: "/execute/kill",
    getJupyterSessions: "/jupyter/sessions",
    uploadAgentUpdate: "/update/upload",
    applyAgentUpdate: "/update/apply",
    restartAgent: "/update/restart",
    listAgentBackups: "/update/backups",
  },
  generated: {
    killProcessPost: "/execute/kill",
    getJupyterStatus: "/jupyter/status",
    uploadAgentUpdateV2: "/agent/update/upload",
    applyAgentUpdateV2: "/agent/update/apply",
    restartAgentV2: "/agent/update/restart",
    listAgentBackupsV2: "/agent/update/backups",
  },
};

/** The stateful answers of the generated file's routes that have state: the same as their main-branch twins. */
function generatedTwins(base: Record<string, DefaultHandler>): Record<string, DefaultHandler> {
  const kill = base.killProcess;
  if (kill === undefined) return {};
  return {
    killProcessPost: (ctx) => {
      const processId = (ctx.body as { process_id?: unknown } | undefined)?.process_id;
      return kill({ ...ctx, query: { ...ctx.query, process_id: processId } });
    },
  };
}

/**
 * The agent's default handlers for one generation: the other generation's operations answer as a missing route
 * would (405 when the path still exists with another method, else 404), before any state changes.
 */
export function agentRouteHandlers(
  routes: AgentRoutes,
  base: Record<string, DefaultHandler>,
): Record<string, DefaultHandler> {
  const handlers = { ...base, ...generatedTwins(base) };
  if (routes === "both") return handlers;
  const served = ONLY_IN[routes];
  const absent = ONLY_IN[routes === "main" ? "generated" : "main"];
  const servedPaths = new Set(Object.values(served));
  for (const [operationId, path] of Object.entries(absent)) {
    handlers[operationId] = (ctx) => ({
      ...(servedPaths.has(path)
        ? errorReply(405, `${ctx.route.method.toUpperCase()} is not allowed on ${path} by this agent generation`)
        : errorReply(404, `No route ${path} on this agent generation`)),
      internal: true,
    });
  }
  return handlers;
}
