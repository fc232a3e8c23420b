import { EmbeddedKafkaCluster } from './embedded-kafka-cluster.js';

const secrets = { kafkaAdminPassword: 'admin-secret', kafkaBrokerPassword: 'broker-secret', kafkaControllerPassword: 'controller-secret' };

function props(text: string): Map<string, string> {
  return new Map(text.split('\n').filter((l) => l.includes('=')).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
}

describe('EmbeddedKafkaCluster', () => {
  const cluster = new EmbeddedKafkaCluster({ basePort: 41600, dataDir: '/tmp/tongban-cluster-spec', secrets });

  it('gives each of its three nodes a broker port and the controller port after it', () => {
    expect(cluster.brokers).toEqual(['127.0.0.1:41600', '127.0.0.1:41602', '127.0.0.1:41604']);
    expect(cluster.nodes.map((n) => [n.id, n.controllerPort])).toEqual([[1, 41601], [2, 41603], [3, 41605]]);
  });

  it('makes every node a broker and a voter of one three-controller quorum', () => {
    for (let i = 0; i < 3; i++) {
      const p = props(cluster.properties(i));
      expect(p.get('node.id')).toBe(String(i + 1));
      expect(p.get('process.roles')).toBe('broker,controller');
      expect(p.get('controller.quorum.voters')).toBe('1@127.0.0.1:41601,2@127.0.0.1:41603,3@127.0.0.1:41605');
      expect(p.get('advertised.listeners')).toBe(`BROKER://127.0.0.1:${41600 + 2 * i}`);
    }
  });

  it('replicates every topic three times, needs two in sync for a write, and never elects a replica that was behind', () => {
    const p = props(cluster.properties(0));
    expect(Object.fromEntries(['default.replication.factor', 'min.insync.replicas', 'offsets.topic.replication.factor', 'transaction.state.log.replication.factor', 'transaction.state.log.min.isr', 'unclean.leader.election.enable'].map((k) => [k, p.get(k)]))).toEqual({
      'default.replication.factor': '3',
      'min.insync.replicas': '2',
      'offsets.topic.replication.factor': '3',
      'transaction.state.log.replication.factor': '3',
      'transaction.state.log.min.isr': '2',
      'unclean.leader.election.enable': 'false',
    });
  });

  it('has the single broker\'s security: SCRAM on the broker listener, PLAIN with a config-only secret on the controller, ACLs, no anonymous super user', () => {
    const p = props(cluster.properties(1));
    expect(p.get('listener.security.protocol.map')).toBe('BROKER:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT');
    expect(p.get('listener.name.broker.sasl.enabled.mechanisms')).toBe('SCRAM-SHA-512');
    expect(p.get('listener.name.controller.sasl.enabled.mechanisms')).toBe('PLAIN');
    expect(p.get('authorizer.class.name')).toBe('org.apache.kafka.metadata.authorizer.StandardAuthorizer');
    expect(p.get('allow.everyone.if.no.acl.found')).toBe('false');
    expect(p.get('super.users')).toBe('User:broker;User:controller;User:admin');
    expect(p.get('auto.create.topics.enable')).toBe('false');
    expect(p.get('listener.name.controller.plain.sasl.jaas.config')).toContain('user_controller="controller-secret"');
  });
});
