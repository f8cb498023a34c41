// Bare openapi-fetch 0.17 with the generated `paths` types: what hopx-client is built on, with nothing added.
import { openAsBlob } from "node:fs";
import createClient from "openapi-fetch";
import type { paths as ControlPlanePaths } from "../../generated/control-plane/schema.js";
import type { paths as AgentPaths } from "../../generated/vm-agent/schema.js";
import { COMMAND, READ_PATH, eachChunk, type Adapter, type Client } from "./types.js";

function must<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (!result.response.ok) throw new Error(`HTTP ${result.response.status}: ${JSON.stringify(result.error)}`);
  return result.data as T;
}

export const openapiFetch: Adapter = {
  id: "openapi-fetch",
  label: "openapi-fetch",
  async connect(t): Promise<Client> {
    const cp = createClient<ControlPlanePaths>({ baseUrl: t.controlPlaneUrl, headers: { "X-API-Key": t.apiKey } });
    // redirect: "error" for the same reason as raw fetch (undici #4058: "manual" still buffers uploads).
    const agent = createClient<AgentPaths>({
      baseUrl: t.agentUrl,
      headers: { Authorization: `Bearer ${t.token}` },
      redirect: "error",
    });
    return {
      getSandbox: async () =>
        must(await cp.GET("/v1/sandboxes/{sandboxId}", { params: { path: { sandboxId: t.sandboxId } } })),
      runCommand: async () => must(await agent.POST("/commands/run", { body: COMMAND })),
      readFile: async () => must(await agent.GET("/files/read", { params: { query: { path: READ_PATH } } })),
      async upload(localPath, remotePath) {
        const file = await openAsBlob(localPath);
        must(
          await agent.POST("/files/upload", {
            body: { file, path: remotePath },
            // The default serializer would JSON-stringify the Blob into "{}".
            bodySerializer(body) {
              const form = new FormData();
              form.append("file", body.file, "file");
              if (body.path) form.append("path", body.path);
              return form;
            },
          }),
        );
      },
      async download(remotePath, onChunk) {
        const stream = must(
          await agent.GET("/files/download", { params: { query: { path: remotePath } }, parseAs: "stream" }),
        ) as ReadableStream<Uint8Array>;
        await eachChunk(stream, onChunk);
      },
    };
  },
};
