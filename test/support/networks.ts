import type { TestClock } from './clock.js';
import { DEMO_ENV } from './staff.js';
import { TestNetwork, type TestNodeSpec } from './test-network.js';

/** The demo's path from a township to the city: 掌政镇 under 兴庆区 under 银川. */
export const XINGQING_PATH: TestNodeSpec[] = [
  { code: '640100000000', tier: 'city', name: '银川市民大厅' },
  { code: '640104000000', tier: 'county', parent: '640100000000', name: '兴庆区政务服务中心' },
  { code: '640104100000', tier: 'township', parent: '640104000000', name: '掌政镇便民服务中心' },
];

/** A demo network (demo accounts) of the city, 兴庆区 and 掌政镇, plus `more`, its time moved by `clock`. */
export function clockedNetwork(clock: TestClock, more: TestNodeSpec[] = []): TestNetwork {
  return new TestNetwork([...XINGQING_PATH, ...more], { ...DEMO_ENV, ...clock.env() });
}
