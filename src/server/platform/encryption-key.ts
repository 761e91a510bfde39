import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config';
import { createFieldCipher, generateKey, parseKey, type FieldCipher } from './field-cipher';

/**
 * The field key comes from SGZ_ENCRYPTION_KEY. An embedded (PGlite) pilot without one gets a
 * key generated once into a file beside the data directory (mode 0600); a PostgreSQL
 * deployment must configure it, since every process has to use the same key.
 */
export function cipherFromConfig(config: Config): FieldCipher {
  if (config.encryptionKey) return createFieldCipher(parseKey(config.encryptionKey));
  if (config.databaseUrl)
    throw new Error('SGZ_ENCRYPTION_KEY is required with DATABASE_URL (32 bytes as 64 hex digits or base64; keep it safe and the same for every process)');
  const file = `${path.resolve(config.dataDir)}.key`;
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, generateKey(), { mode: 0o600, flag: 'wx' });
  }
  return createFieldCipher(parseKey(fs.readFileSync(file, 'utf8').trim()));
}
