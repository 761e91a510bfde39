import { useQuery } from '@tanstack/react-query';
import { Select, Space, Tag } from 'antd';
import dayjs from 'dayjs';
import type { CustomFilter } from '../../components/ListPage';
import { listOrganizations } from '../../../shared/contracts/organizations';
import { listServiceItems, type ServiceItem } from '../../../shared/contracts/service-catalogue';
import { listStations } from '../../../shared/contracts/stations';
import { ORG_STATUS_LABELS, SERVICE_DOMAINS, SERVICE_DOMAIN_LABELS } from '../../../shared/rules/organizations';
import { api } from '../../lib/api';
import { useCurrentUser } from '../../lib/permissions';
import { m } from '../../i18n';

const t = m.purchase.common;

/**
 * The county unit of the signed-in user: a district officer's own unit is fixed on every form
 * and filter; a province or city officer chooses. A town or station scope sits inside one county.
 */
export function useCountyScope(): { county: string | undefined; isCity: boolean } {
  const { scope } = useCurrentUser();
  if (scope.kind === 'province' || scope.kind === 'city') return { county: undefined, isCity: true };
  const code = scope.regionCode ?? undefined;
  return { county: code && code.length >= 6 ? code.slice(0, 6) : undefined, isCity: false };
}

export const FIRST_YEAR = 2021;

/** This year on the China calendar (the browser runs in China; the server decides the rules). */
export function thisYear(): number {
  return dayjs().year();
}

/** 2021 … next year, newest first. */
export function yearOptions() {
  const years: { value: number; label: string }[] = [];
  for (let y = thisYear() + 1; y >= FIRST_YEAR; y--) years.push({ value: y, label: t.yearOption(y) });
  return years;
}

export function YearSelect(props: {
  id?: string;
  value?: number;
  onChange?: (v: number) => void;
  allowClear?: boolean;
  style?: React.CSSProperties;
  'aria-label'?: string;
  placeholder?: string;
  disabled?: boolean;
}) {
  return <Select<number> style={{ width: '100%' }} options={yearOptions()} {...props} />;
}

/** A list page's 年度 filter (?year=). */
export const yearFilter = (label: string): CustomFilter => ({
  type: 'custom',
  key: 'year',
  label,
  render: (value, onChange) => <YearSelect aria-label={label} placeholder={label} allowClear value={toYear(value, undefined)} onChange={onChange} />,
});

/** A year from the URL, or the given fallback. */
export function toYear(value: string | undefined, fallback: number | undefined): number | undefined {
  const n = Number(value);
  return Number.isInteger(n) && n >= FIRST_YEAR && n <= 2100 ? n : fallback;
}

/** The stations of one county unit (Weihai has at most 18 in one unit; 200 is plenty). */
export function useCountyStations(countyCode: string | undefined) {
  return useQuery({
    queryKey: ['stations', 'of-county', countyCode],
    queryFn: () => api(listStations, { query: { countyCode, pageSize: 200 } }),
    enabled: Boolean(countyCode),
    staleTime: 5 * 60_000,
  });
}

/** Multi-select of the stations of one county unit. */
export function StationsSelect({
  countyCode,
  only,
  ...props
}: {
  countyCode: string | undefined;
  /** Limit the choice to these (e.g. the stations of a contract). */
  only?: { id: string; name: string }[];
  id?: string;
  value?: string[];
  onChange?: (v: string[]) => void;
  disabled?: boolean;
  mode?: 'multiple';
  'aria-label'?: string;
}) {
  const { data, isFetching } = useCountyStations(only ? undefined : countyCode);
  const options = only
    ? only.map((s) => ({ value: s.id, label: s.name }))
    : (data?.items ?? []).map((s) => ({ value: s.id, label: s.name }));
  return (
    <Select<string[]>
      mode="multiple"
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      loading={isFetching}
      placeholder={t.selectStationsHint}
      style={{ width: '100%' }}
      options={options}
      {...props}
    />
  );
}

/** Organisations for a contractor choice: only active ones may be chosen (禁入/暂停 are shown disabled). */
export function useContractorChoices() {
  return useQuery({
    queryKey: ['organizations', 'contractor-choices'],
    queryFn: () => api(listOrganizations, { query: { pageSize: 200 } }),
    staleTime: 60_000,
  });
}

export function ContractorSelect(props: {
  id?: string;
  value?: string;
  onChange?: (v: string) => void;
  disabled?: boolean;
  'aria-label'?: string;
}) {
  const { data, isFetching } = useContractorChoices();
  const options = (data?.items ?? []).map((o) => ({
    value: o.id,
    label: o.status === 'active' ? o.name : `${o.name}（${ORG_STATUS_LABELS[o.status]}）`,
    disabled: o.status !== 'active',
  }));
  return (
    <Select<string>
      showSearch={{ optionFilterProp: 'label' }}
      loading={isFetching}
      style={{ width: '100%' }}
      options={options}
      {...props}
    />
  );
}

/** The whole catalogue, excluded matters included (they are marked and refused). */
export function useFullCatalogue() {
  return useQuery({
    queryKey: ['service-catalogue', 'all'],
    queryFn: () => api(listServiceItems, { query: { includeExcluded: 'true' } }),
    staleTime: 30 * 60_000,
  });
}

/** Options by domain; a name found in two domains (心理疏导) says which, an excluded matter says so. */
export function catalogueGroups(items: readonly ServiceItem[] | undefined) {
  const seen = new Map<string, number>();
  for (const i of items ?? []) seen.set(i.name, (seen.get(i.name) ?? 0) + 1);
  const labelOf = (i: ServiceItem) => {
    if (i.excluded) return `${i.name}（${t.excludedTag}）`;
    return (seen.get(i.name) ?? 0) > 1 ? `${i.name}（${SERVICE_DOMAIN_LABELS[i.domain]}）` : i.name;
  };
  return SERVICE_DOMAINS.map((d) => ({
    label: SERVICE_DOMAIN_LABELS[d],
    title: SERVICE_DOMAIN_LABELS[d],
    options: (items ?? [])
      .filter((i) => i.domain === d)
      .map((i) => ({
        value: i.code,
        label: labelOf(i),
        name: i.name,
      })),
  })).filter((g) => g.options.length > 0);
}

export function CatalogueSelect(props: {
  id?: string;
  value?: string[];
  onChange?: (v: string[]) => void;
  disabled?: boolean;
  'aria-label'?: string;
}) {
  const { data, isFetching } = useFullCatalogue();
  return (
    <Select<string[]>
      mode="multiple"
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      loading={isFetching}
      style={{ width: '100%' }}
      options={catalogueGroups(data)}
      {...props}
    />
  );
}

/** Items as tags, grouped by domain. */
export function ItemTags({ items }: { items: { name: string; domain: string }[] }) {
  if (items.length === 0) return <span>—</span>;
  return (
    <Space size={[4, 4]} wrap>
      {items.map((i) => (
        <Tag key={`${i.domain}-${i.name}`} color="blue" style={{ marginInlineEnd: 0 }}>
          {i.name}
        </Tag>
      ))}
    </Space>
  );
}
