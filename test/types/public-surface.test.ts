// The public surface as a user meets it: what the root entry exports at run time (and what it must not),
// and the types of the options and results users write against. The type assertions are checked by
// `tsc --noEmit` in `npm test` (expectTypeOf fails compilation when a type drifts).
import { describe, expect, expectTypeOf, it } from "vitest";
import * as root from "hopx-client";
import * as raw from "hopx-client/raw";
import type {
  CallOptions,
  ClientOptions,
  CommandResult,
  ExecutionResult,
  FileInfo,
  RequestOptions,
  SandboxCreateOptions,
  SandboxInfo,
  Stream,
  TerminalSession,
  TransferOptions,
} from "hopx-client";

describe("root entry", () => {
  it("exports what users name in code, and no transport or generated class", () => {
    const names = Object.keys(root).sort();
    for (const name of [
      "Hopx",
      "Sandbox",
      "Template",
      "waitForPort",
      "HopxError",
      "TimeoutError",
      "LimitExceededError",
      "ErrorCode",
      "VERSION",
    ])
      expect(names).toContain(name);
    for (const name of [
      "createTransport",
      "agentTransport",
      "controlPlaneTransport",
      "createAgent",
      "agentContext",
      "createControlPlane",
      "openSocket",
      "AgentResources",
      "ControlPlaneResources",
      "reclassify",
      "errorFromResponse",
      "invalidArgument",
    ])
      expect(names).not.toContain(name);
    // Every root export is documented in the API report (api/hopx-client.api.md), so this stays small.
    expect(names.length).toBeLessThan(45);
  });

  it("hopx-client/raw carries the low-level pieces, sharing the error classes", () => {
    expect(typeof raw.createAgent).toBe("function");
    expect(typeof raw.openSocket).toBe("function");
    expect(raw.HopxError).toBe(root.HopxError);
  });
});

describe("types of the public options and results", () => {
  it("durations carry their unit; the official names remain as deprecated aliases", () => {
    expectTypeOf<ClientOptions["requestTimeoutMs"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<RequestOptions["timeoutMs"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<CallOptions["timeoutMs"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<SandboxCreateOptions["timeoutMs"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<SandboxCreateOptions["readyTimeoutMs"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<SandboxCreateOptions["timeoutSeconds"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<TransferOptions["deadlineMs"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<SandboxCreateOptions>().toHaveProperty("timeout");
  });

  it("results and handles", () => {
    expectTypeOf<root.Sandbox["runCode"]>().returns.resolves.toEqualTypeOf<ExecutionResult>();
    expectTypeOf<ExecutionResult["exitCode"]>().toEqualTypeOf<number>();
    expectTypeOf<CommandResult["exit_code"]>().toEqualTypeOf<number>();
    expectTypeOf<root.Sandbox["getInfo"]>().returns.resolves.toEqualTypeOf<SandboxInfo>();
    expectTypeOf<SandboxInfo>().not.toHaveProperty("authToken");
    expectTypeOf<root.Sandbox["files"]["list"]>().returns.resolves.toEqualTypeOf<FileInfo[]>();
    expectTypeOf<root.Sandbox["runCodeStream"]>().returns.toMatchTypeOf<
      Stream<root.Agent.ExecuteStreamServerMessage>
    >();
    expectTypeOf<root.Sandbox["streamMetrics"]>().returns.toMatchTypeOf<
      Stream<root.ControlPlane.SandboxMetricsEvent>
    >();
    expectTypeOf<TerminalSession>().toMatchTypeOf<Stream<string>>();
    expectTypeOf<TerminalSession["wait"]>().returns.resolves.toEqualTypeOf<number | null>();
    expectTypeOf<Stream<string>>().toHaveProperty("close");
    expectTypeOf<root.LimitExceededError["limit"]>().toEqualTypeOf<string>();
  });
});
