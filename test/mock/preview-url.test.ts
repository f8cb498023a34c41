// Preview URLs on the mock are HopX's documented form, and the mock says where such a URL can be called.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { Sandbox } from "hopx-client";
import { setupHopxMock } from "hopx-client/mock/vitest";

const mock = setupHopxMock();

describe("preview URLs", () => {
  it("are https://<port>-<id>.<region>.vms.hopx.dev/", async () => {
    const sandbox = await Sandbox.create({ template: "python", region: "eu-west" });
    const url = await sandbox.getPreviewUrl(8080);
    expect(url).toBe(`https://8080-${sandbox.sandboxId}.eu-west.vms.hopx.dev/`);
    expect(await sandbox.getPreviewUrl()).toBe(`https://7777-${sandbox.sandboxId}.eu-west.vms.hopx.dev/`);
  });

  it("map to the mock's agent (7777) or a local port a test serves, with the path kept", async () => {
    const sandbox = await Sandbox.create({ template: "python" });
    const agent = mock.reachableUrl(`${await sandbox.getPreviewUrl()}health`);
    expect(agent).toBe(`${await sandbox.getAgentUrl()}/health`);
    expect((await fetch(agent)).status).toBe(200);

    // What the sandbox would serve on a port, served by the test on the same port of this machine.
    const app = createServer((req, res) => res.end(`served ${req.url}`));
    await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
    try {
      const port = (app.address() as AddressInfo).port;
      const local = mock.reachableUrl(`${await sandbox.getPreviewUrl(port)}api?x=1`);
      expect(local).toBe(`http://127.0.0.1:${port}/api?x=1`);
      expect(await (await fetch(local)).text()).toBe("served /api?x=1");
    } finally {
      app.close();
    }
    expect(() => mock.reachableUrl("https://example.com/")).toThrow(TypeError);
  });
});
