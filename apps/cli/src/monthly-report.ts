import { writeFileSync } from 'node:fs';
import type { NetworkSettings } from './settings.js';
import { atCity } from './sign-in.js';

/**
 * `tongban monthly-report --month 2026-11 --format pdf`: the city's monthly assessment report (效能月度通报)
 * as a PDF or an Excel workbook, written to a file.
 */
export async function monthlyReport(s: NetworkSettings, month: string, format: 'pdf' | 'xlsx', out: string | undefined, login = 'coordinator'): Promise<number> {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) {
    process.stderr.write(`--month must be YYYY-MM, not ${month}.\n`);
    return 2;
  }
  return atCity(s, login, async (base, headers) => {
    const res = await fetch(`${base}/assessment/months/${month}/report.${format}`, { headers, signal: AbortSignal.timeout(120000) });
    if (!res.ok) {
      const body = (await res.json().catch(() => ({}))) as { message?: string; messageEn?: string };
      process.stderr.write(`The city refused the report: ${body.message ?? ''} (${body.messageEn ?? res.status})\n`);
      return 1;
    }
    const file = out ?? `monthly-report-${month}.${format}`;
    const bytes = Buffer.from(await res.arrayBuffer());
    writeFileSync(file, bytes);
    process.stdout.write(`Wrote ${file} (${bytes.length.toLocaleString('en')} bytes).\n`);
    return 0;
  });
}
