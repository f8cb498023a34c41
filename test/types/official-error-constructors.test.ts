// Code written for the official SDK builds its errors positionally (a test's mock that throws
// `new FileNotFoundError("/workspace/x")`, say). Each of our classes takes those arguments too and carries what the
// official class carries: checked against the official classes themselves (@hopx-ai/sdk, a devDependency).
import * as official from "@hopx-ai/sdk";
import { describe, expect, it } from "vitest";
import * as ours from "hopx-client";

/** The fields both SDKs expose, read the same way from either error. */
const view = (err: Error & Record<string, unknown>, extra: readonly string[]) => ({
  name: err.name,
  message: err.message,
  code: err.code,
  requestId: err.requestId,
  statusCode: err.statusCode,
  ...Object.fromEntries(extra.map((k) => [k, err[k]])),
});

type Args = readonly unknown[];
type Ctor = new (...args: never[]) => Error;
const CASES: ReadonlyArray<[name: string, args: Args, extra?: readonly string[]]> = [
  ["HopxError", ["boom", "SANDBOX_NOT_FOUND", "req-1", 404]],
  ["APIError", ["bad", "INVALID_REQUEST", "req-2", 400]],
  ["AuthenticationError", [undefined, "req-3"]],
  ["AuthenticationError", ["key revoked", "req-3b"]],
  ["TokenExpiredError", [undefined, "req-4"]],
  ["RateLimitError", [undefined, "req-5"]],
  ["ServerError", [undefined, "INTERNAL_ERROR", "req-6"]],
  ["NotFoundError", ["no such thing", "req-7"]],
  ["FileNotFoundError", ["/workspace/x.txt"], ["path"]],
  ["FileNotFoundError", ["/workspace/y.txt", "gone", "req-8"], ["path"]],
  ["FileOperationError", ["denied", "/root/x", "PATH_NOT_ALLOWED", "req-9"], ["path"]],
  ["FileOperationError", ["failed", "/workspace/z"], ["path"]],
  ["CommandExecutionError", ["failed", "ls /nope", 2, "req-10"], ["command", "exitCode"]],
  ["CodeExecutionError", ["failed", "python", undefined, "req-11"], ["language"]],
  ["DesktopNotAvailableError", [undefined, "req-12"]],
  ["ResourceLimitError", ["out of credits", "req-13"]],
  ["ValidationError", ["bad input", "req-14"]],
  ["NetworkError", ["offline", "req-15"]],
  ["TimeoutError", ["slow", "req-16"]],
  [
    "SandboxExpiredError",
    ["expired", { sandboxId: "sbx-1", expiresAt: "2026-01-01T00:00:00Z" }, "req-17"],
    ["sandboxId", "expiresAt", "metadata"],
  ],
  [
    "TemplateBuildError",
    ["build failed", { buildId: "b-1", templateId: "t-1", buildStatus: "failed" }, "req-18"],
    ["buildId", "templateId", "buildStatus", "metadata"],
  ],
];

describe("official positional error constructors", () => {
  it.each(CASES)("new %s(…) carries what the official class carries", (name, args, extra = []) => {
    const Official = (official as unknown as Record<string, Ctor>)[name]!;
    const Ours = (ours as unknown as Record<string, Ctor>)[name]!;
    const theirs = new Official(...(args as never[])) as Error & Record<string, unknown>;
    const mine = new Ours(...(args as never[])) as Error & Record<string, unknown>;
    expect(mine).toBeInstanceOf(ours.HopxError);
    expect(view(mine, extra)).toEqual(view(theirs, extra));
  });

  it("keeps our own form: (message, init) with the fields of init", () => {
    const err = new ours.RateLimitError("slow down", { status: 429, retryAfter: 3, requestId: "req-19" });
    expect(err).toMatchObject({ status: 429, retryAfter: 3, retryable: true, requestId: "req-19" });
    const gone = new ours.FileNotFoundError("read: no such file", { status: 404, details: { path: "/workspace/a" } });
    expect(gone).toMatchObject({ message: "read: no such file", path: "/workspace/a" });
  });

  it.each([
    ["pyhton", ["python", "nodejs"]],
    ["Code_Interpreter", ["code-interpreter", "desktop"]],
    ["rust", ["python", "nodejs"]],
    ["go", []],
  ])("TemplateNotFoundError(%j, …) names and suggests as the official class does", (name, available) => {
    const theirs = new official.TemplateNotFoundError(name, available, "req-20");
    const mine = new ours.TemplateNotFoundError(name, available, "req-20");
    const fields = ["templateName", "availableTemplates", "suggestedTemplate"];
    expect(view(mine as never, fields)).toEqual(view(theirs as never, fields));
  });
});
