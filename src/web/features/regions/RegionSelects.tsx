import { Select } from 'antd';
import type { CustomFilter } from '../../components/ListPage';
import { useContext } from 'react';
import { CurrentUserContext } from '../../lib/permissions';
import { useCities, useCounties, useTowns } from './regions.api';

/** What Form.Item injects plus the few props callers set. */
interface RegionSelectProps {
  id?: string;
  value?: string | null;
  onChange?: (value: string | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  disabled?: boolean;
  style?: React.CSSProperties;
  'aria-label'?: string;
  'data-testid'?: string;
}

interface RegionOption {
  value: string;
  label: string;
  aliases: string[];
}

/** Matches the typed text against the name and the other spellings (蔄山镇 / 苘山镇). */
function matchesRegion(input: string, option: RegionOption | undefined): boolean {
  const text = input.trim();
  return Boolean(option && [option.label, ...option.aliases].some((s) => s.includes(text)));
}

/**
 * 区市 by short name (高区, 经区 … as people say them). A province or city officer is offered the
 * units of their own province or city; where the units span several cities, each label names its
 * city (济南市市中区, 枣庄市市中区).
 */
export function CountySelect(props: RegionSelectProps) {
  const scope = useContext(CurrentUserContext)?.scope;
  const { data, isPending } = useCounties();
  const within = (scope?.kind === 'province' || scope?.kind === 'city') && scope.regionCode ? `/${scope.regionCode}/` : '/';
  const counties = (data ?? []).filter((r) => r.path.includes(within));
  const cityCodes = new Set(counties.map((r) => r.parentCode));
  const cities = useCities(cityCodes.size > 1);
  const cityName = new Map((cities.data ?? []).map((c) => [c.code, c.name]));
  return (
    <Select<string, RegionOption>
      showSearch={{ filterOption: matchesRegion }}
      {...props}
      value={props.value ?? undefined}
      loading={isPending}
      options={counties.map((r) => ({
        value: r.code,
        label: `${cityCodes.size > 1 ? (cityName.get(r.parentCode ?? '') ?? '') : ''}${r.shortName || r.name}`,
        aliases: [r.name, ...r.aliases],
      }))}
    />
  );
}

/** 市 of a province installation. */
export function CitySelect(props: RegionSelectProps) {
  const { data, isPending } = useCities();
  return (
    <Select<string, RegionOption>
      showSearch={{ filterOption: matchesRegion }}
      {...props}
      value={props.value ?? undefined}
      loading={isPending}
      options={(data ?? []).map((r) => ({ value: r.code, label: r.name, aliases: r.aliases }))}
    />
  );
}

/** 镇（街道） of one county. */
export function TownSelect({ countyCode, ...props }: RegionSelectProps & { countyCode: string | undefined }) {
  const { data, isFetching } = useTowns(countyCode);
  return (
    <Select<string, RegionOption>
      showSearch={{ filterOption: matchesRegion }}
      {...props}
      value={props.value ?? undefined}
      disabled={props.disabled || !countyCode}
      loading={isFetching}
      options={(countyCode ? (data ?? []) : []).map((r) => ({ value: r.code, label: r.name, aliases: r.aliases }))}
    />
  );
}

/** A list page's 区市 filter (?countyCode=). */
export const countyFilter = (label: string): CustomFilter => ({
  type: 'custom',
  key: 'countyCode',
  label,
  render: (value, onChange) => (
    <CountySelect aria-label={label} placeholder={label} allowClear style={{ width: '100%' }} value={value} onChange={onChange} />
  ),
});
