import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Encryption at rest of sensitive fields (ID numbers, phones): AES-256-GCM with a key from
 * configuration. Each value is stored as `v1.aes256gcm.<iv>.<tag>.<ciphertext>` (base64url), so
 * another algorithm (SM4) can be added under a new tag and old rows still read.
 * A keyed HMAC of a value ("blind index") finds equal values without decrypting.
 */
export interface FieldCipher {
  encrypt(plain: string): string;
  decrypt(stored: string): string;
  /** Deterministic keyed hash for equality lookups (unique ID numbers). */
  index(plain: string): string;
  /** A 32-byte key for another purpose (e.g. the audit chain), derived with its own HKDF label. */
  derive(label: string): Buffer;
}

export function parseKey(raw: string): Buffer {
  const key = /^[0-9a-f]{64}$/i.test(raw) ? Buffer.from(raw, 'hex') : Buffer.from(raw, 'base64');
  if (key.length !== 32) throw new Error('SGZ_ENCRYPTION_KEY must be 32 bytes, as 64 hex digits or base64');
  return key;
}

export function generateKey(): string {
  return randomBytes(32).toString('base64');
}

export function createFieldCipher(masterKey: Buffer): FieldCipher {
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), info, 32));
  const encKey = derive('sgz field encryption v1');
  const indexKey = derive('sgz blind index v1');
  return {
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', encKey, iv);
      const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return ['v1', 'aes256gcm', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ct.toString('base64url')].join('.');
    },
    decrypt(stored) {
      const [version, algorithm, iv, tag, ct] = stored.split('.');
      if (version !== 'v1' || algorithm !== 'aes256gcm' || !iv || !tag || ct === undefined)
        throw new Error('unknown field cipher format');
      const decipher = createDecipheriv('aes-256-gcm', encKey, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
    },
    index(plain) {
      return createHmac('sha256', indexKey).update(plain).digest('hex');
    },
    derive,
  };
}
