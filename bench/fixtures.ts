// Files the transfer workloads send and serve: random bytes (so nothing compresses or dedups along the
// way) with their CRC-32 computed while writing, and the sparse file of the >2 GiB probe.
import { randomFillSync } from "node:crypto";
import { closeSync, openSync, statfsSync, truncateSync, writeSync } from "node:fs";
import { crc32 } from "node:zlib";

export interface DataFile {
  path: string;
  size: number;
  crc32: number;
}

export function writeRandomFile(path: string, size: number): DataFile {
  const block = Buffer.allocUnsafe(1 << 20);
  const fd = openSync(path, "w");
  let crc = 0;
  try {
    for (let written = 0; written < size; written += block.length) {
      const chunk = block.subarray(0, Math.min(block.length, size - written));
      randomFillSync(chunk);
      crc = crc32(chunk, crc);
      writeSync(fd, chunk);
    }
  } finally {
    closeSync(fd);
  }
  return { path, size, crc32: crc };
}

/** A file of `size` zero bytes that takes no disk blocks (fs truncate extends without writing). */
export function writeSparseFile(path: string, size: number): DataFile {
  closeSync(openSync(path, "w"));
  truncateSync(path, size);
  return { path, size, crc32: 0 };
}

export function freeBytes(dir: string): number {
  const s = statfsSync(dir);
  return s.bavail * s.bsize;
}
