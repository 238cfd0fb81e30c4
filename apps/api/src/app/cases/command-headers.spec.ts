import { ValidationFailed } from '../errors/validation-failed';
import { parseCommandHeaders } from './command-headers';

describe('command headers', () => {
  it('reads If-Match as the expected case version, in the forms an ETag comes in', () => {
    expect(parseCommandHeaders({ 'if-match': '"7"' })).toEqual({ expectedVersion: 7 });
    expect(parseCommandHeaders({ 'if-match': 'W/"7"' })).toEqual({ expectedVersion: 7 });
    expect(parseCommandHeaders({ 'if-match': '7' })).toEqual({ expectedVersion: 7 });
    expect(parseCommandHeaders({ 'if-match': '*' })).toEqual({});
  });

  it('passes an Idempotency-Key through', () => {
    expect(parseCommandHeaders({ 'idempotency-key': '5b1f0a3e-1c2d-4e5f-8a9b-0c1d2e3f4a5b' })).toEqual({ idempotencyKey: '5b1f0a3e-1c2d-4e5f-8a9b-0c1d2e3f4a5b' });
    expect(parseCommandHeaders({})).toEqual({});
  });

  it('rejects malformed headers, naming each', () => {
    let error: unknown;
    try {
      parseCommandHeaders({ 'if-match': '"seven"', 'idempotency-key': 'x'.repeat(256) });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationFailed);
    expect((error as ValidationFailed).errors.map((e) => e.field)).toEqual(['Idempotency-Key', 'If-Match']);
  });
});
