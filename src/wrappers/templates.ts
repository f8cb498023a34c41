// Templates for one Hopx configuration (`hopx.templates`); `Sandbox.listTemplates` and friends delegate here.
import type {
  BuildLogsPage,
  BuildStatusResponse,
  Template as TemplateModel,
  TemplateListItem,
} from "../../generated/control-plane/index.js";
import { buildTemplate, type BuildOptions, type BuildResult } from "./template/build.js";
import type { Template } from "./template/builder.js";
import type { Hopx } from "./hopx.js";
import type { CallOptions, TemplateQueryOptions } from "./sandbox-options.js";

export class Templates {
  constructor(private readonly hopx: Hopx) {}

  /** Templates the organization can use (public and its own), optionally filtered. */
  async list(
    options: Pick<TemplateQueryOptions, "category" | "language" | "signal"> = {},
  ): Promise<TemplateListItem[]> {
    const { category, language, signal } = options;
    const list = await this.hopx.controlPlane.templates.list(
      { ...(category ? { category } : {}), ...(language ? { language } : {}) },
      signal ? { signal } : {},
    );
    return list.data ?? [];
  }

  /** One template by name or id; TemplateNotFoundError when there is none. */
  async get(nameOrId: string, options?: CallOptions): Promise<TemplateModel> {
    return this.hopx.controlPlane.templates.get(nameOrId, options);
  }

  async delete(templateId: string, options?: CallOptions): Promise<void> {
    await this.hopx.controlPlane.templates.delete(templateId, options);
  }

  /** State of a build started by `build` (or by another client). */
  async getBuildStatus(buildId: string, options?: CallOptions): Promise<BuildStatusResponse> {
    return this.hopx.controlPlane.templates.getBuildStatus(buildId, options);
  }

  /** Build log text from `offset` on; pass the returned `offset` back until `complete`. */
  async getBuildLogs(buildId: string, offset = 0, options?: CallOptions): Promise<BuildLogsPage> {
    return this.hopx.controlPlane.templates.getBuildLogs(buildId, { offset }, options);
  }

  /** Same as `Template.build`, with this client's key and URL. */
  async build(template: Template, options: BuildOptions): Promise<BuildResult> {
    return buildTemplate(this.hopx, template, options);
  }
}
