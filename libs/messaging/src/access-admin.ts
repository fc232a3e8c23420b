import kafkajs, { type Kafka } from 'kafkajs';

// kafkajs is CommonJS, and Node's named-export detection misses these enums: read them off the default export.
const { AclOperationTypes, AclPermissionTypes, AclResourceTypes, ResourcePatternTypes } = kafkajs;

/** One allow rule for the broker's authorizer (the shape `accessGrantsFor` in contracts produces). */
export interface AclGrant {
  principal: string;
  resource: 'topic' | 'group' | 'cluster';
  name: string;
  pattern: 'literal' | 'prefixed';
  operation: 'read' | 'write' | 'describe' | 'idempotent-write';
}

const RESOURCE = { topic: AclResourceTypes.TOPIC, group: AclResourceTypes.GROUP, cluster: AclResourceTypes.CLUSTER } as const;
const PATTERN = { literal: ResourcePatternTypes.LITERAL, prefixed: ResourcePatternTypes.PREFIXED } as const;
const OPERATION = {
  read: AclOperationTypes.READ,
  write: AclOperationTypes.WRITE,
  describe: AclOperationTypes.DESCRIBE,
  'idempotent-write': AclOperationTypes.IDEMPOTENT_WRITE,
} as const;

/**
 * Creates the ACLs (with an admin client). Creating a rule that exists already changes nothing, so
 * this is safe to run again on every start and after adding a node.
 */
export async function applyAclGrants(kafka: Kafka, grants: AclGrant[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    for (let i = 0; i < grants.length; i += 500) {
      await admin.createAcls({
        acl: grants.slice(i, i + 500).map((g) => ({
          resourceType: RESOURCE[g.resource],
          resourceName: g.name,
          resourcePatternType: PATTERN[g.pattern],
          principal: g.principal,
          host: '*',
          operation: OPERATION[g.operation],
          permissionType: AclPermissionTypes.ALLOW,
        })),
      });
    }
  } finally {
    await admin.disconnect();
  }
}
