/**
 * Crash points for reliability tests. A node started with TONGBAN_FAULTS naming a point kills
 * itself with SIGKILL when it reaches it, exactly as a power cut would: no cleanup runs.
 * Unset in production; an unknown name is refused at start.
 */
export const FAULT_POINTS = ['relay.before-publish', 'relay.after-publish-before-mark', 'inbox.after-apply-before-commit'] as const;
export type FaultPoint = (typeof FAULT_POINTS)[number];

const armed = new Set<string>((process.env.TONGBAN_FAULTS ?? '').split(',').filter(Boolean));
for (const f of armed) if (!(FAULT_POINTS as readonly string[]).includes(f)) throw new Error(`TONGBAN_FAULTS names an unknown fault point: ${f}`);

export function crashPoint(point: FaultPoint): void {
  if (armed.has(point)) process.kill(process.pid, 'SIGKILL');
}
