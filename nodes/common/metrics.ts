import type { Node } from 'node-red';
import type { HrStore, Labels } from '../../lib/store';
import type { MetricName } from '../../lib/health/metrics';

/**
 * Counts a health metric without ever failing the work it describes: a counter that cannot be
 * written is logged at debug level and dropped (the health monitor then sees a gap, not a crash).
 */
export function countMetric(node: Node, store: Pick<HrStore, 'count'>, name: MetricName, labels?: Labels, n = 1): void {
  store
    .count(name, labels, n)
    .catch((err: unknown) =>
      node.debug(`metric ${name} not counted: ${err instanceof Error ? err.message : String(err)}`),
    );
}
