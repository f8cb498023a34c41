// The picture a matplotlib `plt.show()` / `savefig` gives on the mock: a real, decodable 64×48 PNG (white, with
// axes and a rising line), small enough to hold in every answer, so code that saves or shows rich outputs can
// be tested offline.
import { deflateSync } from "node:zlib";

const WIDTH = 64;
const HEIGHT = 48;

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "ascii");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

function draw(): Uint8Array {
  // One filter byte (0) per row, then RGB pixels.
  const rows = Buffer.alloc(HEIGHT * (1 + WIDTH * 3), 0xff);
  const set = (x: number, y: number, rgb: [number, number, number]) => {
    const at = y * (1 + WIDTH * 3) + 1 + x * 3;
    rows[at] = rgb[0];
    rows[at + 1] = rgb[1];
    rows[at + 2] = rgb[2];
  };
  for (let y = 0; y < HEIGHT; y++) rows[y * (1 + WIDTH * 3)] = 0;
  for (let x = 6; x < WIDTH - 2; x++) set(x, HEIGHT - 6, [0, 0, 0]);
  for (let y = 2; y < HEIGHT - 6; y++) set(6, y, [0, 0, 0]);
  for (let x = 7; x < WIDTH - 4; x++)
    set(x, Math.round(HEIGHT - 7 - ((x - 7) * (HEIGHT - 12)) / (WIDTH - 11)), [31, 119, 180]);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(WIDTH, 0);
  header.writeUInt32BE(HEIGHT, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, default compression, filter and no interlace
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk("IHDR", header),
      chunk("IDAT", deflateSync(rows)),
      chunk("IEND", new Uint8Array()),
    ]),
  );
}

let cached: Uint8Array | undefined;
/** The plot's PNG bytes (drawn once per process). */
export function plotPng(): Uint8Array {
  cached ??= draw();
  return cached;
}
