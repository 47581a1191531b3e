import request from 'supertest';

type App = Parameters<typeof request>[0];

export const METRICS_TOKEN = 'metrics-token-for-tests';

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The samples of a Prometheus text exposition (comments skipped). */
export function parseExposition(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) continue;
    const labels: Record<string, string> = {};
    for (const [, key, value] of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[key] = value;
    samples.push({ name: match[1], labels, value: Number(match[3]) });
  }
  return samples;
}

/** Scrapes `/metrics`; `value` sums the samples of a name whose labels include those given (undefined: none). */
export async function scrape(app: App, token = METRICS_TOKEN) {
  const res = await request(app).get('/metrics').set('authorization', `Bearer ${token}`);
  if (res.status !== 200) throw new Error(`/metrics answered ${res.status}`);
  const samples = parseExposition(res.text);
  return {
    text: res.text as string,
    samples,
    value(name: string, labels: Record<string, string> = {}): number | undefined {
      const matching = samples.filter((s) => s.name === name && Object.entries(labels).every(([key, value]) => s.labels[key] === value));
      return matching.length ? matching.reduce((sum, s) => sum + s.value, 0) : undefined;
    },
  };
}
