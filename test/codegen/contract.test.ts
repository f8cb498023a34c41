// One contract test per HTTP operation of both specs: the operation's own examples make a request that
// passes Prism's validation (a 422/400 from Prism fails the test), and the mock's answer validates
// against the response schema the spec declares for that status.
import { describe, expect, inject, it } from "vitest";
import { deref } from "../../scripts/codegen/lib/openapi.js";
import {
  loadBundle,
  operationCases,
  parameterValue,
  pointer,
  validatorAt,
  type ApiName,
  type OperationCase,
} from "../support/spec.js";

const CREDENTIALS: Record<ApiName, Record<string, string>> = {
  "control-plane": { "X-API-Key": "hopx_live_contract0000.test-secret" },
  "vm-agent": { Authorization: "Bearer eyJhbGciOiJIUzI1NiJ9.contract.test" },
};

function buildRequest(
  c: OperationCase,
  baseUrl: string,
): { url: string; init: RequestInit; status: string; mediaType: string } {
  const doc = loadBundle(c.api);
  let path = c.path;
  const url = new URL(baseUrl);
  for (const param of c.parameters) {
    const value = parameterValue(doc, param);
    if (param.in === "path") {
      if (value === undefined)
        throw new Error(`${c.operation.operationId}: path parameter ${param.name} has no example`);
      path = path.replace(`{${param.name}}`, encodeURIComponent(value));
    } else if (
      param.in === "query" &&
      value !== undefined &&
      (param.required || param.example !== undefined || param.examples)
    ) {
      url.searchParams.set(param.name, value);
    }
  }
  url.pathname = path;
  const [status, response] = Object.entries(c.operation.responses).find(([code]) => /^2\d\d$/.test(code))!;
  const content = deref(doc, response).content ?? {};
  const mediaType = Object.keys(content)[0] ?? "";
  const headers: Record<string, string> = { ...CREDENTIALS[c.api], ...(mediaType ? { Accept: mediaType } : {}) };
  const init: RequestInit = { method: c.method.toUpperCase(), headers };
  const body = c.operation.requestBody ? deref(doc, c.operation.requestBody) : undefined;
  if (body) {
    const [type, media] = Object.entries(body.content)[0]!;
    const example = Object.values(media.examples ?? {})[0]?.value;
    if (type === "application/json") {
      headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(example);
    } else if (type === "multipart/form-data") {
      const form = new FormData();
      for (const [key, value] of Object.entries((example ?? {}) as Record<string, unknown>)) {
        form.append(key, key === "file" ? new Blob([String(value)]) : String(value));
      }
      init.body = form;
    } else {
      headers["Content-Type"] = type;
      init.body = typeof example === "string" ? example : JSON.stringify(example);
    }
  }
  return { url: url.toString(), init, status, mediaType };
}

for (const api of ["control-plane", "vm-agent"] as const) {
  const cases = operationCases(api).filter((c) => !c.operation["x-hopx-websocket"]);
  describe(`contract: ${api}`, () => {
    it.each(cases.map((c) => [`${c.method.toUpperCase()} ${c.path} (${c.operation.operationId})`, c] as const))(
      "%s",
      async (_name, c) => {
        const base = inject(api === "control-plane" ? "controlPlaneUrl" : "agentUrl");
        const req = buildRequest(c, base);
        const res = await fetch(req.url, req.init);
        const text = await res.text();
        expect(res.status, `mock answered ${res.status}: ${text.slice(0, 500)}`).toBe(Number(req.status));
        if (req.mediaType === "application/json" && text.length > 0) {
          const raw = c.operation.responses[req.status] as { $ref?: string };
          const at = raw.$ref
            ? `${raw.$ref.slice(1)}${pointer("content", "application/json", "schema")}`
            : pointer("paths", c.path, c.method, "responses", req.status, "content", "application/json", "schema");
          const validate = validatorAt(api, at);
          const ok = validate(JSON.parse(text));
          expect(ok, JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
        } else if (req.mediaType === "text/event-stream") {
          expect(text).toMatch(/^(event|data|id|retry):/m);
        } else if (req.mediaType) {
          expect(text.length).toBeGreaterThan(0);
        }
      },
    );
  });
}
