import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import type { EntityManager } from 'typeorm';
import { OutboxService } from '#libs/backbone';
import {
  CatalogAppliedEvent,
  CatalogAppliedPayload,
  type CatalogItemPublishedPayload,
  type CatalogVersionPublishedPayload,
} from '#libs/contracts';
import { NodeContext } from '#libs/node-kit';
import { CatalogReplicaRepository } from './catalog-replica.repository.js';
import { CITY_ORIGIN } from './origin.js';

export { CITY_ORIGIN };

/**
 * Keeps this node's copy of the catalog: applies item revisions, version manifests and county
 * settings as they arrive (or as this node publishes them), and reports to the city each time a
 * whole version has been applied.
 */
@Injectable()
export class CatalogReplicaService implements OnApplicationBootstrap {
  constructor(
    private readonly ctx: NodeContext,
    private readonly outbox: OutboxService,
    private readonly repo: CatalogReplicaRepository,
  ) {}

  /** The county whose catalog this node follows: itself (a county) or its parent (a township under one). */
  get county(): string | undefined {
    if (this.ctx.tier === 'county') return this.ctx.code;
    const parent = this.ctx.self.parent ? this.ctx.topology.get(this.ctx.self.parent) : undefined;
    return this.ctx.tier === 'township' && parent?.tier === 'county' ? parent.code : undefined;
  }

  /**
   * At start, checks again whether a version held whole was recorded as applied and reported: the
   * record is written with the last event of a version, and this makes it whole again should that
   * ever have been missed (a node stopped at the wrong moment, an older release).
   */
  async onApplicationBootstrap(): Promise<void> {
    for (const origin of await this.repo.manifestOrigins()) {
      await this.repo.transaction(async (m) => {
        await this.repo.lockOrigin(m, origin);
        await this.afterChange(m, origin);
      });
    }
  }

  async applyItem(m: EntityManager, origin: string, p: CatalogItemPublishedPayload): Promise<void> {
    await this.repo.lockOrigin(m, origin);
    if (await this.repo.saveRevision(m, origin, p)) await this.afterChange(m, origin);
  }

  async applyManifest(m: EntityManager, origin: string, p: CatalogVersionPublishedPayload): Promise<void> {
    await this.repo.lockOrigin(m, origin);
    if (await this.repo.saveManifest(m, origin, p)) await this.afterChange(m, origin);
  }

  async applyImplementation(m: EntityManager, county: string, code: string, revision: number, settings: Record<string, unknown>): Promise<void> {
    await this.repo.saveImplementation(m, county, code, revision, settings);
  }

  /** The city's item with this code in force here, if any (what a county's implementation list refines). */
  async liveCityItem(code: string) {
    return (await this.repo.findLive(code)).find((r) => r.origin === CITY_ORIGIN);
  }

  /** Every item with this code in force here (the city's first, then a county's own), with this county's settings. */
  liveItems(code: string) {
    return this.repo.findLive(code);
  }

  /** Whether the unified catalog has ever published this code (in force or not) as far as this node knows. */
  async cityUsesCode(m: EntityManager, code: string): Promise<boolean> {
    return (await this.repo.latestRevision(m, CITY_ORIGIN, code)) !== undefined;
  }

  latestRevision(m: EntityManager, origin: string, code: string): Promise<number | undefined> {
    return this.repo.latestRevision(m, origin, code);
  }

  manifestVersion(m: EntityManager, origin: string): Promise<number> {
    return this.repo.manifestVersion(m, origin);
  }

  /** The manifest entries of an origin's next version: per item, the revision in force now and every future-dated one. */
  revisionsNeeded(m: EntityManager, origin: string, now: Date) {
    return this.repo.revisionsNeeded(m, origin, now);
  }

  originItems(origin: string) {
    return this.repo.originItems(origin);
  }

  implementationRevision(m: EntityManager, code: string): Promise<number> {
    return this.repo.implementationRevision(m, code);
  }

  implementations(county: string) {
    return this.repo.implementations(county);
  }

  /** When a whole version is now here, record it and tell the city (in the same transaction). */
  private async afterChange(m: EntityManager, origin: string): Promise<void> {
    const advanced = await this.repo.advanceApplied(m, origin);
    if (advanced === undefined || this.ctx.tier === 'city') return;
    const versions = await this.repo.appliedVersions(m);
    const county = this.county;
    const payload = plainToInstance(CatalogAppliedPayload, {
      cityVersion: versions[CITY_ORIGIN] ?? 0,
      countyVersion: county ? (versions[county] ?? 0) : undefined,
      county,
      liveItems: await this.repo.countLive(m),
      appliedAt: new Date().toISOString(),
    });
    await this.outbox.enqueue(m, [{ definition: CatalogAppliedEvent, target: this.ctx.topology.city.code, key: this.ctx.code, payload, actor: { kind: 'system', id: 'catalog-replica' } }]);
    this.ctx.logger.info({ origin, version: advanced }, `catalog version ${advanced} of ${origin} applied`);
  }
}
