import { z } from 'zod';

/** Money on the wire is integer fen: no float ever touches an amount. */
export const fenAmount = (label: string) =>
  z
    .number({ error: `请填写${label}` })
    .int({ error: `${label}须精确到分` })
    .min(0, { error: `${label}不能为负数` })
    .max(100_000_000_000, { error: `${label}超出范围` });

export const yearSchema = z.coerce.number().int().min(2021, { error: '年度不早于2021年' }).max(2100);

export const countyCodeSchema = z.string().regex(/^\d{6}$/, { error: '区市代码为6位数字' });

export const workflowEventSchema = z.object({ at: z.string(), by: z.string(), event: z.string(), comment: z.string() });
