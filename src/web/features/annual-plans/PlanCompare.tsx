import { Card, Col, Empty, Flex, Row, Select, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { PlanVersion } from '../../../shared/contracts/annual-plans';
import { PLAN_CONTENT_LABELS, PURCHASE_METHOD_LABELS, type PlanContentKey } from '../../../shared/rules/purchase';
import { m } from '../../i18n';
import { yuan } from '../funding/money';

const t = m.purchase.plans;
type Content = PlanVersion['content'];
const FIELDS = Object.keys(PLAN_CONTENT_LABELS) as PlanContentKey[];

/** One field as text (money in 元, the method by name, stations by name). */
export function planFieldText(content: Content, key: PlanContentKey, stationName: (id: string) => string): string {
  switch (key) {
    case 'budgetFen':
      return content.budgetFen > 0 ? yuan(content.budgetFen) : '';
    case 'purchaseMethod':
      return content.purchaseMethod ? PURCHASE_METHOD_LABELS[content.purchaseMethod] : '';
    case 'stationIds':
      return content.stationIds.map(stationName).join('、');
    default:
      return content[key];
  }
}

function sameField(a: Content, b: Content, key: PlanContentKey): boolean {
  if (key === 'stationIds') {
    const x = [...a.stationIds].sort().join(',');
    const y = [...b.stationIds].sort().join(',');
    return x === y;
  }
  return a[key] === b[key];
}

function Side({ label, text, changed }: { label: string; text: string; changed: boolean }) {
  return (
    <div
      style={{
        padding: 8,
        borderRadius: 6,
        height: '100%',
        background: changed ? '#fff7e6' : 'rgba(0,0,0,0.02)',
        border: changed ? '1px solid #ffd591' : '1px solid transparent',
      }}
    >
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {label}
      </Typography.Text>
      <div style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{text || '—'}</div>
    </div>
  );
}

/**
 * Two submitted versions side by side, field by field; a changed field is highlighted and
 * tagged. On a phone the two sides stack under each field.
 */
export function PlanCompare({ versions, stationName }: { versions: PlanVersion[]; stationName: (id: string) => string }) {
  const numbers = versions.map((v) => v.number).sort((a, b) => a - b);
  // Until the user picks, the two latest versions (a new submission moves the default along).
  const [pickLeft, setLeft] = useState<number | undefined>();
  const [pickRight, setRight] = useState<number | undefined>();
  const left = pickLeft !== undefined && numbers.includes(pickLeft) ? pickLeft : numbers.at(-2);
  const right = pickRight !== undefined && numbers.includes(pickRight) ? pickRight : numbers.at(-1);
  const a = versions.find((v) => v.number === left);
  const b = versions.find((v) => v.number === right);
  const options = numbers.map((n) => ({ value: n, label: t.versionNo(n) }));
  const changed = useMemo(() => (a && b ? FIELDS.filter((k) => !sameField(a.content, b.content, k)) : []), [a, b]);

  if (versions.length < 2)
    return (
      <Card size="small" title={t.compare} data-testid="plan-compare">
        <Typography.Text type="secondary">{t.compareNeedTwo}</Typography.Text>
      </Card>
    );

  return (
    <Card size="small" title={t.compare} data-testid="plan-compare">
      <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
        <Select<number> aria-label={t.compareLeft} style={{ width: 120 }} options={options} value={left} onChange={setLeft} />
        <span>↔</span>
        <Select<number> aria-label={t.compareRight} style={{ width: 120 }} options={options} value={right} onChange={setRight} />
        {a && b ? (
          <Typography.Text type={changed.length ? 'warning' : 'secondary'} data-testid="plan-compare-summary">
            {changed.length ? t.changedCount(changed.length) : t.noChange}
          </Typography.Text>
        ) : null}
      </Flex>
      {a && b ? (
        <Flex vertical gap={12}>
          {FIELDS.map((key) => {
            const isChanged = changed.includes(key);
            return (
              <div key={key} data-testid={`compare-${key}`} data-changed={isChanged ? 'yes' : 'no'}>
                <Flex gap={8} align="center" style={{ marginBottom: 4 }}>
                  <Typography.Text strong>{PLAN_CONTENT_LABELS[key]}</Typography.Text>
                  {isChanged ? <Tag color="orange">{t.changed}</Tag> : null}
                </Flex>
                <Row gutter={[8, 8]}>
                  <Col xs={24} md={12}>
                    <Side label={t.versionNo(a.number)} text={planFieldText(a.content, key, stationName)} changed={isChanged} />
                  </Col>
                  <Col xs={24} md={12}>
                    <Side label={t.versionNo(b.number)} text={planFieldText(b.content, key, stationName)} changed={isChanged} />
                  </Col>
                </Row>
              </div>
            );
          })}
        </Flex>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      )}
    </Card>
  );
}
