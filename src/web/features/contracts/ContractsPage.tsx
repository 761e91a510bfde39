import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Col, Empty, Flex, Input, Pagination, Row, Select, Table, Typography, type TableProps } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { ContractSummary } from '../../../shared/contracts/service-contracts';
import { CONTRACT_STATUSES, CONTRACT_STATUS_LABELS, type ContractStatus } from '../../../shared/rules/purchase';
import { PageHeader } from '../../components/PageHeader';
import { LoadError } from '../../components/PageStates';
import { serverPagination } from '../../lib/paging';
import { PermissionGate, usePermission } from '../../lib/permissions';
import { useIsMobile } from '../../lib/useIsMobile';
import { toPage, useUrlState } from '../../lib/useUrlState';
import { m } from '../../i18n';
import { Yuan } from '../funding/money';
import { CountySelect } from '../regions/RegionSelects';
import { useProcurement } from '../procurements/procurements.api';
import { toYear, useCountyScope, YearSelect } from '../procurements/purchaseFields';
import { ContractDrawer } from './ContractDrawer';
import { ContractStatusTag, FindingTags } from './contractLabels';
import { useContracts, type ContractListQuery } from './contracts.api';

const t = m.purchase.contracts;
const c = m.purchase.common;
const KEYS = ['year', 'countyCode', 'status', 'q', 'problems', 'create', 'page', 'pageSize'] as const;
const isStatus = (v: string | undefined): v is ContractStatus => (CONTRACT_STATUSES as readonly string[]).includes(v ?? '');
const statusOptions = CONTRACT_STATUSES.map((s) => ({ value: s, label: CONTRACT_STATUS_LABELS[s] }));

const term = (r: ContractSummary) => (r.startsOn || r.endsOn ? `${r.startsOn ?? '?'} 至 ${r.endsOn ?? '?'}` : '—');

/** ?create=<procurement id> (from an awarded procurement): the drawer opens prefilled from it. */
function CreateFromProcurement({ id, onClose }: { id: string; onClose: () => void }) {
  const { data, error } = useProcurement(id);
  if (error) return <ContractDrawer contract={null} onClose={onClose} />;
  if (!data) return null;
  return <ContractDrawer contract={null} from={data} onClose={onClose} />;
}

export default function ContractsPage() {
  const [url, setUrl] = useUrlState(KEYS);
  const isMobile = useIsMobile();
  const { isCity } = useCountyScope();
  const canWrite = usePermission('contract:write');
  const [creating, setCreating] = useState(false);
  const [keyword, setKeyword] = useState(url.q ?? '');
  useEffect(() => setKeyword(url.q ?? ''), [url.q]);

  const page = toPage(url.page, 1);
  const pageSize = toPage(url.pageSize, 20);
  const year = toYear(url.year, undefined);
  const status = isStatus(url.status) ? url.status : undefined;
  const problems = url.problems === 'yes';
  const query: ContractListQuery = useMemo(
    () => ({
      year,
      countyCode: isCity ? url.countyCode : undefined,
      status,
      q: url.q,
      withFindings: problems ? 'true' : undefined,
      page,
      pageSize,
    }),
    [year, isCity, url.countyCode, status, url.q, problems, page, pageSize],
  );
  const { data, isPending, isFetching, error, refetch } = useContracts(query);

  const columns: TableProps<ContractSummary>['columns'] = [
    {
      title: t.name,
      dataIndex: 'title',
      key: 'title',
      width: 240,
      render: (v: string, r) => (
        <>
          <Link to={`/contracts/${r.id}`}>{v}</Link>
          {r.number ? <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{r.number}</Typography.Text> : null}
        </>
      ),
    },
    { title: c.county, dataIndex: 'countyShortName', key: 'county', width: 80 },
    { title: t.contractor, key: 'contractor', width: 220, render: (_: unknown, r) => r.contractor.name },
    { title: c.stations, key: 'stations', width: 70, align: 'right', render: (_: unknown, r) => r.stations.length },
    { title: t.term, key: 'term', width: 200, render: (_: unknown, r) => term(r) },
    { title: t.price, dataIndex: 'priceFen', key: 'price', width: 150, align: 'right', render: (v: number) => <Yuan fen={v} /> },
    { title: t.paid, dataIndex: 'paidFen', key: 'paid', width: 150, align: 'right', render: (v: number) => <Yuan fen={v} /> },
    { title: c.status, dataIndex: 'status', key: 'status', width: 90, render: (s: ContractStatus) => <ContractStatusTag status={s} /> },
    { title: c.findings, key: 'findings', width: 200, render: (_: unknown, r) => <FindingTags findings={r.findings} /> },
  ];

  const items = data?.items ?? [];
  const closeCreate = () => {
    setCreating(false);
    if (url.create) setUrl({ create: undefined });
  };
  return (
    <>
      <PageHeader
        title={t.title}
        extra={
          <PermissionGate permission="contract:write">
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
              {t.create}
            </Button>
          </PermissionGate>
        }
      />
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }} align="middle">
        <Col xs={24} md={7}>
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
          <Select<ContractStatus>
            aria-label={c.status}
            placeholder={c.status}
            allowClear
            style={{ width: '100%' }}
            options={statusOptions}
            value={status}
            onChange={(v) => setUrl({ status: v, page: undefined })}
          />
        </Col>
        <Col xs={12} md={5}>
          <Checkbox checked={problems} onChange={(e) => setUrl({ problems: e.target.checked ? 'yes' : undefined, page: undefined })}>
            {t.onlyProblems}
          </Checkbox>
        </Col>
      </Row>
      {error && !data ? (
        <LoadError error={error} onRetry={() => void refetch()} />
      ) : isMobile ? (
        <Flex vertical gap={12} data-testid="contract-cards">
          {isPending ? <Card size="small" loading /> : null}
          {!isPending && items.length === 0 ? <Empty description={t.empty} /> : null}
          {items.map((r) => (
            <Card key={r.id} size="small">
              <Flex justify="space-between" align="start" gap={8}>
                <Link to={`/contracts/${r.id}`} style={{ fontWeight: 600 }}>
                  {r.title}
                </Link>
                <ContractStatusTag status={r.status} />
              </Flex>
              <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
                {r.countyShortName} · {r.contractor.name}
              </Typography.Text>
              <div style={{ marginTop: 4 }}>
                {term(r)} · <Yuan fen={r.priceFen} />
              </div>
              {r.findings.length > 0 ? (
                <div style={{ marginTop: 4 }}>
                  <FindingTags findings={r.findings} />
                </div>
              ) : null}
            </Card>
          ))}
          <Pagination simple align="center" current={page} pageSize={pageSize} total={data?.total ?? 0} onChange={(p) => setUrl({ page: p })} />
          <Typography.Text type="secondary" style={{ textAlign: 'center' }}>
            {m.common.total(data?.total ?? 0)}
          </Typography.Text>
        </Flex>
      ) : (
        <Table<ContractSummary>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={items}
          loading={isPending || isFetching}
          scroll={{ x: 1400 }}
          locale={{ emptyText: <Empty description={t.empty} /> }}
          onChange={(p) => setUrl({ page: p.current, pageSize: p.pageSize })}
          pagination={serverPagination(page, pageSize, data?.total)}
        />
      )}
      {creating ? <ContractDrawer contract={null} onClose={closeCreate} /> : null}
      {!creating && canWrite && url.create ? <CreateFromProcurement id={url.create} onClose={closeCreate} /> : null}
    </>
  );
}
