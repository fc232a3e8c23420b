import { fileURLToPath } from 'node:url';
import { loadTopology } from '#libs/config';
import { NodeSelectionError, selectNodes } from './node-selection.js';

const demo = loadTopology(fileURLToPath(new URL('../../../topology/demo.yaml', import.meta.url)));
const codes = (list: string) => selectNodes(demo, list).map((n) => n.code);

describe('up --only', () => {
  it('takes node codes, in topology order, each once', () => {
    expect(codes('640121100000, 640100000000,640100000000')).toEqual(['640100000000', '640121100000']);
  });

  it('takes area:<code> as that node and every node under it', () => {
    expect(codes('640100000000,area:640104000000')).toEqual(['640100000000', '640104000000', '640104100000', '640104200000']);
    expect(codes('area:640100000000')).toHaveLength(demo.nodes.length);
  });

  it('refuses an empty list, a malformed entry and a code the topology does not have, naming each', () => {
    expect(() => selectNodes(demo, ' , ')).toThrow(NodeSelectionError);
    expect(() => selectNodes(demo, 'city,640199000000')).toThrow('--only: "city" is neither a 12-digit node code nor area:<code>; 640199000000 is not a node of topology "银川市演示网络"');
  });
});
