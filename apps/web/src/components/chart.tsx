import { useEffect, useRef } from 'preact/hooks';
import type { EChartsCoreOption } from 'echarts/core';

export type ChartOption = EChartsCoreOption;

let parts: Promise<typeof import('./echarts-parts')> | undefined;
const loadCharts = () => (parts ??= import('./echarts-parts'));

/**
 * A chart drawn by the same library as the management report (ECharts), in SVG. Screen readers get
 * the label and the figures beside it in text; the picture itself is decoration for them.
 */
export function Chart(props: { option: ChartOption; label: string; height?: number }) {
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let disposed = false;
    let dispose = () => undefined as void;
    void loadCharts().then(({ echarts }) => {
      if (disposed || !element.current) return;
      const chart = echarts.init(element.current, null, { renderer: 'svg' });
      chart.setOption({ animation: false, aria: { enabled: true, label: { description: props.label } }, ...props.option });
      const resize = () => chart.resize();
      addEventListener('resize', resize);
      dispose = () => {
        removeEventListener('resize', resize);
        chart.dispose();
      };
    });
    return () => {
      disposed = true;
      dispose();
    };
  }, [props.option, props.label]);
  return <div class="chart" ref={element} role="img" aria-label={props.label} style={{ height: `${props.height ?? 220}px` }} />;
}

export const SEVERITY_COLOURS: Record<string, string> = { high: '#b42318', medium: '#b54708', low: '#027a48' };
