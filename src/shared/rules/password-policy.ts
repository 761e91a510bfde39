import { COMMON_PASSWORDS } from './common-passwords';

export interface PasswordPolicy {
  minLength: number;
  minClasses: number;
}

/** Character classes counted by the 等保 composition rule: lower, upper, digit, other. */
export function characterClasses(password: string): number {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(password)).length;
}

/**
 * Chinese reasons the password breaks the policy; empty when it is acceptable. The web checks
 * the short list below for live hints; the server passes `isCommon` with the long list
 * (src/server/platform/common-passwords.ts), which stays out of the web bundle.
 */
export function passwordProblems(
  password: string,
  policy: PasswordPolicy,
  username?: string,
  isCommon: (lowercased: string) => boolean = (p) => COMMON_PASSWORDS.has(p),
): string[] {
  const problems: string[] = [];
  if (password.length < policy.minLength) problems.push(`密码长度至少 ${policy.minLength} 位`);
  if (characterClasses(password) < policy.minClasses)
    problems.push(`密码须包含大写字母、小写字母、数字、其他符号中的至少 ${policy.minClasses} 类`);
  if (isCommon(password.toLowerCase())) problems.push('该密码过于常见，容易被猜中');
  if (username && password.toLowerCase().includes(username.toLowerCase()))
    problems.push('密码不得包含用户名');
  return problems;
}
