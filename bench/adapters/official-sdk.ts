// The official @hopx-ai/sdk 0.5.1. It has no agent-URL option: Sandbox.connect() reads public_host from
// GET /v1/sandboxes/{id} (our server points it at its agent listener) and fetches a token with
// POST /v1/sandboxes/{id}/token/refresh, exactly as it does against api.hopx.dev.
import { Sandbox } from "@hopx-ai/sdk";
import { READ_PATH, COMMAND_LINE, type Adapter, type Client } from "./types.js";

export const officialSdk: Adapter = {
  id: "official",
  label: "@hopx-ai/sdk",
  async connect(t): Promise<Client> {
    const sandbox = await Sandbox.connect(t.sandboxId, t.apiKey, t.controlPlaneUrl);
    return {
      getSandbox: () => sandbox.getInfo(),
      // Sends {command: "bash", args: ["-c", line], timeout: 30, workdir: "/workspace"}, the same body as the others.
      runCommand: () => sandbox.commands.run(COMMAND_LINE),
      readFile: () => sandbox.files.read(READ_PATH),
      // Reads the whole file into a Buffer first (fs.readFile), so files over 2 GiB are refused.
      upload: (localPath, remotePath) => sandbox.files.upload(localPath, remotePath),
      // Buffers the whole body (axios arraybuffer) and returns a Buffer: one chunk.
      async download(remotePath, onChunk) {
        onChunk(await sandbox.files.download(remotePath));
      },
    };
  },
};
