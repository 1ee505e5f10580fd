// Server-rendered SVG charts for the SLA reports: a line per series over the periods, the y axis
// from 0 to 100 %. Presentation attributes only (no style attribute: the CSP allows no inline
// style), every label escaped, and a <title>/<desc> so screen readers get the chart's point.
const W = 640;
const H = 240;
const PAD = { left: 44, right: 12, top: 12, bottom: 36 };
// Colour-blind safe (Okabe-Ito); the legend also names each line.
const COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000'];

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

export type Series = { name: string; points: Array<number | null> };

/** A line chart of percentages; `periods` label the x axis, a null point is a gap. */
export function percentChart(id: string, title: string, periods: string[], series: Series[]): string {
  const iw = W - PAD.left - PAD.right;
  const ih = H - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (periods.length <= 1 ? iw / 2 : (i * iw) / (periods.length - 1));
  const y = (v: number) => PAD.top + ih - (v / 100) * ih;
  const grid = [0, 25, 50, 75, 100]
    .map((v) => `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(v)}" y2="${y(v)}" stroke="#ddd"/><text x="${PAD.left - 6}" y="${y(v) + 4}" text-anchor="end" font-size="11" fill="#333">${v}%</text>`)
    .join('');
  const step = Math.max(1, Math.ceil(periods.length / 8));
  const labels = periods.map((p, i) => (i % step === 0 ? `<text x="${x(i)}" y="${H - 14}" text-anchor="middle" font-size="11" fill="#333">${esc(p)}</text>` : '')).join('');
  const lines = series
    .map((s, k) => {
      const colour = COLOURS[k % COLOURS.length];
      const segments: string[] = [];
      let path = '';
      s.points.forEach((v, i) => {
        if (v === null) { if (path) segments.push(path); path = ''; return; }
        path += `${path ? ' L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
      });
      if (path) segments.push(path);
      const dots = s.points.map((v, i) => (v === null ? '' : `<circle cx="${x(i).toFixed(1)}" cy="${y(v).toFixed(1)}" r="3" fill="${colour}"><title>${esc(s.name)} ${esc(periods[i])}: ${v.toFixed(1)}%</title></circle>`)).join('');
      return `${segments.map((d) => `<path d="${d}" fill="none" stroke="${colour}" stroke-width="2"/>`).join('')}${dots}`;
    })
    .join('');
  const legend = series.map((s, k) => `<tspan fill="${COLOURS[k % COLOURS.length]}" font-weight="700">■</tspan><tspan fill="#222"> ${esc(s.name)}  </tspan>`).join('');
  const summary = series.map((s) => `${s.name}: ${s.points.filter((p) => p !== null).map((p) => `${p!.toFixed(0)}%`).join(', ') || 'no data'}`).join('; ');
  return `<svg class="chart" viewBox="0 0 ${W} ${H + 18}" width="${W}" height="${H + 18}" role="img" aria-labelledby="${id}-t ${id}-d" xmlns="http://www.w3.org/2000/svg">
<title id="${id}-t">${esc(title)}</title><desc id="${id}-d">${esc(summary)}</desc>
${grid}${labels}${lines}<text x="${PAD.left}" y="${H + 12}" font-size="12">${legend}</text></svg>`;
}
