import type { TableProps } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { ProcurementLine } from '../../../shared/contracts/procurements';
import {
  PROCUREMENT_STATUSES,
  PROCUREMENT_STATUS_LABELS,
  PURCHASE_METHOD_LABELS,
  type ProcurementStatus,
  type PurchaseMethod,
} from '../../../shared/rules/purchase';
import { ListCard, ListPage, oneOf, useListState } from '../../components/ListPage';
import { CreateButton } from '../../components/CreateButton';
import { m } from '../../i18n';
import { Yuan } from '../funding/money';
import { countyFilter } from '../regions/RegionSelects';
import { ProcurementDrawer } from './ProcurementDrawer';
import { ProcurementStatusTag } from './procurementLabels';
import { useProcurements, type ProcurementListQuery } from './procurements.api';
import { toYear, useCountyScope, yearFilter } from './purchaseFields';

const t = m.purchase.procurements;
const c = m.purchase.common;
const KEYS = ['year', 'countyCode', 'status', 'q'] as const;
const statusOptions = PROCUREMENT_STATUSES.map((s) => ({ value: s, label: PROCUREMENT_STATUS_LABELS[s] }));

export default function ProcurementsPage() {
  const list = useListState(KEYS);
  const { url, page, pageSize } = list;
  const { isCity } = useCountyScope();
  const [creating, setCreating] = useState(false);

  const year = toYear(url.year, undefined);
  const status = oneOf(PROCUREMENT_STATUSES, url.status);
  const query: ProcurementListQuery = useMemo(
    () => ({ year, countyCode: isCity ? url.countyCode : undefined, status, q: url.q, page, pageSize }),
    [year, isCity, url.countyCode, status, url.q, page, pageSize],
  );
  const result = useProcurements(query);

  const columns: TableProps<ProcurementLine>['columns'] = [
    {
      title: t.name,
      dataIndex: 'title',
      key: 'title',
      width: 260,
      fixed: 'start',
      render: (v: string, r) => <Link to={`/procurements/${r.id}`}>{v}</Link>,
    },
    { title: c.county, dataIndex: 'countyShortName', key: 'county', width: 90 },
    { title: c.year, dataIndex: 'year', key: 'year', width: 70 },
    { title: t.method, dataIndex: 'method', key: 'method', width: 110, render: (v: PurchaseMethod) => PURCHASE_METHOD_LABELS[v] },
    { title: t.budget, dataIndex: 'budgetFen', key: 'budget', width: 150, align: 'right', render: (v: number) => <Yuan fen={v} /> },
    { title: c.stations, key: 'stations', width: 70, align: 'right', render: (_: unknown, r) => r.stationIds.length },
    { title: c.status, dataIndex: 'status', key: 'status', width: 130, render: (s: ProcurementStatus) => <ProcurementStatusTag status={s} /> },
    { title: t.contractor, key: 'contractor', width: 220, render: (_: unknown, r) => r.contractor?.name ?? '—' },
  ];

  return (
    <>
      <ListPage<ProcurementLine>
        title={t.title}
        extra={
          <CreateButton permission="procurement:write" label={t.create} onClick={() => setCreating(true)} />
        }
        list={list}
        filters={[
          { type: 'search', key: 'q', label: t.keyword },
          yearFilter(c.year),
          isCity && countyFilter(c.county),
          { type: 'select', key: 'status', label: c.status, options: statusOptions },
        ]}
        result={result}
        columns={columns}
        scrollX={1100}
        empty={t.empty}
        cardsTestId="procurement-cards"
        card={(p) => (
          <ListCard
            title={<Link to={`/procurements/${p.id}`}>{p.title}</Link>}
            tag={<ProcurementStatusTag status={p.status} />}
            meta={
              <>
                {p.countyShortName} · {p.year} · {PURCHASE_METHOD_LABELS[p.method]} · <Yuan fen={p.budgetFen} />
              </>
            }
          >
            {p.contractor?.name}
          </ListCard>
        )}
      />
      {creating ? <ProcurementDrawer procurement={null} onClose={() => setCreating(false)} /> : null}
    </>
  );
}
