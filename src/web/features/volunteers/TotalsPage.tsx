import { Typography, type TableProps } from 'antd';
import { useMemo } from 'react';
import { TOTAL_GROUPINGS } from '../../../shared/contracts/volunteers';
import { ListCard, ListPage, oneOf, useListState } from '../../components/ListPage';
import { zhCNVolunteers as t } from '../../i18n/zh-CN.volunteers';
import { useTotals } from './volunteers.api';

const FILTER_KEYS = ['by', 'year'] as const;
const byOptions = TOTAL_GROUPINGS.map((b) => ({ value: b, label: t.byLabels[b] }));
const thisYear = new Date().getFullYear();
const yearOptions = Array.from({ length: 6 }, (_, i) => ({ value: String(thisYear - i), label: `${thisYear - i}年` }));

interface Row {
  key: string;
  label: string;
  year: number;
  volunteers: number;
  records: number;
  hours: number;
}

/** 志愿服务统计: SQL totals by volunteer, team, station or county and year, paged. */
export default function TotalsPage() {
  const list = useListState(FILTER_KEYS);
  const { url, page, pageSize } = list;
  const by = oneOf(TOTAL_GROUPINGS, url.by) ?? 'station';
  const year = url.year && /^\d{4}$/.test(url.year) ? Number(url.year) : undefined;
  const query = useMemo(() => ({ by, year, page, pageSize }), [by, year, page, pageSize]);
  const result = useTotals(query);
  const columns: TableProps<Row>['columns'] = [
    { title: t.byLabels[by].replace('按', ''), dataIndex: 'label', key: 'label', fixed: 'start', width: 220 },
    { title: t.year, dataIndex: 'year', key: 'year', width: 80 },
    { title: t.volunteers, dataIndex: 'volunteers', key: 'volunteers', width: 110 },
    { title: t.recordCount, dataIndex: 'records', key: 'records', width: 110 },
    { title: t.hours, dataIndex: 'hours', key: 'hours', width: 110 },
  ];
  return (
    <ListPage<Row>
      title={t.totalsTitle}
      list={list}
      filters={[
        { type: 'select', key: 'by', label: t.by, options: byOptions, fallback: 'station', span: { xs: 12, md: 6 } },
        { type: 'select', key: 'year', label: t.year, options: yearOptions, placeholder: t.allYears, span: { xs: 12, md: 6 } },
      ]}
      result={result}
      columns={columns}
      rowKey={(r) => `${r.key}-${r.year}`}
      scrollX={640}
      empty={t.totalsEmpty}
      cardsTestId="volunteer-total-cards"
      card={(r) => (
        <ListCard title={r.label} tag={<Typography.Text>{r.year}</Typography.Text>} meta={`${t.volunteers} ${r.volunteers} · ${t.recordCount} ${r.records}`}>
          {t.hoursUnit(r.hours)}
        </ListCard>
      )}
    />
  );
}
