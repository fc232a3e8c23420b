import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { OutboxService } from '#libs/backbone';
import { type CatalogItemInput, missingSettingProblems, validateCountyImplementation, validateCountyOnlyItem } from '#libs/catalog';
import { CatalogReplicaRepository, CatalogReplicaService } from '#libs/catalog-replica';
import {
  type Actor,
  CatalogItemPublishedPayload,
  CatalogVersionPublishedPayload,
  CountyItemPublishedEvent,
  CountyVersionPublishedEvent,
  ImplementationSetEvent,
  ImplementationSetPayload,
  VERSION_KEY,
} from '#libs/contracts';
import { ConflictError, NotFoundError, ValidationFailedError } from '#libs/domain';
import { Clock, NodeContext } from '#libs/node-kit';
import { ImplementationListRepository } from './implementation-list.repository.js';

export interface Editor {
  id: string;
  role?: string;
}

/**
 * The county's implementation list (实施清单): its own committed limit, place, hours, phones and
 * notes on top of the city's items, and its county-only items. Both reach this county's townships
 * only, on the county's compacted catalog topic.
 */
@Injectable()
export class ImplementationListService {
  constructor(
    private readonly ctx: NodeContext,
    private readonly repo: ImplementationListRepository,
    private readonly replicaRepo: CatalogReplicaRepository,
    private readonly replica: CatalogReplicaService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  private actor(by: Editor): Actor {
    return by.id.startsWith('system:') ? { kind: 'system', id: by.id } : { kind: 'staff', id: by.id, role: by.role };
  }

  async setImplementation(code: string, body: unknown, by: Editor): Promise<{ code: string; revision: number; settings: Record<string, unknown> }> {
    const live = await this.replicaRepo.findLive(code);
    if (!live || live.origin !== 'city') throw new NotFoundError(`市级目录中没有在用事项 ${code}`, `no city item ${code} is in force`);
    const settings = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
    const problems = validateCountyImplementation(live.data as unknown as CatalogItemInput, { ...settings, countyCode: this.ctx.code, itemCode: code });
    if (problems.length === 0 && settings === body) problems.push(...missingSettingProblems(settings));
    if (typeof body !== 'object' || body === null || Array.isArray(body)) problems.push({ field: '', rule: 'isObject', message: '请求体必须是对象', messageEn: 'the body must be an object' });
    if (problems.length > 0) throw new ValidationFailedError(problems);
    return this.repo.transaction(async (m) => {
      const revision = (await this.repo.implementationRevision(m, code)) + 1;
      await this.replica.applyImplementation(m, this.ctx.code, code, revision, settings);
      await this.repo.log(m, { staffId: by.id, staffRole: by.role, action: 'implementation-set', code, revision, details: settings });
      const payload = plainToInstance(ImplementationSetPayload, { code, revision, settings });
      await this.outbox.enqueue(m, [{ definition: ImplementationSetEvent, target: `area:${this.ctx.code}`, key: `impl:${code}`, keyVersion: revision, payload, actor: this.actor(by) }]);
      return { code, revision, settings };
    });
  }

  listImplementations() {
    return this.repo.implementations(this.ctx.code);
  }

  /** Publishes (or revises) a county-only item as the county catalog's next version. */
  async publishCountyItem(input: unknown, by: Editor): Promise<{ code: string; revision: number; countyVersion: number }> {
    const problems = validateCountyOnlyItem(this.ctx.code, input);
    if (problems.length > 0) throw new ValidationFailedError(problems);
    const item = input as CatalogItemInput;
    const code = item.implementationCode;
    return this.repo.transaction(async (m) => {
      const latest = await this.repo.latestCountyRevision(m, code);
      if (latest && latest.origin !== this.ctx.code) throw new ConflictError(`事项编码 ${code} 已属于市级目录`, `item code ${code} belongs to the city catalog`);
      const revision = (latest?.revision ?? 0) + 1;
      const version = (await this.repo.countyVersion(m, this.ctx.code)) + 1;
      const effectiveFrom = item.effectiveFrom ? new Date(item.effectiveFrom).toISOString() : this.clock.now().toISOString();
      const status = item.status === 'suspended' || item.status === 'cancelled' ? item.status : 'active';
      const payload = plainToInstance(CatalogItemPublishedPayload, { catalogVersion: version, revision, status, effectiveFrom, item: { ...item, status, effectiveFrom } });
      await this.replica.applyItem(m, this.ctx.code, payload);
      const manifest = plainToInstance(CatalogVersionPublishedPayload, {
        version,
        effectiveFrom,
        publishedAt: new Date().toISOString(),
        items: [...(await this.repo.countyManifest(m, this.ctx.code))],
      });
      await this.replica.applyManifest(m, this.ctx.code, manifest);
      await this.repo.log(m, { staffId: by.id, staffRole: by.role, action: 'county-item-published', code, revision, details: { countyVersion: version } });
      const actor = this.actor(by);
      const target = `area:${this.ctx.code}`;
      await this.outbox.enqueue(m, [{ definition: CountyItemPublishedEvent, target, key: code, keyVersion: revision, payload, actor }]);
      await this.outbox.enqueue(m, [{ definition: CountyVersionPublishedEvent, target, key: `${VERSION_KEY}:${this.ctx.code}`, keyVersion: version, payload: manifest, actor }]);
      return { code, revision, countyVersion: version };
    });
  }

  listCountyItems() {
    return this.repo.countyItems(this.ctx.code);
  }
}
