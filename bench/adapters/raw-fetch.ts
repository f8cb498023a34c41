// The floor: global fetch with nothing on top but what any careful caller writes (status check, JSON parse).
import { openAsBlob } from "node:fs";
import { COMMAND, READ_PATH, eachChunk, type Adapter, type Client } from "./types.js";

async function ok(response: Response): Promise<Response> {
  if (!response.ok) throw new Error(`HTTP ${response.status}: ${await response.text()}`);
  return response;
}

export const rawFetch: Adapter = {
  id: "fetch",
  label: "raw fetch",
  async connect(t): Promise<Client> {
    const cpHeaders = { "X-API-Key": t.apiKey };
    const agentHeaders = { Authorization: `Bearer ${t.token}` };
    const sandboxUrl = `${t.controlPlaneUrl}/v1/sandboxes/${encodeURIComponent(t.sandboxId)}`;
    return {
      getSandbox: async () => (await ok(await fetch(sandboxUrl, { headers: cpHeaders }))).json(),
      runCommand: async () =>
        (
          await ok(
            await fetch(`${t.agentUrl}/commands/run`, {
              method: "POST",
              headers: { ...agentHeaders, "Content-Type": "application/json" },
              body: JSON.stringify(COMMAND),
            }),
          )
        ).json(),
      readFile: async () =>
        (
          await ok(
            await fetch(`${t.agentUrl}/files/read?path=${encodeURIComponent(READ_PATH)}`, { headers: agentHeaders }),
          )
        ).json(),
      async upload(localPath, remotePath) {
        const form = new FormData();
        form.append("file", await openAsBlob(localPath), "file"); // file-backed Blob: read while sending
        form.append("path", remotePath);
        // redirect: "error" — under "follow" *and* "manual", Node 20.20's fetch (undici 6.24) keeps the whole
        // body in memory (undici #4058; measured +276 MiB for 256 MiB either way, +36–51 MiB with "error").
        await (
          await ok(
            await fetch(`${t.agentUrl}/files/upload`, {
              method: "POST",
              headers: agentHeaders,
              body: form,
              redirect: "error",
            }),
          )
        ).json();
      },
      async download(remotePath, onChunk) {
        const response = await ok(
          await fetch(`${t.agentUrl}/files/download?path=${encodeURIComponent(remotePath)}`, { headers: agentHeaders }),
        );
        await eachChunk(response.body!, onChunk);
      },
    };
  },
};
