import { describe, expect, it } from 'vitest';
import {
  AlreadyExistsError,
  ApiError,
  BadRequestError,
  ConflictError,
  duplicate,
  fieldErrorBody,
  forbidden,
  formatFieldError,
  goJSON,
  goQuote,
  InvalidObjectError,
  invalid,
  NotFoundError,
  notFound,
  notSupported,
  omitValue,
  renderGoValue,
  required,
  sortedMap,
  tooLong,
  tooMany,
} from '../../../src/api/errors.js';

// mirrors TestErrorUsefulMessage / TestNewErrorTypeMatcher-era expectations in
// staging/src/k8s.io/apimachinery/pkg/util/validation/field/errors_test.go (ErrorBody rules)
describe('formatFieldError (field.Error.Error)', () => {
  it('Invalid prints simple values bare and strings quoted', () => {
    expect(formatFieldError(invalid('spec.parallelism', -1, 'must be greater than or equal to 0'))).toBe(
      'spec.parallelism: Invalid value: -1: must be greater than or equal to 0',
    );
    expect(formatFieldError(invalid('a', 'x"y', 'd'))).toBe('a: Invalid value: "x\\"y": d');
    expect(formatFieldError(invalid('a', true, 'd'))).toBe('a: Invalid value: true: d');
  });

  it('Invalid prints nil as null and composite values as JSON (kubernetes#132314)', () => {
    expect(formatFieldError(invalid('a', null, 'd'))).toBe('a: Invalid value: null: d');
    expect(formatFieldError(invalid('a', undefined, 'd'))).toBe('a: Invalid value: null: d');
    expect(formatFieldError(invalid('a', [19, 11], 'must be ordered'))).toBe(
      'a: Invalid value: [19,11]: must be ordered',
    );
    expect(formatFieldError(invalid('a', { y: 'z' }, 'd'))).toBe('a: Invalid value: {"y":"z"}: d');
  });

  it('Invalid with omitted value', () => {
    expect(
      formatFieldError(
        invalid(
          'spec.podFailurePolicy.rules[0]',
          omitValue,
          'specifying one of OnExitCodes and OnPodConditions is required',
        ),
      ),
    ).toBe(
      'spec.podFailurePolicy.rules[0]: Invalid value: specifying one of OnExitCodes and OnPodConditions is required',
    );
  });

  it('Required, Forbidden and TooLong never print the value', () => {
    expect(formatFieldError(required('spec.selector', ''))).toBe('spec.selector: Required value');
    expect(
      formatFieldError(required('spec.template.spec.restartPolicy', 'valid values: "OnFailure", "Never"')),
    ).toBe('spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"');
    expect(formatFieldError(forbidden('metadata.namespace', 'not allowed on this type'))).toBe(
      'metadata.namespace: Forbidden: not allowed on this type',
    );
    expect(formatFieldError(tooLong('spec.managedBy', 'x'.repeat(70), 63))).toBe(
      'spec.managedBy: Too long: may not be more than 63 bytes',
    );
    expect(fieldErrorBody(tooLong('x', '', 1))).toBe('Too long: may not be more than 1 byte');
  });

  it('NotSupported quotes the valid values', () => {
    expect(formatFieldError(notSupported('spec.completionMode', 'Foo', ['NonIndexed', 'Indexed']))).toBe(
      'spec.completionMode: Unsupported value: "Foo": supported values: "NonIndexed", "Indexed"',
    );
    expect(formatFieldError(notSupported('x', 'y', []))).toBe('x: Unsupported value: "y"');
  });

  it('Duplicate, TooMany, NotFound', () => {
    expect(formatFieldError(duplicate('spec.podFailurePolicy.rules[0].onExitCodes.values[1]', 11))).toBe(
      'spec.podFailurePolicy.rules[0].onExitCodes.values[1]: Duplicate value: 11',
    );
    expect(formatFieldError(tooMany('spec.podFailurePolicy.rules', 21, 20))).toBe(
      'spec.podFailurePolicy.rules: Too many: 21: must have at most 20 items',
    );
    expect(formatFieldError(notFound('spec.x', 'y'))).toBe('spec.x: Not found: "y"');
  });
});

describe('Go value rendering', () => {
  it('goQuote escapes like strconv.Quote', () => {
    expect(goQuote('a\nb\t"c"\\')).toBe('"a\\nb\\t\\"c\\"\\\\"');
    expect(goQuote('\u0001')).toBe('"\\x01"');
    expect(goQuote('rā')).toBe('"rā"');
  });

  it('goJSON escapes HTML characters like encoding/json', () => {
    expect(goJSON({ a: '<&>' })).toBe('{"a":"\\u003c\\u0026\\u003e"}');
  });

  it('renderGoValue and sortedMap', () => {
    expect(renderGoValue(sortedMap({ b: '1', a: '2' }))).toBe('{"a":"2","b":"1"}');
    expect(renderGoValue(3n)).toBe('3');
  });
});

// mirrors NewNotFound / NewAlreadyExists / NewConflict / NewInvalid in
// staging/src/k8s.io/apimachinery/pkg/api/errors/errors.go and kubectl's checkErr
describe('status errors', () => {
  it('NotFound', () => {
    const e = new NotFoundError('jobs', 'batch', 'pi');
    expect(e).toBeInstanceOf(ApiError);
    expect([e.code, e.httpStatus, e.reason, e.message]).toEqual([
      'NOT_FOUND',
      404,
      'NotFound',
      'jobs.batch "pi" not found',
    ]);
    expect(e.kubectlMessage).toBe('Error from server (NotFound): jobs.batch "pi" not found');
    expect(new NotFoundError('pods', '', 'x').message).toBe('pods "x" not found');
  });

  it('AlreadyExists', () => {
    const e = new AlreadyExistsError('jobs', 'batch', 'pi');
    expect([e.code, e.httpStatus, e.reason, e.message]).toEqual([
      'ALREADY_EXISTS',
      409,
      'AlreadyExists',
      'jobs.batch "pi" already exists',
    ]);
    expect(e.kubectlMessage).toBe('Error from server (AlreadyExists): jobs.batch "pi" already exists');
  });

  it('Conflict and BadRequest', () => {
    expect(new ConflictError('jobs', 'batch', 'pi').message).toBe(
      'Operation cannot be fulfilled on jobs.batch "pi": the object has been modified; please apply your changes to the latest version and try again',
    );
    const b = BadRequestError.decode('Job', 'v1', 'boom');
    expect([b.code, b.httpStatus, b.message]).toEqual([
      'BAD_REQUEST',
      400,
      'Job in version "v1" cannot be handled as a Job: boom',
    ]);
  });

  it('Invalid with one cause', () => {
    const e = new InvalidObjectError('Job', 'batch', 'pi', [
      required('spec.template.spec.restartPolicy', 'valid values: "OnFailure", "Never"'),
    ]);
    expect([e.code, e.httpStatus, e.reason]).toEqual(['INVALID', 422, 'Invalid']);
    expect(e.apiMessage).toBe(
      'Job.batch "pi" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"',
    );
    expect(e.message).toBe(
      'The Job "pi" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"',
    );
    expect(e.kubectlMessage).toBe(e.message);
    expect([e.kind, e.group, e.objectName, e.causes.length]).toEqual(['Job', 'batch', 'pi', 1]);
  });

  it('Invalid with several causes (ToAggregate and MultilineError, duplicates dropped)', () => {
    const a = invalid('spec.parallelism', -1, 'must be greater than or equal to 0');
    const b = required('spec.selector', '');
    const e = new InvalidObjectError('Pod', '', 'p', [a, b, a]);
    expect(e.apiMessage).toBe(
      'Pod "p" is invalid: [spec.parallelism: Invalid value: -1: must be greater than or equal to 0, spec.selector: Required value]',
    );
    expect(e.message).toBe(
      'The Pod "p" is invalid: \n* spec.parallelism: Invalid value: -1: must be greater than or equal to 0\n* spec.selector: Required value',
    );
    expect(e.causes).toHaveLength(3);
  });

  it('Invalid with no cause', () => {
    const e = new InvalidObjectError('Job', 'batch', 'pi', []);
    expect([e.apiMessage, e.message]).toEqual(['Job.batch "pi" is invalid', 'The Job "pi" is invalid']);
  });
});
