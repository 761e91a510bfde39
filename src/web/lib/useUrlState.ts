import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';

/**
 * List filters live in the URL, so a reload, the back button or a shared link keep them.
 * Returns the current values (strings; absent keys are undefined) and a setter that
 * merges changes and drops empty values.
 */
export function useUrlState<K extends string>(keys: readonly K[]) {
  const [search, setSearch] = useSearchParams();
  const values = useMemo(() => {
    const out: Partial<Record<K, string>> = {};
    for (const k of keys) {
      const v = search.get(k);
      if (v !== null && v !== '') out[k] = v;
    }
    return out;
  }, [search, keys]);
  const update = useCallback(
    (changes: Partial<Record<K, string | number | null | undefined>>) => {
      setSearch(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(changes) as [K, string | number | null | undefined][]) {
            if (v === undefined || v === null || v === '') next.delete(k);
            else next.set(k, String(v));
          }
          return next;
        },
        { replace: true },
      );
    },
    [setSearch],
  );
  return [values, update] as const;
}

export function toPage(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}
