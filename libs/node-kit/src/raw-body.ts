import type { IncomingMessage } from 'node:http';
import { HttpException, HttpStatus } from '@nestjs/common';

export interface RawBodyOptions {
  /** The media types the endpoint takes (without parameters), e.g. the .xlsx type. */
  types: readonly string[];
  /** The most bytes the body may have. */
  limit: number;
}

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const mediaTypeOf = (req: IncomingMessage): string => (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();

const megabytes = (n: number): string => `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;

function tooLarge(limit: number): HttpException {
  return new HttpException(
    { code: 'PAYLOAD_TOO_LARGE', message: `文件过大：不能超过 ${megabytes(limit)}`, messageEn: `The file is too large: at most ${megabytes(limit)}` },
    HttpStatus.PAYLOAD_TOO_LARGE,
  );
}

/**
 * A file upload's bytes, read from the request on the one endpoint that takes it: the app parses
 * only JSON and form bodies, so a file's stream is still unread when the handler runs (after the
 * guards: nobody unauthorised makes the node hold megabytes). 415 for another media type, 413
 * past the limit (told by Content-Length at once, else when the stream passes it).
 */
export async function readRawBody(req: IncomingMessage, options: RawBodyOptions): Promise<Buffer> {
  const type = mediaTypeOf(req);
  if (!options.types.includes(type)) {
    const got = (req.headers['content-type'] ?? 'none').slice(0, 100);
    const wanted = options.types.join(', ');
    throw new HttpException(
      { code: 'UNSUPPORTED_MEDIA_TYPE', message: `请求内容的类型必须是 ${wanted}，收到的是 ${got}`, messageEn: `The request body must be ${wanted}; got ${got}` },
      HttpStatus.UNSUPPORTED_MEDIA_TYPE,
    );
  }
  // A refused body is still read to its end (and dropped) before the 413 goes out: answering while the client
  // is still sending makes the server close the socket, and the client sees a broken pipe instead of the answer.
  // One far past the limit (four times) is cut off there instead.
  const declared = Number(req.headers['content-length']);
  let over = Number.isFinite(declared) && declared > options.limit;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += bytes.length;
    if (size > 4 * options.limit) break; // leaving the loop destroys the request stream
    if (over || size > options.limit) {
      over = true;
      chunks.length = 0;
      continue;
    }
    chunks.push(bytes);
  }
  if (over) throw tooLarge(options.limit);
  return Buffer.concat(chunks, size);
}
