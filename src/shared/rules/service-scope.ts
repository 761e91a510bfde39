import type { ServiceDomain } from './organizations';

export const SERVICE_ITEM_KINDS = ['service', 'affairs', 'excluded'] as const;
export type ServiceItemKind = (typeof SERVICE_ITEM_KINDS)[number];
export const SERVICE_ITEM_KIND_LABELS: Record<ServiceItemKind, string> = {
  service: '服务性工作',
  affairs: '事务性工作',
  excluded: '不得列入',
};

export const SCOPE_RULES = {
  'R-SCOPE-DOMAINS': {
    id: 'R-SCOPE-DOMAINS',
    clause: '二（一）1–5',
    title: '社工站服务分社会救助、养老服务、儿童福利、社会事务、其他五个领域',
  },
  'R-SCOPE-EXCLUDED': {
    id: 'R-SCOPE-EXCLUDED',
    clause: '二（一）',
    title: '应当由镇（街道）政府工作人员直接提供的保密事项、行政行为、管理及服务事项不得列入社工站服务内容',
  },
} as const;

export interface CatalogueItem {
  code: string;
  domain: ServiceDomain;
  name: string;
  excluded: boolean;
}

/**
 * R-SCOPE-EXCLUDED: the chosen items that may not be station work, and the codes that are not
 * in the catalogue at all. Plans, procurement, contracts and service records call this.
 */
export function serviceItemProblems(
  codes: readonly string[],
  catalogue: readonly CatalogueItem[],
): { excluded: CatalogueItem[]; unknown: string[] } {
  const byCode = new Map(catalogue.map((i) => [i.code, i]));
  const excluded: CatalogueItem[] = [];
  const unknown: string[] = [];
  for (const code of new Set(codes)) {
    const item = byCode.get(code);
    if (!item) unknown.push(code);
    else if (item.excluded) excluded.push(item);
  }
  return { excluded, unknown };
}
