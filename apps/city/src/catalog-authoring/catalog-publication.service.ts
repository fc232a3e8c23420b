import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { OutboxService } from '#libs/backbone';
import { type CatalogItemInput, compareLevels, type DecisionLevel, validateCatalogItem } from '#libs/catalog';
import { CatalogReplicaService, CITY_ORIGIN } from '#libs/catalog-replica';
import {
  type Actor,
  CatalogItemPublishedEvent,
  CatalogItemPublishedPayload,
  catalogItemKey,
  CatalogVersionPublishedEvent,
  CatalogVersionPublishedPayload,
  type PublishedStatus,
  VERSION_KEY,
} from '#libs/contracts';
import { type FieldProblem, ValidationFailedError } from '#libs/domain';
import { Clock } from '#libs/node-kit';
import { CatalogAuthoringRepository, type Revision } from './catalog-authoring.repository.js';
import type { Author } from './catalog-drafts.service.js';
import type { PublishVersionDto } from './dto/publish-version.dto.js';

const STATUS_OF = { publish: 'active', cancel: 'cancelled', suspend: 'suspended', reactivate: 'active', delegate: 'delegated' } as const;
/** A version may be dated a little in the past (clocks differ), never more. */
const PAST_TOLERANCE_MS = 5 * 60 * 1000;

export interface PublishedVersion {
  version: number;
  effectiveFrom: string;
  changes: Array<{ code: string; action: string; revision: number; status: PublishedStatus }>;
}

/**
 * Publishes a version: a set of changes that takes effect together. Everything is checked first;
 * then, in one transaction, the revisions, the version, the change log, the city's own copy and
 * the outgoing events are written, so a version is published whole or not at all.
 */
@Injectable()
export class CatalogPublicationService {
  constructor(
    private readonly repo: CatalogAuthoringRepository,
    private readonly replica: CatalogReplicaService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  async publish(dto: PublishVersionDto, by: Author): Promise<PublishedVersion> {
    const now = this.clock.now();
    const effectiveFrom = dto.effectiveFrom ? new Date(dto.effectiveFrom).toISOString() : now.toISOString();
    return this.repo.transaction(async (m) => {
      await this.repo.lockPublication(m);
      const problems: FieldProblem[] = [];
      if (Date.parse(effectiveFrom) < now.getTime() - PAST_TOLERANCE_MS) {
        problems.push({ field: 'effectiveFrom', rule: 'notInPast', message: '生效时间不能早于当前时间', messageEn: 'effectiveFrom must not be in the past' });
      }
      const version = (await this.repo.currentVersion(m)) + 1;
      const revisions: Revision[] = [];
      const seen = new Set<string>();
      for (const [i, c] of dto.changes.entries()) {
        const at = `changes[${i}]`;
        const bad = (rule: string, zh: string, en: string, field = 'code'): void => void problems.push({ field: `${at}.${field}`, rule, message: zh, messageEn: en });
        if (seen.has(c.code)) {
          bad('unique', `事项 ${c.code} 在本次发布中出现了两次`, `item ${c.code} appears twice in this version`);
          continue;
        }
        seen.add(c.code);
        const latest = await this.repo.latest(c.code, m);
        let data: Record<string, unknown>;
        if (c.action === 'publish') {
          const draft = await this.repo.draft(c.code, m);
          if (!draft) {
            bad('hasDraft', `事项 ${c.code} 没有可发布的草稿`, `item ${c.code} has no draft to publish`);
            continue;
          }
          data = draft.data;
        } else {
          if (!latest) {
            bad('isPublished', `事项 ${c.code} 尚未发布`, `item ${c.code} has never been published`);
            continue;
          }
          data = { ...latest.data };
          if (c.action === 'reactivate' && latest.status !== 'suspended') bad('isSuspended', `只有暂停的事项可以恢复（${c.code} 为 ${latest.status}）`, `only a suspended item can be reactivated (${c.code} is ${latest.status})`, 'action');
          if ((c.action === 'cancel' || c.action === 'suspend' || c.action === 'delegate') && latest.status === 'cancelled') bad('notCancelled', `事项 ${c.code} 已取消`, `item ${c.code} is cancelled`, 'action');
          if (c.action === 'delegate') {
            const from = data.decisionLevel as DecisionLevel;
            if (!c.toLevel || compareLevels(c.toLevel, from) >= 0) {
              bad('lowerLevel', `下放须指定低于现决定层级（${from}）的层级`, `delegate needs a toLevel below the current decision level (${from})`, 'toLevel');
              continue;
            }
            const intake = new Set([...((data.intakeLevels as DecisionLevel[]) ?? []), c.toLevel]);
            data = { ...data, decisionLevel: c.toLevel, intakeLevels: [...intake].filter((l) => compareLevels(l, c.toLevel!) <= 0) };
          }
        }
        const status = STATUS_OF[c.action];
        data = { ...data, status: status === 'delegated' ? 'delegated' : status, effectiveFrom };
        for (const p of validateCatalogItem(data)) problems.push({ ...p, field: `${at}.item.${p.field}` });
        revisions.push({ code: c.code, revision: (latest?.revision ?? 0) + 1, version, status, effectiveFrom, data });
      }
      if (problems.length > 0) throw new ValidationFailedError(problems);

      await this.repo.insertVersion(m, version, effectiveFrom, by.id, dto.note, dto.changes);
      const actor: Actor = { kind: 'staff', id: by.id, role: by.role };
      const itemEvents = [];
      for (const [i, r] of revisions.entries()) {
        await this.repo.insertRevision(m, r);
        if (dto.changes[i]!.action === 'publish') await this.repo.deleteDraft(m, r.code);
        const previousRevision = r.revision > 1 ? r.revision - 1 : undefined;
        await this.repo.log(m, { staffId: by.id, staffRole: by.role, action: dto.changes[i]!.action, code: r.code, version, details: { revision: r.revision, status: r.status, reason: dto.changes[i]!.reason, previousRevision } });
        const payload = plainToInstance(CatalogItemPublishedPayload, { catalogVersion: version, revision: r.revision, status: r.status, effectiveFrom, item: r.data as unknown as CatalogItemInput });
        await this.replica.applyItem(m, CITY_ORIGIN, payload);
        itemEvents.push({ definition: CatalogItemPublishedEvent, target: '*', key: catalogItemKey(r.code, r.revision), keyVersion: r.revision, payload, actor });
      }
      const manifest = plainToInstance(CatalogVersionPublishedPayload, { version, effectiveFrom, publishedAt: new Date().toISOString(), note: dto.note, items: await this.repo.manifest(m, this.clock.now()) });
      await this.replica.applyManifest(m, CITY_ORIGIN, manifest);
      await this.repo.log(m, { staffId: by.id, staffRole: by.role, action: 'version-published', version, details: { effectiveFrom, changes: revisions.length, note: dto.note } });
      const events = await this.outbox.enqueue(m, itemEvents);
      await this.outbox.enqueue(m, [{ definition: CatalogVersionPublishedEvent, target: '*', key: VERSION_KEY, keyVersion: version, payload: manifest, actor, correlationId: events[0]?.correlationId }]);
      return { version, effectiveFrom, changes: revisions.map((r, i) => ({ code: r.code, action: dto.changes[i]!.action, revision: r.revision, status: r.status as PublishedStatus })) };
    });
  }
}
