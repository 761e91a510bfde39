import { Card, Col, Empty, Flex, Pagination, Row, Table, Typography, type TableProps } from 'antd';
import { useMemo } from 'react';
import { Link } from 'react-router';
import type { ResponseOf } from '../../../shared/contracts/http';
import type { publicProcurements } from '../../../shared/contracts/public-site';
import { PURCHASE_METHOD_LABELS, type PurchaseMethod } from '../../../shared/rules/purchase';
import { PageHeader } from '../../components/PageHeader';
import { LoadError } from '../../components/PageStates';
import { serverPagination } from '../../lib/paging';
import { useIsMobile } from '../../lib/useIsMobile';
import { toPage, useUrlState } from '../../lib/useUrlState';
import { m } from '../../i18n';
import { Yuan } from '../funding/money';
import { toYear, YearSelect } from '../procurements/purchaseFields';
import { useRegionRoot } from '../regions/regions.api';
import { usePublicProcurements, type PublicListQuery } from './public.api';

const t = m.purchase.public;
const p = m.purchase.procurements;
const c = m.purchase.common;
type Item = ResponseOf<typeof publicProcurements>['items'][number];
const KEYS = ['year', 'page', 'pageSize'] as const;

/** 采购信息公开 (R-PROC-PUBLIC): published projects, newest first, without a login. */
export default function PublicProcurementsPage() {
  const [url, setUrl] = useUrlState(KEYS);
  const isMobile = useIsMobile();
  const root = useRegionRoot().data;
  const page = toPage(url.page, 1);
  const pageSize = toPage(url.pageSize, 20);
  const year = toYear(url.year, undefined);
  const query: PublicListQuery = useMemo(() => ({ year, page, pageSize }), [year, page, pageSize]);
  const { data, isPending, isFetching, error, refetch } = usePublicProcurements(query);
  const items = data?.items ?? [];

  const columns: TableProps<Item>['columns'] = [
    { title: p.name, dataIndex: 'title', key: 'title', width: 260, render: (v: string, r) => <Link to={`/public/procurements/${r.id}`}>{v}</Link> },
    { title: c.county, dataIndex: 'countyShortName', key: 'county', width: 90 },
    { title: c.year, dataIndex: 'year', key: 'year', width: 70 },
    { title: p.method, dataIndex: 'method', key: 'method', width: 110, render: (v: PurchaseMethod) => PURCHASE_METHOD_LABELS[v] },
    { title: p.budget, dataIndex: 'budgetFen', key: 'budget', width: 150, align: 'right', render: (v: number) => <Yuan fen={v} /> },
    { title: t.publishedOn, dataIndex: 'publishedOn', key: 'publishedOn', width: 110 },
    { title: p.contractor, key: 'contractor', width: 220, render: (_: unknown, r) => r.contractor?.name ?? t.pending },
  ];

  return (
    <>
      <PageHeader title={t.procurements}>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t.procurementsIntro(root?.name ?? '')}
        </Typography.Paragraph>
      </PageHeader>
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
        <Col xs={12} md={4}>
          <YearSelect aria-label={c.year} placeholder={c.year} allowClear value={year} onChange={(v) => setUrl({ year: v, page: undefined })} />
        </Col>
      </Row>
      {error && !data ? (
        <LoadError error={error} onRetry={() => void refetch()} />
      ) : isMobile ? (
        <Flex vertical gap={12} data-testid="public-procurement-cards">
          {isPending ? <Card size="small" loading /> : null}
          {!isPending && items.length === 0 ? <Empty description={t.empty} /> : null}
          {items.map((r) => (
            <Card key={r.id} size="small">
              <Link to={`/public/procurements/${r.id}`} style={{ fontWeight: 600 }}>
                {r.title}
              </Link>
              <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
                {r.countyShortName} · {PURCHASE_METHOD_LABELS[r.method]} · {t.publishedOn} {r.publishedOn}
              </Typography.Text>
              <div style={{ marginTop: 4 }}>
                {p.contractor}：{r.contractor?.name ?? t.pending}
              </div>
            </Card>
          ))}
          <Pagination simple align="center" current={page} pageSize={pageSize} total={data?.total ?? 0} onChange={(n) => setUrl({ page: n })} />
        </Flex>
      ) : (
        <Table<Item>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={items}
          loading={isPending || isFetching}
          scroll={{ x: 1010 }}
          data-testid="public-procurements"
          locale={{ emptyText: <Empty description={t.empty} /> }}
          onChange={(pg) => setUrl({ page: pg.current, pageSize: pg.pageSize })}
          pagination={serverPagination(page, pageSize, data?.total)}
        />
      )}
    </>
  );
}
