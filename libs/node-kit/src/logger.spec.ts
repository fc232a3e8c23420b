import { createRootLogger, maskingDestination } from './logger.js';

function capture(): { lines: string[]; logger: ReturnType<typeof createRootLogger> } {
  const lines: string[] = [];
  const logger = createRootLogger({ node: '640104000000' }, 'info', maskingDestination({ write: (l: string) => void lines.push(l) }));
  return { lines, logger };
}

const ID = '11010519491231002X';

describe('node logs', () => {
  it('redact identity numbers in named fields, at the top and nested', () => {
    const { lines, logger } = capture();
    logger.info({ idNumber: ID, staff: { idNumber: ID }, body: { applicant: { idNumber: ID } } }, 'created');
    expect(lines.join('')).not.toContain(ID);
    expect(lines.join('')).toContain('[redacted]');
  });

  it('mask an identity number anywhere else in a line: a URL, a message, an unnamed field', () => {
    const { lines, logger } = capture();
    logger.info({ req: { url: `/staff?q=${ID}` }, note: `applicant ${ID}` }, `looked up ${ID}`);
    const text = lines.join('');
    expect(text).not.toContain(ID);
    expect(text).toContain('1101**********002X');
  });

  it('redact the bound values of a failed query', () => {
    const { lines, logger } = capture();
    const err = Object.assign(new Error('duplicate key'), { query: 'insert into staff ...', parameters: ['$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA'] });
    logger.error({ err }, 'unhandled error');
    expect(lines.join('')).not.toContain('argon2id');
  });

  it('redact passwords, tokens and the authorization header', () => {
    const { lines, logger } = capture();
    logger.info({ req: { headers: { authorization: 'Bearer abc.def.ghi' } }, dto: { password: 'Secret-2026!', refreshToken: 'r3fr3sh' } }, 'sign-in');
    const text = lines.join('');
    for (const secret of ['abc.def.ghi', 'Secret-2026!', 'r3fr3sh']) expect(text).not.toContain(secret);
  });
});
