import { BadRequestException } from '@nestjs/common';
import { ValidationFailed } from '../errors/validation-failed';
import { checkInput } from './check-input';
import { INPUT_LIMITS } from './input-limits';
import { parseJsonBody, scanJsonShape, wasChecked } from './json-body';

const bytes = (text: string) => Buffer.from(text, 'utf8');

function refusal(body: Buffer): ValidationFailed | BadRequestException {
  try {
    parseJsonBody(body);
  } catch (error) {
    if (error instanceof ValidationFailed || error instanceof BadRequestException) return error;
    throw error;
  }
  throw new Error('expected the body to be refused');
}

describe('the JSON body parser', () => {
  it('parses a valid body and marks it checked', () => {
    const body = parseJsonBody(bytes('{"type":"RECORD_REQUEST_DETAILS","reasonForRequest":"Seán\\nmisses school"}'));
    expect(body).toEqual({ type: 'RECORD_REQUEST_DETAILS', reasonForRequest: 'Seán\nmisses school' });
    expect(wasChecked(body)).toBe(true);
    expect(wasChecked({ ...(body as object) })).toBe(false);
  });

  it('refuses bytes that are not UTF-8 instead of replacing them with U+FFFD', () => {
    expect(refusal(Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d])).message).toBe('The body is not valid UTF-8: send JSON text encoded as UTF-8.');
    // A surrogate encoded in UTF-8 form (CESU-8) is not UTF-8 either.
    expect(refusal(Buffer.from([0x22, 0xed, 0xa0, 0x80, 0x22]))).toBeInstanceOf(BadRequestException);
  });

  it('refuses an empty body and text that is not JSON, saying what to send', () => {
    expect(refusal(bytes('  ')).message).toMatch(/^The body is empty/);
    expect(refusal(bytes('{"type": ')).message).toMatch(/^The body is not valid JSON \(.+\): send a JSON object\.$/);
  });

  it('refuses a \\u escape of a lone surrogate, which JSON.parse would let through', () => {
    expect((refusal(bytes('{"reasonForRequest":"a\\ud800b"}')) as ValidationFailed).errors).toEqual([
      { field: 'reasonForRequest', problems: [expect.stringContaining('a lone surrogate (U+D800) at character 2')] },
    ]);
    expect((refusal(bytes('{"name":"\\u0000"}')) as ValidationFailed).errors[0]?.field).toBe('name');
  });
});

describe('the shape of JSON text is read before JSON.parse builds it', () => {
  const deep = (depth: number, open = '{"a":', close = '}') => `${open.repeat(depth)}1${close.repeat(depth)}`;

  it('finds what checkInput finds on the parsed value, with the same words', () => {
    const bodies = [
      deep(INPUT_LIMITS.depth),
      deep(INPUT_LIMITS.depth + 1),
      deep(10_000),
      deep(10_000, '[', ']'),
      JSON.stringify({ child: Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`k${i}`, i])) }),
      JSON.stringify({ list: new Array(1001).fill('x') }),
      JSON.stringify(Array.from({ length: 100 }, () => Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`k${i}`, true])))),
      JSON.stringify(Array.from({ length: 30 }, () => new Array(1000).fill(null))),
      JSON.stringify({ text: 'a "quoted" \\ back\\\\slash', list: [[], {}, [1, [2, [3]]], -1.5e3, false] }),
      JSON.stringify('just text'),
    ];
    for (const text of bodies) {
      const parsed: unknown = JSON.parse(text);
      expect({ text: text.slice(0, 40), problem: scanJsonShape(text) }).toEqual({ text: text.slice(0, 40), problem: checkInput(parsed)[0] });
    }
  });

  it('stops at the first limit passed: what follows is never read', () => {
    // 80,000 fields in under 1 MB; here the text after the 65th is not even JSON.
    const fields = Array.from({ length: 65 }, (_, i) => `"k${i}":0`).join(',');
    expect(scanJsonShape(`{${fields},${'garbage'.repeat(100_000)}`)).toEqual({ field: '', problems: ['the input has more than 64 fields; an object may have at most 64'] });
    expect(scanJsonShape(`${'['.repeat(11)}${'x'.repeat(1_000_000)}`)?.problems).toEqual([expect.stringContaining('nested more than 10 levels')]);
  });

  it('counts only what is structure, not brackets, quotes or commas inside text', () => {
    const tricky = JSON.stringify({ a: '{{{{{{{{{{{{[[[[[[[[[[[,,,,,,:::: \\" \\\\', b: ['}]', '"', '\\'] });
    expect(scanJsonShape(tricky)).toBeUndefined();
  });
});
