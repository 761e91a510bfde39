import { Button, Table, type TableProps } from 'antd';
import type { z } from 'zod';
import type { fundingOverview, FUNDING_SORTS } from '../../../shared/contracts/funding';
import { m } from '../../i18n';
import { rateText, Yuan } from './money';

type Overview = z.infer<typeof fundingOverview.response>;
export type CountyFunding = Overview['counties'][number];
export type CountySort = (typeof FUNDING_SORTS)[number];

const t = m.purchase.funding;

/**
 * One page of the county units, ordered by the server (budget or rate, else by code): the
 * answer holds only the page, however many units the scope has.
 */
export function CountyTable({
  data, sort, onChange, onPick,
}: {
  data: Pick<Overview, 'counties' | 'countiesTotal' | 'countiesPage' | 'countiesPageSize'>;
  sort: CountySort;
  onChange: (next: { page: number; pageSize: number; sort: CountySort }) => void;
  /** Narrows the page to a unit (city-wide actors). */
  onPick?: (countyCode: string) => void;
}) {
  const order = (key: 'budget' | 'rate') => (sort === key ? 'ascend' : sort === `-${key}` ? 'descend' : null);
  const columns: TableProps<CountyFunding>['columns'] = [
    {
      title: t.county, dataIndex: 'countyShortName', key: 'county',
      render: (v: string, k) =>
        onPick ? (
          <Button type="link" size="small" style={{ padding: 0 }} onClick={() => onPick(k.countyCode)}>
            {v}
          </Button>
        ) : (
          v
        ),
    },
    { title: t.station, dataIndex: 'stations', key: 'stations', align: 'right', render: (n: number) => t.countyStations(n) },
    { title: t.budget, dataIndex: 'budgetFen', key: 'budget', align: 'right', sorter: true, sortOrder: order('budget'), render: (v: number) => <Yuan fen={v} strong /> },
    { title: t.paid, dataIndex: 'paidFen', key: 'paid', align: 'right', render: (v: number) => <Yuan fen={v} /> },
    { title: t.spent, dataIndex: 'spentFen', key: 'spent', align: 'right', render: (v: number) => <Yuan fen={v} /> },
    {
      title: t.rate, dataIndex: 'executionRate', key: 'rate', align: 'right', sorter: true, sortOrder: order('rate'),
      render: (v: number | null) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{rateText(v)}</span>,
    },
  ];
  return (
    <Table<CountyFunding>
      size="small"
      rowKey="countyCode"
      data-testid="funding-counties"
      columns={columns}
      dataSource={data.counties}
      scroll={{ x: 720 }}
      pagination={{
        current: data.countiesPage,
        pageSize: data.countiesPageSize,
        total: data.countiesTotal,
        showSizeChanger: true,
        pageSizeOptions: [10, 20, 50, 100],
        showTotal: t.countiesTotal,
      }}
      onChange={(p, _filters, sorter) => {
        const one = Array.isArray(sorter) ? sorter[0] : sorter;
        const key = one?.order ? one.columnKey : undefined;
        const next: CountySort = key === 'budget' || key === 'rate' ? (one?.order === 'descend' ? `-${key}` : key) : 'code';
        // A new order starts again at the first page.
        onChange({ page: next === sort ? (p.current ?? 1) : 1, pageSize: p.pageSize ?? data.countiesPageSize, sort: next });
      }}
    />
  );
}
