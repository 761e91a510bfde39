import { Card, Col, Empty, Flex, Progress, Row, Table, Typography } from 'antd';
import { lazy, Suspense, useMemo } from 'react';
import { LoadError, PageLoading } from '../../components/PageStates';
import { RuleTag } from '../../components/RuleTag';
import { m } from '../../i18n';
import type { CoverageBar } from './CoverageChart';
import { useCoverage } from './dashboard.api';

// ECharts is the heaviest dependency: it loads only when the chart is shown.
const CoverageChart = lazy(() => import('./CoverageChart'));

function percent(part: number, whole: number): number {
  return whole > 0 ? Math.round((part / whole) * 1000) / 10 : 0;
}

/** The coverage of towns by operating stations (R-STATION-ONE), per county unit: one card of a home page. */
export function CoverageCard() {
  const { data, isPending, error, refetch } = useCoverage();
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
    <Card title={m.dashboard.coverageTitle} data-testid="coverage-card">
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        <RuleTag rule={rule} />
        {rule.title}
      </Typography.Paragraph>
      {empty ? (
        <Empty description={m.dashboard.empty} />
      ) : (
        <Row gutter={[24, 24]}>
          <Col xs={24} lg={7}>
            <Flex vertical align="center" gap={12}>
              <Progress
                type="dashboard"
                percent={rate}
                format={(p) => `${p ?? 0}%`}
                size={180}
                strokeColor="#1f6fb2"
                aria-label={`${m.dashboard.coverageLabel} ${rate}%`}
                data-testid="coverage-rate"
              />
              <Typography.Text type="secondary">{m.dashboard.coverageLabel}</Typography.Text>
              <Typography.Text>{m.dashboard.coverageOf(total.operating, total.towns)}</Typography.Text>
              <Typography.Text type="secondary">{m.dashboard.stationsTotal(total.stations)}</Typography.Text>
            </Flex>
          </Col>
          <Col xs={24} lg={17}>
            <Typography.Text strong>{m.dashboard.chartTitle}</Typography.Text>
            <Suspense fallback={<PageLoading />}>
              <CoverageChart rows={bars} />
            </Suspense>
          </Col>
          <Col span={24}>
            <Table
              size="small"
              rowKey="countyCode"
              pagination={false}
              dataSource={data.rows}
              title={() => m.dashboard.table}
              columns={[
                { title: m.dashboard.county, dataIndex: 'countyShortName', key: 'county' },
                { title: m.dashboard.towns, dataIndex: 'towns', key: 'towns', align: 'right' },
                { title: m.dashboard.operating, dataIndex: 'operating', key: 'operating', align: 'right' },
                {
                  title: m.dashboard.rate,
                  key: 'rate',
                  align: 'right',
                  render: (_, r) => `${percent(r.operating, r.towns)}%`,
                },
              ]}
            />
          </Col>
        </Row>
      )}
    </Card>
  );
}
