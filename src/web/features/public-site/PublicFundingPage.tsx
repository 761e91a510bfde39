import { Card, Col, Empty, Flex, Row, Table, Typography, type TableProps } from 'antd';
import { lazy, Suspense, useMemo } from 'react';
import type { ResponseOf } from '../../../shared/contracts/http';
import type { publicFunding } from '../../../shared/contracts/public-site';
import { FUND_SOURCES, FUND_SOURCE_LABELS, SPENDING_CATEGORIES, SPENDING_CATEGORY_LABELS } from '../../../shared/rules/purchase';
import { PageHeader } from '../../components/PageHeader';
import { LoadError, PageLoading } from '../../components/PageStates';
import { toPage, useUrlState } from '../../lib/useUrlState';
import { m } from '../../i18n';
import { Figure, rateText, Yuan, yuan } from '../funding/money';
import { thisYear, toYear, YearSelect } from '../procurements/purchaseFields';
import { usePublicFunding, type PublicFundingQuery } from './public.api';

const ExecutionChart = lazy(() => import('../funding/ExecutionChart'));

const t = m.purchase.public;
const f = m.purchase.funding;
const c = m.purchase.common;
type County = ResponseOf<typeof publicFunding>['counties'][number];
const KEYS = ['year', 'page', 'pageSize'] as const;

function Breakdown({ title, rows }: { title: string; rows: { label: string; fen: number }[] }) {
  return (
    <Card size="small" title={title} style={{ height: '100%' }}>
      <Flex vertical gap={4}>
        {rows.map((r) => (
          <Flex key={r.label} justify="space-between" gap={8} wrap>
            <span>{r.label}</span>
            <Yuan fen={r.fen} />
          </Flex>
        ))}
      </Flex>
    </Card>
  );
}

/**
 * 资金去向 (R-FUND-USE): the year's budget by source, spending by use, and the county units a
 * page at a time (a province holds over a hundred); the page lives in the URL.
 */
export default function PublicFundingPage() {
  const [url, setUrl] = useUrlState(KEYS);
  const year = toYear(url.year, thisYear()) ?? thisYear();
  const page = toPage(url.page, 1);
  const pageSize = Math.min(toPage(url.pageSize, 20), 100);
  const query: PublicFundingQuery = useMemo(() => ({ year, page, pageSize }), [year, page, pageSize]);
  const { data, isPending, isFetching, error, refetch } = usePublicFunding(query);

  const columns: TableProps<County>['columns'] = [
    { title: c.county, dataIndex: 'countyShortName', key: 'county', width: 90 },
    { title: c.stations, dataIndex: 'stations', key: 'stations', width: 70, align: 'right' },
    { title: t.budget, dataIndex: 'budgetFen', key: 'budget', width: 150, align: 'right', render: (v: number) => <Yuan fen={v} /> },
    { title: t.paid, dataIndex: 'paidFen', key: 'paid', width: 150, align: 'right', render: (v: number) => <Yuan fen={v} /> },
    { title: t.spent, dataIndex: 'spentFen', key: 'spent', width: 150, align: 'right', render: (v: number) => <Yuan fen={v} /> },
    { title: t.rate, dataIndex: 'executionRate', key: 'rate', width: 80, align: 'right', render: (v: number | null) => rateText(v) },
  ];

  return (
    <>
      <PageHeader title={t.funding}>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t.fundingIntro}
        </Typography.Paragraph>
      </PageHeader>
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
        <Col xs={12} md={4}>
          <YearSelect aria-label={c.year} value={year} onChange={(v) => setUrl({ year: v, page: undefined })} />
        </Col>
      </Row>
      {error && !data ? (
        <LoadError error={error} onRetry={() => void refetch()} />
      ) : isPending || !data ? (
        <PageLoading />
      ) : (
        <Flex vertical gap={16}>
          <Card size="small" data-testid="public-funding-total">
            <Row gutter={[12, 12]}>
              <Col xs={12} md={6}>
                <Figure title={t.budget} value={yuan(data.total.budgetFen)} />
              </Col>
              <Col xs={12} md={6}>
                <Figure title={t.paid} value={yuan(data.total.paidFen)} />
              </Col>
              <Col xs={12} md={6}>
                <Figure title={t.spent} value={yuan(data.total.spentFen)} />
              </Col>
              <Col xs={12} md={6}>
                <Figure title={t.rate} value={rateText(data.total.executionRate)} />
              </Col>
            </Row>
          </Card>
          <Row gutter={[12, 12]}>
            <Col xs={24} md={12}>
              <Breakdown title={t.bySource} rows={FUND_SOURCES.map((k) => ({ label: FUND_SOURCE_LABELS[k], fen: data.total.bySource[k] }))} />
            </Col>
            <Col xs={24} md={12}>
              <Breakdown
                title={t.byCategory}
                rows={SPENDING_CATEGORIES.map((k) => ({ label: SPENDING_CATEGORY_LABELS[k], fen: data.total.byCategory[k] }))}
              />
            </Col>
          </Row>
          {data.counties.length > 0 ? (
            <Card size="small" title={t.chartThisPage}>
              <Suspense fallback={<PageLoading />}>
                <ExecutionChart rows={data.counties.map((co) => ({ county: co.countyShortName, rate: co.executionRate }))} />
              </Suspense>
            </Card>
          ) : null}
          <Card size="small" title={t.countyTable}>
            <Table<County>
              rowKey="countyCode"
              size="small"
              columns={columns}
              dataSource={data.counties}
              loading={isFetching}
              pagination={{
                current: data.page,
                pageSize: data.pageSize,
                total: data.countiesTotal,
                showSizeChanger: true,
                pageSizeOptions: [10, 20, 50, 100],
                showTotal: f.countiesTotal,
              }}
              onChange={(p) => setUrl({ page: p.current, pageSize: p.pageSize })}
              scroll={{ x: 700 }}
              data-testid="public-funding-counties"
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
            />
          </Card>
        </Flex>
      )}
    </>
  );
}
