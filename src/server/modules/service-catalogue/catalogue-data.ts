import fs from 'node:fs';
import path from 'node:path';
import { SERVICE_DOMAINS, type ServiceDomain } from '../../../shared/rules/organizations';
import { SERVICE_ITEM_KINDS, type ServiceItemKind } from '../../../shared/rules/service-scope';
import type { Db } from '../../db/client';
import { serviceItems } from '../../db/schema';
import { DATA_DIR } from '../regions/reference-data';

const HEADER = 'code,domain,name,kind,excluded,clause,note';

export function readCatalogue(file = path.join(DATA_DIR, 'service-catalogue.csv')): (typeof serviceItems.$inferInsert)[] {
  const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.shift() !== HEADER) throw new Error(`${file}: unexpected header`);
  return lines.map((line, i) => {
    const [code, domain, name, kind, excluded, clause, ...note] = line.split(',');
    if (!code || !name || !SERVICE_DOMAINS.includes(domain as ServiceDomain) || !SERVICE_ITEM_KINDS.includes(kind as ServiceItemKind))
      throw new Error(`${file}:${i + 2}: malformed row`);
    return {
      code, name, domain: domain as ServiceDomain, kind: kind as ServiceItemKind, excluded: excluded === 'true',
      clause: clause ?? '', note: note.join(','), sort: i,
    };
  });
}

/** Adds catalogue items that are new; items already present keep the city's marks. */
export async function loadCatalogue(db: Db): Promise<void> {
  await db.insert(serviceItems).values(readCatalogue()).onConflictDoNothing();
}
