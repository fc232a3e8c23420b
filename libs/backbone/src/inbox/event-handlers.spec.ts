import { CatalogAppliedEvent, CatalogItemPublishedEvent, CountyItemPublishedEvent, PingEvent } from '#libs/contracts';
import { EventHandlers } from './event-handlers.js';

describe('EventHandlers', () => {
  const definitions = [PingEvent, CatalogItemPublishedEvent, CountyItemPublishedEvent, CatalogAppliedEvent];
  const noop = async (): Promise<void> => undefined;

  it("names every type a tier receives that has no handler, so the node refuses to start", () => {
    const sut = new EventHandlers();
    sut.on(PingEvent, noop);

    expect(sut.uncovered(definitions, 'township')).toEqual(['catalog.item-published', 'catalog.county-item-published']);
    expect(sut.uncovered(definitions, 'city')).toEqual(['status.catalog-applied']);
  });

  it('counts a type declared ignored as covered, and skips it without error', async () => {
    const sut = new EventHandlers();
    sut.on(PingEvent, noop);
    sut.on(CatalogItemPublishedEvent, noop);
    sut.ignore(CountyItemPublishedEvent, 'this test node keeps no county catalog');

    expect(sut.uncovered(definitions, 'township')).toEqual([]);
    await expect(sut.get('catalog.county-item-published')!({} as never, {} as never)).resolves.toBeUndefined();
  });

  it('keeps observers apart from handlers: observing a type is not handling it', () => {
    const sut = new EventHandlers();
    sut.observe(CatalogAppliedEvent, noop);

    expect(sut.get('status.catalog-applied')).toBeUndefined();
    expect(sut.observer('status.catalog-applied')).toBe(noop);
    expect(sut.uncovered(definitions, 'city')).toEqual(['diagnostics.ping', 'status.catalog-applied']);
  });

  it('refuses a second handler for the same type', () => {
    const sut = new EventHandlers();
    sut.on(PingEvent, noop);

    expect(() => sut.on(PingEvent, noop)).toThrow('A handler for diagnostics.ping is registered twice.');
  });
});
