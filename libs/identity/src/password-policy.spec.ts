import { checkPassword } from './password-policy.js';

const rules = (password: string, login?: string) => checkPassword(password, 'password', login).map((p) => p.rule);

describe('password policy', () => {
  it('accepts ten characters mixing three classes', () => {
    expect(rules('Tongban-2026')).toEqual([]);
    expect(rules('办事大厅abcDEF12')).toEqual([]);
  });

  it('refuses a short password, naming the field and the rule', () => {
    const [problem] = checkPassword('Ab1-', 'newPassword');
    expect(problem).toMatchObject({ field: 'newPassword', rule: 'passwordMinLength' });
    expect(problem!.message).toContain('10');
  });

  it('refuses a password of only two character classes', () => {
    expect(rules('abcdefghij12')).toEqual(['passwordCharacterClasses']);
  });

  it('refuses a password longer than 128 characters', () => {
    expect(rules(`Aa1-${'x'.repeat(125)}`)).toEqual(['passwordMaxLength']);
  });

  it('refuses a password containing the login, whatever the case', () => {
    expect(rules('Zhangsan-2026', 'zhangsan')).toEqual(['passwordNotLogin']);
  });
});
