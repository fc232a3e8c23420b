import { inflateSync } from 'node:zlib';

const WOFF_SIGNATURE = 0x774f4646; // 'wOFF'
const WOFF_HEADER = 44;
const WOFF_ENTRY = 20;
const SFNT_HEADER = 12;
const SFNT_ENTRY = 16;

/**
 * A WOFF 1.0 font (W3C WOFF File Format 1.0) unpacked into the plain sfnt (TrueType/OpenType) it
 * wraps: each table inflated when compressed, laid out 4-byte aligned behind a fresh table
 * directory. fontkit reads WOFF directly but inflates a table on every access, which made one report
 * take 40 s of glyph measuring; unpacked once, the same report takes well under a second.
 */
export function woffToSfnt(woff: Buffer): Buffer {
  if (woff.length < WOFF_HEADER || woff.readUInt32BE(0) !== WOFF_SIGNATURE) throw new RangeError('not a WOFF 1.0 font');
  const flavor = woff.readUInt32BE(4);
  const numTables = woff.readUInt16BE(12);
  const tables = Array.from({ length: numTables }, (_, i) => {
    const at = WOFF_HEADER + i * WOFF_ENTRY;
    const tag = woff.readUInt32BE(at);
    const offset = woff.readUInt32BE(at + 4);
    const compLength = woff.readUInt32BE(at + 8);
    const origLength = woff.readUInt32BE(at + 12);
    const checksum = woff.readUInt32BE(at + 16);
    const stored = woff.subarray(offset, offset + compLength);
    const data = compLength < origLength ? inflateSync(stored) : stored;
    if (data.length !== origLength) throw new RangeError(`WOFF table ${tagName(tag)} unpacks to ${data.length} bytes, not ${origLength}`);
    return { tag, checksum, data };
  }).sort((a, b) => a.tag - b.tag);

  const entrySelector = Math.floor(Math.log2(numTables));
  const searchRange = 2 ** entrySelector * SFNT_ENTRY;
  let offset = SFNT_HEADER + numTables * SFNT_ENTRY;
  const placed = tables.map((t) => {
    const at = offset;
    offset += padded(t.data.length);
    return { ...t, at };
  });
  const out = Buffer.alloc(offset);
  out.writeUInt32BE(flavor, 0);
  out.writeUInt16BE(numTables, 4);
  out.writeUInt16BE(searchRange, 6);
  out.writeUInt16BE(entrySelector, 8);
  out.writeUInt16BE(numTables * SFNT_ENTRY - searchRange, 10);
  placed.forEach((t, i) => {
    const at = SFNT_HEADER + i * SFNT_ENTRY;
    out.writeUInt32BE(t.tag, at);
    out.writeUInt32BE(t.checksum, at + 4);
    out.writeUInt32BE(t.at, at + 8);
    out.writeUInt32BE(t.data.length, at + 12);
    t.data.copy(out, t.at);
  });
  return out;
}

const padded = (n: number): number => (n + 3) & ~3;

function tagName(tag: number): string {
  return Buffer.from([tag >>> 24, (tag >>> 16) & 0xff, (tag >>> 8) & 0xff, tag & 0xff]).toString('latin1');
}
