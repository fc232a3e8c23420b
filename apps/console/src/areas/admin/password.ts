import type { Lang } from '../../lib/i18n';

// The node's password rules (libs/identity/src/password-policy.ts): 10-128 characters, three of four
// character classes, not containing the login. Checked here for quick feedback; the node decides.

const LOWER = 'abcdefghijkmnpqrstuvwxyz';
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';
const OTHER = '#%+-=@';

function pick(set: string): string {
  const n = new Uint32Array(1);
  crypto.getRandomValues(n);
  return set[n[0]! % set.length]!;
}

/** A temporary password of 14 characters with every class, without look-alikes (0/O, 1/l/I). */
export function generatePassword(): string {
  const all = LOWER + UPPER + DIGITS + OTHER;
  const chars = [pick(LOWER), pick(UPPER), pick(DIGITS), pick(OTHER), ...Array.from({ length: 10 }, () => pick(all))];
  for (let i = chars.length - 1; i > 0; i--) {
    const n = new Uint32Array(1);
    crypto.getRandomValues(n);
    const j = n[0]! % (i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}

/** What is wrong with the password by the node's rules, or null. */
export function passwordProblem(password: string, login: string | undefined, lang: Lang): string | null {
  const zh = lang === 'zh';
  const length = [...password].length;
  if (length < 10) return zh ? '至少 10 个字符' : 'At least 10 characters';
  if (length > 128) return zh ? '不能超过 128 个字符' : 'At most 128 characters';
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^a-zA-Z\d]/].filter((c) => c.test(password)).length;
  if (classes < 3) return zh ? '须包含小写字母、大写字母、数字、其他符号中的至少三类' : 'Mix at least three of lower case, upper case, digits and other characters';
  if (login && login.length >= 3 && password.toLowerCase().includes(login.toLowerCase())) return zh ? '不能包含登录名' : 'Must not contain the login';
  return null;
}
