import { useEffect, useRef } from 'preact/hooks';
import { BarChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

// Only the parts drawn here are bundled (bar and line, SVG): the whole library would be ~1 MB.
echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, AriaComponent, SVGRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

/**
 * A chart drawn by the same library as the management report (ECharts), in SVG. Screen readers get
 * the label and the figures beside it in text; the picture itself is decoration for them.
 */
export function Chart(props: { option: ChartOption; label: string; height?: number }) {
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!element.current) return;
    const chart = echarts.init(element.current, null, { renderer: 'svg' });
    chart.setOption({ animation: false, aria: { enabled: true, label: { description: props.label } }, ...props.option });
    const resize = () => chart.resize();
    addEventListener('resize', resize);
    return () => {
      removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [props.option, props.label]);
  return <div class="chart" ref={element} role="img" aria-label={props.label} style={{ height: `${props.height ?? 220}px` }} />;
}

export const SEVERITY_COLOURS: Record<string, string> = { high: '#b42318', medium: '#b54708', low: '#027a48' };
