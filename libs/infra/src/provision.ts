import { type TopologyIndex } from '#libs/config';
import { accessGrantsFor, nodePrincipal, Topics, topicSpecsFor } from '#libs/contracts';
import { applyAclGrants, createKafka, ensureTopics, type KafkaCredentials } from '#libs/messaging';
import { upsertKafkaUsers } from './kafka-users.js';
import type { SecretStore } from './secrets.js';

export interface ProvisionOptions {
  brokers: string[];
  /** A principal allowed to create users, topics and ACLs. */
  admin: KafkaCredentials;
  tls?: boolean;
  prefix: string;
  topology: TopologyIndex;
  secrets: SecretStore;
  /** Only these nodes' users (all by default); topics and ACLs are always made for the whole topology. */
  codes?: string[];
  log?: (line: string) => void;
}

export interface ProvisionResult {
  users: number;
  topicsCreated: number;
  grants: number;
}

/**
 * Makes the broker ready for a deployment, idempotently: one SCRAM principal per node with its own
 * secret, every topic of the layout, and each node's ACLs (nothing more). Run by `up` at every
 * start, by `provision` after adding a node, and by the test harness.
 */
export async function provisionDeployment(o: ProvisionOptions): Promise<ProvisionResult> {
  const log = o.log ?? (() => undefined);
  const topics = new Topics(o.prefix);
  const codes = o.codes ?? o.topology.topology.nodes.map((n) => n.code);
  upsertKafkaUsers(
    o.brokers,
    o.admin,
    codes.map((code) => ({ name: nodePrincipal(o.prefix, code), password: o.secrets.node(o.prefix, code).kafkaPassword })),
    o.tls,
  );
  const kafka = createKafka({ brokers: o.brokers, clientId: 'tongban-provision', sasl: o.admin, tls: o.tls });
  const created = await ensureTopics(kafka, topicSpecsFor(topics, o.topology));
  const grants = o.topology.topology.nodes.flatMap((n) => accessGrantsFor(topics, o.topology, n.code));
  await applyAclGrants(kafka, grants);
  log(`  Broker provisioned: ${codes.length} node principals, ${created.length} new topics, ${grants.length} ACLs.`);
  return { users: codes.length, topicsCreated: created.length, grants: grants.length };
}

/** The Kafka part of one node's environment: its own principal and secret, nothing of any other node. */
export function nodeKafkaEnv(secrets: SecretStore, prefix: string, code: string): Record<string, string> {
  return {
    TONGBAN_KAFKA_SASL_MECHANISM: 'scram-sha-512',
    TONGBAN_KAFKA_USERNAME: nodePrincipal(prefix, code),
    TONGBAN_KAFKA_PASSWORD: secrets.node(prefix, code).kafkaPassword,
  };
}
