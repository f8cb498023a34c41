// The public URL of a port of a sandbox, derived from its agent host. HopX exposes every port at
// `<port>-<sandbox part>.<domain>`; the agent itself is port 7777.
import { ErrorCode, ValidationError } from "../runtime/errors.js";
import { isLoopbackHost } from "../runtime/guards.js";

export const AGENT_PORT = 7777;

/** What names a sandbox in HopX's preview host, when its agent host does not. */
export interface PreviewIdentity {
  sandboxId: string;
  region?: string;
}

/**
 * Works for every host form HopX documents: `https://7777-<id>.<cluster>.vms.hopx.dev`,
 * `https://<id>.vms.hopx.dev` and `https://<id>.hopx.dev`. A loopback or IP host (a local mock, a forwarded
 * agent) has no host per port: with the sandbox's id and region the URL is HopX's documented form
 * (`https://<port>-<id>.<region>.vms.hopx.dev/`, what the sandbox's port is on HopX), else the port is set
 * on the same host.
 */
export function previewUrl(publicHost: string, port: number = AGENT_PORT, identity?: PreviewIdentity): string {
  if (!Number.isInteger(port) || port < 1 || port > 65_535)
    throw new ValidationError(`port must be an integer from 1 to 65535, got ${String(port)}`, {
      code: ErrorCode.INVALID_ARGUMENT,
    });
  let url: URL;
  try {
    url = new URL(/^[a-z]+:\/\//i.test(publicHost) ? publicHost : `https://${publicHost}`);
  } catch {
    throw new ValidationError(`sandbox host is not a URL`, { code: ErrorCode.INVALID_ARGUMENT });
  }
  // A hostile control plane could answer `javascript://…` or `file://…`; a preview URL is only ever web.
  if (url.protocol !== "https:" && url.protocol !== "http:")
    throw new ValidationError(`sandbox host has scheme ${url.protocol}, not http(s)`, {
      code: ErrorCode.INVALID_RESPONSE,
    });
  if (url.username || url.password)
    throw new ValidationError("sandbox host must not carry credentials", { code: ErrorCode.INVALID_RESPONSE });
  const host = url.hostname;
  if (isLoopbackHost(host) || /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.includes(":") || !host.includes(".")) {
    const label = /^[a-z0-9-]+$/i;
    if (identity && label.test(identity.sandboxId) && identity.region && label.test(identity.region))
      return `https://${port}-${identity.sandboxId}.${identity.region}.vms.hopx.dev/`;
    return `${url.protocol}//${host.includes(":") ? `[${host.replace(/^\[|\]$/g, "")}]` : host}:${port}/`;
  }
  const [first, ...rest] = host.split(".");
  const sandboxPart = first!.replace(/^\d+-/, "");
  return `https://${port}-${sandboxPart}.${rest.join(".")}/`;
}
