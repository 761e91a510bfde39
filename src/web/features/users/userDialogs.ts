import dayjs from 'dayjs';
import type { User } from '../../../shared/contracts/users';

/** Which dialog of the users page is open, and for whom. */
export type UserDialog = { kind: 'create' } | { kind: 'edit'; user: User } | { kind: 'reset'; user: User } | null;

/** Locked until a moment still to come (the server clears it by time or by 解除锁定). */
export function isLocked(u: User): boolean {
  return Boolean(u.lockedUntil && dayjs(u.lockedUntil).isAfter(dayjs()));
}
