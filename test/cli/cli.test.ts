import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const fx = (f: string) => join('test', 'cli', 'fixtures', f);

const run = runCli;

describe('jobsim run', () => {
  it('runs the 2015 pi tutorial Job to Complete 1/1 and exits 0', () => {
    const r = run('run', 'sim/pi.yaml');
    expect(r.status).toBe(0);
    expect(r.out).toMatch(/^pi\s+Complete\s+1\/1\s/m);
    expect(r.out).toMatch(/^pi-[bcdfghjklmnpqrstvwxz2456789]{5}\s+0\/1\s+Completed\s+0\s/m);
    expect(r.out).toContain('extensions/v1beta1 Job "pi" is converted to batch/v1');
  });

  it('is byte-identical for the same seed', () => {
    const a = run('run', 'sim/pi.yaml', '--seed', '5');
    const b = run('run', 'sim/pi.yaml', '--seed', '5');
    expect(a.out).toBe(b.out);
  });

  it('changes pod names with the seed, and nothing else', () => {
    const a = run('run', 'sim/pi.yaml', '--seed', '5').out;
    const b = run('run', 'sim/pi.yaml', '--seed', '6').out;
    expect(a).not.toBe(b);
    const strip = (s: string) => s.replace(/pi-[a-z0-9]{5}/g, 'pi-XXXXX').replace(/seed \d+/, 'seed N');
    expect(strip(a)).toBe(strip(b));
  });

  it('refuses a Job with restartPolicy Always with the API server message, exit 2', () => {
    const r = run('run', fx('always.yaml'));
    expect(r.status).toBe(2);
    expect(r.err).toBe(
      `error: ${fx('always.yaml')}:2: The Job "always" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"\n`,
    );
    expect(r.out).toBe('');
  });

  it('reports a YAML syntax error with file, line and column, exit 2', () => {
    const r = run('run', fx('bad-yaml.yaml'));
    expect(r.status).toBe(2);
    expect(r.err).toMatch(
      new RegExp(`^error: ${fx('bad-yaml.yaml').replace(/\//g, '\\/')}:\\d+:\\d+: YAML syntax error: `),
    );
    expect(r.err).not.toContain('    at ');
  });

  it('reports an unknown kind with the file and line, exit 2', () => {
    const r = run('run', fx('unknown-kind.yaml'));
    expect(r.status).toBe(2);
    expect(r.err).toContain(
      `${fx('unknown-kind.yaml')}:1: no matches for kind "Deployment" in version "apps/v1"`,
    );
  });

  it('exits 2 for a missing file and for unknown flags', () => {
    expect(run('run', 'nope.yaml')).toMatchObject({
      status: 2,
      err: 'error: the path "nope.yaml" does not exist\n',
    });
    const r = run('run', 'sim/pi.yaml', '--frobnicate');
    expect(r.status).toBe(2);
    expect(r.err).toContain("Unknown option '--frobnicate'");
  });

  it('prints help with an example for every command', () => {
    for (const cmd of ['run', 'validate', 'get', 'describe', 'timeline']) {
      const r = run(cmd, '--help');
      expect(r.status).toBe(0);
      expect(r.out).toContain('Example');
    }
  });
});

describe('jobsim validate', () => {
  it('accepts a valid file and refuses an invalid one with the same message as run', () => {
    expect(run('validate', 'sim/pi.yaml').status).toBe(0);
    const r = run('validate', fx('always.yaml'));
    expect(r.status).toBe(2);
    expect(r.err).toContain(
      'spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"',
    );
  });
});

describe('bad input never crashes', () => {
  it('a field of the wrong type is refused with the decoder message, exit 2', () => {
    const r = run('run', fx('template-number.yaml'));
    expect(r.status).toBe(2);
    expect(r.err).toBe(
      `error: ${fx('template-number.yaml')}:1: Job in version "v1" cannot be handled as a Job: json: cannot unmarshal number into Go struct field JobSpec.spec.template of type v1.PodTemplateSpec\n`,
    );
  });

  it('a bad cluster capacity names the Scenario field, exit 2', () => {
    const r = run('run', fx('bad-capacity.yaml'));
    expect(r.status).toBe(2);
    expect(r.err).toContain('Scenario spec.cluster.capacity.cpu: invalid quantity "banana"');
  });
  it('a seed beyond 2^53 is refused (it would not be exact), exit 2', () => {
    const r = run('run', 'sim/pi.yaml', '--seed', '99999999999999999999');
    expect(r.status).toBe(2);
    expect(r.err).toBe(
      'error: invalid --seed "99999999999999999999": must be an integer of at most 2^53-1 in magnitude\n',
    );
  });

  it('a bad --at names --at, exit 2', () => {
    const r = run('get', 'pods', '-f', 'sim/pi.yaml', '--at', 'banana');
    expect(r.status).toBe(2);
    expect(r.err).toBe('error: invalid --at "banana": use a duration such as 90s or \'done\'\n');
  });
});

describe('bad input: list element types', () => {
  it('a string exit code in a pod failure policy is a decode error, exit 2', () => {
    const r = run('validate', fx('exit-code-string.yaml'));
    expect(r.status).toBe(2);
    expect(r.err).toContain(
      'json: cannot unmarshal string into Go struct field PodFailurePolicyOnExitCodesRequirement.spec.podFailurePolicy.rules.onExitCodes.values of type int32',
    );
  });
});
