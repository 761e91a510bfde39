import { inArray } from 'drizzle-orm';
import { serviceItemProblems, type CatalogueItem } from '../../../shared/rules/service-scope';
import { serviceItems } from '../../db/schema';
import type { Ctx } from '../../platform/context';
import { invalid, ruleViolation } from '../../platform/errors';

/**
 * R-SCOPE-EXCLUDED wherever a service item is chosen (procurement, case plans, service records):
 * every code is in the catalogue and none is one the city marked 不得列入. Returns the items.
 */
export async function allowedServiceItems(ctx: Ctx, codes: readonly string[], field: string): Promise<CatalogueItem[]> {
  const unique = [...new Set(codes)];
  if (unique.length === 0) return [];
  const found = await ctx.db
    .select({ code: serviceItems.code, name: serviceItems.name, domain: serviceItems.domain, excluded: serviceItems.excluded })
    .from(serviceItems)
    .where(inArray(serviceItems.code, unique));
  const { excluded, unknown } = serviceItemProblems(unique, found);
  if (unknown.length > 0) throw invalid([{ path: field, message: `服务项目不在目录中：${unknown.join('、')}` }]);
  if (excluded.length > 0)
    throw ruleViolation(
      'R-SCOPE-EXCLUDED',
      `${excluded.map((i) => `“${i.name}”`).join('、')}属于保密事项、行政行为或应由镇街工作人员直接提供的事项，不得列入社工站服务内容`,
    );
  return found;
}
