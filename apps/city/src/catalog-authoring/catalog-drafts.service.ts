import { Injectable } from '@nestjs/common';
import { validateCatalogItem } from '#libs/catalog';
import { NotFoundError, ValidationFailedError } from '#libs/domain';
import { CatalogAuthoringRepository } from './catalog-authoring.repository.js';

export interface Author {
  id: string;
  role?: string;
}

/** Drafts of items: saved only when valid; a draft never touches the published catalog. */
@Injectable()
export class CatalogDraftsService {
  constructor(private readonly repo: CatalogAuthoringRepository) {}

  async save(code: string, input: unknown, by: Author): Promise<{ code: string; status: 'draft' }> {
    const problems = validateCatalogItem(input);
    const bodyCode = (input as { implementationCode?: unknown } | null)?.implementationCode;
    if (bodyCode !== undefined && bodyCode !== code) {
      problems.push({ field: 'implementationCode', rule: 'matchesPath', message: `实施编码 ${String(bodyCode)} 与地址中的 ${code} 不一致`, messageEn: `implementationCode ${String(bodyCode)} differs from ${code} in the path` });
    }
    if (problems.length > 0) throw new ValidationFailedError(problems);
    await this.repo.transaction(async (m) => {
      const existing = await this.repo.draft(code, m);
      await this.repo.saveDraft(m, code, input, by.id);
      await this.repo.log(m, { staffId: by.id, staffRole: by.role, action: existing ? 'draft-updated' : 'draft-created', code });
    });
    return { code, status: 'draft' };
  }

  async get(code: string) {
    const d = await this.repo.draft(code);
    if (!d) throw new NotFoundError(`没有事项 ${code} 的草稿`, `no draft of item ${code}`);
    return d;
  }

  list() {
    return this.repo.drafts();
  }

  async discard(code: string, by: Author): Promise<void> {
    await this.repo.transaction(async (m) => {
      if (!(await this.repo.deleteDraft(m, code))) throw new NotFoundError(`没有事项 ${code} 的草稿`, `no draft of item ${code}`);
      await this.repo.log(m, { staffId: by.id, staffRole: by.role, action: 'draft-discarded', code });
    });
  }
}
