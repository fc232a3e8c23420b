import { BarChart, LineChart, RadarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, RadarComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import { type EChartsCoreOption, type ECharts, init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef, type CSSProperties } from 'react';

use([BarChart, LineChart, RadarChart, GridComponent, LegendComponent, RadarComponent, TitleComponent, TooltipComponent, CanvasRenderer]);

export const CHART_FONT = "'Noto Sans SC', -apple-system, 'Segoe UI', sans-serif";

/**
 * One ECharts chart that follows its option and its box: drawn on mount, redrawn when the option
 * changes (a new object; merged into the last one with `merge`), resized with its container, disposed on unmount.
 */
export function EChart({ option, style, testId, dark = false, merge = false }: { option: EChartsCoreOption; style?: CSSProperties; testId?: string; dark?: boolean; merge?: boolean }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);

  useEffect(() => {
    const el = box.current!;
    const c = init(el, dark ? 'dark' : undefined, { renderer: 'canvas' });
    chart.current = c;
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, [dark]);

  useEffect(() => {
    // `merge`: a chart read again every few seconds keeps its shape and moves only what changed (no redraw from zero).
    chart.current?.setOption({ textStyle: { fontFamily: CHART_FONT }, ...(dark ? { backgroundColor: 'transparent' } : {}), ...option }, { notMerge: !merge });
  }, [option, dark, merge]);

  return <div ref={box} data-testid={testId} style={{ width: '100%', height: 300, ...style }} />;
}
