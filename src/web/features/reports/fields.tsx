import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import dayjs from 'dayjs';
import { listContracts } from '../../../shared/contracts/service-contracts';
import { listStations } from '../../../shared/contracts/stations';
import { api } from '../../lib/api';
import { useCurrentUser } from '../../lib/permissions';
import { m } from '../../i18n';

// Choices shared by the report, evaluation and supervision pages.

const t = m.reports.common;

/**
 * The county unit of the signed-in user: a district officer's own unit is fixed on every form and
 * filter; a city officer chooses. A town or station scope lies inside one county; an organisation has none.
 */
export function useCountyScope(): { county: string | undefined; isCity: boolean; isOrg: boolean } {
  const { scope } = useCurrentUser();
  if (scope.kind === 'city') return { county: undefined, isCity: true, isOrg: false };
  const code = scope.regionCode ?? undefined;
  return { county: code && code.length >= 6 ? code.slice(0, 6) : undefined, isCity: false, isOrg: scope.kind === 'org' };
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

/** A year from the URL, or the fallback. */
export function toYear(value: string | undefined, fallback: number | undefined): number | undefined {
  const n = Number(value);
  return Number.isInteger(n) && n >= FIRST_YEAR && n <= 2100 ? n : fallback;
}

/** The stations the user sees (Weihai has 72; 200 is plenty), optionally of one county unit. */
export function useScopeStations(countyCode?: string, enabled = true) {
  return useQuery({
    queryKey: ['stations', 'choices', countyCode ?? 'all'],
    queryFn: () => api(listStations, { query: { countyCode, pageSize: 200 } }),
    staleTime: 5 * 60_000,
    enabled,
  });
}

export function StationSelect({
  countyCode,
  ...props
}: {
  countyCode?: string;
  id?: string;
  value?: string;
  onChange?: (v: string) => void;
  allowClear?: boolean;
  disabled?: boolean;
  placeholder?: string;
  style?: React.CSSProperties;
  'aria-label'?: string;
}) {
  const { data, isFetching } = useScopeStations(countyCode);
  return (
    <Select<string>
      showSearch={{ optionFilterProp: 'label' }}
      loading={isFetching}
      style={{ width: '100%' }}
      options={(data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
      {...props}
    />
  );
}

/** Contracts the user sees (signed ones first matter; drafts cannot be reported on). */
export function useContractChoices(query: { year?: number; countyCode?: string } = {}, enabled = true) {
  return useQuery({
    queryKey: ['contracts', 'choices', query],
    queryFn: () => api(listContracts, { query: { ...query, pageSize: 200 } }),
    staleTime: 60_000,
    enabled,
  });
}

export function ContractSelect({
  year,
  countyCode,
  signedOnly,
  ...props
}: {
  year?: number;
  countyCode?: string;
  /** Only contracts that have been signed (a draft has no term yet). */
  signedOnly?: boolean;
  id?: string;
  value?: string;
  onChange?: (v: string) => void;
  allowClear?: boolean;
  disabled?: boolean;
  placeholder?: string;
  style?: React.CSSProperties;
  'aria-label'?: string;
}) {
  const { data, isFetching } = useContractChoices({ year, countyCode });
  const items = (data?.items ?? []).filter((c) => !signedOnly || c.status !== 'draft');
  return (
    <Select<string>
      showSearch={{ optionFilterProp: 'label' }}
      loading={isFetching}
      style={{ width: '100%' }}
      options={items.map((c) => ({ value: c.id, label: c.number ? `${c.title}（${c.number}）` : c.title }))}
      {...props}
    />
  );
}
