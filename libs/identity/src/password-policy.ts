import type { FieldProblem } from '#libs/domain';

/**
 * The password rules (GB/T 22239-2019 asks for complexity): 10 to 128 characters, at least three of
 * lower-case, upper-case, digits and other characters, and not containing the login.
 */
export const PASSWORD_POLICY = { minLength: 10, maxLength: 128, minClasses: 3 } as const;

const CLASSES = [/[a-z]/, /[A-Z]/, /\d/, /[^a-zA-Z\d]/];

/** Every rule the password breaks, named for the field it came in (empty when it is acceptable). */
export function checkPassword(password: string, field: string, login?: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const length = [...password].length;
  if (length < PASSWORD_POLICY.minLength) {
    problems.push({
      field,
      rule: 'passwordMinLength',
      message: `${field} 至少需要 ${PASSWORD_POLICY.minLength} 个字符`,
      messageEn: `${field} must be at least ${PASSWORD_POLICY.minLength} characters long`,
    });
  }
  if (length > PASSWORD_POLICY.maxLength) {
    problems.push({
      field,
      rule: 'passwordMaxLength',
      message: `${field} 不能超过 ${PASSWORD_POLICY.maxLength} 个字符`,
      messageEn: `${field} must be at most ${PASSWORD_POLICY.maxLength} characters long`,
    });
  }
  if (CLASSES.filter((c) => c.test(password)).length < PASSWORD_POLICY.minClasses) {
    problems.push({
      field,
      rule: 'passwordCharacterClasses',
      message: `${field} 须包含小写字母、大写字母、数字、其他符号中的至少三类`,
      messageEn: `${field} must mix at least three of: lower-case letters, upper-case letters, digits, other characters`,
    });
  }
  if (login && login.length >= 3 && password.toLowerCase().includes(login.toLowerCase())) {
    problems.push({ field, rule: 'passwordNotLogin', message: `${field} 不能包含登录名`, messageEn: `${field} must not contain the login` });
  }
  return problems;
}
