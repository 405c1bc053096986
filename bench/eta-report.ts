/**
 * The ETA calibration section of docs/benchmarks.md: figures of several seeds, each cell the median
 * over the seeds (the figures of one seed are exact, so the spread between seeds is what says how
 * much to trust a cell), with the observations of all seeds counted as n.
 */
import { STAGES, type Stage } from './eta-calibration.js';
import { COVERAGE_TARGET, RELATIVE_ERROR_TARGET, type Calibration, type Scope } from './eta-metrics.js';
import { int, median } from './bench-stats.js';
import { LOADED_PER_WINDOW } from '../src/projections/corridor-statistics.js';

/** One seed's tables: per scope, per corridor ('all' included), per stage ('all' included). */
export type SeedTables = ReadonlyMap<Scope, ReadonlyMap<string, ReadonlyMap<Stage | 'all', Calibration>>>;

export interface EtaFigures {
  readonly command: string;
  readonly seeds: readonly number[];
  readonly shipments: number;
  readonly days: number;
  readonly warmupDays: number;
  readonly tailDays: number;
  readonly window: number;
  readonly seconds: number;
  readonly heldOut: number;
  readonly tables: readonly SeedTables[];
}

export interface MedianCell {
  readonly n: number;
  readonly coverage: number;
  readonly early: number;
  readonly late: number;
  readonly medianRelativeError: number;
  /** Each seed's coverage, for the spread. */
  readonly coverages: readonly number[];
}

export function medianCell(tables: readonly SeedTables[], scope: Scope, corridor: string, stage: Stage | 'all'): MedianCell | undefined {
  const cells = tables.map((t) => t.get(scope)?.get(corridor)?.get(stage)).filter((c): c is Calibration => c !== undefined);
  if (cells.length === 0) return undefined;
  return {
    n: cells.reduce((sum, c) => sum + c.n, 0),
    coverage: median(cells.map((c) => c.coverage)),
    early: median(cells.map((c) => c.early)),
    late: median(cells.map((c) => c.late)),
    medianRelativeError: median(cells.map((c) => c.medianRelativeError)),
    coverages: cells.map((c) => c.coverage),
  };
}

const pct = (x: number) => `${Math.round(x * 100)} %`;

function verdict(cell: MedianCell): string {
  const covered = cell.coverage >= COVERAGE_TARGET.min && cell.coverage <= COVERAGE_TARGET.max;
  const close = cell.medianRelativeError <= RELATIVE_ERROR_TARGET;
  return covered && close ? 'met' : [covered ? '' : 'coverage', close ? '' : 'error'].filter(Boolean).join(' and ') + ' off target';
}

function cellText(cell: MedianCell | undefined): string {
  return cell ? `${pct(cell.coverage)} / ${pct(cell.medianRelativeError)} (${int(cell.n)})` : '–';
}

function corridorsOf(tables: readonly SeedTables[]): string[] {
  const names = new Set<string>();
  for (const t of tables) for (const byCorridor of t.values()) for (const c of byCorridor.keys()) if (c !== 'all') names.add(c);
  return [...names].sort();
}

function scopeTable(figures: EtaFigures, scope: Scope): string[] {
  const lines = [`| corridor | ${STAGES.join(' | ')} | all positions |`, `|---|${STAGES.map(() => '---|').join('')}---|`];
  for (const corridor of [...corridorsOf(figures.tables), 'all']) {
    const cells = [...STAGES, 'all' as const].map((stage) => cellText(medianCell(figures.tables, scope, corridor, stage)));
    lines.push(`| ${corridor === 'all' ? '**all corridors**' : corridor} | ${cells.join(' | ')} |`);
  }
  return lines;
}

export function renderEtaMarkdown(figures: EtaFigures): string {
  const lines: string[] = [];
  lines.push('## ETA calibration benchmark', '');
  lines.push(`Written by \`${figures.command}\` (bench/eta.bench.ts) in ${figures.seconds.toFixed(0)} s; the figures are exact for a seed, so rerunning gives the same ones.`);
  lines.push(`Seeds ${figures.seeds.join(', ')}; each ${int(figures.shipments)} shipments departing over ${figures.days} days, those of the first ${figures.warmupDays} and the last ${figures.tailDays} days only teaching the statistics; ${int(figures.heldOut)} held-out shipments in all; statistics over the ${figures.window} most recently completed shipments of each corridor (among the ${int(figures.window * LOADED_PER_WINDOW)} most recently completed overall), as ShipmentQueries keeps them.`, '');
  lines.push('### Summary (median over the seeds)', '');
  lines.push('| figure | coverage p10–p90 (target 75–85 %) | median \\|p50 − actual\\| / time left (target ≤ 15 %) | arrived before earliest | after latest | verdict |');
  lines.push('|---|---|---|---|---|---|');
  for (const scope of ['destination', 'all stops'] as const) {
    const cell = medianCell(figures.tables, scope, 'all', 'all');
    if (!cell) continue;
    lines.push(`| ${scope}, all corridors | ${pct(cell.coverage)} (seeds: ${cell.coverages.map(pct).join(', ')}) | ${pct(cell.medianRelativeError)} | ${pct(cell.early)} | ${pct(cell.late)} | ${verdict(cell)} |`);
  }
  for (const scope of ['destination', 'all stops'] as const) {
    lines.push('', `### ${scope === 'destination' ? 'Destination' : 'Every stop ahead'}: coverage / median relative error (observations)`, '');
    lines.push(...scopeTable(figures, scope));
  }
  lines.push('');
  return lines.join('\n');
}
