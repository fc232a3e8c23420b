import { formatCaseNumber } from '#libs/cases';
import type { DrawCandidate } from '../draw.js';

/**
 * Candidates for a draw: `count` closed cases decided at each node, numbered as taken in at that
 * node on days of one month (`2026-11` by default), each a valid case number.
 */
export function makeDrawCandidates(perNode: Record<string, number>, month = '2026-11'): DrawCandidate[] {
  const out: DrawCandidate[] = [];
  for (const [node, count] of Object.entries(perNode)) {
    for (let i = 0; i < count; i++) {
      const day = String((i % 28) + 1).padStart(2, '0');
      out.push({ caseNumber: formatCaseNumber({ nodeCode: node, date: `${month}-${day}`, sequence: Math.floor(i / 28) + 1 }), decidingNode: node });
    }
  }
  return out;
}
