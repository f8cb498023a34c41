// hopx-client through its raw entry: the built one when BENCH_HOPX_ENTRY names it (`npm run bench` builds
// bench/.build/dist first: what users run), else src/raw.ts through tsx. Control plane and agent clients with their
// generated typed methods for a–c; for d the hand-written Files wrapper (src/wrappers/agent/files.ts) over the same
// agent context, called the way the official SDK is called: upload(localPath, remotePath), download(path).
import { COMMAND, READ_PATH, eachChunk, type Adapter, type Client } from "./types.js";

type Raw = typeof import("../../src/raw.js");
const { agentContext, createControlPlane, Files } = (await import(
  process.env.BENCH_HOPX_ENTRY ?? "../../src/raw.js"
)) as Raw;

export const hopxClient: Adapter = {
  id: "hopx",
  label: "hopx-client",
  async connect(t): Promise<Client> {
    const cp = createControlPlane({ apiKey: t.apiKey, baseURL: t.controlPlaneUrl });
    const ctx = agentContext({ baseURL: t.agentUrl, token: t.token });
    const agent = ctx.resources;
    const files = new Files(ctx);
    return {
      getSandbox: () => cp.sandboxes.get(t.sandboxId),
      runCommand: () => agent.commands.run(COMMAND),
      readFile: () => agent.files.read({ path: READ_PATH }),
      async upload(localPath, remotePath) {
        await files.upload(localPath, remotePath); // a local path is streamed from disk (streamedMultipart)
      },
      async download(remotePath, onChunk) {
        await eachChunk(await files.download(remotePath), onChunk);
      },
    };
  },
};
