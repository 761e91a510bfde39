import { dictionary } from '@zxcvbn-ts/language-common';
import { COMMON_PASSWORDS } from '../../shared/rules/common-passwords';
import { passwordProblems as sharedPasswordProblems, type PasswordPolicy } from '../../shared/rules/password-policy';

// The zxcvbn-ts common list (about 49,000 passwords from breach corpora, most frequent first)
// plus the short Chinese-usage list the web also knows. Server-side only: too big for the web.
let all: ReadonlySet<string> | undefined;
function commonPasswords(): ReadonlySet<string> {
  all ??= new Set([...dictionary['passwords-common'].map((p) => p.toLowerCase()), ...COMMON_PASSWORDS]);
  return all;
}

export const isCommonPassword = (lowercased: string): boolean => commonPasswords().has(lowercased);

/** The policy check every server path uses (users, own password, CLI, worker accounts). */
export function passwordProblems(password: string, policy: PasswordPolicy, username?: string): string[] {
  return sharedPasswordProblems(password, policy, username, isCommonPassword);
}
