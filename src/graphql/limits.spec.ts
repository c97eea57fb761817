import { buildSchema, parse } from 'graphql';
import { cachedQueryCost, queryCost } from './limits.js';

// Issue 16: the cost is remembered per document and the values of the variables an estimator can
// read; it must always equal the cost computed afresh.
describe('cachedQueryCost', () => {
  const schema = buildSchema(`
    input SubmitInput { title: String!, first: Int }
    type Item { id: Int, name: String }
    type ItemConnection { edges: [Item] }
    type Query { items(first: Int = 20, query: String): ItemConnection }
    type Mutation { submit(input: SubmitInput!): Item }
  `);

  it('follows the page size, the search text and @include given as variables', () => {
    const doc = parse('query($n: Int!, $q: String, $more: Boolean!) { items(first: $n, query: $q) { edges { id name @include(if: $more) } } }');
    const cases = [
      { n: 1, q: null, more: true },
      { n: 100, q: null, more: true },
      { n: 100, q: null, more: false },
      { n: 100, q: '公交', more: false },
      { n: 1, q: null, more: true },
    ];
    const costs = cases.map((v) => cachedQueryCost(schema, doc, v));
    expect(costs).toEqual(cases.map((v) => queryCost(schema, doc, v)));
    expect(new Set(costs).size).toBe(4);
  });

  it('leaves input-object variables out of the key: a fresh mutation input costs the same', () => {
    const doc = parse('mutation($input: SubmitInput!) { submit(input: $input) { id } }');
    const a = cachedQueryCost(schema, doc, { input: { title: 'a', first: 1 } });
    const b = cachedQueryCost(schema, doc, { input: { title: 'b', first: 99 } });
    expect(a).toBe(queryCost(schema, doc, { input: { title: 'a' } }));
    expect(b).toBe(a);
  });

  it('stays bounded with many distinct values (search words)', () => {
    const doc = parse('query($q: String) { items(query: $q) { edges { id } } }');
    for (let i = 0; i < 500; i++) expect(cachedQueryCost(schema, doc, { q: `w${i}` })).toBe(queryCost(schema, doc, { q: `w${i}` }));
  });
});
