// Global environment variables of a sandbox's agent. Names and values go over the wire exactly as given
// (the generated converters never touch map keys) and are never put into logs or error messages.
import { APIError, ErrorCode } from "../../runtime/errors.js";
import { checkEnvMap, checkEnvName } from "../../runtime/guards.js";
import type { RequestOptions } from "../../runtime/operation.js";
import type { AgentContext } from "./context.js";
import { isMissingRoute } from "./routes.js";

/** How the agent masks values whose names look secret (KEY, SECRET, PASSWORD, TOKEN …). */
export const MASKED_VALUE = "***MASKED***";

const checkName = (method: string, key: unknown): string => checkEnvName(`env.${method}`, key);
const checkMap = (method: string, vars: unknown): Record<string, string> => checkEnvMap(`env.${method}`, vars);

/**
 * Global environment variables of a sandbox's agent (`sandbox.env`). Names and values go over the wire exactly as
 * given and never into logs or error messages; secret-looking values come back masked ({@link MASKED_VALUE}).
 */
export class EnvVars {
  constructor(private readonly ctx: AgentContext) {}

  /** Every global variable; secret-looking values come back as `***MASKED***`. */
  async getAll(options?: RequestOptions): Promise<Record<string, string>> {
    return (await this.ctx.resources.env.getAll(options)).envVars ?? {};
  }

  /** One variable, or undefined when it is not set. */
  async get(key: string, options?: RequestOptions): Promise<string | undefined> {
    const name = checkName("get", key);
    const all = await this.getAll(options);
    return Object.hasOwn(all, name) ? all[name] : undefined;
  }

  /** Replaces all global variables with `vars` (`PUT /env`); returns what the agent reports, else `vars`. */
  async setAll(vars: Record<string, string>, options?: RequestOptions): Promise<Record<string, string>> {
    const envVars = checkMap("setAll", vars);
    const response = await this.ctx.resources.env.setAll({ envVars }, options);
    return response?.envVars ?? { ...envVars };
  }

  /** Sets one variable, keeping the others. */
  async set(key: string, value: string, options?: RequestOptions): Promise<void> {
    await this.update({ [checkName("set", key)]: value }, options);
  }

  /** Adds or overwrites `vars`, keeping the others (`PATCH /env` with `merge: true`). */
  async update(vars: Record<string, string>, options?: RequestOptions): Promise<Record<string, string>> {
    const envVars = checkMap("update", vars);
    const response = await this.ctx.resources.env.update({ envVars, merge: true }, options);
    return response?.envVars ?? { ...envVars };
  }

  /**
   * Removes one variable (`DELETE /env/{key}`). Agents without that route answer 404/405; then the
   * variable is removed by rewriting the rest with `PUT /env`, as the official SDKs do — unless the agent
   * masked some values, since writing `***MASKED***` back would destroy those secrets.
   */
  async delete(key: string, options?: RequestOptions): Promise<void> {
    const name = checkName("delete", key);
    try {
      await this.ctx.resources.env.delete(name, options);
      return;
    } catch (err) {
      if (!isMissingRoute(err)) throw err;
    }
    const all = await this.getAll(options);
    if (!Object.hasOwn(all, name)) return;
    const rest = Object.fromEntries(Object.entries(all).filter(([k]) => k !== name));
    const masked = Object.entries(rest)
      .filter(([, value]) => value === MASKED_VALUE)
      .map(([k]) => k);
    if (masked.length > 0) {
      throw new APIError(
        "env.delete: this agent cannot delete one variable, and rewriting the others would overwrite " +
          `the masked values of ${masked.join(", ")}`,
        {
          code: ErrorCode.METHOD_NOT_ALLOWED,
          operation: "deleteEnvVar",
        },
      );
    }
    await this.ctx.resources.env.setAll({ envVars: rest }, options);
  }

  /** Removes every custom variable (`DELETE /env`). */
  async clear(options?: RequestOptions): Promise<void> {
    await this.ctx.resources.env.clear(options);
  }
}

/** The official SDK's name for the same class. */
