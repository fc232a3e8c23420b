import { TopologyIndex, validateTopology } from '#libs/config';
import { answeredSenderProblem, answerRoute, complaintProblem, filedRoute, filedSenderProblem, filedTarget, handlerFor, type RoutedComplaint } from './complaint-routing.js';

// 银川市 with 兴庆区 (掌政镇, 通贵乡), 永宁县 (杨和镇) and a township directly under the city (no county).
const CITY = '640100000000';
const XINGQING = '640104000000';
const ZHANGZHENG = '640104100000';
const TONGGUI = '640104200000';
const YONGNING = '640121000000';
const YANGHE = '640121100000';
const DIRECT_TOWN = '640100100000';

let port = 3000;
const node = (code: string, tier: string, parent?: string) => ({ code, name: `节点${code}`, tier, parent, httpPort: port++, database: `n${code}` });
const topology = new TopologyIndex(
  validateTopology({
    name: 'routing test',
    nodes: [
      node(CITY, 'city'),
      node(XINGQING, 'county', CITY),
      node(ZHANGZHENG, 'township', XINGQING),
      node(TONGGUI, 'township', XINGQING),
      node(YONGNING, 'county', CITY),
      node(YANGHE, 'township', YONGNING),
      node(DIRECT_TOWN, 'township', CITY),
    ],
  }),
);

const complaint = (takenAtNode: string, againstNode: string, over: Partial<RoutedComplaint> = {}): RoutedComplaint => ({
  number: `TS-${takenAtNode}-20270301-0001`,
  againstNode,
  takenAtNode,
  handlingNode: handlerFor(topology, againstNode)!,
  ...over,
});

describe('handlerFor: the supervising level', () => {
  it("hands a complaint against a township to its county", () => {
    expect(handlerFor(topology, ZHANGZHENG)).toBe(XINGQING);
    expect(handlerFor(topology, YANGHE)).toBe(YONGNING);
  });

  it('hands a complaint against a county, or against the city itself, to the city', () => {
    expect(handlerFor(topology, XINGQING)).toBe(CITY);
    expect(handlerFor(topology, CITY)).toBe(CITY);
  });

  it('hands a complaint against a township with no county to the city', () => {
    expect(handlerFor(topology, DIRECT_TOWN)).toBe(CITY);
  });

  it('knows no handler for a node outside the topology', () => {
    expect(handlerFor(topology, '640105000000')).toBeUndefined();
  });
});

describe('filedRoute and filedTarget: which channel complaint.filed takes', () => {
  it.each([
    ['a township counter, against itself', ZHANGZHENG, ZHANGZHENG, 'direct', XINGQING],
    ['a township counter, against a sibling township', ZHANGZHENG, TONGGUI, 'direct', XINGQING],
    ['a township counter, against its county (up its link, to the city)', ZHANGZHENG, XINGQING, 'direct', CITY],
    ['a township counter, against another county', ZHANGZHENG, YONGNING, 'direct', CITY],
    ['a township counter, against a cousin township', ZHANGZHENG, YANGHE, 'via_city', CITY],
    ['a county, against its own township (it handles it; the city gets a copy)', XINGQING, ZHANGZHENG, 'local', CITY],
    ['a county, against another county\'s township', XINGQING, YANGHE, 'via_city', CITY],
    ['a county, against another county', XINGQING, YONGNING, 'direct', CITY],
    ['the city, against a township', CITY, YANGHE, 'direct', YONGNING],
    ['the city, against a county', CITY, XINGQING, 'local', undefined],
    ['the city, against itself', CITY, CITY, 'local', undefined],
    ['a township under the city, against itself', DIRECT_TOWN, DIRECT_TOWN, 'direct', CITY],
  ])('taken at %s', (_what, takenAt, against, route, target) => {
    const handler = handlerFor(topology, against)!;
    expect(filedRoute(topology, takenAt, handler)).toBe(route);
    expect(filedTarget(topology, takenAt, handler)).toBe(target);
  });
});

describe('answerRoute: where complaint.answered goes', () => {
  it('sends a county\'s answer to the city and down to its township counter', () => {
    expect(answerRoute(topology, XINGQING, ZHANGZHENG)).toEqual({ targets: [CITY, ZHANGZHENG], cityForwards: false });
  });

  it('has the city forward a county\'s answer to a counter under another county', () => {
    expect(answerRoute(topology, YONGNING, ZHANGZHENG)).toEqual({ targets: [CITY], cityForwards: true });
    expect(answerRoute(topology, YONGNING, XINGQING)).toEqual({ targets: [CITY], cityForwards: true });
  });

  it('sends the city\'s answer straight to the taking node, and nowhere when the city took it', () => {
    expect(answerRoute(topology, CITY, YANGHE)).toEqual({ targets: [YANGHE], cityForwards: false });
    expect(answerRoute(topology, CITY, CITY)).toEqual({ targets: [], cityForwards: false });
  });

  it('sends only to the city when the handler took the complaint itself', () => {
    expect(answerRoute(topology, XINGQING, XINGQING)).toEqual({ targets: [CITY], cityForwards: false });
  });
});

describe('what a receiver believes', () => {
  it('accepts a well-formed complaint and names what is wrong with a bad one', () => {
    expect(complaintProblem(topology, complaint(ZHANGZHENG, ZHANGZHENG))).toBeUndefined();
    expect(complaintProblem(topology, complaint(ZHANGZHENG, ZHANGZHENG, { number: 'TS-640104200000-20270301-0001' }))).toMatch(/numbered at 640104200000/);
    expect(complaintProblem(topology, complaint(ZHANGZHENG, ZHANGZHENG, { handlingNode: CITY }))).toMatch(/handled by 640104000000/);
    expect(complaintProblem(topology, complaint(ZHANGZHENG, '640105100000', { handlingNode: CITY }))).toMatch(/not in the topology/);
    expect(complaintProblem(topology, complaint(ZHANGZHENG, ZHANGZHENG, { number: 'nonsense' }))).toMatch(/not a complaint number/);
  });

  it('takes complaint.filed from the taking node, on its route only', () => {
    const c = complaint(ZHANGZHENG, TONGGUI);
    expect(filedSenderProblem(topology, c, ZHANGZHENG, XINGQING)).toBeUndefined();
    expect(filedSenderProblem(topology, c, ZHANGZHENG, CITY)).toMatch(/sends it to 640104000000/);
    expect(filedSenderProblem(topology, c, TONGGUI, XINGQING)).toMatch(/neither took/);
  });

  it('takes a forwarded complaint.filed from the city only where there is no other way', () => {
    const cousin = complaint(ZHANGZHENG, YANGHE);
    expect(filedSenderProblem(topology, cousin, ZHANGZHENG, CITY)).toBeUndefined();
    expect(filedSenderProblem(topology, cousin, CITY, YONGNING)).toBeUndefined();
    expect(filedSenderProblem(topology, cousin, CITY, YANGHE)).toMatch(/forwards complaint/);
    expect(filedSenderProblem(topology, complaint(ZHANGZHENG, TONGGUI), CITY, XINGQING)).toMatch(/nor may forward/);
  });

  it('takes complaint.answered from the handler only, or from the city passing it on', () => {
    const own = complaint(ZHANGZHENG, ZHANGZHENG);
    expect(answeredSenderProblem(topology, own, XINGQING, ZHANGZHENG)).toBeUndefined();
    expect(answeredSenderProblem(topology, own, XINGQING, CITY)).toBeUndefined();
    expect(answeredSenderProblem(topology, own, ZHANGZHENG, CITY)).toMatch(/only the handler/);
    expect(answeredSenderProblem(topology, own, CITY, ZHANGZHENG)).toMatch(/only the handler/);
    const cousin = complaint(ZHANGZHENG, YANGHE);
    expect(answeredSenderProblem(topology, cousin, CITY, ZHANGZHENG)).toBeUndefined();
    expect(answeredSenderProblem(topology, cousin, YONGNING, ZHANGZHENG)).toMatch(/sends the answer to 640100000000, not/);
  });
});
