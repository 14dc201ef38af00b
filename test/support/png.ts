/** Reads a PNG the way a viewer does: signature, chunks with their CRCs, IHDR, and the inflated pixel rows. */
import { crc32, inflateSync } from 'node:zlib';

export interface DecodedPng {
  readonly width: number;
  readonly height: number;
  /** Bytes per pixel (RGBA: 4). */
  readonly channels: number;
  /** The filtered scanlines, each a filter byte and width × channels bytes. */
  readonly rows: Buffer;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 4: 2, 6: 4 };

export function decodePng(bytes: Uint8Array): DecodedPng {
  const png = Buffer.from(bytes);
  if (!png.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG: bad signature');
  let offset = 8;
  let header: { width: number; height: number; channels: number } | undefined;
  const data: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const body = png.subarray(offset + 8, offset + 8 + length);
    if (crc32(png.subarray(offset + 4, offset + 8 + length)) !== png.readUInt32BE(offset + 8 + length)) throw new Error(`PNG chunk ${type}: bad CRC`);
    if (type === 'IHDR') {
      if (body[8] !== 8) throw new Error(`PNG bit depth ${body[8]}: expected 8`);
      header = { width: body.readUInt32BE(0), height: body.readUInt32BE(4), channels: CHANNELS[body[9]!] ?? 0 };
    } else if (type === 'IDAT') data.push(body);
    else if (type === 'IEND') break;
    offset += 12 + length;
  }
  if (!header || header.channels === 0) throw new Error('PNG without a usable IHDR');
  const rows = inflateSync(Buffer.concat(data));
  if (rows.length !== header.height * (1 + header.width * header.channels)) throw new Error(`PNG pixel data is ${rows.length} bytes, not ${header.height} rows of ${header.width} pixels`);
  return { ...header, rows };
}
