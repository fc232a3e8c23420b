import { Injectable } from '@nestjs/common';
import type { CatalogItemInput } from '#libs/catalog';
import { importOutcome, readCatalogWorkbook, type WorkbookProblem, writeCatalogWorkbook } from '#libs/catalog-workbook';
import { DomainError } from '#libs/domain';
import { Clock } from '#libs/node-kit';
import { CatalogAuthoringRepository } from './catalog-authoring.repository.js';
import type { Author } from './catalog-drafts.service.js';

/** More problems than this are counted but not listed (a workbook of 20 000 wrong rows would make a huge answer). */
export const MAX_LISTED_PROBLEMS = 5000;

/** A workbook with any problem: nothing is imported, and every problem is listed with where it is. */
export class CatalogImportInvalidError extends DomainError {
  readonly code = 'CATALOG_IMPORT_INVALID';
  readonly status = 400;

  constructor(problems: WorkbookProblem[]) {
    super(`工作簿中有 ${problems.length} 处问题，未导入任何内容：请按清单修改后重新导入`, `The workbook has ${problems.length} problem(s); nothing was imported: correct them and import again`, {
      problemCount: problems.length,
      truncated: problems.length > MAX_LISTED_PROBLEMS,
      problems: problems.slice(0, MAX_LISTED_PROBLEMS),
    });
  }
}

export interface ImportSummary {
  total: number;
  createdCount: number;
  updatedCount: number;
  unchangedCount: number;
  /** Codes of the items that got a new draft, whose draft changed, and whose row matched. */
  created: string[];
  updated: string[];
  unchanged: string[];
}

/**
 * The catalog as a workbook, both ways. An import reads every row through the catalog's own
 * validation (the draft API's) and, only when no row has a problem, turns the rows into drafts in
 * one transaction (see importOutcome: created, updated or unchanged). An export is the published
 * catalog in the same layout, so it imports back unchanged.
 */
@Injectable()
export class CatalogImportService {
  constructor(
    private readonly repo: CatalogAuthoringRepository,
    private readonly clock: Clock,
  ) {}

  async import(bytes: Buffer, by: Author): Promise<ImportSummary> {
    const { items, problems } = await readCatalogWorkbook(bytes);
    if (problems.length > 0) throw new CatalogImportInvalidError(problems);
    return this.repo.transaction(async (m) => {
      const out: Pick<ImportSummary, 'created' | 'updated' | 'unchanged'> = { created: [], updated: [], unchanged: [] };
      for (const item of items) {
        const code = item.implementationCode;
        const draft = await this.repo.draft(code, m);
        const outcome = importOutcome(item, draft?.data, draft ? undefined : (await this.repo.latest(code, m))?.data);
        out[outcome].push(code);
        if (outcome === 'unchanged') continue;
        await this.repo.saveDraft(m, code, item, by.id);
        await this.repo.log(m, { staffId: by.id, staffRole: by.role, action: outcome === 'created' ? 'draft-created' : 'draft-updated', code, details: { source: 'import' } });
      }
      const summary: ImportSummary = { total: items.length, createdCount: out.created.length, updatedCount: out.updated.length, unchangedCount: out.unchanged.length, ...out };
      await this.repo.log(m, {
        staffId: by.id,
        staffRole: by.role,
        action: 'drafts-imported',
        details: { total: summary.total, created: summary.createdCount, updated: summary.updatedCount, unchanged: summary.unchangedCount },
      });
      return summary;
    });
  }

  /** The newest revision of every published item (cancelled and suspended ones too, with their status), as a workbook. */
  async export(): Promise<{ bytes: Buffer; version: number; items: number }> {
    const [revisions, version] = await Promise.all([this.repo.newestRevisions(), this.repo.currentVersion()]);
    const items = revisions.map((r) => r.data as unknown as CatalogItemInput);
    const bytes = await writeCatalogWorkbook(items, { title: `统一审批目录（第 ${version} 版）`, createdAt: this.clock.now() });
    return { bytes, version, items: items.length };
  }
}
