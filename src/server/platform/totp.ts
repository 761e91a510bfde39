import { randomInt } from 'node:crypto';
import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';
import { ADMIN_ROLES, type Role } from '../../shared/permissions';
import type { FieldCipher } from './field-cipher';

// RFC 6238 through otplib: SHA-1, 6 digits, 30-second steps, what every authenticator app reads.
const ISSUER = 'SGZ社工站';
/** One step either side of now: a phone clock a little off still works. */
const TOLERANCE_SECONDS = 30;

/** The three administrators always; everyone when the security administrator says so. */
export function totpRequired(roles: readonly Role[], policy: { totpAllRoles: boolean }): boolean {
  return policy.totpAllRoles || roles.some((r) => ADMIN_ROLES.includes(r));
}

export const newTotpSecret = (): string => generateSecret();

export async function enrolmentDetails(secret: string, username: string) {
  const otpauthUri = generateURI({ issuer: ISSUER, label: username, secret });
  return { secret, otpauthUri, qrDataUrl: await QRCode.toDataURL(otpauthUri, { margin: 1, width: 220 }) };
}

/**
 * The time step the code belongs to, or null when it is wrong. A code of a step at or before
 * `afterStep` (the last one accepted) is refused: no code works twice.
 */
export async function acceptedStep(secret: string, code: string, afterStep: number | null): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null;
  const result = await verify({
    secret,
    token: code,
    epochTolerance: TOLERANCE_SECONDS,
    ...(afterStep === null ? {} : { afterTimeStep: afterStep }),
  });
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}

// Recovery codes: 10 characters of an alphabet without look-alikes (about 49 bits), shown as XXXXX-XXXXX.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const RECOVERY_CODE_COUNT = 10;

export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

export const normaliseRecoveryCode = (code: string): string => code.toUpperCase().replace(/[^A-Z0-9]/g, '');

/** Keyed hash (the field cipher's blind index): a database reader cannot try codes offline. */
export const recoveryCodeHash = (cipher: FieldCipher, code: string): string =>
  cipher.index(`sgz recovery code:${normaliseRecoveryCode(code)}`);
