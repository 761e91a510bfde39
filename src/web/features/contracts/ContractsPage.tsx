import { Typography, type TableProps } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { ContractListItem } from '../../../shared/contracts/service-contracts';
import { CONTRACT_STATUSES, CONTRACT_STATUS_LABELS, type ContractStatus } from '../../../shared/rules/purchase';
import { ListCard, ListPage, oneOf, useListState } from '../../components/ListPage';
import { CreateButton } from '../../components/CreateButton';
import { usePermission } from '../../lib/permissions';
import { m } from '../../i18n';
import { Yuan } from '../funding/money';
import { countyFilter } from '../regions/RegionSelects';
import { useProcurement } from '../procurements/procurements.api';
import { toYear, useCountyScope, yearFilter } from '../procurements/purchaseFields';
import { ContractDrawer } from './ContractDrawer';
import { ContractStatusTag, FindingTags } from './contractLabels';
import { useContracts, type ContractListQuery } from './contracts.api';

const t = m.purchase.contracts;
const c = m.purchase.common;
const KEYS = ['year', 'countyCode', 'status', 'q', 'problems', 'create'] as const;
const statusOptions = CONTRACT_STATUSES.map((s) => ({ value: s, label: CONTRACT_STATUS_LABELS[s] }));

const term = (r: ContractListItem) => (r.startsOn || r.endsOn ? `${r.startsOn ?? '?'} 至 ${r.endsOn ?? '?'}` : '—');

/** ?create=<procurement id> (from an awarded procurement): the drawer opens prefilled from it. */
function CreateFromProcurement({ id, onClose }: { id: string; onClose: () => void }) {
  const { data, error } = useProcurement(id);
  if (error) return <ContractDrawer contract={null} onClose={onClose} />;
  if (!data) return null;
  return <ContractDrawer contract={null} from={data} onClose={onClose} />;
}

export default function ContractsPage() {
  const list = useListState(KEYS);
  const { url, page, pageSize } = list;
  const { isCity } = useCountyScope();
  const canWrite = usePermission('contract:write');
  const [creating, setCreating] = useState(false);

  const year = toYear(url.year, undefined);
  const status = oneOf(CONTRACT_STATUSES, url.status);
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
  const result = useContracts(query);

  // The name stays on the left and 状态/问题 on the right while the middle scrolls (1440 px shows them all).
  const columns: TableProps<ContractListItem>['columns'] = [
    {
      title: t.name,
      dataIndex: 'title',
      key: 'title',
      width: 220,
      fixed: 'start',
      render: (v: string, r) => (
        <>
          <Link to={`/contracts/${r.id}`}>{v}</Link>
          {r.number ? <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{r.number}</Typography.Text> : null}
        </>
      ),
    },
    { title: c.county, dataIndex: 'countyShortName', key: 'county', width: 80 },
    { title: t.contractor, key: 'contractor', width: 200, render: (_: unknown, r) => r.contractor.name },
    { title: c.stations, key: 'stations', width: 70, align: 'right', render: (_: unknown, r) => r.stationCount },
    { title: t.term, key: 'term', width: 190, render: (_: unknown, r) => term(r) },
    { title: t.price, dataIndex: 'priceFen', key: 'price', width: 140, align: 'right', render: (v: number) => <Yuan fen={v} /> },
    { title: t.paid, dataIndex: 'paidFen', key: 'paid', width: 140, align: 'right', render: (v: number) => <Yuan fen={v} /> },
    { title: c.status, dataIndex: 'status', key: 'status', width: 90, fixed: 'end', render: (s: ContractStatus) => <ContractStatusTag status={s} /> },
    { title: c.findings, key: 'findings', width: 220, fixed: 'end', render: (_: unknown, r) => <FindingTags findings={r.findings} /> },
  ];

  const closeCreate = () => {
    setCreating(false);
    if (url.create) list.setUrl({ create: undefined });
  };
  return (
    <>
      <ListPage<ContractListItem>
        title={t.title}
        extra={
          <CreateButton permission="contract:write" label={t.create} onClick={() => setCreating(true)} />
        }
        list={list}
        filters={[
          { type: 'search', key: 'q', label: t.keyword, span: { xs: 24, md: 7 } },
          yearFilter(c.year),
          isCity && countyFilter(c.county),
          { type: 'select', key: 'status', label: c.status, options: statusOptions },
          { type: 'check', key: 'problems', label: t.onlyProblems, on: 'yes', span: { xs: 12, md: 5 } },
        ]}
        result={result}
        columns={columns}
        scrollX={1350}
        empty={t.empty}
        cardsTestId="contract-cards"
        card={(r) => (
          <ListCard title={<Link to={`/contracts/${r.id}`}>{r.title}</Link>} tag={<ContractStatusTag status={r.status} />} meta={`${r.countyShortName} · ${r.contractor.name}`}>
            {term(r)} · <Yuan fen={r.priceFen} />
            {r.findings.length > 0 ? (
              <div style={{ marginTop: 4 }}>
                <FindingTags findings={r.findings} />
              </div>
            ) : null}
          </ListCard>
        )}
      />
      {creating ? <ContractDrawer contract={null} onClose={closeCreate} /> : null}
      {!creating && canWrite && url.create ? <CreateFromProcurement id={url.create} onClose={closeCreate} /> : null}
    </>
  );
}
