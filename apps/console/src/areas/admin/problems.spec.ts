import { describe, expect, it } from '@jest/globals';
import type { FormInstance } from 'antd';
import { ApiError } from '../../lib/api';
import { backupIndex, showProblems } from './problems';

function fakeForm() {
  const set: Array<{ name: unknown; errors: string[] }> = [];
  return { form: { setFields: (f: typeof set) => set.push(...f) } as unknown as FormInstance, set };
}

describe('backupIndex', () => {
  it('reads the index from the validation pipe\'s and the service\'s field names', () => {
    expect(backupIndex('backups.0.staffId')).toBe(0);
    expect(backupIndex('backups[2].role')).toBe(2);
    expect(backupIndex('roles')).toBeNull();
  });
});

describe('showProblems', () => {
  const err = new ApiError(400, 'VALIDATION_FAILED', '输入有误，请按提示修改后重试', 'The input is invalid', [
    { field: 'login', rule: 'matches', message: 'login 格式不正确', messageEn: 'login is not valid' },
    { field: 'password', rule: 'passwordMinLength', message: 'password 至少需要 10 个字符', messageEn: 'password is too short' },
    { field: 'password', rule: 'passwordCharacterClasses', message: 'password 须包含三类', messageEn: 'password needs three classes' },
    { field: 'elsewhere', rule: 'x', message: '别处的问题', messageEn: 'a problem elsewhere' },
  ]);

  it('puts each problem at its field and names the rest in the alert', () => {
    const { form, set } = fakeForm();
    const text = showProblems(form, err, 'zh', (f) => (f === 'elsewhere' ? null : f));
    expect(set).toEqual([
      { name: 'login', errors: ['login 格式不正确'] },
      { name: 'password', errors: ['password 至少需要 10 个字符', 'password 须包含三类'] },
    ]);
    expect(text).toBe('输入有误，请按提示修改后重试：别处的问题');
  });

  it('speaks English when asked, and says the node cannot be reached for anything but the node\'s answer', () => {
    const { form } = fakeForm();
    expect(showProblems(form, err, 'en', (f) => f)).toBe('The input is invalid');
    expect(showProblems(form, new TypeError('fetch failed'), 'en', (f) => f)).toBe('The node cannot be reached; try again');
  });
});
