import { PlusOutlined } from '@ant-design/icons';
import { Card, Col, Empty, Flex, Input, Pagination, Row, Select, Table, Typography, type TableProps } from 'antd';
import { Button } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { Procurement } from '../../../shared/contracts/procurements';
import {
  PROCUREMENT_STATUSES,
  PROCUREMENT_STATUS_LABELS,
  PURCHASE_METHOD_LABELS,
  type ProcurementStatus,
  type PurchaseMethod,
} from '../../../shared/rules/purchase';
import { PageHeader } from '../../components/PageHeader';
import { LoadError } from '../../components/PageStates';
import { serverPagination } from '../../lib/paging';
import { PermissionGate } from '../../lib/permissions';
import { useIsMobile } from '../../lib/useIsMobile';
import { toPage, useUrlState } from '../../lib/useUrlState';
import { m } from '../../i18n';
import { Yuan } from '../funding/money';
import { CountySelect } from '../regions/RegionSelects';
import { ProcurementDrawer } from './ProcurementDrawer';
import { ProcurementStatusTag } from './procurementLabels';
import { useProcurements, type ProcurementListQuery } from './procurements.api';
import { toYear, useCountyScope, YearSelect } from './purchaseFields';

const t = m.purchase.procurements;
const c = m.purchase.common;
const KEYS = ['year', 'countyCode', 'status', 'q', 'page', 'pageSize'] as const;
const isStatus = (v: string | undefined): v is ProcurementStatus => (PROCUREMENT_STATUSES as readonly string[]).includes(v ?? '');
const statusOptions = PROCUREMENT_STATUSES.map((s) => ({ value: s, label: PROCUREMENT_STATUS_LABELS[s] }));

export default function ProcurementsPage() {
  const [url, setUrl] = useUrlState(KEYS);
  const isMobile = useIsMobile();
  const { isCity } = useCountyScope();
  const [creating, setCreating] = useState(false);
  const [keyword, setKeyword] = useState(url.q ?? '');
  useEffect(() => setKeyword(url.q ?? ''), [url.q]);

  const page = toPage(url.page, 1);
  const pageSize = toPage(url.pageSize, 20);
  const year = toYear(url.year, undefined);
  const status = isStatus(url.status) ? url.status : undefined;
  const query: ProcurementListQuery = useMemo(
    () => ({ year, countyCode: isCity ? url.countyCode : undefined, status, q: url.q, page, pageSize }),
    [year, isCity, url.countyCode, status, url.q, page, pageSize],
  );
  const { data, isPending, isFetching, error, refetch } = useProcurements(query);

  const columns: TableProps<Procurement>['columns'] = [
    {
      title: t.name,
      dataIndex: 'title',
      key: 'title',
      width: 260,
      render: (v: string, r) => <Link to={`/procurements/${r.id}`}>{v}</Link>,
    },
    { title: c.county, dataIndex: 'countyShortName', key: 'county', width: 90 },
    { title: c.year, dataIndex: 'year', key: 'year', width: 70 },
    { title: t.method, dataIndex: 'method', key: 'method', width: 110, render: (v: PurchaseMethod) => PURCHASE_METHOD_LABELS[v] },
    { title: t.budget, dataIndex: 'budgetFen', key: 'budget', width: 150, align: 'right', render: (v: number) => <Yuan fen={v} /> },
    { title: c.stations, key: 'stations', width: 70, align: 'right', render: (_: unknown, r) => r.stations.length },
    { title: c.status, dataIndex: 'status', key: 'status', width: 130, render: (s: ProcurementStatus) => <ProcurementStatusTag status={s} /> },
    { title: t.contractor, key: 'contractor', width: 220, render: (_: unknown, r) => r.contractor?.name ?? '—' },
  ];

  const items = data?.items ?? [];
  return (
    <>
      <PageHeader
        title={t.title}
        extra={
          <PermissionGate permission="procurement:write">
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
              {t.create}
            </Button>
          </PermissionGate>
        }
      />
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
        <Col xs={24} md={8}>
          <Input.Search
            aria-label={t.keyword}
            placeholder={t.keyword}
            allowClear
            enterButton={m.common.search}
            value={keyword}
            onChange={(e) => setKeyword(e.target.value)}
            onSearch={(v) => setUrl({ q: v.trim(), page: undefined })}
          />
        </Col>
        <Col xs={12} md={4}>
          <YearSelect aria-label={c.year} placeholder={c.year} allowClear value={year} onChange={(v) => setUrl({ year: v, page: undefined })} />
        </Col>
        {isCity ? (
          <Col xs={12} md={4}>
            <CountySelect
              aria-label={c.county}
              placeholder={c.county}
              allowClear
              style={{ width: '100%' }}
              value={url.countyCode}
              onChange={(v) => setUrl({ countyCode: v, page: undefined })}
            />
          </Col>
        ) : null}
        <Col xs={12} md={4}>
          <Select<ProcurementStatus>
            aria-label={c.status}
            placeholder={c.status}
            allowClear
            style={{ width: '100%' }}
            options={statusOptions}
            value={status}
            onChange={(v) => setUrl({ status: v, page: undefined })}
          />
        </Col>
      </Row>
      {error && !data ? (
        <LoadError error={error} onRetry={() => void refetch()} />
      ) : isMobile ? (
        <Flex vertical gap={12} data-testid="procurement-cards">
          {isPending ? <Card size="small" loading /> : null}
          {!isPending && items.length === 0 ? <Empty description={t.empty} /> : null}
          {items.map((p) => (
            <Card key={p.id} size="small">
              <Flex justify="space-between" align="start" gap={8}>
                <Link to={`/procurements/${p.id}`} style={{ fontWeight: 600 }}>
                  {p.title}
                </Link>
                <ProcurementStatusTag status={p.status} />
              </Flex>
              <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
                {p.countyShortName} · {p.year} · {PURCHASE_METHOD_LABELS[p.method]} · <Yuan fen={p.budgetFen} />
              </Typography.Text>
              {p.contractor ? <div style={{ marginTop: 4 }}>{p.contractor.name}</div> : null}
            </Card>
          ))}
          <Pagination simple align="center" current={page} pageSize={pageSize} total={data?.total ?? 0} onChange={(p) => setUrl({ page: p })} />
          <Typography.Text type="secondary" style={{ textAlign: 'center' }}>
            {m.common.total(data?.total ?? 0)}
          </Typography.Text>
        </Flex>
      ) : (
        <Table<Procurement>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={items}
          loading={isPending || isFetching}
          scroll={{ x: 1100 }}
          locale={{ emptyText: <Empty description={t.empty} /> }}
          onChange={(p) => setUrl({ page: p.current, pageSize: p.pageSize })}
          pagination={serverPagination(page, pageSize, data?.total)}
        />
      )}
      {creating ? <ProcurementDrawer procurement={null} onClose={() => setCreating(false)} /> : null}
    </>
  );
}
