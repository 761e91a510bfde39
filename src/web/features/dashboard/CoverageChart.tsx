import { init, type ChartOption, type ECharts } from '../../lib/echarts';
import { useEffect, useRef } from 'react';
import { m } from '../../i18n';

export interface CoverageBar {
  county: string;
  operating: number;
  towns: number;
}

function optionFor(rows: CoverageBar[]): ChartOption {
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { data: [m.dashboard.operating, m.dashboard.towns], top: 0 },
    grid: { left: 8, right: 8, bottom: 8, top: 36, containLabel: true },
    xAxis: { type: 'category', data: rows.map((r) => r.county), axisLabel: { interval: 0, rotate: rows.length > 5 ? 30 : 0 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: m.dashboard.operating, type: 'bar', data: rows.map((r) => r.operating), itemStyle: { color: '#1f6fb2' }, barMaxWidth: 28 },
      { name: m.dashboard.towns, type: 'bar', data: rows.map((r) => r.towns), itemStyle: { color: '#c9d8e8' }, barMaxWidth: 28 },
    ],
  };
}

/** Operating stations against towns, one pair of bars per county unit. */
export default function CoverageChart({ rows }: { rows: CoverageBar[] }) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);

  useEffect(() => {
    if (!host.current) return;
    const instance = init(host.current);
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(host.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(optionFor(rows), true);
  }, [rows]);

  return <div ref={host} role="img" aria-label={m.dashboard.chartLabel} style={{ width: '100%', height: 320 }} />;
}
