import { Select } from 'antd';
import { useCounties, useTowns } from './regions.api';

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

/** 区市 by short name (高区, 经区 … as people say them). */
export function CountySelect(props: RegionSelectProps) {
  const { data, isPending } = useCounties();
  return (
    <Select<string, RegionOption>
      showSearch={{ filterOption: matchesRegion }}
      {...props}
      value={props.value ?? undefined}
      loading={isPending}
      options={(data ?? []).map((r) => ({ value: r.code, label: r.shortName || r.name, aliases: [r.name, ...r.aliases] }))}
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
