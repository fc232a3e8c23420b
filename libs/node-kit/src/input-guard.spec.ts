import type { BadRequestException } from '@nestjs/common';
import { MAX_JSON_DEPTH, storableText, TextInputPipe, textProblems, textRule } from './input-guard.js';

describe('textRule', () => {
  it('names NUL and lone surrogates, and passes ordinary text and paired surrogates', () => {
    expect(textRule('a\u0000b')).toBe('noNulCharacter');
    expect(textRule('\ud800')).toBe('wellFormedUnicode');
    expect(textRule('x\udc00y')).toBe('wellFormedUnicode');
    expect(textRule('\ud800x')).toBe('wellFormedUnicode');
    expect(textRule('营业执照 😀')).toBeUndefined();
  });
});

describe('storableText', () => {
  it('replaces what PostgreSQL refuses with U+FFFD and keeps the rest', () => {
    expect(storableText('a\u0000b\ud800c😀')).toBe('a\uFFFDb\uFFFDc😀');
  });
});

describe('textProblems', () => {
  it('names each bad key and value by its path, as the validation pipe names fields', () => {
    const problems = textProblems({ name: 'ok', items: [{ title: 'x\u0000' }, { ['k\ud800']: 1 }], deep: { q: '\udfff' } });
    expect(problems.map((p) => [p.field, p.rule])).toEqual([
      ['items[0].title', 'noNulCharacter'],
      ['items[1].k\uFFFD', 'wellFormedUnicode'],
      ['deep.q', 'wellFormedUnicode'],
    ]);
    expect(problems[0]!.message).toContain('items[0].title');
  });

  it('finds nothing in clean input, and walks a very deep value without overflowing', () => {
    expect(textProblems({ a: ['b', { c: 1, d: null }] })).toEqual([]);
  });

  it('refuses nesting deeper than the limit at the first level too deep, and allows the limit itself', () => {
    const nest = (levels: number): unknown => JSON.parse(`${'['.repeat(levels)}${']'.repeat(levels)}`);
    expect(textProblems(nest(MAX_JSON_DEPTH))).toEqual([]);
    const [problem, ...rest] = textProblems({ a: nest(100000) });
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ rule: 'maxDepth', field: `a${'[0]'.repeat(MAX_JSON_DEPTH - 1)}` });
  });
});

describe('TextInputPipe', () => {
  const sut = new TextInputPipe();

  it('refuses a path parameter with NUL, naming the parameter', () => {
    try {
      sut.transform('01\u0000', { type: 'param', data: 'code' });
      throw new Error('not refused');
    } catch (err) {
      expect((err as BadRequestException).getResponse()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'code', rule: 'noNulCharacter' }] });
    }
  });

  it('passes clean parameters and leaves bodies and queries to the edge middleware', () => {
    expect(sut.transform('0101', { type: 'param', data: 'code' })).toBe('0101');
    expect(sut.transform({ a: '\u0000' }, { type: 'body' })).toEqual({ a: '\u0000' });
  });
});
