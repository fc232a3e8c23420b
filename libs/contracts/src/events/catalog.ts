import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsISO8601, IsObject, IsOptional, IsString, Matches, MaxLength, Min, ValidateNested } from 'class-validator';
import { CatalogItemInput } from '#libs/catalog';
import { defineEvent } from '../registry.js';

export const PUBLISHED_STATUSES = ['active', 'suspended', 'cancelled', 'delegated'] as const;
export type PublishedStatus = (typeof PUBLISHED_STATUSES)[number];

/** The key of a catalog's version manifest on its compacted topic. */
export const VERSION_KEY = '__version__';

/**
 * The key of one item revision on a compacted catalog topic. Each revision is its own record, so
 * compaction never drops the revision in force while a future-dated one is the item's newest; a
 * county's items carry the county, so they never share a key (nor an inbox key version) with the
 * city's item of the same code.
 */
export function catalogItemKey(code: string, revision: number, county?: string): string {
  return county ? `${county}/${code}@${revision}` : `${code}@${revision}`;
}

/** One revision of one item, complete, so that the compacted topic's latest record is the item. */
export class CatalogItemPublishedPayload {
  /** The catalog version that published this revision. */
  @IsInt()
  @Min(1)
  catalogVersion: number;

  @IsInt()
  @Min(1)
  revision: number;

  @IsIn(PUBLISHED_STATUSES)
  status: PublishedStatus;

  @IsISO8601({ strict: true })
  effectiveFrom: string;

  @IsObject()
  @ValidateNested()
  @Type(() => CatalogItemInput)
  item: CatalogItemInput;
}

export class ManifestEntry {
  @IsString()
  @MaxLength(24)
  code: string;

  @IsInt()
  @Min(1)
  revision: number;
}

/**
 * The whole catalog as of a version: per item, the revision in force at publication and every newer
 * (future-dated) one — what a node must hold to serve the version from then on.
 */
export class CatalogVersionPublishedPayload {
  @IsInt()
  @Min(1)
  version: number;

  @IsISO8601({ strict: true })
  effectiveFrom: string;

  @IsISO8601({ strict: true })
  publishedAt: string;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;

  @IsArray()
  @ArrayMaxSize(20000)
  @ValidateNested({ each: true })
  @Type(() => ManifestEntry)
  items: ManifestEntry[];
}

/** A county's own settings for a city item (实施清单): committed limit, place, hours, phones, notes. */
export class ImplementationSetPayload {
  @IsString()
  @MaxLength(24)
  code: string;

  @IsInt()
  @Min(1)
  revision: number;

  @IsObject()
  settings: Record<string, unknown>;
}

export class CatalogAppliedPayload {
  /** The city catalog version this node has applied whole. */
  @IsInt()
  @Min(0)
  cityVersion: number;

  /** Its county's catalog version applied (counties and their townships). */
  @IsOptional()
  @IsInt()
  @Min(0)
  countyVersion?: number;

  @IsInt()
  @Min(0)
  liveItems: number;

  @IsISO8601({ strict: true })
  appliedAt: string;

  @IsOptional()
  @Matches(/^\d{12}$/)
  county?: string;
}

export const CatalogItemPublishedEvent = defineEvent({
  type: 'catalog.item-published',
  schemaVersion: 1,
  payload: CatalogItemPublishedPayload,
  senders: ['city'],
  receivers: ['county', 'township'],
  channel: 'catalog',
});

export const CatalogVersionPublishedEvent = defineEvent({
  type: 'catalog.version-published',
  schemaVersion: 1,
  payload: CatalogVersionPublishedPayload,
  senders: ['city'],
  receivers: ['county', 'township'],
  channel: 'catalog',
});

export const CountyItemPublishedEvent = defineEvent({
  type: 'catalog.county-item-published',
  schemaVersion: 1,
  payload: CatalogItemPublishedPayload,
  senders: ['county'],
  receivers: ['township'],
  channel: 'county-catalog',
});

export const CountyVersionPublishedEvent = defineEvent({
  type: 'catalog.county-version-published',
  schemaVersion: 1,
  payload: CatalogVersionPublishedPayload,
  senders: ['county'],
  receivers: ['township'],
  channel: 'county-catalog',
});

export const ImplementationSetEvent = defineEvent({
  type: 'catalog.implementation-set',
  schemaVersion: 1,
  payload: ImplementationSetPayload,
  senders: ['county'],
  receivers: ['township'],
  channel: 'county-catalog',
});

/** A node tells the city which catalog version it has applied. */
export const CatalogAppliedEvent = defineEvent({
  type: 'status.catalog-applied',
  schemaVersion: 1,
  payload: CatalogAppliedPayload,
  senders: ['county', 'township'],
  receivers: ['city'],
  channel: 'link',
});
