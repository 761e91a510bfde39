import { init, type ChartOption, type ECharts } from '../../lib/echarts';
import { useEffect, useRef } from 'react';

export type { ChartOption };

/** One ECharts chart; a click on a bar, point or slice reports its category index. */
export default function DashboardChart({
  option,
  label,
  height = 280,
  onPick,
}: {
  option: ChartOption;
  label: string;
  height?: number;
  onPick?: (dataIndex: number) => void;
}) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const pick = useRef(onPick);
  pick.current = onPick;

  useEffect(() => {
    if (!host.current) return;
    const instance = init(host.current);
    chart.current = instance;
    instance.on('click', (p) => pick.current?.(p.dataIndex));
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(host.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);

  return <div ref={host} role="img" aria-label={label} style={{ width: '100%', height, cursor: onPick ? 'pointer' : undefined }} />;
}
