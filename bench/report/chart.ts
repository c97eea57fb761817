import type { BenchJson } from './results.js';

// A small bar chart of ours against raw per scenario, as plain SVG (no chart library needed
// for two bars a row). Each row is scaled to its own larger value, so rows of different
// units sit side by side; the right column gives the ratio the targets are stated in.

interface Row {
  label: string;
  unit: string;
  ours: number | null;
  raw: number | null;
  /** Shown on the right: the ratio as the issue defines it, with its target. */
  note: string;
}

function rows(r: BenchJson): Row[] {
  const tp = (label: string, s: BenchJson['submit'], target: string): Row => ({
    label,
    unit: 'req/s',
    ours: s?.ours_rps ?? null,
    raw: s?.raw_rps ?? null,
    note: s ? `ratio ${s.ratio.toFixed(2)} (target ${target})` : 'not measured',
  });
  const pc = (label: string, p: BenchJson['paced']['submit']): Row => ({
    label,
    unit: 'ms p99',
    ours: p?.p99_ms ?? null,
    raw: p?.raw_p99_ms ?? null,
    note: p ? `×${(p.p99_ms / p.raw_p99_ms).toFixed(2)} of raw (target ≤ 2)` : 'not measured',
  });
  return [
    tp('submit', r.submit, '≥ 0.6'),
    tp('feed (first 20)', r.feed, '≥ 0.6'),
    tp('inbox (first 20)', r.inbox, '≥ 0.5'),
    pc('submit @ 300/s', r.paced.submit),
    pc('feed @ 300/s', r.paced.feed),
    {
      label: 'scoring (1 quarter)',
      unit: 'ms',
      ours: r.scoring?.ours_ms ?? null,
      raw: r.scoring?.raw_ms ?? null,
      note: r.scoring ? `ratio ${r.scoring.ratio.toFixed(2)} (target ≤ 1.5)` : 'not measured',
    },
    {
      label: 'reminders → BullMQ',
      unit: 'jobs/s',
      ours: r.reminders?.ours_jobs_per_s ?? null,
      raw: r.reminders?.raw_jobs_per_s ?? null,
      note: r.reminders ? `ratio ${r.reminders.ratio.toFixed(2)} (target ≥ 0.5)` : 'not measured',
    },
  ];
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const num = (n: number) => (n >= 100 ? Math.round(n).toLocaleString('en') : n.toFixed(1));

export function renderChart(results: BenchJson, subtitle: string): string {
  const list = rows(results);
  const left = 170;
  const barWidth = 380;
  const right = 250;
  const rowHeight = 54;
  const top = 70;
  const width = left + barWidth + right;
  const height = top + list.length * rowHeight + 20;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans, Arial, sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="16" y="24" font-size="16" font-weight="bold">CivicLoop against raw baselines, same run</text>`,
    `<text x="16" y="44" fill="#555">${esc(subtitle)}</text>`,
    `<rect x="${left}" y="52" width="12" height="10" fill="#2f6fb3"/><text x="${left + 16}" y="61">ours (NestJS + Mercurius + TypeORM)</text>`,
    `<rect x="${left + 250}" y="52" width="12" height="10" fill="#b0b0b0"/><text x="${left + 266}" y="61">raw (Fastify + mysql2 / BullMQ)</text>`,
  ];
  list.forEach((row, i) => {
    const y = top + i * rowHeight;
    out.push(`<text x="16" y="${y + 22}" font-weight="bold">${esc(row.label)}</text>`);
    out.push(`<text x="16" y="${y + 38}" fill="#777">${esc(row.unit)}</text>`);
    if (row.ours === null || row.raw === null) {
      out.push(`<text x="${left}" y="${y + 28}" fill="#999">${esc(row.note)}</text>`);
      return;
    }
    const max = Math.max(row.ours, row.raw, 1e-9);
    const bar = (value: number, dy: number, color: string) => {
      const w = Math.max(1, (value / max) * (barWidth - 60));
      out.push(`<rect x="${left}" y="${y + dy}" width="${w.toFixed(1)}" height="16" fill="${color}"/>`);
      out.push(`<text x="${(left + w + 6).toFixed(1)}" y="${y + dy + 12}">${num(value)}</text>`);
    };
    bar(row.ours, 8, '#2f6fb3');
    bar(row.raw, 27, '#b0b0b0');
    out.push(`<text x="${left + barWidth + 10}" y="${y + 30}">${esc(row.note)}</text>`);
  });
  out.push('</svg>');
  return out.join('\n') + '\n';
}
