/**
 * Crash points for reliability tests. A node started with TONGBAN_FAULTS naming a point kills
 * itself with SIGKILL when it reaches it, exactly as a power cut would: no cleanup runs.
 * `point@event.type` arms it only when the work at hand includes an event of that type, so a
 * node's own start-up traffic does not set it off. Unset in production; an unknown point is
 * refused at start.
 */
export const FAULT_POINTS = ['relay.before-publish', 'relay.after-publish-before-mark', 'inbox.after-apply-before-commit'] as const;
export type FaultPoint = (typeof FAULT_POINTS)[number];

const armed = new Map<string, string | undefined>();
for (const spec of (process.env.TONGBAN_FAULTS ?? '').split(',').filter(Boolean)) {
  const [point, type] = spec.split('@') as [string, string | undefined];
  if (!(FAULT_POINTS as readonly string[]).includes(point)) throw new Error(`TONGBAN_FAULTS names an unknown fault point: ${point}`);
  armed.set(point, type);
}

/** Crashes here if this point is armed (and, when armed for a type, `types` includes it). */
export function crashPoint(point: FaultPoint, types: readonly string[] = []): void {
  if (!armed.has(point)) return;
  const type = armed.get(point);
  if (type === undefined || types.includes(type)) process.kill(process.pid, 'SIGKILL');
}
