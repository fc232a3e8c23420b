import { useEffect, useState } from 'react';
import { api } from './api';
import type { Tier } from './session';

export interface NetworkNode {
  code: string;
  name: string;
  tier: Tier;
  parent: string | null;
}

let cache: Promise<NetworkNode[]> | null = null;

/** The network's centres (GET /public/network), fetched once per page load. */
export function loadNetwork(): Promise<NetworkNode[]> {
  cache ??= api<NetworkNode[]>('/public/network', { anonymous: true }).catch((e: unknown) => {
    cache = null;
    throw e;
  });
  return cache;
}

/** The centres, and a function naming a node code (the code itself until the list arrives). */
export function useNetwork(): { nodes: NetworkNode[]; nameOf: (code: string | null | undefined) => string } {
  const [nodes, setNodes] = useState<NetworkNode[]>([]);
  useEffect(() => {
    let live = true;
    loadNetwork()
      .then((n) => live && setNodes(n))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  const byCode = new Map(nodes.map((n) => [n.code, n.name]));
  return { nodes, nameOf: (code) => (code ? (byCode.get(code) ?? code) : '—') };
}
