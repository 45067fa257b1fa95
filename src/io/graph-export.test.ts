import { describe, expect, it } from 'vitest';
import { findAll, parseXml } from '../../test/helpers/xml.ts';
import {
  declareAttributes,
  escapeXml,
  type GraphExport,
  toEdgesCsv,
  toGexf,
  toGraphml,
  toNodesCsv,
} from './graph-export.ts';

const tricky = 'R&D <Liège> "SA" l\'ASBL\u0001\u0008\tfin';

const graph: GraphExport = {
  nodes: [
    {
      id: 'a&b',
      label: tricky,
      attributes: {
        kind: 'enterprise',
        network: 'Skywin',
        province: 'Liège',
        community: 0,
        degree: 2,
        betweenness: 0.1 + 0.2,
        member: true,
        constraint: Number.NaN,
      },
    },
    {
      id: '<2>',
      attributes: {
        kind: 'university',
        network: null,
        province: 'Namur',
        community: 1,
        degree: 1,
        betweenness: 0,
        member: false,
        constraint: 1,
      },
    },
    {
      id: '3',
      label: 'Three',
      attributes: {
        kind: 'research_centre',
        network: 'BioWin',
        province: null,
        community: 1,
        degree: 1,
        betweenness: 0,
        member: false,
        constraint: 0.5,
      },
    },
  ],
  edges: [
    { source: 'a&b', target: '<2>', weight: 4 },
    { source: 'a&b', target: '3', weight: 0.5 },
  ],
};

const expectedTypes = [
  { name: 'kind', type: 'string' },
  { name: 'network', type: 'string' },
  { name: 'province', type: 'string' },
  { name: 'community', type: 'integer' },
  { name: 'degree', type: 'integer' },
  { name: 'betweenness', type: 'double' },
  { name: 'member', type: 'boolean' },
  { name: 'constraint', type: 'double' },
];

describe('escapeXml', () => {
  it('escapes the five XML characters, keeps tab and line breaks as references, drops controls', () => {
    expect(escapeXml(tricky)).toBe('R&amp;D &lt;Liège&gt; &quot;SA&quot; l&apos;ASBL&#9;fin');
    expect(escapeXml('a\r\nb\u0000\uFFFE\uD800c')).toBe('a&#13;&#10;bc');
    expect(escapeXml('😀')).toBe('😀');
  });
});

describe('declareAttributes', () => {
  it('infers the narrowest type holding every value, in order of first appearance', () => {
    expect(declareAttributes(graph.nodes)).toEqual(expectedTypes);
  });

  it('widens integer to double, long beyond 32 bits, mixed kinds to string', () => {
    const t = declareAttributes([
      { id: '1', attributes: { x: 1, big: 2 ** 40, mixed: 1, none: null } },
      { id: '2', attributes: { x: 1.5, big: 3, mixed: 'a', none: null } },
    ]);
    expect(t).toEqual([
      { name: 'x', type: 'double' },
      { name: 'big', type: 'long' },
      { name: 'mixed', type: 'string' },
      { name: 'none', type: 'string' },
    ]);
  });
});

describe('toGexf', () => {
  const xml = toGexf(graph, { description: 'Polaris <test>' });
  const doc = parseXml(xml);

  it('is well-formed GEXF 1.3, undirected', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<gexf xmlns="http://gexf.net/1.3"')).toBe(
      true,
    );
    expect(doc.name).toBe('gexf');
    expect(doc.attributes.version).toBe('1.3');
    const [g] = findAll(doc, 'graph');
    expect(g!.attributes.defaultedgetype).toBe('undirected');
    expect(findAll(doc, 'description')[0]!.text).toBe('Polaris <test>');
  });

  it('declares node attributes with their types', () => {
    const [attrs] = findAll(doc, 'attributes');
    expect(attrs!.attributes.class).toBe('node');
    expect(
      findAll(attrs!, 'attribute').map((a) => ({ name: a.attributes.title, type: a.attributes.type })),
    ).toEqual(expectedTypes);
  });

  it('writes nodes with escaped ids and labels, values in shortest round-trip form, missing values left out', () => {
    const nodes = findAll(doc, 'node');
    expect(nodes.map((n) => n.attributes.id)).toEqual(['a&b', '<2>', '3']);
    expect(nodes[0]!.attributes.label).toBe('R&D <Liège> "SA" l\'ASBL\tfin');
    expect(nodes[1]!.attributes.label).toBe('<2>');
    const values = (n: number) =>
      Object.fromEntries(findAll(nodes[n]!, 'attvalue').map((v) => [v.attributes.for, v.attributes.value]));
    // 0.1 + 0.2 is written as JavaScript and Python print it; NaN (constraint) is left out
    expect(values(0)).toEqual({
      '0': 'enterprise',
      '1': 'Skywin',
      '2': 'Liège',
      '3': '0',
      '4': '2',
      '5': '0.30000000000000004',
      '6': 'true',
    });
    expect(values(1)).toMatchObject({ '3': '1', '5': '0', '6': 'false', '7': '1' });
    expect(values(1)['1']).toBeUndefined();
  });

  it('writes weighted edges', () => {
    const edges = findAll(doc, 'edge');
    expect(edges.map((e) => e.attributes)).toEqual([
      { id: '0', source: 'a&b', target: '<2>', weight: '4' },
      { id: '1', source: 'a&b', target: '3', weight: '0.5' },
    ]);
  });

  it('is deterministic and leaves out attributes when there are none', () => {
    expect(toGexf(graph, { description: 'Polaris <test>' })).toBe(xml);
    const bare = parseXml(toGexf({ nodes: [{ id: 'x', attributes: {} }], edges: [] }));
    expect(findAll(bare, 'attributes')).toHaveLength(0);
    expect(findAll(bare, 'node')).toHaveLength(1);
  });
});

describe('toGraphml', () => {
  const xml = toGraphml(graph);
  const doc = parseXml(xml);

  it('is well-formed GraphML with typed keys and an edge weight key', () => {
    expect(doc.name).toBe('graphml');
    expect(doc.attributes.xmlns).toBe('http://graphml.graphdrawing.org/xmlns');
    const keys = findAll(doc, 'key').map((k) => [
      k.attributes.for,
      k.attributes['attr.name'],
      k.attributes['attr.type'],
    ]);
    expect(keys).toEqual([
      ['node', 'label', 'string'],
      ['node', 'kind', 'string'],
      ['node', 'network', 'string'],
      ['node', 'province', 'string'],
      ['node', 'community', 'int'],
      ['node', 'degree', 'int'],
      ['node', 'betweenness', 'double'],
      ['node', 'member', 'boolean'],
      ['node', 'constraint', 'double'],
      ['edge', 'weight', 'double'],
    ]);
    expect(findAll(doc, 'graph')[0]!.attributes.edgedefault).toBe('undirected');
  });

  it('writes node data and edge weights', () => {
    const nodes = findAll(doc, 'node');
    expect(nodes).toHaveLength(3);
    const data = Object.fromEntries(findAll(nodes[0]!, 'data').map((d) => [d.attributes.key, d.text]));
    expect(data).toMatchObject({
      label: 'R&D <Liège> "SA" l\'ASBL\tfin',
      d4: '2',
      d5: '0.30000000000000004',
    });
    expect(findAll(nodes[1]!, 'data').some((d) => d.attributes.key === 'label')).toBe(false);
    const edges = findAll(doc, 'edge');
    expect(edges.map((e) => [e.attributes.source, e.attributes.target, findAll(e, 'data')[0]!.text])).toEqual(
      [
        ['a&b', '<2>', '4'],
        ['a&b', '3', '0.5'],
      ],
    );
  });
});

describe('CSV node and edge lists', () => {
  it('plain: commas, dot decimals, quoted when needed, NaN and null empty', async () => {
    const csv = await toNodesCsv(graph);
    const lines = csv.split('\n');
    expect(lines[0]).toBe('id,label,kind,network,province,community,degree,betweenness,member,constraint');
    expect(lines[1]).toBe(
      'a&b,"R&D <Liège> ""SA"" l\'ASBL\u0001\u0008\tfin",enterprise,Skywin,Liège,0,2,0.30000000000000004,true,',
    );
    expect(lines[2]).toBe('<2>,<2>,university,,Namur,1,1,0,false,1');
    expect(await toEdgesCsv(graph)).toBe('source,target,weight\na&b,<2>,4\na&b,3,0.5\n');
  });

  it('excel: the Polaris list export conventions (BOM, semicolons, decimal comma, CRLF)', async () => {
    const csv = await toEdgesCsv(graph, 'excel');
    expect(csv).toBe('\uFEFFsource;target;weight\r\na&b;<2>;4\r\na&b;3;0,5\r\n');
    const nodes = await toNodesCsv(graph, 'excel');
    expect(nodes.split('\r\n')[3]).toBe('3;Three;research_centre;BioWin;;1;1;0;false;0,5');
  });

  it('leaves out the weight column of an unweighted graph', async () => {
    expect(await toEdgesCsv({ nodes: [], edges: [{ source: 'a', target: 'b' }] })).toBe(
      'source,target\na,b\n',
    );
  });
});

describe('the test XML reader (test/helpers/xml.ts) is strict', () => {
  it.each([
    '<a><b></a>',
    '<a x="1" x="2"/>',
    '<a x=1/>',
    '<a>R&D</a>',
    '<a>1 < 2</a>',
    '<a/><b/>',
    '<a>\u0001</a>',
    '<a>',
  ])('refuses %j', (xml) => expect(() => parseXml(xml)).toThrow());
});
