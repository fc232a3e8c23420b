import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { OutboxService } from '#libs/backbone';
import { type CatalogItemInput, missingSettingProblems, validateCountyImplementation, validateCountyOnlyItem } from '#libs/catalog';
import { CatalogReplicaService } from '#libs/catalog-replica';
import {
  type Actor,
  CatalogItemPublishedPayload,
  CatalogVersionPublishedPayload,
  CountyItemPublishedEvent,
  catalogItemKey,
  CountyVersionPublishedEvent,
  ImplementationSetEvent,
  ImplementationSetPayload,
  VERSION_KEY,
} from '#libs/contracts';
import { NotFoundError, ValidationFailedError } from '#libs/domain';
import { Clock, NodeContext } from '#libs/node-kit';
import { ImplementationListRepository } from './implementation-list.repository.js';

/** A county's entry for a city item, as set. */
export interface ImplementationEntry {
  code: string;
  revision: number;
  settings: Record<string, unknown>;
}

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
    private readonly replica: CatalogReplicaService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  private actor(by: Editor): Actor {
    return by.id.startsWith('system:') ? { kind: 'system', id: by.id } : { kind: 'staff', id: by.id, role: by.role };
  }

  /**
   * Sets the county's entry for a city item. With `onlyIfUnset` (the demo seeder), an entry that
   * already exists is left as it is and `undefined` is returned: the check is made under the
   * publication lock, so a seeder never overwrites what staff set in the meantime.
   */
  async setImplementation(code: string, body: unknown, by: Editor): Promise<ImplementationEntry>;
  async setImplementation(code: string, body: unknown, by: Editor, options: { onlyIfUnset: true }): Promise<ImplementationEntry | undefined>;
  async setImplementation(code: string, body: unknown, by: Editor, options: { onlyIfUnset?: boolean } = {}): Promise<ImplementationEntry | undefined> {
    const live = await this.replica.liveCityItem(code);
    if (!live) throw new NotFoundError(`市级目录中没有在用事项 ${code}`, `no city item ${code} is in force`);
    const settings = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
    const problems = validateCountyImplementation(live.data as unknown as CatalogItemInput, { ...settings, countyCode: this.ctx.code, itemCode: code });
    if (problems.length === 0 && settings === body) problems.push(...missingSettingProblems(settings));
    if (typeof body !== 'object' || body === null || Array.isArray(body)) problems.push({ field: '', rule: 'isObject', message: '请求体必须是对象', messageEn: 'the body must be an object' });
    if (problems.length > 0) throw new ValidationFailedError(problems);
    return this.repo.transaction(async (m) => {
      const current = await this.replica.implementationRevision(m, code);
      if (options.onlyIfUnset && current > 0) return undefined;
      const revision = current + 1;
      await this.replica.applyImplementation(m, this.ctx.code, code, revision, settings);
      await this.repo.log(m, { staffId: by.id, staffRole: by.role, action: 'implementation-set', code, revision, details: settings });
      const payload = plainToInstance(ImplementationSetPayload, { code, revision, settings });
      await this.outbox.enqueue(m, [{ definition: ImplementationSetEvent, target: `area:${this.ctx.code}`, key: `impl:${code}`, keyVersion: revision, payload, actor: this.actor(by) }]);
      return { code, revision, settings };
    });
  }

  listImplementations() {
    return this.replica.implementations(this.ctx.code);
  }

  /** Publishes (or revises) a county-only item as the county catalog's next version. */
  async publishCountyItem(input: unknown, by: Editor): Promise<{ code: string; revision: number; countyVersion: number }> {
    const problems = validateCountyOnlyItem(this.ctx.code, input);
    if (problems.length > 0) throw new ValidationFailedError(problems);
    const item = input as CatalogItemInput;
    const code = item.implementationCode;
    return this.repo.transaction(async (m) => {
      const latest = await this.replica.latestRevision(m, this.ctx.code, code);
      // A new county item may not take a code of the unified catalog; one already published stays revisable.
      if (latest === undefined && (await this.replica.cityUsesCode(m, code))) {
        throw new ValidationFailedError([
          {
            field: 'implementationCode',
            rule: 'notCityCode',
            message: `实施编码 ${code} 已被市级统一目录的事项使用，县级特色事项请使用本县的实施编码`,
            messageEn: `implementationCode ${code} is used by an item of the city's unified catalog; give the county-only item a code of this county's own`,
          },
        ]);
      }
      const revision = (latest ?? 0) + 1;
      const version = (await this.replica.manifestVersion(m, this.ctx.code)) + 1;
      const effectiveFrom = item.effectiveFrom ? new Date(item.effectiveFrom).toISOString() : this.clock.now().toISOString();
      const status = item.status === 'suspended' || item.status === 'cancelled' ? item.status : 'active';
      const payload = plainToInstance(CatalogItemPublishedPayload, { catalogVersion: version, revision, status, effectiveFrom, item: { ...item, status, effectiveFrom } });
      await this.replica.applyItem(m, this.ctx.code, payload);
      const manifest = plainToInstance(CatalogVersionPublishedPayload, {
        version,
        effectiveFrom,
        publishedAt: new Date().toISOString(),
        items: await this.replica.revisionsNeeded(m, this.ctx.code, this.clock.now()),
      });
      await this.replica.applyManifest(m, this.ctx.code, manifest);
      await this.repo.log(m, { staffId: by.id, staffRole: by.role, action: 'county-item-published', code, revision, details: { countyVersion: version } });
      const actor = this.actor(by);
      const target = `area:${this.ctx.code}`;
      await this.outbox.enqueue(m, [{ definition: CountyItemPublishedEvent, target, key: catalogItemKey(code, revision, this.ctx.code), keyVersion: revision, payload, actor }]);
      await this.outbox.enqueue(m, [{ definition: CountyVersionPublishedEvent, target, key: `${VERSION_KEY}:${this.ctx.code}`, keyVersion: version, payload: manifest, actor }]);
      return { code, revision, countyVersion: version };
    });
  }

  listCountyItems() {
    return this.replica.originItems(this.ctx.code);
  }
}
