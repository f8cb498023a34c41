// hopx-client through its public entry (src/index.ts): one client per plane, generated typed methods.
// Files go through the generated `files.upload` / `files.download`; when the hand-written Files wrapper lands
// (src/wrappers/agent/files.ts), switch `upload`/`download` below to it via agentContext().
import { openAsBlob } from "node:fs";
import { createAgent, createControlPlane } from "../../src/index.js";
import { COMMAND, READ_PATH, eachChunk, type Adapter, type Client } from "./types.js";

export const hopxClient: Adapter = {
  id: "hopx",
  label: "hopx-client",
  async connect(t): Promise<Client> {
    const cp = createControlPlane({ apiKey: t.apiKey, baseURL: t.controlPlaneUrl });
    const agent = createAgent({ baseURL: t.agentUrl, token: t.token });
    return {
      getSandbox: () => cp.sandboxes.get(t.sandboxId),
      runCommand: () => agent.commands.run(COMMAND),
      readFile: () => agent.files.read({ path: READ_PATH }),
      async upload(localPath, remotePath) {
        await agent.files.upload({ file: await openAsBlob(localPath), path: remotePath });
      },
      async download(remotePath, onChunk) {
        await eachChunk(await agent.files.download({ path: remotePath }), onChunk);
      },
    };
  },
};
