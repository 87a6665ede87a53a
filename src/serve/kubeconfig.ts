/**
 * The kubeconfig of a `jobsim serve` endpoint (plain HTTP on loopback, no credentials), and the
 * reverse: finding the server of the current context in a kubeconfig (for `jobsim clock`).
 */
import { parse } from 'yaml';

/**
 * A kubeconfig whose only context (`jobsim`, namespace `default`) points at `url`. It sets
 * `insecure-skip-tls-verify` because @kubernetes/client-node refuses plain `http` otherwise
 * (there is no TLS to verify; kubectl ignores it for http).
 *
 * @example
 * ```ts
 * kubeconfigFor('http://127.0.0.1:41234'); // 'apiVersion: v1\nkind: Config\n...'
 * ```
 */
export function kubeconfigFor(url: string): string {
  return `apiVersion: v1
kind: Config
clusters:
- name: jobsim
  cluster:
    server: ${url}
    # Plain HTTP on loopback; client libraries that insist on TLS accept http with this set.
    insecure-skip-tls-verify: true
users:
- name: jobsim
  user: {}
contexts:
- name: jobsim
  context:
    cluster: jobsim
    user: jobsim
    namespace: default
current-context: jobsim
preferences: {}
`;
}

/**
 * The server URL of a kubeconfig's current context (or of the named context); undefined when
 * there is none.
 *
 * @example
 * ```ts
 * serverOf(kubeconfigFor('http://127.0.0.1:41234')); // 'http://127.0.0.1:41234'
 * ```
 */
export function serverOf(text: string, context?: string): string | undefined {
  const doc = parse(text) as {
    'current-context'?: string;
    contexts?: Array<{ name?: string; context?: { cluster?: string } }>;
    clusters?: Array<{ name?: string; cluster?: { server?: string } }>;
  } | null;
  if (!doc || typeof doc !== 'object') return undefined;
  const name = context ?? doc['current-context'];
  const ctx = doc.contexts?.find((c) => c.name === name);
  const cluster = doc.clusters?.find((c) => c.name === ctx?.context?.cluster);
  return cluster?.cluster?.server;
}
