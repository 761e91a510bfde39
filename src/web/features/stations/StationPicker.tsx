import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useDeferredValue, useState } from 'react';
import { getStation, listStations } from '../../../shared/contracts/stations';
import { api } from '../../lib/api';

const useStationSearch = (q: string, enabled: boolean) =>
  useQuery({
    queryKey: ['stations', 'search', q],
    queryFn: () => api(listStations, { query: { q: q || undefined, pageSize: 20 } }),
    staleTime: 60_000,
    enabled,
  });
const useStationName = (id: string | undefined) =>
  useQuery({ queryKey: ['stations', 'detail', id ?? ''], queryFn: () => api(getStation, { params: { id: id ?? '' } }), enabled: Boolean(id), select: (s) => s.name });

/**
 * A station of the user's scope, found by name: the server searches, so a county's or a
 * province's hundreds of stations are never loaded at once.
 */
export function StationPicker({ value, onChange, allowClear, placeholder, style, ...rest }: {
  value?: string;
  onChange?: (v: string | undefined) => void;
  allowClear?: boolean;
  placeholder?: string;
  style?: React.CSSProperties;
  id?: string;
  'aria-label'?: string;
}) {
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState('');
  const keyword = useDeferredValue(q.trim());
  const found = useStationSearch(keyword, open);
  const chosen = useStationName(value);
  const options = (found.data?.items ?? []).map((s) => ({ value: s.id, label: `${s.name}` }));
  if (value && chosen.data && !options.some((o) => o.value === value)) options.unshift({ value, label: chosen.data });
  return (
    <Select<string>
      {...rest}
      showSearch={{ filterOption: false, onSearch: setQ }}
      onOpenChange={setOpen}
      loading={found.isFetching}
      value={value}
      onChange={(v) => onChange?.(v ?? undefined)}
      allowClear={allowClear}
      placeholder={placeholder ?? '输入名称查找社工站'}
      style={{ minWidth: 280, ...style }}
      options={options}
      notFoundContent={found.isFetching ? '查找中…' : '没有符合条件的社工站'}
    />
  );
}
