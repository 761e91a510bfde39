import { Select, Spin } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useClients } from '../clients/clients.api';
import { m } from '../../i18n';

const t = m.daily.records;

export interface PickedClient {
  id: string;
  name: string;
}

/**
 * Picks clients by name or the last digits of the ID, searched on the server as the user types.
 * `known` names the already chosen ones (from the case or the link that opened the form).
 */
export function ClientPicker(props: {
  id?: string;
  value?: string[];
  onChange?: (ids: string[]) => void;
  known?: PickedClient[];
  disabled?: boolean;
  'aria-label'?: string;
}) {
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  // Ask the server once the user pauses typing, not on every keystroke.
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), 300);
    return () => clearTimeout(timer);
  }, [typed]);
  const [seen, setSeen] = useState<Map<string, string>>(() => new Map((props.known ?? []).map((c) => [c.id, c.name])));
  const { data, isFetching } = useClients({ q: q || undefined, status: 'active', pageSize: 20 });
  const options = useMemo(() => {
    const names = new Map(seen);
    for (const c of props.known ?? []) names.set(c.id, c.name);
    for (const c of data?.items ?? []) names.set(c.id, `${c.name}（${c.villageName}，${m.daily.clients.age(c.age)}）`);
    // Chosen clients stay listed (with their names) whatever the current search.
    const ids = new Set([...(props.value ?? []), ...(data?.items ?? []).map((c) => c.id)]);
    return [...ids].map((id) => ({ value: id, label: names.get(id) ?? id, title: (names.get(id) ?? id).split('（')[0] }));
  }, [data, seen, props.known, props.value]);
  return (
    <Select<string[]>
      id={props.id}
      mode="multiple"
      size="large"
      aria-label={props['aria-label']}
      disabled={props.disabled}
      value={props.value}
      placeholder={t.clientSearch}
      showSearch={{ filterOption: false, onSearch: setTyped, autoClearSearchValue: true }}
      loading={isFetching}
      notFoundContent={isFetching ? <Spin size="small" /> : undefined}
      options={options}
      onChange={(ids) => {
        setSeen((prev) => {
          const next = new Map(prev);
          for (const o of options) if (ids.includes(o.value)) next.set(o.value, o.label);
          return next;
        });
        setTyped('');
        props.onChange?.(ids);
      }}
    />
  );
}
