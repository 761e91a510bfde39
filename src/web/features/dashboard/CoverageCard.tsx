import { Button, Card, Col, Empty, Flex, Row, Tag, Typography } from 'antd';
import { lazy, Suspense, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { LoadError, PageLoading } from '../../components/PageStates';
import { RuleTag } from '../../components/RuleTag';
import { m } from '../../i18n';
import type { CoverageBar } from './CoverageChart';
import { useCoverage } from './dashboard.api';

// The card is on the city's and district's first page, held to the 350 KB JS budget
// (scripts/bench-web-budget.ts): what it shows at first paint is plain markup. ECharts (~180 KB
// gzip) loads only when the chart is asked for; antd's Table and Progress (~80 KB with Select,
// Pagination and their parts) are not used here.
const CoverageChart = lazy(() => import('./CoverageChart'));

const t = m.dashboard;
const BLUE = '#1f6fb2';
const PALE = '#e6eef6';

function percent(part: number, whole: number): number {
  return whole > 0 ? Math.round((part / whole) * 1000) / 10 : 0;
}

/** The overall rate as a ring: three quarters of a circle, filled to the rate. */
function Gauge({ rate }: { rate: number }) {
  const r = 70;
  const arc = 2 * Math.PI * r * 0.75;
  const filled = (arc * Math.min(100, Math.max(0, rate))) / 100;
  return (
    <svg width={180} height={180} viewBox="0 0 180 180" role="img" aria-label={`${t.coverageLabel} ${rate}%`} data-testid="coverage-rate">
      <g transform="rotate(135 90 90)" fill="none" strokeWidth={12} strokeLinecap="round">
        <circle cx={90} cy={90} r={r} stroke={PALE} strokeDasharray={`${arc} 1000`} />
        {filled > 0 ? <circle cx={90} cy={90} r={r} stroke={BLUE} strokeDasharray={`${filled} 1000`} /> : null}
      </g>
      <text x={90} y={98} textAnchor="middle" fontSize={28} fill="rgba(0,0,0,0.88)">
        {rate}%
      </text>
    </svg>
  );
}

const cell = { padding: '8px', borderBottom: '1px solid #f0f0f0' } as const;
const num = { ...cell, textAlign: 'right', whiteSpace: 'nowrap' } as const;

/** The coverage of towns by operating stations (R-STATION-ONE), per county unit a page at a time: one card of a home page. */
export function CoverageCard() {
  const [page, setPage] = useState(1);
  const { data, isPending, error, refetch } = useCoverage(page);
  const [chart, setChart] = useState(false);
  const bars: CoverageBar[] = useMemo(
    () => (data?.rows ?? []).map((r) => ({ county: r.countyShortName, operating: r.operating, towns: r.towns })),
    [data],
  );

  if (isPending) return <PageLoading />;
  if (!data) return <LoadError error={error} onRetry={() => void refetch()} />;

  const { total, rule } = data;
  const rate = percent(total.operating, total.towns);
  const empty = data.rows.length === 0 || total.towns === 0;

  return (
    <Card title={t.coverageTitle} data-testid="coverage-card" extra={<Link to="/dashboards" data-testid="coverage-dashboards">{t.openDashboards}</Link>}>
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        <RuleTag rule={rule} />
        {rule.title}
      </Typography.Paragraph>
      {empty ? (
        <Empty description={t.empty} />
      ) : (
        <Row gutter={[24, 24]}>
          <Col xs={24} lg={7}>
            <Flex vertical align="center" gap={12}>
              <Gauge rate={rate} />
              <Typography.Text type="secondary">{t.coverageLabel}</Typography.Text>
              <Typography.Text>{t.coverageOf(total.operating, total.towns)}</Typography.Text>
              <Typography.Text type="secondary">{t.stationsTotal(total.stations)}</Typography.Text>
            </Flex>
          </Col>
          <Col xs={24} lg={17}>
            <table style={{ width: '100%', borderCollapse: 'collapse' }} data-testid="coverage-table">
              <caption style={{ captionSide: 'top', textAlign: 'start', fontWeight: 600, paddingBottom: 8 }}>{t.table}</caption>
              <thead>
                <tr style={{ background: '#fafafa' }}>
                  <th scope="col" style={{ ...cell, textAlign: 'start', fontWeight: 600 }}>{t.county}</th>
                  <th scope="col" style={{ ...num, fontWeight: 600 }}>{t.towns}</th>
                  <th scope="col" style={{ ...num, fontWeight: 600 }}>{t.operating}</th>
                  <th scope="col" style={{ ...num, fontWeight: 600 }}>{t.rate}</th>
                </tr>
              </thead>
              <tbody>
                {data.rows.map((r) => {
                  const p = percent(r.operating, r.towns);
                  return (
                    <tr key={r.countyCode} data-testid="coverage-county">
                      <th scope="row" style={{ ...cell, textAlign: 'start', fontWeight: 400, whiteSpace: 'nowrap' }}>{r.countyShortName}</th>
                      <td style={num}>{r.towns}</td>
                      <td style={num}>{r.operating}</td>
                      <td style={{ ...num, width: '40%' }}>
                        <Flex align="center" gap={8} justify="flex-end">
                          {/* The figure beside it says it: the bar is for the eye only. */}
                          <span
                            aria-hidden
                            style={{ flex: 1, maxWidth: 160, height: 8, borderRadius: 4, background: PALE, overflow: 'hidden' }}
                          >
                            <span style={{ display: 'block', width: `${Math.min(100, p)}%`, height: '100%', background: BLUE }} />
                          </span>
                          <span style={{ minWidth: 48 }}>{p}%</span>
                        </Flex>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            {data.counties > data.pageSize ? (
              <Flex align="center" justify="flex-end" gap={8} style={{ marginTop: 8 }} data-testid="coverage-pages">
                <Typography.Text type="secondary">{t.countiesPage(data.page, Math.ceil(data.counties / data.pageSize), data.counties)}</Typography.Text>
                <Button size="small" disabled={page <= 1} onClick={() => setPage((p) => p - 1)}>{t.previousPage}</Button>
                <Button size="small" disabled={page * data.pageSize >= data.counties} onClick={() => setPage((p) => p + 1)}>{t.nextPage}</Button>
              </Flex>
            ) : null}
          </Col>
          <Col span={24}>
            <Button onClick={() => setChart((c) => !c)} aria-expanded={chart} data-testid="coverage-chart-toggle">
              {chart ? t.hideChart : t.showChart}
            </Button>
            {chart ? (
              <div style={{ marginTop: 12 }}>
                <Typography.Text strong>{t.chartTitle}</Typography.Text>
                <Suspense fallback={<PageLoading />}>
                  <CoverageChart rows={bars} />
                </Suspense>
              </div>
            ) : null}
          </Col>
        </Row>
      )}
    </Card>
  );
}
