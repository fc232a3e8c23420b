import { describe, expect, it } from '@jest/globals';
import { generatePassword, passwordProblem } from './password';

describe('generatePassword', () => {
  it('makes 14 characters of every class, without look-alikes, that the node would accept', () => {
    for (let i = 0; i < 200; i++) {
      const p = generatePassword();
      expect(p).toHaveLength(14);
      expect(p).toMatch(/[a-z]/);
      expect(p).toMatch(/[A-Z]/);
      expect(p).toMatch(/\d/);
      expect(p).toMatch(/[^a-zA-Z\d]/);
      expect(p).not.toMatch(/[0O1lI]/);
      expect(passwordProblem(p, 'wangfang', 'zh')).toBeNull();
    }
  });

  it('does not repeat itself', () => {
    expect(new Set(Array.from({ length: 50 }, generatePassword)).size).toBe(50);
  });
});

describe('passwordProblem (the node\'s rules)', () => {
  it('wants at least 10 and at most 128 characters', () => {
    expect(passwordProblem('Ab1!', undefined, 'zh')).toBe('至少 10 个字符');
    expect(passwordProblem(`Ab1!${'x'.repeat(125)}`, undefined, 'en')).toBe('At most 128 characters');
  });

  it('wants three of four character classes', () => {
    expect(passwordProblem('abcdefghijk', undefined, 'en')).toMatch(/three/);
    expect(passwordProblem('abcdefghij12', undefined, 'en')).toMatch(/three/);
    expect(passwordProblem('abcdefghIJ12', undefined, 'en')).toBeNull();
  });

  it('refuses a password containing the login, whatever the case', () => {
    expect(passwordProblem('XWangFang-2026', 'wangfang', 'zh')).toBe('不能包含登录名');
    expect(passwordProblem('Xq7!mountain-river', 'wangfang', 'zh')).toBeNull();
  });
});
