// Renamed duration options: the new names carry their unit, the official SDK's names stay accepted with
// their official meaning, and passing both is refused before anything is sent.
import { afterEach, describe, expect, it } from "vitest";
import { Hopx, ValidationError } from "hopx-client";
import { agentContext } from "hopx-client/raw";
import { Code } from "hopx-client/raw";
import { Commands } from "hopx-client/raw";
import { json, sandboxRecord, useFaultServer } from "../support/fault-server.js";

const cp = useFaultServer();
const agent = useFaultServer();
const hopx = () => new Hopx({ apiKey: "acct-key-units-1234", baseURL: cp.url });
afterEach(() => {
  cp.clear();
  agent.clear();
});

describe("an alias together with its new name is a ValidationError, 0 requests", () => {
  it.each([
    [
      "client requestTimeoutMs + timeout",
      () =>
        new Hopx({
          apiKey: "k-123456",
          baseURL: cp.url,
          requestTimeoutMs: 1000,
          timeout: 1000,
        }).controlPlane.sandboxes.get("s1"),
    ],
    ["per call timeoutMs + timeout", () => hopx().controlPlane.sandboxes.get("s1", { timeoutMs: 1000, timeout: 1000 })],
    [
      "Sandbox.create timeoutMs + timeout",
      () => hopx().sandboxes.create({ template: "t", timeoutMs: 5000, timeout: 5 }),
    ],
    [
      "Sandbox.create readyTimeoutMs + readyTimeout",
      () => hopx().sandboxes.create({ template: "t", readyTimeoutMs: 5000, readyTimeout: 5000 }),
    ],
    [
      "runCode timeoutSeconds + timeout",
      () =>
        new Code(agentContext({ baseURL: agent.url, token: "t-123456" })).runCode("1", {
          timeoutSeconds: 5,
          timeout: 5,
        }),
    ],
    [
      "commands.run timeoutSeconds + timeout",
      () =>
        new Commands(agentContext({ baseURL: agent.url, token: "t-123456" })).run("ls", {
          timeoutSeconds: 5,
          timeout: 5,
        }),
    ],
  ])("%s", async (_name, call) => {
    await expect((async () => call())()).rejects.toBeInstanceOf(ValidationError);
    expect(cp.received).toHaveLength(0);
    expect(agent.received).toHaveLength(0);
  });
});

describe("the official names keep their official meaning", () => {
  it("runCode's timeout is seconds on the wire, like timeoutSeconds", async () => {
    const answer = { success: true, stdout: "", stderr: "", exit_code: 0, execution_time: 0.1 };
    agent.script(json(200, answer), json(200, answer));
    const code = new Code(agentContext({ baseURL: agent.url, token: "t-123456" }));
    await code.runCode("1", { timeout: 7 });
    await code.runCode("1", { timeoutSeconds: 7 });
    expect(agent.received.map((r) => JSON.parse(r.body).timeout)).toEqual([7, 7]);
  });

  it("Sandbox.create's timeout is seconds for the create call, timeoutMs the same in milliseconds", async () => {
    const slow = async (req: Parameters<ReturnType<typeof json>>[0], res: Parameters<ReturnType<typeof json>>[1]) => {
      await new Promise((r) => setTimeout(r, 300));
      json(201, sandboxRecord(agent.url, { auth_token: "t-123456" }))(req, res, undefined as never);
    };
    cp.script(slow, slow);
    const client = new Hopx({ apiKey: "acct-key-units-1234", baseURL: cp.url, requestTimeoutMs: 100 });
    await expect(client.sandboxes.create({ template: "t", timeout: 2 })).resolves.toBeDefined();
    await expect(client.sandboxes.create({ template: "t", timeoutMs: 2000 })).resolves.toBeDefined();
  });
});
