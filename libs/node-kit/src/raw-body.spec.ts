import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { HttpException } from '@nestjs/common';
import { readRawBody, XLSX_MEDIA_TYPE } from './raw-body.js';

function request(chunks: Buffer[], headers: Record<string, string>): IncomingMessage {
  return Object.assign(Readable.from(chunks), { headers }) as unknown as IncomingMessage;
}

const refusal = async (p: Promise<unknown>) => {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(HttpException);
  return { status: (err as HttpException).getStatus(), code: ((err as HttpException).getResponse() as { code: string }).code };
};

describe('readRawBody', () => {
  const options = { types: [XLSX_MEDIA_TYPE], limit: 10 };

  it('gives the bytes of a body of the media type, in order', async () => {
    const body = await readRawBody(request([Buffer.from('PK'), Buffer.from('\x03\x04')], { 'content-type': `${XLSX_MEDIA_TYPE}; charset=binary` }), options);
    expect(body).toEqual(Buffer.from('PK\x03\x04'));
  });

  it('refuses another media type with 415', async () => {
    expect(await refusal(readRawBody(request([Buffer.from('{}')], { 'content-type': 'application/json' }), options))).toEqual({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
    expect(await refusal(readRawBody(request([], {}), options))).toEqual({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
  });

  it('refuses a body past the limit with 413, by its Content-Length or as it streams', async () => {
    expect(await refusal(readRawBody(request([Buffer.alloc(11)], { 'content-type': XLSX_MEDIA_TYPE, 'content-length': '11' }), options))).toEqual({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
    expect(await refusal(readRawBody(request([Buffer.alloc(6), Buffer.alloc(6)], { 'content-type': XLSX_MEDIA_TYPE }), options))).toEqual({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
  });
});
