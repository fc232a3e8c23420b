import { useEffect, useState } from 'react';
import { api, ApiError } from '../../lib/api';
import type { MatterDetail, MatterSummary, Page } from './types';

export interface MatterFilters {
  q: string;
  department?: string;
  level?: string;
  page: number;
  pageSize: number;
}

/** The value, once it has stopped changing for `ms`. */
export function useDebounced<T>(value: T, ms = 300): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setV(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return v;
}

/** Searches this node's replica of the catalog (GET /public/catalog/items): the matters in force here. */
export function useMatterSearch(f: MatterFilters) {
  const [data, setData] = useState<Page<MatterSummary>>({ items: [], total: 0 });
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const { q, department, level, page, pageSize } = f;
  useEffect(() => {
    let live = true;
    setLoading(true);
    api<Page<MatterSummary>>('/public/catalog/items', { anonymous: true, query: { q: q.trim() || undefined, department, level, page, pageSize } })
      .then((d) => {
        if (!live) return;
        setData(d);
        setError(null);
      })
      .catch((e: unknown) => live && setError(e instanceof ApiError ? e : new ApiError(0, 'NETWORK', '无法连接本节点', 'The node cannot be reached')))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [q, department, level, page, pageSize]);
  return { data, loading, error };
}

/** One matter with its checklist (GET /public/catalog/items/:code), the city's unless origin says county. */
export function useMatter(code: string | null, origin: string | null) {
  const [matter, setMatter] = useState<MatterDetail | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    if (!code) {
      setMatter(null);
      return;
    }
    let live = true;
    setLoading(true);
    api<MatterDetail>(`/public/catalog/items/${encodeURIComponent(code)}`, { anonymous: true, query: { origin: origin === 'county' ? 'county' : undefined } })
      .then((m) => {
        if (!live) return;
        setMatter(m);
        setError(null);
      })
      .catch((e: unknown) => {
        if (!live) return;
        setMatter(null);
        setError(e instanceof ApiError ? e : new ApiError(0, 'NETWORK', '无法连接本节点', 'The node cannot be reached'));
      })
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [code, origin]);
  return { matter, loading, error };
}

/** The departments with matters in force here, for the filter. */
export function useDepartments() {
  const [list, setList] = useState<Array<{ name: string; items: number }>>([]);
  useEffect(() => {
    let live = true;
    api<Array<{ name: string; items: number }>>('/public/catalog/departments', { anonymous: true })
      .then((d) => live && setList(d))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return list;
}

/** Every matter in force here, in pages of 100 (for the case list's matter filter). */
export function useAllMatters() {
  const [list, setList] = useState<MatterSummary[]>([]);
  useEffect(() => {
    let live = true;
    void (async () => {
      const all: MatterSummary[] = [];
      for (let page = 1; page <= 20; page++) {
        const d = await api<Page<MatterSummary>>('/public/catalog/items', { anonymous: true, query: { page, pageSize: 100 } });
        all.push(...d.items);
        if (all.length >= d.total || d.items.length === 0) break;
      }
      if (live) setList(all);
    })().catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return list;
}
