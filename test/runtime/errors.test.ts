// Error bodies of both envelopes map to the right typed class with code, request id and retry hints.
import { describe, expect, it } from "vitest";
import {
  AuthenticationError,
  DesktopNotAvailableError,
  FileNotFoundError,
  NotFoundError,
  RateLimitError,
  ResourceLimitError,
  SandboxExpiredError,
  ServerError,
  ValidationError,
  CommandExecutionError,
} from "../../src/runtime/errors.js";
import { errorFromResponse, parseRetryAfter } from "../../src/runtime/error-from-response.js";
import { sourceText } from "../support/sources.js";

describe("errorFromResponse", () => {
  it("reads the flat envelope", () => {
    const err = errorFromResponse({ id: "getSandbox" }, 404, {
      error: "Sandbox not found",
      code: "RESOURCE_NOT_FOUND",
      request_id: "req_1",
    });
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err).toMatchObject({
      status: 404,
      code: "RESOURCE_NOT_FOUND",
      requestId: "req_1",
      operation: "getSandbox",
      retryable: false,
    });
    expect(err.message).toBe("getSandbox: Sandbox not found");
  });

  it("reads the nested envelope, including details.retry_after_seconds", () => {
    const err = errorFromResponse({ id: "listSandboxes" }, 429, {
      error: {
        message: "Slow down",
        code: "RATE_LIMIT_EXCEEDED",
        request_id: "req_2",
        details: { retry_after_seconds: 7 },
      },
    });
    expect(err).toBeInstanceOf(RateLimitError);
    expect(err).toMatchObject({ code: "RATE_LIMIT_EXCEEDED", requestId: "req_2", retryable: true, retryAfter: 7 });
  });

  it("prefers the Retry-After header and falls back to X-Request-ID", () => {
    const headers = new Headers({ "retry-after": "3", "x-request-id": "req_h" });
    const err = errorFromResponse(
      { id: "createSandbox" },
      429,
      { error: "x", retry_after: 30 },
      headers,
    ) as RateLimitError;
    expect(err.retryAfter).toBe(3);
    expect(err.requestId).toBe("req_h");
  });

  it("chooses the class by status and code", () => {
    expect(errorFromResponse({ id: "readFile" }, 404, { error: "no", code: "FILE_NOT_FOUND" })).toBeInstanceOf(
      FileNotFoundError,
    );
    expect(errorFromResponse({ id: "getSandbox" }, 410, {})).toBeInstanceOf(SandboxExpiredError);
    expect(errorFromResponse({ id: "getSandbox" }, 401, {})).toBeInstanceOf(AuthenticationError);
    expect(errorFromResponse({ id: "createSandbox" }, 402, {})).toBeInstanceOf(ResourceLimitError);
    expect(errorFromResponse({ id: "createSandbox" }, 400, {})).toBeInstanceOf(ValidationError);
    expect(errorFromResponse({ id: "mouseClick" }, 503, { error: "x", code: "DESKTOP_NOT_AVAILABLE" })).toBeInstanceOf(
      DesktopNotAvailableError,
    );
    const server = errorFromResponse({ id: "getSandbox" }, 503, "Service Unavailable");
    expect(server).toBeInstanceOf(ServerError);
    expect(server.retryable).toBe(true);
    expect(server.message).toBe("getSandbox: HTTP 503");
  });

  it("parses Retry-After as seconds or as an HTTP date", () => {
    expect(parseRetryAfter("12")).toBe(12);
    expect(parseRetryAfter(new Date(Date.UTC(2030, 0, 1, 0, 0, 10)).toUTCString(), Date.UTC(2030, 0, 1))).toBe(10);
    expect(parseRetryAfter("soon")).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});

describe("every exported error class", () => {
  it("is thrown somewhere in the SDK (the official SDK exports eight it never throws)", async () => {
    const errors = await import("../../src/runtime/errors.js");
    const classes = Object.entries(errors)
      .filter(([, value]) => typeof value === "function" && /^class /.test(String(value)))
      .map(([name]) => name);
    const code = await sourceText("src");
    // HopxError is the base every other class extends, so constructing any of them throws it.
    const unthrown = classes.filter(
      (name) => name !== "HopxError" && !new RegExp(`new ${name}\\(|${name}: \\{ Class: ${name}`).test(code),
    );
    expect(classes.length).toBeGreaterThan(15);
    expect(unthrown).toEqual([]);
  });
});

describe("classes declared per operation (spec/sdk.yaml errors:)", () => {
  it("apply before the generic rules, with the class's code when the server sent none", () => {
    const create = { id: "createSandbox", errors: { "404": "TemplateNotFoundError" } } as const;
    expect(errorFromResponse(create, 404, { error: "no such template" })).toMatchObject({
      name: "TemplateNotFoundError",
      code: "TEMPLATE_NOT_FOUND",
    });
    const run = { id: "runCommand", errors: { "500": "CommandExecutionError" } } as const;
    const failed = errorFromResponse(run, 500, { error: "x", code: "EXECUTION_FAILED" });
    expect(failed).toBeInstanceOf(CommandExecutionError);
    expect(failed).toMatchObject({ code: "EXECUTION_FAILED", retryable: false });
    // Without the declaration a template 404 is a plain NotFoundError: nothing is guessed from the name.
    expect(errorFromResponse({ id: "getTemplate" }, 404, {})).toMatchObject({ name: "NotFoundError" });
  });
});

describe("desktop errors", () => {
  it("a 501/503 on a /desktop path is DesktopNotAvailableError even without the code", () => {
    expect(
      errorFromResponse({ id: "mouseClick", path: "/desktop/mouse/click" }, 503, { error: "no display" }),
    ).toBeInstanceOf(DesktopNotAvailableError);
    expect(errorFromResponse({ id: "getClipboard", path: "/desktop/clipboard" }, 501, {})).toBeInstanceOf(
      DesktopNotAvailableError,
    );
    expect(errorFromResponse({ id: "runCode", path: "/execute" }, 503, {})).toBeInstanceOf(ServerError);
  });
});
