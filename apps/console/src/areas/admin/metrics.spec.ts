import { describe, expect, it } from '@jest/globals';
import { duration, metric, parseMetrics } from './metrics';

const TEXT = `# HELP tongban_process_resident_memory_bytes Resident memory size in bytes.
# TYPE tongban_process_resident_memory_bytes gauge
tongban_process_resident_memory_bytes{node="640104100000",tier="township"} 192192512

tongban_consumer_lag{topic="tongban.link.640104000000.640104100000",node="640104100000",tier="township"} 3
tongban_consumer_lag{topic="tongban.catalog",node="640104100000",tier="township"} 0
tongban_nodejs_eventloop_lag_p99_seconds{node="640104100000",tier="township"} 0.014172159
odd_metric NaN
plain_metric 42
<!doctype html>`;

describe('parseMetrics', () => {
  it('reads names, labels and values, passing over comments, blank lines, NaN and anything else', () => {
    const samples = parseMetrics(TEXT);
    expect(samples).toHaveLength(5);
    expect(samples[1]).toEqual({ name: 'tongban_consumer_lag', labels: { topic: 'tongban.link.640104000000.640104100000', node: '640104100000', tier: 'township' }, value: 3 });
    expect(metric(samples, 'tongban_process_resident_memory_bytes')).toBe(192192512);
    expect(metric(samples, 'tongban_nodejs_eventloop_lag_p99_seconds')).toBeCloseTo(0.014172159);
    expect(metric(samples, 'plain_metric')).toBe(42);
    expect(metric(samples, 'missing')).toBeUndefined();
  });

  it('finds nothing in a page that is not Prometheus text', () => {
    expect(parseMetrics('<!doctype html><html><body>console</body></html>')).toEqual([]);
  });

  it('unescapes quoted label values', () => {
    expect(parseMetrics('m{a="say \\"hi\\""} 1')[0]!.labels).toEqual({ a: 'say "hi"' });
  });
});

describe('duration', () => {
  it('gives the two largest units', () => {
    expect(duration(42, true)).toBe('42 秒');
    expect(duration(150, true)).toBe('2 分');
    expect(duration(3 * 3600 + 5 * 60, false)).toBe('3 h 5 min');
    expect(duration(2 * 86400 + 4 * 3600 + 59, true)).toBe('2 天 4 小时');
    expect(duration(undefined, true)).toBe('—');
  });
});
