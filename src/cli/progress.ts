// A one-line progress bar on stderr for long transfers and builds, redrawn at most every 100 ms. It is
// drawn only on a TTY (or when forced with --progress), so logs and pipes never receive carriage returns.
import type { Writer } from "./output.js";

const MiB = 1024 * 1024;
const WIDTH = 24;

export interface Progress {
  update(loaded: number, total: number | undefined): void;
  done(): void;
}

const size = (bytes: number): string =>
  bytes >= MiB ? `${(bytes / MiB).toFixed(1)} MiB` : bytes >= 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${bytes} B`;

export const NO_PROGRESS: Progress = { update: () => undefined, done: () => undefined };

export function progressBar(err: Writer, label: string, unit: "bytes" | "percent" = "bytes"): Progress {
  let last = 0;
  let shown = "";
  let state: [number, number | undefined] = [0, undefined];
  const draw = (): void => {
    const [loaded, total] = state;
    const fraction = total ? Math.min(1, loaded / total) : undefined;
    const bar = fraction === undefined ? "" : `[${"#".repeat(Math.round(fraction * WIDTH)).padEnd(WIDTH, ".")}] `;
    const percent = fraction === undefined ? "" : `${Math.floor(fraction * 100)}% `;
    const amount =
      unit === "percent" ? `${Math.round(loaded)}%` : `${percent}${size(loaded)}${total ? ` / ${size(total)}` : ""}`;
    const line = `${label} ${bar}${amount}`;
    if (line !== shown) err.write(`\r${line}\u001b[K`);
    shown = line;
  };
  return {
    update(loaded, total) {
      state = [loaded, total];
      const now = Date.now();
      if (now - last < 100 && !(total !== undefined && loaded >= total)) return;
      last = now;
      draw();
    },
    done() {
      draw();
      err.write("\n");
    },
  };
}
