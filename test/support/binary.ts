import type request from 'supertest';

/** A supertest parser keeping the answer's body as bytes (a PDF, a workbook): `.buffer(true).parse(binary)`. */
export const binary = (res: request.Response, done: (err: Error | null, body: Buffer) => void): void => {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
};
