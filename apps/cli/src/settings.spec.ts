import { networkSettings } from './settings.js';

describe('network settings: the embedded Kafka', () => {
  it('is one broker unless TONGBAN_EMBEDDED_KAFKA_BROKERS asks for the three-broker cluster', () => {
    expect(networkSettings({}).kafkaBrokers).toBe(1);
    expect(networkSettings({ TONGBAN_EMBEDDED_KAFKA_BROKERS: '1' }).kafkaBrokers).toBe(1);
    expect(networkSettings({ TONGBAN_EMBEDDED_KAFKA_BROKERS: '3' }).kafkaBrokers).toBe(3);
  });

  it('refuses any other number of brokers, naming the variable', () => {
    for (const v of ['2', '5', 'three']) {
      expect(() => networkSettings({ TONGBAN_EMBEDDED_KAFKA_BROKERS: v })).toThrow(/TONGBAN_EMBEDDED_KAFKA_BROKERS must be 1 .* or 3/);
    }
  });
});
