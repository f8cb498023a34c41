// The static-example mode: Prism serves the bundled specs' examples (request validation on), for contract
// tests that check the spec itself. Prism is a devDependency of this repository, loaded only in this mode.
import { readAsset } from "./assets.js";
import type { MockFixtures, Plane } from "./fixtures.js";
import { pointAgentUrlsAt, startFront } from "./front.js";
import { startPrism } from "./prism.js";

/**
 * A running mock of both HopX APIs on free loopback ports: what every mode returns.
 *
 * @example
 * ```ts
 * import { startMock } from "hopx-client/mock";
 * const mock = await startMock({ mode: "static" });
 * console.log(mock.controlPlaneUrl, mock.agentUrl);
 * await mock.stop();
 * ```
 */
export interface StaticHopxMock {
  /** Base URL to use as the SDK's `baseURL` (control plane). */
  controlPlaneUrl: string;
  /** The agent mock; control-plane responses point `public_host` / `direct_url` here (or below it). */
  agentUrl: string;
  /** Closes both servers and every connection; safe to call twice. */
  stop(): Promise<void>;
}

export async function startStaticMock(): Promise<StaticHopxMock> {
  const fixtures = readAsset<Record<Plane, MockFixtures>>("mock/fixtures.json");
  const [cpPrism, agentPrism] = await Promise.all([
    startPrism(readAsset<object>("control-plane/openapi.json")),
    startPrism(readAsset<object>("vm-agent/openapi.json")),
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
