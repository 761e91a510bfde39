import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { listContracts } from '../../../shared/contracts/service-contracts';
import { listStations } from '../../../shared/contracts/stations';
import { api } from '../../lib/api';
import { useCurrentUser } from '../../lib/permissions';

// Choices shared by the report, evaluation and supervision pages.


/**
 * The county unit of the signed-in user: a district officer's own unit is fixed on every form and
 * filter; a province or city officer chooses. A town or station scope lies inside one county; an organisation has none.
 */
export function useCountyScope(): { county: string | undefined; isCity: boolean; isOrg: boolean } {
  const { scope } = useCurrentUser();
  if (scope.kind === 'province' || scope.kind === 'city') return { county: undefined, isCity: true, isOrg: false };
  const code = scope.regionCode ?? undefined;
  return { county: code && code.length >= 6 ? code.slice(0, 6) : undefined, isCity: false, isOrg: scope.kind === 'org' };
}

// Years as the purchase-cycle pages choose them (2021 … next year).
export { thisYear, toYear, YearSelect } from '../procurements/purchaseFields';

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
