// startMock(): both HopX APIs on free loopback ports, for our tests and for downstream test suites.
// Prism serves the bundled specs (request validation on); our front layer adds what Prism cannot.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { loadFixtures } from "./fixtures.js";
import { pointAgentUrlsAt, startFront } from "./front.js";
import { startPrism } from "./prism.js";

/** A running mock of both HopX APIs on loopback ports (from {@link startMock}). */
export interface HopxMock {
  /** Base URL to use as the SDK's `baseURL` (control plane). */
  controlPlaneUrl: string;
  /** The agent mock; control-plane responses point `public_host` / `direct_url` here. */
  agentUrl: string;
  /** Stops both servers; safe to call more than once. */
  stop(): Promise<void>;
}

/** In the published package the assets sit in dist/specs (minified); in the repository, in generated/. */
const asset = (path: string): URL => {
  const built = new URL(`../specs/${path}`, import.meta.url);
  return existsSync(built) ? built : new URL(`../../generated/${path}`, import.meta.url);
};

/**
 * Starts the mock of both HopX APIs on free loopback ports: Prism serves the bundled specs (requests validated) and a
 * front layer adds SSE, binary bodies and WebSocket transcripts. Needs the optional peers
 * `@stoplight/prism-http-server`, `-http` and `-core`.
 *
 * @example
 * ```ts
 * import { Sandbox } from "hopx-client";
 * import { startMock } from "hopx-client/mock";
 *
 * const mock = await startMock();
 * const client = { baseURL: mock.controlPlaneUrl, apiKey: "hopx_test_key" };
 * const sandbox = await Sandbox.create({ template: "code-interpreter", ...client });
 * await sandbox.kill();
 * await mock.stop();
 * ```
 */
export async function startMock(): Promise<HopxMock> {
  const fixtures = loadFixtures(asset("mock/fixtures.json"));
  const [cpPrism, agentPrism] = await Promise.all([
    startPrism(fileURLToPath(asset("control-plane/openapi.json"))),
    startPrism(fileURLToPath(asset("vm-agent/openapi.json"))),
  ]);
  const agent = await startFront({ prismUrl: agentPrism.url, fixtures: fixtures["vm-agent"] });
  const controlPlane = await startFront({
    prismUrl: cpPrism.url,
    fixtures: fixtures["control-plane"],
    rewriteJson: pointAgentUrlsAt(agent.url),
  });
  let stopped: Promise<void> | undefined;
  return {
    controlPlaneUrl: controlPlane.url,
    agentUrl: agent.url,
    stop() {
      stopped ??= Promise.all([controlPlane.close(), agent.close(), cpPrism.close(), agentPrism.close()]).then(
        () => undefined,
      );
      return stopped;
    },
  };
}
