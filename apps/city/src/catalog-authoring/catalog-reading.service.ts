import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { diffItems } from '#libs/catalog';
import type { CatalogAppliedPayload, EventEnvelope } from '#libs/contracts';
import { NotFoundError } from '#libs/domain';
import { NodeContext } from '#libs/node-kit';
import { CatalogAuthoringRepository } from './catalog-authoring.repository.js';

/** What the city reads of its catalog: items, revisions and their diff, versions, history, propagation. */
@Injectable()
export class CatalogReadingService {
  constructor(
    private readonly ctx: NodeContext,
    private readonly repo: CatalogAuthoringRepository,
  ) {}

  /** A node's report of the catalog versions it has applied whole (its sender known from its link). */
  recordApplied(env: EventEnvelope<CatalogAppliedPayload>, m: EntityManager): Promise<void> {
    return this.repo.saveNodeStatus(m, env.source, env.payload.cityVersion, env.payload.countyVersion, env.payload.liveItems, env.payload.appliedAt);
  }

  items() {
    return this.repo.items();
  }

  async revisions(code: string) {
    const list = await this.repo.revisions(code);
    if (list.length === 0) throw new NotFoundError(`事项 ${code} 尚未发布`, `item ${code} has never been published`);
    return list;
  }

  /** The changed fields between two revisions of an item (default: the last two). */
  async diff(code: string, from?: number, to?: number) {
    const list = await this.revisions(code);
    const b = to ?? list[list.length - 1]!.revision;
    const a = from ?? b - 1;
    const before = list.find((r) => r.revision === a);
    const after = list.find((r) => r.revision === b);
    if (!after) throw new NotFoundError(`事项 ${code} 没有第 ${b} 版`, `item ${code} has no revision ${b}`);
    return { code, from: before?.revision ?? null, to: after.revision, changes: diffItems(before?.data ?? {}, after.data) };
  }

  versions() {
    return this.repo.versions();
  }

  history(f: { code?: string; staffId?: string; from?: string; to?: string; limit: number; offset: number }) {
    return this.repo.history(f);
  }

  /** Per node: the version it applied, how far behind the current one it is, when it last reported. */
  async propagation() {
    const current = await this.repo.currentVersion();
    const statuses = new Map((await this.repo.nodeStatuses()).map((s) => [s.node, s]));
    const nodes = this.ctx.topology.topology.nodes.map((n) => {
      if (n.code === this.ctx.code) return { node: n.code, name: n.name, tier: n.tier, appliedVersion: current, behind: 0, liveItems: null, reportedAt: null };
      const s = statuses.get(n.code);
      return {
        node: n.code,
        name: n.name,
        tier: n.tier,
        appliedVersion: s?.cityVersion ?? 0,
        behind: current - (s?.cityVersion ?? 0),
        countyVersion: s?.countyVersion ?? null,
        liveItems: s?.liveItems ?? null,
        appliedAt: s?.appliedAt ?? null,
        reportedAt: s?.reportedAt ?? null,
      };
    });
    return { currentVersion: current, upToDate: nodes.filter((n) => n.behind === 0).length, nodes };
  }
}
