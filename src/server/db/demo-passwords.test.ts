import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createFieldCipher } from '../platform/field-cipher';
import { verifyPassword } from '../platform/passwords';
import type { Database } from './client';
import { DEMO_ADMINS, DEMO_USERS, seedDemo } from './demo-data';
import { PUBLISHED_DEMO_PASSWORD, randomDemoPassword, usersWithPublishedPassword } from './demo-passwords';
import { users } from './schema';
import { loadDemo, openDatabase } from './setup';

let database: Database;
afterEach(() => database.close());
const cipher = createFieldCipher(randomBytes(32));

describe('demo passwords', () => {
  it('a started demo gives the three administrators random passwords, and the check names the users left on the published one', async () => {
    database = await openDatabase({ dataDir: null });
    expect(await usersWithPublishedPassword(database.db)).toEqual([]);
    // The passwords are the point here, not the demo's year of work (seed/demo-year.test.ts).
    const { seeded, adminPasswords } = await loadDemo(database, PUBLISHED_DEMO_PASSWORD, cipher, { year: false });
    expect(seeded).toBe(true);
    expect(Object.keys(adminPasswords).sort()).toEqual([...DEMO_ADMINS].sort());
    const business = DEMO_USERS.map((u) => u.username).filter((u) => !(DEMO_ADMINS as readonly string[]).includes(u)).sort();
    expect(await usersWithPublishedPassword(database.db)).toEqual(business);

    const rows = await database.db.select().from(users);
    for (const admin of DEMO_ADMINS) {
      const row = rows.find((r) => r.username === admin);
      const own = adminPasswords[admin];
      expect(own).toMatch(/^Sgz#/);
      expect(new Set(Object.values(adminPasswords)).size).toBe(3);
      expect(await verifyPassword(row?.passwordHash ?? '', own ?? '')).toBe(true);
      expect(await verifyPassword(row?.passwordHash ?? '', PUBLISHED_DEMO_PASSWORD)).toBe(false);
    }
    // A second start loads nothing and prints no password again.
    expect(await loadDemo(database, PUBLISHED_DEMO_PASSWORD, cipher, { year: false })).toEqual({ seeded: false, adminPasswords: {} });
  }, 60_000);

  it('finds nobody when the demo was loaded with another password', async () => {
    database = await openDatabase({ dataDir: null });
    await seedDemo(database.db, randomDemoPassword(), cipher);
    expect(await usersWithPublishedPassword(database.db)).toEqual([]);
  }, 60_000);
});
