// The one interface every client under test is driven through, so each workload is written once.

/** Where the bench server listens and the credentials it accepts. */
export interface Target {
  controlPlaneUrl: string;
  agentUrl: string;
  apiKey: string;
  token: string;
  sandboxId: string;
}

export interface Client {
  /** GET /v1/sandboxes/{id}, body parsed. */
  getSandbox(): Promise<unknown>;
  /** POST /commands/run with COMMAND, body parsed. */
  runCommand(): Promise<unknown>;
  /** GET /files/read of a small text file, body parsed. */
  readFile(): Promise<unknown>;
  /** Uploads a local file through POST /files/upload (multipart), streamed where the client can. */
  upload(localPath: string, remotePath: string): Promise<void>;
  /** GET /files/download, handing each chunk to `onChunk` as it arrives (or once, if the client buffers). */
  download(remotePath: string, onChunk: (chunk: Uint8Array) => void): Promise<void>;
}

export interface Adapter {
  /** Short id used on the command line and in results. */
  id: string;
  /** Column label in the report. */
  label: string;
  connect(target: Target): Promise<Client>;
}

/** The official SDK's own payload shape for `commands.run` (bash -c), sent by every adapter. */
export const COMMAND_LINE = "ls -la /workspace | head -n 5";
export const COMMAND = { command: "bash", args: ["-c", COMMAND_LINE], timeout: 30, workdir: "/workspace" };
export const READ_PATH = "/workspace/data.csv";

/** Reads a web stream chunk by chunk (the DOM typings lack ReadableStream's async iterator). */
export async function eachChunk(
  stream: ReadableStream<Uint8Array>,
  onChunk: (chunk: Uint8Array) => void,
): Promise<void> {
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    onChunk(value);
  }
}
