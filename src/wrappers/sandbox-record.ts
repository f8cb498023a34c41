// What a Sandbox handle knows of its sandbox — the control plane's record (without the token), the agent
// token, and where the agent is — shared by the handle and its agent context, so the context can be built
// before the handle exists and nothing below the handle calls back into it.
import type { Sandbox as SandboxModel } from "../../generated/control-plane/index.js";
import { ErrorCode, HopxError } from "../runtime/errors.js";
import type { RequestOptions } from "../runtime/operation.js";
import type { Hopx } from "./hopx.js";
import type { SandboxInfo } from "./sandbox-options.js";
import { SandboxToken, type IssuedToken } from "./sandbox-token.js";

export function toInfo(model: SandboxModel): SandboxInfo {
  const { authToken: _token, tokenExpiresAt: _expiry, requestId: _request, ...info } = model;
  return { ...info, sandboxId: model.id };
}

export class SandboxRecord {
  readonly id: string;
  info: SandboxInfo;
  readonly token: SandboxToken;

  constructor(
    private readonly hopx: Hopx,
    model: SandboxModel,
  ) {
    this.id = model.id;
    this.info = toInfo(model);
    const issued: IssuedToken | undefined = model.authToken
      ? { token: model.authToken, expiresAt: model.tokenExpiresAt }
      : undefined;
    this.token = new SandboxToken(async () => {
      const fresh = await hopx.controlPlane.sandboxes.refreshToken(this.id);
      return { token: fresh.authToken, expiresAt: fresh.tokenExpiresAt };
    }, issued);
  }

  /** Reads the record from the control plane (the token, when present, is kept apart from the info). */
  async read(options?: RequestOptions): Promise<SandboxInfo> {
    this.remember(await this.hopx.controlPlane.sandboxes.get(this.id, options));
    return this.info;
  }

  remember(model: SandboxModel): void {
    this.info = toInfo({ ...this.info, ...model });
  }

  /** The agent's base URL, read from the control plane when the record does not have it yet. */
  async agentHost(): Promise<string> {
    if (!this.info.publicHost && !this.info.directUrl) await this.read();
    const host = this.info.publicHost ?? this.info.directUrl;
    if (!host)
      throw new HopxError(`sandbox ${this.id} has no agent host yet (status ${this.info.status})`, {
        code: ErrorCode.INVALID_RESPONSE,
      });
    // HopX sends a full URL; a bare host name (older docs) means https.
    return (/^[a-z]+:\/\//i.test(host) ? host : `https://${host}`).replace(/\/+$/, "");
  }

  /** Before a `preflight: true` run: the sandbox must still exist and run. */
  async assertRunning(options?: RequestOptions): Promise<void> {
    const info = await this.read(options);
    if (info.status !== "running")
      throw new HopxError(`sandbox ${this.id} is ${info.status}, not running`, { code: ErrorCode.INVALID_REQUEST });
  }
}
