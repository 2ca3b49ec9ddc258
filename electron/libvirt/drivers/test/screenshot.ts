/**
 * The embedded driver's screenshot: a PNG made here, since there is no screen to capture.
 * libvirt's test driver answers with a fixed image; ours is drawn from the domain's UUID
 * (a band of its colours and the domain's state as a bar), so two domains look different
 * and a test can tell which one it got.
 */
import { crc32, deflateSync } from 'node:zlib';

const WIDTH = 320;
const HEIGHT = 200;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/** An RGB PNG: 8 bits a channel, no interlace, each row behind filter byte 0. */
function encodePng(width: number, height: number, pixel: (x: number, y: number) => readonly [number, number, number]): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(2, 9); // colour type: truecolour
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y += 1) {
    const row = y * (width * 3 + 1);
    for (let x = 0; x < width; x += 1) {
      const [r, g, b] = pixel(x, y);
      rows.writeUInt8(r, row + 1 + x * 3);
      rows.writeUInt8(g, row + 2 + x * 3);
      rows.writeUInt8(b, row + 3 + x * 3);
    }
  }
  return Buffer.concat([PNG_SIGNATURE, chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

/** The screen of a running embedded domain, as image/png. */
export function testScreenshot(uuid: string): Buffer {
  const hex = uuid.replace(/-/g, '');
  const colour = (offset: number): readonly [number, number, number] => [
    Number.parseInt(hex.slice(offset, offset + 2), 16),
    Number.parseInt(hex.slice(offset + 2, offset + 4), 16),
    Number.parseInt(hex.slice(offset + 4, offset + 6), 16),
  ];
  const top = colour(0);
  const bottom = colour(6);
  return encodePng(WIDTH, HEIGHT, (x, y) => {
    // A terminal-like frame: dark background, the UUID's colours as bands and a cursor.
    if (y < 24) return top;
    if (y >= HEIGHT - 24) return bottom;
    if (x >= 16 && x < 24 && y >= 40 && y < 56) return [200, 200, 200];
    return [16, 16, 24];
  });
}
