import { Agent, request as httpRequest } from 'node:http';
import autocannon from 'autocannon';
import hdr from 'hdr-histogram-js';
import type { HttpRequest, Workload } from '../scenarios/workloads.js';

/** One request, awaited: for warm-ups, checks and statement capture. */
export async function send(baseUrl: string, req: HttpRequest): Promise<{ status: number; body: string }> {
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await fetch(`${baseUrl}${req.path}`, { method: 'POST', headers: { ...req.headers }, body: req.body, signal: AbortSignal.timeout(60_000) });
      return { status: res.status, body: await res.text() };
    } catch (err) {
      // A kept-alive socket the server closed meanwhile: try once more on a fresh one.
      if (attempt >= 2) throw err;
    }
  }
}

/**
 * Waits until the target answers its health check promptly again: a closed-loop run ends
 * with requests still queued in the server (and its database pool), which would otherwise
 * spill into the next measurement.
 */
export async function settle(baseUrl: string, maxWaitMs = 120_000): Promise<void> {
  const deadline = Date.now() + maxWaitMs;
  let quick = 0;
  while (Date.now() < deadline && quick < 3) {
    const started = performance.now();
    try {
      const res = await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(5000) });
      await res.arrayBuffer();
      quick = res.ok && performance.now() - started < 100 ? quick + 1 : 0;
    } catch {
      quick = 0;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Sends `count` requests one after another and fails on the first that does not succeed. */
export async function sendChecked(baseUrl: string, workload: Workload, side: 'api' | 'raw', count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const res = await send(baseUrl, workload.next(side));
    if (res.status !== 200 || !workload.ok(side, res.body)) {
      throw new Error(`${workload.name} on ${side} failed (${res.status}): ${res.body.slice(0, 500)}`);
    }
  }
}

export interface ThroughputResult {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  errors: number;
}

/**
 * Closed-loop throughput with autocannon: `connections` keep one request in flight each for
 * `durationS`. Every request is built by the workload (fresh keys, rotating callers); a
 * response that is not a success (HTTP or GraphQL error) counts as an error.
 */
export async function throughput(baseUrl: string, workload: Workload, side: 'api' | 'raw', connections: number, durationS: number): Promise<ThroughputResult> {
  let errors = 0;
  const result = await autocannon({
    url: baseUrl,
    connections,
    duration: durationS,
    // Slow pages (a feed count over a million rows) must count as slow, not as lost.
    timeout: 30,
    method: 'POST',
    requests: [
      {
        setupRequest: (req: autocannon.Request) => {
          const next = workload.next(side);
          // A copy: autocannon writes content-length into the headers object it is given.
          return { ...req, method: 'POST', path: next.path, headers: { ...next.headers }, body: next.body };
        },
        onResponse: (status: number, body: string) => {
          if (status !== 200 || !workload.ok(side, body)) errors++;
        },
      },
    ],
  });
  errors += result.errors + result.timeouts;
  return {
    rps: result.requests.total / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    errors,
  };
}

export interface PacedResult {
  p50Ms: number;
  p99Ms: number;
  sent: number;
  errors: number;
  /** Requests still unanswered when the run's grace period ended (counted at the timeout). */
  unanswered: number;
}

/**
 * Open-loop load at a steady rate: request i is due at start + i / rate, sent then whether or
 * not earlier ones have been answered (no coordinated omission), and its latency is measured
 * from when it was due. autocannon's rate option is not this: it sends each connection's
 * quota back to back at the top of every second and waits for responses.
 */
export async function paced(baseUrl: string, workload: Workload, side: 'api' | 'raw', rate: number, durationS: number, timeoutMs = 10_000): Promise<PacedResult> {
  const url = new URL(baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: Infinity });
  const histogram = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 120_000_000, numberOfSignificantValueDigits: 3 });
  const total = Math.round(rate * durationS);
  const intervalMs = 1000 / rate;
  let errors = 0;
  let answered = 0;
  const pending = new Set<Promise<void>>();
  const fire = (dueAt: number) => {
    const req = workload.next(side);
    const done = new Promise<void>((resolve) => {
      const finish = (ok: boolean) => {
        const latencyMs = performance.now() - dueAt;
        histogram.recordValue(Math.max(1, Math.round(latencyMs * 1000))); // microseconds
        if (!ok) errors++;
        answered++;
        resolve();
      };
      const r = httpRequest(
        { host: url.hostname, port: url.port, method: 'POST', path: req.path, headers: { ...req.headers, 'content-length': Buffer.byteLength(req.body) }, agent, timeout: timeoutMs },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (body += chunk));
          res.on('end', () => finish(res.statusCode === 200 && workload.ok(side, body)));
          res.on('error', () => finish(false));
        },
      );
      r.on('timeout', () => r.destroy(new Error('timeout')));
      r.on('error', () => finish(false));
      r.end(req.body);
    });
    pending.add(done);
    void done.then(() => pending.delete(done));
  };

  const start = performance.now();
  await new Promise<void>((resolve) => {
    let sent = 0;
    const tick = () => {
      const now = performance.now();
      while (sent < total && start + sent * intervalMs <= now) fire(start + sent++ * intervalMs);
      if (sent >= total) return resolve();
      setTimeout(tick, Math.max(0, start + sent * intervalMs - performance.now()));
    };
    tick();
  });
  let grace: NodeJS.Timeout | undefined;
  await Promise.race([Promise.all([...pending]), new Promise((r) => (grace = setTimeout(r, timeoutMs + 1000)))]);
  clearTimeout(grace);
  agent.destroy();
  const unanswered = total - answered;
  // Still unanswered: at least the whole grace period late.
  for (let i = 0; i < unanswered; i++) histogram.recordValue((timeoutMs + 1000) * 1000);
  const result = {
    p50Ms: histogram.getValueAtPercentile(50) / 1000,
    p99Ms: histogram.getValueAtPercentile(99) / 1000,
    sent: total,
    errors: errors + unanswered,
    unanswered,
  };
  histogram.destroy();
  return result;
}
