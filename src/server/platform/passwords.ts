import { hash, verify } from '@node-rs/argon2';

// OWASP's argon2id parameters (19 MiB, 2 passes). 2 is Algorithm.Argon2id, an ambient const
// enum that isolated modules cannot import.
const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;
/** Spends the same time as a real check, so unknown usernames can't be told apart by timing. */
export async function verifyAgainstDummy(password: string): Promise<void> {
  dummy ??= hashPassword('sgz-dummy-password-for-timing');
  await verifyPassword(await dummy, password);
}
