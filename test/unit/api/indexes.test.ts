import { describe, expect, it } from 'vitest';
import {
  failedIndexesOverlapCompleted,
  formatIndexes,
  formatIndexIntervals,
  parseIndexes,
  parseIndexIntervals,
  validateIndexesFormat,
  validateIndexesString,
} from '../../../src/api/indexes.js';

// mirrors orderedIntervals.String in pkg/controller/job/indexed_job_utils.go (TestCalculateSucceededIndexes outputs)
describe('formatIndexes', () => {
  it.each([
    [[], ''],
    [[0], '0'],
    [[0, 1], '0,1'],
    [[0, 1, 2], '0-2'],
    [[1, 3, 4, 5, 7], '1,3-5,7'],
    [[0, 2, 3, 5, 6, 7, 9], '0,2,3,5-7,9'],
  ] as Array<[number[], string]>)('%j -> %j', (xs, want) => {
    expect(formatIndexes(xs)).toBe(want);
  });
  it('intervals', () => {
    expect(
      formatIndexIntervals([
        { first: 0, last: 2 },
        { first: 5, last: 6 },
        { first: 8, last: 8 },
      ]),
    ).toBe('0-2,5,6,8');
  });
});

// mirrors parseIndexesFromString in pkg/controller/job/indexed_job_utils.go (lenient)
describe('parseIndexes (controller, lenient)', () => {
  it('parses and merges adjacent intervals', () => {
    expect(parseIndexIntervals('0-2,3,5-6', 10)).toEqual([
      { first: 0, last: 3 },
      { first: 5, last: 6 },
    ]);
    expect(parseIndexes('1,3-5,7', 10)).toEqual([1, 3, 4, 5, 7]);
  });
  it('skips corrupted fragments', () => {
    expect(parseIndexes('x,1,2-y,4', 10)).toEqual([1, 4]);
  });
  it('stops at the first index at or beyond completions and clamps interval ends', () => {
    expect(parseIndexes('1,5,2', 5)).toEqual([1]);
    expect(parseIndexes('3-9', 5)).toEqual([3, 4]);
  });
  it('empty', () => {
    expect(parseIndexes('', 3)).toEqual([]);
  });
});

// mirrors validateIndexesFormat / parseIndexInterval and the status cases of TestValidateJobUpdateStatus
// in pkg/apis/batch/validation (messages after "error parsing completedIndexes: ")
describe('validateIndexesFormat (API server, strict)', () => {
  it.each([
    ['invalid', 5, 'cannot convert string to integer for index: "invalid"'],
    ['invalid-format', 5, 'cannot convert string to integer for index: "invalid"'],
    ['0-2,1', 5, 'non-increasing order, previous: 2, current: 1'],
    ['1-1', 5, 'non-increasing order, previous: 1, current: 1'],
    ['1,1', 5, 'non-increasing order, previous: 1, current: 1'],
    [
      '1-2-3',
      5,
      'the fragment "1-2-3" violates the requirement that an index interval can have at most two parts separated by \'-\'',
    ],
    ['5', 5, 'too large index: "5"'],
    ['0-7', 5, 'too large index: "7"'],
    ['-1', 5, 'cannot convert string to integer for index: ""'],
    ['0,', 5, 'cannot convert string to integer for index: ""'],
  ] as Array<[string, number, string]>)('%j (completions %d)', (s, completions, want) => {
    expect(validateIndexesFormat(s, completions)).toEqual({ error: want });
    expect(validateIndexesString(s, completions)).toBe(want);
  });
  it('counts indexes of valid strings', () => {
    expect(validateIndexesFormat('', 5)).toEqual({ total: 0 });
    expect(validateIndexesFormat('0,2-4', 5)).toEqual({ total: 4 });
    expect(validateIndexesFormat('1,3,5-9', 10)).toEqual({ total: 7 });
    expect(validateIndexesString('0-4', 5)).toBeUndefined();
  });
});

// mirrors validateFailedIndexesNotOverlapCompleted
describe('failedIndexesOverlapCompleted', () => {
  it('finds the first overlapping index', () => {
    expect(failedIndexesOverlapCompleted('0-2', '2,5', 10)).toBe(
      'failedIndexes and completedIndexes overlap at index: 2',
    );
    expect(failedIndexesOverlapCompleted('0,5-7', '1-6', 10)).toBe(
      'failedIndexes and completedIndexes overlap at index: 5',
    );
    expect(failedIndexesOverlapCompleted('0,2', '1,3', 10)).toBeUndefined();
    expect(failedIndexesOverlapCompleted('', '1', 10)).toBeUndefined();
  });
});
