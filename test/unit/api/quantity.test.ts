import { describe, expect, it } from 'vitest';
import {
  canonicalQuantity,
  ERR_FORMAT_WRONG,
  ERR_SUFFIX,
  formatQuantity,
  parseQuantity,
  QuantityParseError,
  tryParseQuantity,
} from '../../../src/api/quantity.js';

// mirrors TestQuantityParse (parse then canonical String()) in
// staging/src/k8s.io/apimachinery/pkg/api/resource/quantity_test.go
describe('parseQuantity + canonical form (TestQuantityParse / TestQuantityString)', () => {
  const cases: Array<[string, string, string]> = [
    ['0', '0', 'DecimalSI'],
    ['0n', '0', 'DecimalSI'],
    ['0Ki', '0', 'BinarySI'],
    ['1Ki', '1Ki', 'BinarySI'],
    ['8Ki', '8Ki', 'BinarySI'],
    ['7Mi', '7Mi', 'BinarySI'],
    ['6Gi', '6Gi', 'BinarySI'],
    ['5Ti', '5Ti', 'BinarySI'],
    ['4Pi', '4Pi', 'BinarySI'],
    ['3Ei', '3Ei', 'BinarySI'],
    ['10Ti', '10Ti', 'BinarySI'],
    ['100Ti', '100Ti', 'BinarySI'],
    ['5n', '5n', 'DecimalSI'],
    ['4u', '4u', 'DecimalSI'],
    ['3m', '3m', 'DecimalSI'],
    ['9', '9', 'DecimalSI'],
    ['8k', '8k', 'DecimalSI'],
    ['50k', '50k', 'DecimalSI'],
    ['7M', '7M', 'DecimalSI'],
    ['6G', '6G', 'DecimalSI'],
    ['5T', '5T', 'DecimalSI'],
    ['40T', '40T', 'DecimalSI'],
    ['300T', '300T', 'DecimalSI'],
    ['2P', '2P', 'DecimalSI'],
    ['1E', '1E', 'DecimalSI'],
    ['1E-3', '1e-3', 'DecimalExponent'],
    ['1e3', '1e3', 'DecimalExponent'],
    ['1e6', '1e6', 'DecimalExponent'],
    ['1e14', '100e12', 'DecimalExponent'],
    ['100.035k', '100035', 'DecimalSI'],
    ['0.001', '1m', 'DecimalSI'],
    ['0.0005k', '500m', 'DecimalSI'],
    ['0.5', '500m', 'DecimalSI'],
    ['0.00050k', '500m', 'DecimalSI'],
    ['0.5e0', '500e-3', 'DecimalExponent'],
    ['0.5e-1', '50e-3', 'DecimalExponent'],
    ['10.035M', '10035k', 'DecimalSI'],
    ['1.2e3', '1200', 'DecimalExponent'],
    ['1.3E+6', '1300e3', 'DecimalExponent'],
    ['9.01', '9010m', 'DecimalSI'],
    ['8.1k', '8100', 'DecimalSI'],
    ['7.123456M', '7123456', 'DecimalSI'],
    ['6.987654321G', '6987654321', 'DecimalSI'],
    ['5.444T', '5444G', 'DecimalSI'],
    ['1.01E', '1010P', 'DecimalSI'],
    ['3.001n', '4n', 'DecimalSI'],
    ['1.1E-9', '2e-9', 'DecimalExponent'],
    ['0.0000000001', '1n', 'DecimalSI'],
    ['0.9n', '1n', 'DecimalSI'],
    ['0.00000012345', '124n', 'DecimalSI'],
    ['9Ei', '9223372036854775807', 'BinarySI'],
    ['12E', '12E', 'DecimalSI'],
    ['100.035Ki', '102435840m', 'BinarySI'],
    ['0.5Mi', '512Ki', 'BinarySI'],
    ['0.000000000001Ki', '2n', 'DecimalSI'],
    ['.001', '1m', 'DecimalSI'],
    ['.0001k', '100m', 'DecimalSI'],
    ['1.', '1', 'DecimalSI'],
    ['1.G', '1G', 'DecimalSI'],
    ['1.5Gi', '1536Mi', 'BinarySI'],
    ['1000m', '1', 'DecimalSI'],
    ['-1', '-1', 'DecimalSI'],
    ['+2k', '2k', 'DecimalSI'],
  ];
  for (const [input, canonical, format] of cases) {
    it(`${input} -> ${canonical}`, () => {
      const q = parseQuantity(input);
      expect(formatQuantity(q)).toBe(canonical);
      expect(q.format).toBe(format);
    });
  }
});

// mirrors the invalid inputs of TestQuantityParse
describe('parseQuantity errors (ErrFormatWrong / ErrSuffix)', () => {
  const cases: Array<[string, string]> = [
    ['', ERR_FORMAT_WRONG],
    ['1.1.M', ERR_FORMAT_WRONG],
    ['1+1.0M', ERR_FORMAT_WRONG],
    ['0.1am', ERR_FORMAT_WRONG],
    ['aoeu', ERR_FORMAT_WRONG],
    ['abc', ERR_FORMAT_WRONG],
    ['0.1mi', ERR_SUFFIX],
    ['.5i', ERR_SUFFIX],
    ['1i', ERR_SUFFIX],
    ['-3.01i', ERR_SUFFIX],
    ['-3.01e-', ERR_SUFFIX],
    ['1K', ERR_SUFFIX],
  ];
  for (const [input, message] of cases) {
    it(JSON.stringify(input), () => {
      expect(() => parseQuantity(input)).toThrow(QuantityParseError);
      expect(tryParseQuantity(input)).toEqual({ ok: false, error: message });
    });
  }

  it('has the upstream regular-expression text', () => {
    expect(ERR_FORMAT_WRONG).toBe(
      "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    );
    expect(ERR_SUFFIX).toBe("unable to parse quantity's suffix");
  });
});

// mirrors TestQuantityMilliValue / Value (ScaledValue rounds up, away from zero)
describe('milliValue and value', () => {
  it('cpu and memory', () => {
    expect(parseQuantity('500m').milliValue()).toBe(500);
    expect(parseQuantity('1').milliValue()).toBe(1000);
    expect(parseQuantity('0.5').milliValue()).toBe(500);
    expect(parseQuantity('0.1m').milliValue()).toBe(1);
    expect(parseQuantity('1Gi').value()).toBe(1073741824);
    expect(parseQuantity('512Mi').value()).toBe(536870912);
    expect(parseQuantity('1G').value()).toBe(1000000000);
    expect(parseQuantity('1.5').value()).toBe(2);
    expect(parseQuantity('128974848').value()).toBe(128974848);
    expect(parseQuantity('-1.5').value()).toBe(-2);
    expect(parseQuantity(2).milliValue()).toBe(2000);
  });

  it('compares and rounds to milli', () => {
    expect(parseQuantity('1').cmp(parseQuantity('1000m'))).toBe(0);
    expect(parseQuantity('2').cmp(parseQuantity('1'))).toBe(1);
    expect(parseQuantity('0.1m').roundUpMilli().toString()).toBe('1m');
    expect(canonicalQuantity('0.5')).toBe('500m');
    expect(canonicalQuantity('1.5Gi')).toBe('1536Mi');
    expect(canonicalQuantity(1)).toBe('1');
    expect(canonicalQuantity('bogus')).toBe('bogus');
  });
});
