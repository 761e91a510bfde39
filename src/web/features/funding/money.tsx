import { Input, Statistic, Typography, type InputProps } from 'antd';
import type { Rule } from 'antd/es/form';
import { formatYuan, yuanToFen } from '../../../shared/rules/purchase';
import { useIsMobile } from '../../lib/useIsMobile';
import { m } from '../../i18n';

const t = m.purchase.common;

/**
 * Money is typed and shown in 元 with two decimals and sent as integer fen: the form keeps the
 * typed text, `fenOf` turns it into fen exactly (string arithmetic, never a float).
 */
export function YuanInput(props: InputProps) {
  return <Input inputMode="decimal" autoComplete="off" suffix={t.yuan} {...props} />;
}

/** Fen as the text an input starts with: 15000000 → "150000.00" (no separators). */
export function fenToInput(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '';
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}

/** The typed text as fen; empty text is 0. Call after the form rules have passed. */
export function fenOf(text: string | null | undefined): number {
  if (!text || !text.trim()) return 0;
  return yuanToFen(text) ?? 0;
}

/** Form rules: a valid yuan amount (not negative), optionally required and above zero. */
export function yuanRules(label: string, opts: { required?: boolean; positive?: boolean } = {}): Rule[] {
  return [
    ...(opts.required ? [{ required: true, whitespace: true, message: t.required(label) }] : []),
    {
      validator: async (_: unknown, value: string | undefined) => {
        if (!value || !value.trim()) return;
        const fen = yuanToFen(value);
        if (fen === null || fen < 0) throw new Error(t.moneyInvalid);
        if (opts.positive && fen === 0) throw new Error(t.moneyPositive);
      },
    },
  ];
}

/** "150,000.00 元" */
export function yuan(fen: number | null | undefined): string {
  return fen === null || fen === undefined ? '—' : t.yuanText(formatYuan(fen));
}

/** An amount right-aligned in tabular digits. */
export function Yuan({ fen, strong }: { fen: number | null | undefined; strong?: boolean }) {
  return (
    <Typography.Text strong={strong} style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
      {yuan(fen)}
    </Typography.Text>
  );
}

/** An execution rate: "63.5%", or 无预算. */
export function rateText(rate: number | null): string {
  return rate === null ? m.purchase.funding.rateNone : `${rate.toFixed(1)}%`;
}

/** A headline figure (money or a rate) that still fits half a 375 px phone. */
export function Figure({ title, value, danger, testId }: { title: string; value: string; danger?: boolean; testId?: string }) {
  const isMobile = useIsMobile();
  return (
    <Statistic
      title={title}
      value={value}
      data-testid={testId}
      styles={{ content: { fontSize: isMobile ? 16 : 20, wordBreak: 'break-all', color: danger ? '#cf1322' : undefined } }}
    />
  );
}
