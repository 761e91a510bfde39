import { init, type ChartOption, type ECharts } from '../../lib/echarts';
import { useEffect, useRef } from 'react';
import { m } from '../../i18n';

export interface RateBar {
  county: string;
  rate: number | null;
}

function optionFor(rows: RateBar[]): ChartOption {
  return {
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (v) => (typeof v === 'number' ? `${v.toFixed(1)}%` : m.purchase.funding.rateNone),
    },
    grid: { left: 8, right: 8, bottom: 8, top: 24, containLabel: true },
    xAxis: { type: 'category', data: rows.map((r) => r.county), axisLabel: { interval: 0, rotate: rows.length > 5 ? 30 : 0 } },
    yAxis: { type: 'value', min: 0, max: (v) => Math.max(100, Math.ceil(v.max / 10) * 10), axisLabel: { formatter: '{value}%' } },
    series: [
      {
        name: m.purchase.funding.rate,
        type: 'bar',
        data: rows.map((r) => r.rate ?? 0),
        itemStyle: { color: '#1f6fb2' },
        barMaxWidth: 32,
        label: { show: true, position: 'top', formatter: (p) => `${Number(p.value).toFixed(1)}%` },
      },
    ],
  };
}

/** 资金执行率 (spent ÷ budget) by county unit. */
export default function ExecutionChart({ rows }: { rows: RateBar[] }) {
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

  return <div ref={host} role="img" aria-label={m.purchase.funding.chartLabel} style={{ width: '100%', height: 300 }} />;
}
