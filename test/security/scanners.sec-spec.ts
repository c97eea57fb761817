import { LeakScanner, PiiScanner } from './lib/scanners.js';

// The scanners decide the pii and leaks figures: they must see what they look for and no more.
describe('personal-data and internals scanners', () => {
  it('finds a phone number standing alone, not masked ones, decimals, ids or echoes', () => {
    const pii = new PiiScanner();
    expect(pii.scan('{"phone":"13812345678"}', 'response')).toBe(1);
    expect(pii.scan('电话13912345678，谢谢', 'response')).toBe(1);
    for (const clean of ['{"phoneMasked":"138****5678"}', '"responseTime":277.18284699996', 'id 113812345678', '1795738652798', '"x-request-id":"7bd87085-097b-48e1-9b6d-53272d7bd896"', 'JY20260000123'])
      expect(pii.scan(clean, 'response')).toBe(0);
    expect(pii.scan('Variable got invalid value "13612345678"', 'response', '{"phone":"13612345678"}')).toBe(0);
    expect(pii.hits).toBe(2);
  });

  it('counts a one-time code once the codes sent are known, before or after it was seen', () => {
    const pii = new PiiScanner();
    pii.scan('{"msg":"code 482913 sent"}', 'log');
    pii.scan('{"totalCount":100000}', 'response');
    expect(pii.hits).toBe(0);
    expect(pii.settleCodes(['482913', '555555'])).toBe(1);
    pii.scan('again 482913', 'log');
    expect(pii.hits).toBe(2);
    // A code's digits inside a request id or a decimal are not the code.
    pii.scan('{"reqId":"36296bab-e8a1-4dc7-94c8-482913e8fd65","responseTime":1.482913}', 'log');
    expect(pii.hits).toBe(2);
  });

  it('finds stack frames, SQL and paths, not the request’s own text', () => {
    const leaks = new LeakScanner();
    expect(leaks.scan('Error\n    at Foo.bar (/work/main/src/x.ts:10:5)', 'r')).toBe(true);
    expect(leaks.scan('SqliteError: no such column: Infinity', 'r')).toBe(true);
    expect(leaks.scan('QueryFailedError: ER_DUP_ENTRY', 'r')).toBe(true);
    expect(leaks.scan('SELECT "s"."id" FROM "suggestions" "s" failed', 'r')).toBe(true);
    expect(leaks.scan('Please select a unit from the list', 'r')).toBe(false);
    expect(leaks.scan('{"message":"Internal server error (request abc)"}', 'r')).toBe(false);
    expect(leaks.scan('got invalid value "SELECT name FROM units"', 'r', '{"q":"SELECT name FROM units"}')).toBe(false);
    expect(leaks.leaks).toBe(4);
  });
});
