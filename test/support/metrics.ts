// Reads Prometheus text format back with a parser from npm, for the metrics tests.
import parse from 'parse-prometheus-text-format';

export interface Metrics {
  /** The value of `name` with exactly these labels (all of them, when given); undefined when absent. */
  value(name: string, labels?: Record<string, string>): number | undefined;
  names(): string[];
}

export function parseMetrics(text: string): Metrics {
  const families = parse(text);
  return {
    value(name, labels = {}) {
      const family = families.find((f) => f.name === name);
      const sample = family?.metrics.find((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v));
      return sample ? Number(sample.value) : undefined;
    },
    names: () => families.map((f) => f.name),
  };
}
