import { deflateSync } from 'node:zlib';
import { woffToSfnt } from './woff.js';

const tag = (s: string): number => Buffer.from(s, 'latin1').readUInt32BE(0);

/** A WOFF with two tables: `glyf` stored compressed, `head` stored as is (WOFF keeps a table raw when compression does not help). */
function makeWoff(): { woff: Buffer; glyf: Buffer; head: Buffer } {
  const glyf = Buffer.from('glyph data '.repeat(20), 'latin1');
  const head = Buffer.from([1, 2, 3, 4, 5, 6, 7]);
  const packed = deflateSync(glyf);
  const header = Buffer.alloc(44 + 2 * 20);
  header.writeUInt32BE(tag('wOFF'), 0);
  header.writeUInt32BE(0x00010000, 4);
  header.writeUInt16BE(2, 12);
  let offset = header.length;
  const entries: Array<[string, Buffer, number, number]> = [
    ['glyf', packed, glyf.length, 0x11111111],
    ['head', head, head.length, 0x22222222],
  ];
  const bodies: Buffer[] = [];
  entries.forEach(([name, data, orig, sum], i) => {
    const at = 44 + i * 20;
    header.writeUInt32BE(tag(name), at);
    header.writeUInt32BE(offset, at + 4);
    header.writeUInt32BE(data.length, at + 8);
    header.writeUInt32BE(orig, at + 12);
    header.writeUInt32BE(sum, at + 16);
    const body = Buffer.alloc((data.length + 3) & ~3);
    data.copy(body);
    bodies.push(body);
    offset += body.length;
  });
  return { woff: Buffer.concat([header, ...bodies]), glyf, head };
}

describe('woffToSfnt', () => {
  it('unpacks every table, compressed or not, behind a TrueType table directory, each table 4-byte aligned', () => {
    const { woff, glyf, head } = makeWoff();
    const sut = woffToSfnt(woff);
    expect(sut.readUInt32BE(0)).toBe(0x00010000);
    expect(sut.readUInt16BE(4)).toBe(2);
    // searchRange, entrySelector, rangeShift for two tables.
    expect([sut.readUInt16BE(6), sut.readUInt16BE(8), sut.readUInt16BE(10)]).toEqual([32, 1, 0]);
    const table = (i: number) => {
      const at = 12 + i * 16;
      const offset = sut.readUInt32BE(at + 8);
      return { tag: sut.subarray(at, at + 4).toString('latin1'), checksum: sut.readUInt32BE(at + 4), offset, data: sut.subarray(offset, offset + sut.readUInt32BE(at + 12)) };
    };
    expect(table(0)).toMatchObject({ tag: 'glyf', checksum: 0x11111111, data: glyf });
    expect(table(1)).toMatchObject({ tag: 'head', checksum: 0x22222222, data: head });
    expect(table(0).offset % 4).toBe(0);
    expect(table(1).offset % 4).toBe(0);
    expect(sut.length % 4).toBe(0);
  });

  it('refuses what is not a WOFF 1.0 font', () => {
    expect(() => woffToSfnt(Buffer.from('not a font at all, but long enough to have a WOFF header'))).toThrow(RangeError);
  });
});
