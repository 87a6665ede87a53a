/**
 * Invalid quantities, selectors, tolerations and taints in manifests: `jobsim run` refuses the
 * file with the API server's wording (exit 2) and runs nothing. Wording from upstream
 * pkg/apis/core/validation/validation.go (ValidateResourceRequirements, ValidateTolerations,
 * validateTaintEffect, ValidateNodeSelectorRequirement, validateNodeTaints),
 * apimachinery/pkg/apis/meta/v1/validation (ValidateLabelSelectorRequirement),
 * apimachinery/pkg/api/resource/quantity.go (ErrFormatWrong, ErrSuffix: decoding errors, "<Kind> in
 * version "v1" cannot be handled as a <Kind>: ...") and apimachinery/pkg/util/validation.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const fx = (f: string) => join('test', 'cli', 'fixtures', 'pods-invalid', f);

const run = runCli;

const QUALIFIED_NAME =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

function refused(file: string): string {
  const r = run('run', fx(file));
  expect(r.status).toBe(2);
  expect(r.out).toBe('');
  expect(r.err).not.toContain('    at ');
  return r.err;
}

describe('invalid quantities', () => {
  it('a malformed quantity cannot be decoded', () => {
    expect(refused('quantity-syntax.yaml')).toBe(
      `error: ${fx('quantity-syntax.yaml')}:1: Pod in version "v1" cannot be handled as a Pod: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'\n`,
    );
  });
  it('an unknown suffix (1K: kilo is a lower-case k)', () => {
    expect(refused('quantity-suffix.yaml')).toBe(
      `error: ${fx('quantity-suffix.yaml')}:1: Pod in version "v1" cannot be handled as a Pod: unable to parse quantity's suffix\n`,
    );
  });
  it('a negative request', () => {
    expect(refused('quantity-negative.yaml')).toBe(
      `error: ${fx('quantity-negative.yaml')}:1: The Job "negative" is invalid: spec.template.spec.containers[0].resources.requests[memory]: Invalid value: "-1Gi": must be greater than or equal to 0\n`,
    );
  });
  it('a request above its limit', () => {
    expect(refused('quantity-request-above-limit.yaml')).toBe(
      `error: ${fx('quantity-request-above-limit.yaml')}:1: The Pod "greedy" is invalid: spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1\n`,
    );
  });
  it('a Node allocatable that is not a quantity', () => {
    expect(refused('node-allocatable.yaml')).toContain(
      `Node in version "v1" cannot be handled as a Node: quantities must match the regular expression`,
    );
  });
});

describe('invalid selectors', () => {
  it('a label selector operator', () => {
    expect(refused('selector-operator.yaml')).toBe(
      `error: ${fx('selector-operator.yaml')}:1: The Job "bad-selector" is invalid: spec.selector.matchExpressions[0].operator: Invalid value: "Equals": not a valid selector operator\n`,
    );
  });
  it('node affinity: an unknown operator, and Gt with two values', () => {
    const p =
      'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions';
    expect(refused('node-affinity-operator.yaml')).toBe(
      `error: ${fx('node-affinity-operator.yaml')}:1: The Pod "bad-affinity" is invalid: \n` +
        `* ${p}[0].operator: Invalid value: "Equals": not a valid selector operator\n` +
        `* ${p}[1].values: Required value: must be specified single value when \`operator\` is 'Lt' or 'Gt'\n`,
    );
  });
  it('a nodeSelector key that is not a label name', () => {
    expect(refused('node-selector-key.yaml')).toBe(
      `error: ${fx('node-selector-key.yaml')}:1: The Job "bad-node-selector" is invalid: spec.template.spec.nodeSelector: Invalid value: "bad key": ${QUALIFIED_NAME}\n`,
    );
  });
});

describe('invalid tolerations and taints', () => {
  it('reports every bad toleration', () => {
    expect(refused('tolerations.yaml')).toBe(
      `error: ${fx('tolerations.yaml')}:1: The Pod "bad-tolerations" is invalid: \n` +
        '* spec.tolerations[0].operator: Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys"\n' +
        '* spec.tolerations[1].operator: Unsupported value: "In": supported values: "Equal", "Exists"\n' +
        '* spec.tolerations[2].effect: Invalid value: "NoSchedule": effect must be \'NoExecute\' when `tolerationSeconds` is set\n' +
        '* spec.tolerations[3].effect: Unsupported value: "NoRun": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"\n',
    );
  });
  it('a toleration key that is not a label name', () => {
    expect(refused('toleration-key.yaml')).toBe(
      `error: ${fx('toleration-key.yaml')}:1: The Job "bad-toleration-key" is invalid: spec.template.spec.tolerations[0].key: Invalid value: "bad key": ${QUALIFIED_NAME}\n`,
    );
  });
  it('a value with operator Exists', () => {
    // Upstream passes the whole toleration as the bad value here; only the path and the
    // explanation are asserted (see the report on the value's rendering).
    const err = refused('toleration-exists-value.yaml');
    expect(err).toContain('The Pod "exists-value" is invalid: spec.tolerations[0].operator: Invalid value: ');
    expect(err).toContain(": value must be empty when `operator` is 'Exists'\n");
  });
  it('Node taints, under metadata.taints as upstream validateNodeTaints words it', () => {
    expect(refused('node-taint.yaml')).toBe(
      `error: ${fx('node-taint.yaml')}:1: The Node "bad-node" is invalid: \n` +
        '* metadata.taints[0].effect: Unsupported value: "NoRun": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"\n' +
        '* metadata.taints[1].key: Invalid value: "": name part must be non-empty\n' +
        `* metadata.taints[1].key: Invalid value: "": ${QUALIFIED_NAME}\n`,
    );
  });
  it('validate says the same', () => {
    const r = run('validate', fx('tolerations.yaml'));
    expect(r.status).toBe(2);
    expect(r.err).toContain(
      'spec.tolerations[1].operator: Unsupported value: "In": supported values: "Equal", "Exists"',
    );
  });
});

describe('null list elements (encoding/json zero values)', () => {
  it('a null container is an empty one, refused for its name and image', () => {
    const f = join('test', 'cli', 'fixtures', 'null-container.yaml');
    const r = run('run', f);
    expect(r.status).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toBe(
      `error: ${f}:3: The Job "nulls" is invalid: \n* spec.template.spec.containers[0].name: Required value\n* spec.template.spec.containers[0].image: Required value\n`,
    );
  });
});
