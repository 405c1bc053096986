/**
 * A chart of a few series over labelled categories, drawn with Chart.js (loaded on first use). The
 * canvas is an image with a label saying what it shows; the same figures are in the table next to
 * it, which is the chart's text alternative. In a right-to-left language the chart mirrors: the
 * categories run from the right, the value axis stands on the right, legend and tooltips read rtl.
 */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Chart as ChartInstance } from 'chart.js';

/** One blue in three shades, told apart by lightness (and named in the legend), not by hue alone. */
export const CHART_COLOURS = { single: '#0b5cad', p10: '#9cc3ea', p50: '#0b5cad', p90: '#06325e' } as const;

export interface Series {
  readonly label: string;
  readonly values: readonly number[];
  readonly colour: string;
}

interface Props {
  readonly kind: 'bar' | 'line';
  readonly labels: readonly string[];
  readonly series: readonly Series[];
  /** What the chart shows, for those who cannot see it (the table next to it has the figures). */
  readonly description: string;
  /** Title of the value axis, e.g. "hours". */
  readonly valueTitle: string;
  /** Bars along the vertical axis: for long category names. */
  readonly horizontal?: boolean;
  readonly height?: number;
}

export function StatChart({ kind, labels, series, description, valueTitle, horizontal = false, height = 320 }: Props) {
  const { i18n } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  const lang = i18n.language;
  const rtl = i18n.dir(lang) === 'rtl';

  useEffect(() => {
    let chart: ChartInstance | undefined;
    let cancelled = false;
    void import('./chart-setup').then(({ Chart }) => {
      if (cancelled || !canvas.current) return;
      const number = new Intl.NumberFormat(lang, { maximumFractionDigits: 1 });
      const categoryAxis = { reverse: rtl && !horizontal, ticks: { autoSkip: !horizontal } };
      const valueAxis = {
        beginAtZero: true,
        reverse: rtl && horizontal,
        position: (horizontal ? 'bottom' : rtl ? 'right' : 'left') as 'bottom' | 'left' | 'right',
        title: { display: true, text: valueTitle },
        ticks: { callback: (value: string | number) => number.format(Number(value)) },
      };
      chart = new Chart(canvas.current, {
        type: kind,
        data: {
          labels: [...labels],
          datasets: series.map((s) => ({ label: s.label, data: [...s.values], backgroundColor: s.colour, borderColor: s.colour, borderWidth: kind === 'line' ? 2 : 0, pointRadius: kind === 'line' ? 2 : 0 })),
        },
        options: {
          locale: lang,
          indexAxis: horizontal ? 'y' : 'x',
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          scales: horizontal ? { x: valueAxis, y: { ...categoryAxis, position: rtl ? 'right' : 'left' } } : { x: categoryAxis, y: valueAxis },
          plugins: {
            legend: { display: series.length > 1, rtl, textDirection: rtl ? 'rtl' : 'ltr' },
            tooltip: { rtl, textDirection: rtl ? 'rtl' : 'ltr' },
          },
        },
      });
    });
    return () => {
      cancelled = true;
      chart?.destroy();
    };
  }, [kind, labels, series, lang, rtl, horizontal, valueTitle]);

  return (
    <div className="chart-box" style={{ blockSize: `${height}px` }}>
      <canvas ref={canvas} role="img" aria-label={description} />
    </div>
  );
}
