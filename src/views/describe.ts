/**
 * `kubectl describe` for Jobs, Pods, Nodes and CronJobs, ported from
 * `staging/src/k8s.io/kubectl/pkg/describe/describe.go` as kubectl 1.34 lays them out (field
 * labels, indentation, tabwriter alignment, `<none>`/`<unset>` placeholders, event tables).
 * Times print in Go's RFC1123Z layout in UTC. Like kubectl, each describer selects the events of
 * its object from the events given (by involvedObject name, namespace, uid, and kind where kubectl
 * asks for it), in API list order, then sorts them by time.
 */
import type {
  Container,
  ContainerState,
  ContainerStatus,
  CronJob,
  DeepReadonly,
  Event,
  Job,
  Node,
  ObjectMeta,
  Pod,
  PodSpec,
  PodTemplateSpec,
  Toleration,
} from '../api/types.js';
import {
  formatTimestampRFC1123Z,
  humanDuration,
  parseTimestamp,
  translateTimestampSince,
} from './duration.js';
import { apiListOrder, writeEvents } from './events.js';
import { byteCompare, formatLabelSelector, labelSelectorString, printBool, printBoolPtr } from './format.js';
import { goSort } from './gosort.js';
import { nodeRoles } from './nodes.js';
import { PrefixWriter } from './prefixwriter.js';
import {
  addResourceList,
  milliValue,
  type ParsedResources,
  parseResources,
  type Quantity,
  quantityString,
  quantityValue,
  type ResourceList,
  ZERO_QUANTITY,
} from './quantity.js';
import { podLimits, podQOSClass, podRequests } from './resources.js';

type RPod = DeepReadonly<Pod>;
type RJob = DeepReadonly<Job>;
type RCronJob = DeepReadonly<CronJob>;
type RNode = DeepReadonly<Node>;
type REvent = DeepReadonly<Event>;
type RContainer = DeepReadonly<Container>;
type RPodSpec = DeepReadonly<PodSpec>;
type RVolume = NonNullable<RPodSpec['volumes']>[number];
type REnvVar = NonNullable<RContainer['env']>[number];
type RProbe = NonNullable<RContainer['livenessProbe']>;
type RTopologySpreadConstraint = NonNullable<RPodSpec['topologySpreadConstraints']>[number];

const LEVEL_0 = 0;
const LEVEL_1 = 1;
const LEVEL_2 = 2;
const LEVEL_3 = 3;

const SKIP_ANNOTATIONS = new Set(['kubectl.kubernetes.io/last-applied-configuration']);
const MAX_ANNOTATION_LEN = 140;

/** Go `len()` of a string: its UTF-8 byte length. */
function byteLen(s: string): number {
  return new TextEncoder().encode(s).length;
}

/** Go `s[:n]` on a string. */
function byteSlice(s: string, n: number): string {
  return new TextDecoder().decode(new TextEncoder().encode(s).slice(0, n));
}

// ---------------------------------------------------------------------------------------------
// Shared printers

function printLabelsMultilineWithIndent(
  w: PrefixWriter,
  initialIndent: string,
  title: string,
  innerIndent: string,
  labels: Readonly<Record<string, string>> | undefined,
): void {
  w.write(LEVEL_0, `${initialIndent}${title}:${innerIndent}`);
  const keys = Object.keys(labels ?? {}).sort(byteCompare);
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) {
      w.write(LEVEL_0, initialIndent);
      w.write(LEVEL_0, innerIndent);
    }
    w.write(LEVEL_0, `${key}=${labels?.[key] ?? ''}\n`);
  });
}

function printLabelsMultiline(
  w: PrefixWriter,
  title: string,
  labels: Readonly<Record<string, string>> | undefined,
): void {
  printLabelsMultilineWithIndent(w, '', title, '\t', labels);
}

function shorten(s: string, maxLength: number): string {
  return byteLen(s) > maxLength ? `${byteSlice(s, maxLength)}...` : s;
}

function printAnnotationsMultiline(
  w: PrefixWriter,
  title: string,
  annotations: Readonly<Record<string, string>> | undefined,
): void {
  w.write(LEVEL_0, `${title}:\t`);
  const keys = Object.keys(annotations ?? {})
    .filter((k) => !SKIP_ANNOTATIONS.has(k))
    .sort(byteCompare);
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  const indent = '\t';
  keys.forEach((key, i) => {
    if (i !== 0) w.write(LEVEL_0, indent);
    const raw = annotations?.[key] ?? '';
    const value = raw.endsWith('\n') ? raw.slice(0, -1) : raw;
    if (byteLen(value) + byteLen(key) + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.write(LEVEL_0, `${key}:\n`);
      for (const s of value.split('\n')) {
        w.write(LEVEL_0, `${indent}  ${shorten(s, MAX_ANNOTATION_LEN - 2)}\n`);
      }
    } else {
      w.write(LEVEL_0, `${key}: ${value}\n`);
    }
  });
}

function printController(meta: DeepReadonly<ObjectMeta> | undefined): string {
  const ref = (meta?.ownerReferences ?? []).find((r) => r.controller === true);
  return ref === undefined ? '' : `${ref.kind}/${ref.name}`;
}

function printTolerationsMultilineWithIndent(
  w: PrefixWriter,
  initialIndent: string,
  title: string,
  innerIndent: string,
  tolerations: ReadonlyArray<DeepReadonly<Toleration>> | undefined,
): void {
  w.write(LEVEL_0, `${initialIndent}${title}:${innerIndent}`);
  const list = [...(tolerations ?? [])];
  if (list.length === 0) {
    w.writeLine('<none>');
    return;
  }
  goSort(list, (a, b) => (a.key ?? '') < (b.key ?? ''));
  list.forEach((t, i) => {
    if (i !== 0) {
      w.write(LEVEL_0, initialIndent);
      w.write(LEVEL_0, innerIndent);
    }
    let s = t.key ?? '';
    const value = t.value ?? '';
    const effect = t.effect ?? '';
    if (value.length !== 0) s += `=${value}`;
    if (effect.length !== 0) s += `:${effect}`;
    if (t.operator === 'Exists' && value.length === 0) {
      s += (t.key ?? '').length !== 0 || effect.length !== 0 ? ' op=Exists' : 'op=Exists';
    }
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null)
      s += ` for ${t.tolerationSeconds}s`;
    w.write(LEVEL_0, `${s}\n`);
  });
}

function describeTopologySpreadConstraints(
  tscs: readonly RTopologySpreadConstraint[] | undefined,
  w: PrefixWriter,
  space: string,
): void {
  if (tscs === undefined || tscs.length === 0) return;
  const list = goSort([...tscs], (a, b) => a.topologyKey < b.topologyKey);
  w.write(LEVEL_0, `${space}Topology Spread Constraints:\t`);
  list.forEach((tsc, i) => {
    if (i !== 0) {
      w.write(LEVEL_0, space);
      w.write(LEVEL_0, '\t');
    }
    let s = `${tsc.topologyKey}:${tsc.whenUnsatisfiable} when max skew ${tsc.maxSkew} is exceeded`;
    if (tsc.labelSelector !== undefined) s += ` for selector ${formatLabelSelector(tsc.labelSelector)}`;
    w.write(LEVEL_0, `${s}\n`);
  });
}

function describeVolumes(volumes: readonly RVolume[] | undefined, w: PrefixWriter, space: string): void {
  if (volumes === undefined || volumes.length === 0) {
    w.write(LEVEL_0, `${space}Volumes:\t<none>\n`);
    return;
  }
  w.write(LEVEL_0, `${space}Volumes:\n`);
  for (const v of volumes) {
    const nameIndent = space.length > 0 ? ' ' : '';
    w.write(LEVEL_1, `${nameIndent}${v.name}:\n`);
    if (v.hostPath !== undefined) {
      w.write(
        LEVEL_2,
        `Type:\tHostPath (bare host directory volume)\n    Path:\t${v.hostPath.path}\n    HostPathType:\t${v.hostPath.type ?? '<none>'}\n`,
      );
    } else if (v.emptyDir !== undefined) {
      const limit =
        v.emptyDir.sizeLimit === undefined ? undefined : parseQuantityOrZero(v.emptyDir.sizeLimit);
      const sizeLimit = limit !== undefined && limit.nanos > 0n ? quantityString(limit) : '<unset>';
      w.write(
        LEVEL_2,
        `Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t${v.emptyDir.medium ?? ''}\n    SizeLimit:\t${sizeLimit}\n`,
      );
    } else if (v.secret !== undefined) {
      w.write(
        LEVEL_2,
        `Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t${v.secret.secretName ?? ''}\n    Optional:\t${v.secret.optional === true}\n`,
      );
    } else if (v.configMap !== undefined) {
      w.write(
        LEVEL_2,
        `Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t${v.configMap.name ?? ''}\n    Optional:\t${v.configMap.optional === true}\n`,
      );
    } else if (v.persistentVolumeClaim !== undefined) {
      w.write(
        LEVEL_2,
        `Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t${v.persistentVolumeClaim.claimName}\n    ReadOnly:\t${v.persistentVolumeClaim.readOnly === true}\n`,
      );
    } else if (v.downwardAPI !== undefined) {
      w.write(LEVEL_2, 'Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n');
      for (const item of v.downwardAPI.items ?? []) {
        if (item.fieldRef !== undefined) w.write(LEVEL_3, `${item.fieldRef.fieldPath} -> ${item.path}\n`);
        if (item.resourceFieldRef !== undefined)
          w.write(LEVEL_3, `${item.resourceFieldRef.resource} -> ${item.path}\n`);
      }
    } else if (v.projected !== undefined) {
      w.write(LEVEL_2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n');
      for (const source of v.projected.sources ?? []) {
        if (source.secret !== undefined) {
          w.write(
            LEVEL_2,
            `SecretName:\t${source.secret.name ?? ''}\n    Optional:\t${source.secret.optional === true}\n`,
          );
        } else if (source.downwardAPI !== undefined) {
          w.write(LEVEL_2, 'DownwardAPI:\ttrue\n');
        } else if (source.configMap !== undefined) {
          w.write(
            LEVEL_2,
            `ConfigMapName:\t${source.configMap.name ?? ''}\n    Optional:\t${source.configMap.optional === true}\n`,
          );
        } else if (source.serviceAccountToken !== undefined) {
          w.write(LEVEL_2, `TokenExpirationSeconds:\t${source.serviceAccountToken.expirationSeconds ?? 0}\n`);
        }
      }
    } else {
      w.write(LEVEL_1, '<unknown>\n');
    }
  }
}

function parseQuantityOrZero(v: string | number): Quantity {
  return parseResources({ v }).get('v') ?? ZERO_QUANTITY;
}

// ---------------------------------------------------------------------------------------------
// Containers

type EnvResolver = (e: REnvVar) => string;

function describeContainerPorts(container: RContainer, host: boolean): string {
  return (container.ports ?? [])
    .map((p) => {
      const s = `${host ? (p.hostPort ?? 0) : p.containerPort}/${p.protocol ?? ''}`;
      return p.name !== undefined && p.name !== '' ? `${s} (${p.name})` : s;
    })
    .join(', ');
}

function describeStatus(
  stateName: string,
  state: DeepReadonly<ContainerState> | undefined,
  w: PrefixWriter,
): void {
  if (state?.running !== undefined) {
    w.write(LEVEL_2, `${stateName}:\tRunning\n`);
    w.write(LEVEL_3, `Started:\t${formatTimestampRFC1123Z(state.running.startedAt)}\n`);
  } else if (state?.waiting !== undefined) {
    w.write(LEVEL_2, `${stateName}:\tWaiting\n`);
    if (state.waiting.reason !== undefined && state.waiting.reason !== '') {
      w.write(LEVEL_3, `Reason:\t${state.waiting.reason}\n`);
    }
  } else if (state?.terminated !== undefined) {
    const t = state.terminated;
    w.write(LEVEL_2, `${stateName}:\tTerminated\n`);
    if (t.reason !== undefined && t.reason !== '') w.write(LEVEL_3, `Reason:\t${t.reason}\n`);
    if (t.message !== undefined && t.message !== '') w.write(LEVEL_3, `Message:\t${t.message}\n`);
    w.write(LEVEL_3, `Exit Code:\t${t.exitCode}\n`);
    if (t.signal !== undefined && t.signal > 0) w.write(LEVEL_3, `Signal:\t${t.signal}\n`);
    w.write(LEVEL_3, `Started:\t${formatTimestampRFC1123Z(t.startedAt)}\n`);
    w.write(LEVEL_3, `Finished:\t${formatTimestampRFC1123Z(t.finishedAt)}\n`);
  } else {
    w.write(LEVEL_2, `${stateName}:\tWaiting\n`);
  }
}

function describeResourceList(
  w: PrefixWriter,
  level: number,
  title: string,
  list: ResourceList | undefined,
): void {
  const parsed = parseResources(list);
  if (parsed.size > 0) w.write(level, `${title}:\n`);
  for (const name of [...parsed.keys()].sort(byteCompare)) {
    w.write(level + 1, `${name}:\t${quantityString(parsed.get(name)!)}\n`);
  }
}

/** `DescribeProbe`. */
function describeProbe(probe: RProbe): string {
  const attrs =
    `delay=${probe.initialDelaySeconds ?? 0}s timeout=${probe.timeoutSeconds ?? 0}s ` +
    `period=${probe.periodSeconds ?? 0}s #success=${probe.successThreshold ?? 0} #failure=${probe.failureThreshold ?? 0}`;
  if (probe.exec !== undefined) return `exec [${(probe.exec.command ?? []).join(' ')}] ${attrs}`;
  if (probe.httpGet !== undefined) {
    const g = probe.httpGet;
    const port = String(g.port);
    const hostName = g.host ?? '';
    const host =
      port.length > 0 ? `${hostName.includes(':') ? `[${hostName}]` : hostName}:${port}` : hostName;
    let path = g.path ?? '';
    if (path !== '' && !path.startsWith('/') && host !== '') path = `/${path}`;
    return `http-get ${(g.scheme ?? '').toLowerCase()}://${host}${path} ${attrs}`;
  }
  if (probe.tcpSocket !== undefined)
    return `tcp-socket ${probe.tcpSocket.host ?? ''}:${String(probe.tcpSocket.port)} ${attrs}`;
  if (probe.grpc !== undefined) return `grpc <pod>:${probe.grpc.port} ${probe.grpc.service ?? ''} ${attrs}`;
  return `unknown ${attrs}`;
}

function ceilRatio(value: number, divisor: number): string {
  return String(Math.ceil(value / divisor));
}

/** `ExtractContainerResourceValue` for the standard resources. */
function containerResourceValue(
  ref: NonNullable<NonNullable<REnvVar['valueFrom']>['resourceFieldRef']>,
  container: RContainer,
): string {
  const divisorQ = ref.divisor === undefined ? undefined : parseQuantityOrZero(ref.divisor);
  const divisor = divisorQ === undefined || divisorQ.nanos === 0n ? parseQuantityOrZero('1') : divisorQ;
  const [kind, resource] = ref.resource.split('.', 2) as [string, string | undefined];
  if ((kind !== 'limits' && kind !== 'requests') || resource === undefined) return '';
  const raw = container.resources?.[kind]?.[resource];
  const q = raw === undefined ? ZERO_QUANTITY : parseQuantityOrZero(raw);
  if (resource === 'cpu') return ceilRatio(milliValue(q), milliValue(divisor));
  if (resource === 'memory' || resource === 'ephemeral-storage' || resource.startsWith('hugepages-')) {
    return ceilRatio(quantityValue(q), quantityValue(divisor));
  }
  return '';
}

function describeContainerEnvVars(
  container: RContainer,
  resolver: EnvResolver | undefined,
  w: PrefixWriter,
): void {
  const env = container.env ?? [];
  w.write(LEVEL_2, `Environment:${env.length === 0 ? '\t<none>' : ''}\n`);
  for (const e of env) {
    if (e.valueFrom === undefined) {
      (e.value ?? '').split('\n').forEach((s, i) => {
        w.write(LEVEL_3, i === 0 ? `${e.name}:\t${s}\n` : `\t${s}\n`);
      });
      continue;
    }
    const vf = e.valueFrom;
    if (vf.fieldRef !== undefined) {
      const value = resolver === undefined ? '' : resolver(e);
      w.write(LEVEL_3, `${e.name}:\t${value} (${vf.fieldRef.apiVersion ?? ''}:${vf.fieldRef.fieldPath})\n`);
    } else if (vf.resourceFieldRef !== undefined) {
      let value = containerResourceValue(vf.resourceFieldRef, container);
      const resource = vf.resourceFieldRef.resource;
      if (value === '0' && (resource === 'limits.cpu' || resource === 'limits.memory'))
        value = 'node allocatable';
      w.write(LEVEL_3, `${e.name}:\t${value} (${resource})\n`);
    } else if (vf.secretKeyRef !== undefined) {
      const r = vf.secretKeyRef;
      w.write(
        LEVEL_3,
        `${e.name}:\t<set to the key '${r.key}' in secret '${r.name ?? ''}'>\tOptional: ${r.optional === true}\n`,
      );
    } else if (vf.configMapKeyRef !== undefined) {
      const r = vf.configMapKeyRef;
      w.write(
        LEVEL_3,
        `${e.name}:\t<set to the key '${r.key}' of config map '${r.name ?? ''}'>\tOptional: ${r.optional === true}\n`,
      );
    }
  }
}

function describeContainerEnvFrom(container: RContainer, w: PrefixWriter): void {
  w.write(LEVEL_2, 'Environment Variables from:\n');
  for (const e of container.envFrom ?? []) {
    let from = '';
    let name = '';
    let optional = false;
    if (e.configMapRef !== undefined) {
      from = 'ConfigMap';
      name = e.configMapRef.name ?? '';
      optional = e.configMapRef.optional === true;
    } else if (e.secretRef !== undefined) {
      from = 'Secret';
      name = e.secretRef.name ?? '';
      optional = e.secretRef.optional === true;
    }
    if (e.prefix === undefined || e.prefix === '')
      w.write(LEVEL_3, `${name}\t${from}\tOptional: ${optional}\n`);
    else w.write(LEVEL_3, `${name}\t${from} with prefix '${e.prefix}'\tOptional: ${optional}\n`);
  }
}

function describeContainerVolumes(container: RContainer, w: PrefixWriter): void {
  const mounts = container.volumeMounts ?? [];
  const none = mounts.length === 0 ? '\t<none>' : '';
  w.write(LEVEL_2, `Mounts:${none}\n`);
  for (const m of goSort([...mounts], (a, b) => a.mountPath < b.mountPath)) {
    const flags = [m.readOnly === true ? 'ro' : 'rw'];
    if (m.subPath !== undefined && m.subPath !== '') flags.push(`path=${JSON.stringify(m.subPath)}`);
    w.write(LEVEL_3, `${m.mountPath} from ${m.name} (${flags.join(',')})\n`);
  }
  const devices = container.volumeDevices ?? [];
  if (devices.length > 0) {
    w.write(LEVEL_2, `Devices:${none}\n`);
    for (const d of goSort([...devices], (a, b) => a.devicePath < b.devicePath)) {
      w.write(LEVEL_3, `${d.devicePath} from ${d.name}\n`);
    }
  }
}

function describeContainers(
  label: string,
  containers: readonly RContainer[],
  statuses: ReadonlyArray<DeepReadonly<ContainerStatus>> | undefined,
  resolver: EnvResolver | undefined,
  w: PrefixWriter,
  space: string,
): void {
  const byName = new Map<string, DeepReadonly<ContainerStatus>>();
  for (const s of statuses ?? []) byName.set(s.name, s);
  w.write(LEVEL_0, `${space}${label}:${containers.length === 0 ? ' <none>' : ''}\n`);
  for (const container of containers) {
    const status = byName.get(container.name);
    const nameIndent = space.length > 0 ? ' ' : '';
    w.write(LEVEL_1, `${nameIndent}${container.name}:\n`);
    if (status !== undefined) w.write(LEVEL_2, `Container ID:\t${status.containerID ?? ''}\n`);
    w.write(LEVEL_2, `Image:\t${container.image ?? ''}\n`);
    if (status !== undefined) w.write(LEVEL_2, `Image ID:\t${status.imageID}\n`);
    const ports = describeContainerPorts(container, false);
    if (ports.includes(',')) w.write(LEVEL_2, `Ports:\t${ports}\n`);
    else w.write(LEVEL_2, `Port:\t${ports === '' ? '<none>' : ports}\n`);
    const hostPorts = describeContainerPorts(container, true);
    if (hostPorts.includes(',')) w.write(LEVEL_2, `Host Ports:\t${hostPorts}\n`);
    else w.write(LEVEL_2, `Host Port:\t${hostPorts === '' ? '<none>' : hostPorts}\n`);
    const seccomp = container.securityContext?.seccompProfile;
    if (seccomp !== undefined) {
      w.write(LEVEL_2, `SeccompProfile:\t${seccomp.type}\n`);
      if (seccomp.type === 'Localhost')
        w.write(LEVEL_3, `LocalhostProfile:\t${seccomp.localhostProfile ?? ''}\n`);
    }
    if ((container.command ?? []).length > 0) {
      w.write(LEVEL_2, 'Command:\n');
      for (const c of container.command ?? []) for (const s of c.split('\n')) w.write(LEVEL_3, `${s}\n`);
    }
    if ((container.args ?? []).length > 0) {
      w.write(LEVEL_2, 'Args:\n');
      for (const a of container.args ?? []) for (const s of a.split('\n')) w.write(LEVEL_3, `${s}\n`);
    }
    if (status !== undefined) {
      describeStatus('State', status.state, w);
      if (status.lastState?.terminated !== undefined) describeStatus('Last State', status.lastState, w);
      w.write(LEVEL_2, `Ready:\t${printBool(status.ready)}\n`);
      w.write(LEVEL_2, `Restart Count:\t${status.restartCount}\n`);
    }
    describeResourceList(w, LEVEL_2, 'Limits', container.resources?.limits as ResourceList | undefined);
    describeResourceList(w, LEVEL_2, 'Requests', container.resources?.requests as ResourceList | undefined);
    if (container.livenessProbe !== undefined)
      w.write(LEVEL_2, `Liveness:\t${describeProbe(container.livenessProbe)}\n`);
    if (container.readinessProbe !== undefined) {
      w.write(LEVEL_2, `Readiness:\t${describeProbe(container.readinessProbe)}\n`);
    }
    if (container.startupProbe !== undefined)
      w.write(LEVEL_2, `Startup:\t${describeProbe(container.startupProbe)}\n`);
    if ((container.envFrom ?? []).length > 0) describeContainerEnvFrom(container, w);
    describeContainerEnvVars(container, resolver, w);
    describeContainerVolumes(container, w);
  }
}

/**
 * `EnvValueRetriever`: kubectl converts the field path with its scheme, which only knows
 * `metadata.name` and `metadata.namespace` (`DefaultMetaV1FieldSelectorConversion`); every other
 * path (labels, annotations, spec.nodeName, status.podIP, ...) prints empty.
 */
function podEnvResolver(pod: RPod): EnvResolver {
  return (e) => {
    switch (e.valueFrom?.fieldRef?.fieldPath) {
      case 'metadata.name':
        return pod.metadata?.name ?? '';
      case 'metadata.namespace':
        return pod.metadata?.namespace ?? '';
      default:
        return '';
    }
  };
}

function describePodTemplate(template: DeepReadonly<PodTemplateSpec> | undefined, w: PrefixWriter): void {
  w.write(LEVEL_0, 'Pod Template:\n');
  if (template === undefined) {
    w.write(LEVEL_1, '<unset>');
    return;
  }
  printLabelsMultiline(w, '  Labels', template.metadata?.labels);
  if (Object.keys(template.metadata?.annotations ?? {}).length > 0) {
    printAnnotationsMultiline(w, '  Annotations', template.metadata?.annotations);
  }
  const spec = template.spec;
  if (spec?.serviceAccountName !== undefined && spec.serviceAccountName !== '') {
    w.write(LEVEL_1, `Service Account:\t${spec.serviceAccountName}\n`);
  }
  if ((spec?.initContainers ?? []).length > 0) {
    describeContainers('Init Containers', spec?.initContainers ?? [], undefined, undefined, w, '  ');
  }
  describeContainers('Containers', spec?.containers ?? [], undefined, undefined, w, '  ');
  describeVolumes(spec?.volumes, w, '  ');
  describeTopologySpreadConstraints(spec?.topologySpreadConstraints, w, '  ');
  if (spec?.priorityClassName !== undefined && spec.priorityClassName !== '') {
    w.write(LEVEL_1, `Priority Class Name:\t${spec.priorityClassName}\n`);
  }
  printLabelsMultiline(w, '  Node-Selectors', spec?.nodeSelector);
  printTolerationsMultilineWithIndent(w, '', '  Tolerations', '\t', spec?.tolerations);
}

// ---------------------------------------------------------------------------------------------
// Event selection (the describers' field selectors)

interface EventRef {
  readonly kind?: string;
  readonly name: string;
  readonly namespace: string;
  readonly uid?: string;
}

function eventsFor(events: readonly REvent[], ref: EventRef): REvent[] {
  return apiListOrder(events).filter((e) => {
    const o = e.involvedObject;
    if ((o.name ?? '') !== ref.name) return false;
    if ((o.namespace ?? '') !== ref.namespace) return false;
    if (ref.kind !== undefined && (o.kind ?? '') !== ref.kind) return false;
    if (ref.uid !== undefined && ref.uid !== '' && (o.uid ?? '') !== ref.uid) return false;
    return true;
  });
}

function objectRef(meta: DeepReadonly<ObjectMeta> | undefined, kind?: string): EventRef {
  const ref: { kind?: string; name: string; namespace: string; uid?: string } = {
    name: meta?.name ?? '',
    namespace: meta?.namespace ?? '',
  };
  if (kind !== undefined) ref.kind = kind;
  if (meta?.uid !== undefined) ref.uid = meta.uid;
  return ref;
}

// ---------------------------------------------------------------------------------------------
// Job

/** `capIndexesListOrNone`: `<none>`, or the list cut after the first comma past 50 characters. */
function capIndexesListOrNone(indexes: string | undefined, softLimit: number): string {
  if (indexes === undefined || indexes.length === 0) return '<none>';
  let ix = softLimit;
  for (; ix < indexes.length; ix++) {
    if (indexes[ix] === ',') break;
  }
  if (ix >= indexes.length) return indexes;
  return `${indexes.slice(0, ix + 1)}...`;
}

/**
 * `kubectl describe job` (kubectl 1.34). kubectl's Job describer does not list pods: `Pods
 * Statuses` comes from `status.active/ready/succeeded/failed`, so `pods` is accepted for API
 * symmetry only. Events are those of the Job (kind `Job`, name, namespace, uid).
 *
 * @example
 * ```ts
 * describeJob(job, pods, events, now);
 * // 'Name:             pi\nNamespace:        default\n...Pods Statuses:    0 Active (0 Ready) / 1 Succeeded / 0 Failed\n...'
 * ```
 */
export function describeJob(
  job: RJob,
  _pods: readonly RPod[],
  events: readonly REvent[],
  nowMs: number,
): string {
  const w = new PrefixWriter();
  const spec = job.spec;
  const status = job.status ?? {};
  w.write(LEVEL_0, `Name:\t${job.metadata?.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${job.metadata?.namespace ?? ''}\n`);
  w.write(LEVEL_0, `Selector:\t${labelSelectorString(spec?.selector)}\n`);
  printLabelsMultiline(w, 'Labels', job.metadata?.labels);
  printAnnotationsMultiline(w, 'Annotations', job.metadata?.annotations);
  const controlledBy = printController(job.metadata);
  if (controlledBy.length > 0) w.write(LEVEL_0, `Controlled By:\t${controlledBy}\n`);
  if (spec?.parallelism !== undefined) w.write(LEVEL_0, `Parallelism:\t${spec.parallelism}\n`);
  if (spec?.completions !== undefined) w.write(LEVEL_0, `Completions:\t${spec.completions}\n`);
  else w.write(LEVEL_0, 'Completions:\t<unset>\n');
  if (spec?.completionMode !== undefined) w.write(LEVEL_0, `Completion Mode:\t${spec.completionMode}\n`);
  if (spec?.suspend !== undefined) w.write(LEVEL_0, `Suspend:\t${spec.suspend}\n`);
  if (spec?.backoffLimit !== undefined) w.write(LEVEL_0, `Backoff Limit:\t${spec.backoffLimit}\n`);
  if (spec?.ttlSecondsAfterFinished !== undefined) {
    w.write(LEVEL_0, `TTL Seconds After Finished:\t${spec.ttlSecondsAfterFinished}\n`);
  }
  const start = parseTimestamp(status.startTime);
  const completion = parseTimestamp(status.completionTime);
  if (status.startTime !== undefined)
    w.write(LEVEL_0, `Start Time:\t${formatTimestampRFC1123Z(status.startTime)}\n`);
  if (status.completionTime !== undefined) {
    w.write(LEVEL_0, `Completed At:\t${formatTimestampRFC1123Z(status.completionTime)}\n`);
  }
  if (status.startTime !== undefined && status.completionTime !== undefined) {
    w.write(LEVEL_0, `Duration:\t${humanDuration((completion ?? 0) - (start ?? 0))}\n`);
  }
  if (spec?.activeDeadlineSeconds !== undefined) {
    w.write(LEVEL_0, `Active Deadline Seconds:\t${spec.activeDeadlineSeconds}s\n`);
  }
  const active = status.active ?? 0;
  const succeeded = status.succeeded ?? 0;
  const failed = status.failed ?? 0;
  if (status.ready === undefined) {
    w.write(LEVEL_0, `Pods Statuses:\t${active} Active / ${succeeded} Succeeded / ${failed} Failed\n`);
  } else {
    w.write(
      LEVEL_0,
      `Pods Statuses:\t${active} Active (${status.ready} Ready) / ${succeeded} Succeeded / ${failed} Failed\n`,
    );
  }
  if (spec?.completionMode === 'Indexed') {
    w.write(LEVEL_0, `Completed Indexes:\t${capIndexesListOrNone(status.completedIndexes, 50)}\n`);
  }
  describePodTemplate(spec?.template, w);
  writeEvents(w, eventsFor(events, objectRef(job.metadata, 'Job')), nowMs);
  return w.finish();
}

// ---------------------------------------------------------------------------------------------
// Pod

/**
 * `kubectl describe pod` (kubectl 1.34): header fields, Init Containers / Containers with their
 * state, Conditions, Volumes, QoS Class, Node-Selectors, Tolerations and the pod's events (name,
 * namespace, uid; no kind).
 *
 * @example
 * ```ts
 * describePod(pod, events, now);
 * // 'Name:             pi-abcde\nNamespace:        default\nPriority:         0\n...'
 * ```
 */
export function describePod(pod: RPod, events: readonly REvent[], nowMs: number): string {
  const w = new PrefixWriter();
  const meta = pod.metadata;
  const spec = pod.spec;
  const status = pod.status ?? {};
  w.write(LEVEL_0, `Name:\t${meta?.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${meta?.namespace ?? ''}\n`);
  if (spec?.priority !== undefined) w.write(LEVEL_0, `Priority:\t${spec.priority}\n`);
  if (spec?.priorityClassName !== undefined && spec.priorityClassName !== '') {
    w.write(LEVEL_0, `Priority Class Name:\t${spec.priorityClassName}\n`);
  }
  if (spec?.runtimeClassName !== undefined && spec.runtimeClassName !== '') {
    w.write(LEVEL_0, `Runtime Class Name:\t${spec.runtimeClassName}\n`);
  }
  if (spec?.serviceAccountName !== undefined && spec.serviceAccountName !== '') {
    w.write(LEVEL_0, `Service Account:\t${spec.serviceAccountName}\n`);
  }
  if (spec?.nodeName === undefined || spec.nodeName === '') w.write(LEVEL_0, 'Node:\t<none>\n');
  else w.write(LEVEL_0, `Node:\t${spec.nodeName}/${status.hostIP ?? ''}\n`);
  if (status.startTime !== undefined)
    w.write(LEVEL_0, `Start Time:\t${formatTimestampRFC1123Z(status.startTime)}\n`);
  printLabelsMultiline(w, 'Labels', meta?.labels);
  printAnnotationsMultiline(w, 'Annotations', meta?.annotations);
  const phase = status.phase ?? '';
  if (meta?.deletionTimestamp !== undefined && phase !== 'Failed' && phase !== 'Succeeded') {
    w.write(
      LEVEL_0,
      `Status:\tTerminating (lasts ${translateTimestampSince(meta.deletionTimestamp, nowMs)})\n`,
    );
    w.write(LEVEL_0, `Termination Grace Period:\t${meta.deletionGracePeriodSeconds ?? 0}s\n`);
  } else {
    w.write(LEVEL_0, `Status:\t${phase}\n`);
  }
  if (status.reason !== undefined && status.reason !== '') w.write(LEVEL_0, `Reason:\t${status.reason}\n`);
  if (status.message !== undefined && status.message !== '')
    w.write(LEVEL_0, `Message:\t${status.message}\n`);
  const seccomp = spec?.securityContext?.seccompProfile;
  if (seccomp !== undefined) {
    w.write(LEVEL_0, `SeccompProfile:\t${seccomp.type}\n`);
    if (seccomp.type === 'Localhost')
      w.write(LEVEL_0, `LocalhostProfile:\t${seccomp.localhostProfile ?? ''}\n`);
  }
  w.write(LEVEL_0, `IP:\t${status.podIP ?? ''}\n`);
  const ips = status.podIPs ?? [];
  if (ips.length === 0) {
    w.write(LEVEL_0, 'IPs:\t<none>\n');
  } else {
    w.write(LEVEL_0, 'IPs:\n');
    for (const ip of ips) w.write(LEVEL_1, `IP:\t${ip.ip ?? ''}\n`);
  }
  const controlledBy = printController(meta);
  if (controlledBy.length > 0) w.write(LEVEL_0, `Controlled By:\t${controlledBy}\n`);
  if (status.nominatedNodeName !== undefined && status.nominatedNodeName !== '') {
    w.write(LEVEL_0, `NominatedNodeName:\t${status.nominatedNodeName}\n`);
  }
  // Pod-level resources (PodLevelResources, beta in 1.34; not in this kubernetes-types version).
  const podResources = (spec as { readonly resources?: DeepReadonly<Container['resources']> } | undefined)
    ?.resources;
  if (podResources !== undefined) {
    w.write(LEVEL_0, 'Resources:\n');
    describeResourceList(w, LEVEL_1, 'Limits', podResources.limits as ResourceList | undefined);
    describeResourceList(w, LEVEL_1, 'Requests', podResources.requests as ResourceList | undefined);
  }
  const resolver = podEnvResolver(pod);
  if ((spec?.initContainers ?? []).length > 0) {
    describeContainers(
      'Init Containers',
      spec?.initContainers ?? [],
      status.initContainerStatuses,
      resolver,
      w,
      '',
    );
  }
  describeContainers('Containers', spec?.containers ?? [], status.containerStatuses, resolver, w, '');
  if ((spec?.ephemeralContainers ?? []).length > 0) {
    describeContainers(
      'Ephemeral Containers',
      (spec?.ephemeralContainers ?? []) as readonly RContainer[],
      status.ephemeralContainerStatuses,
      resolver,
      w,
      '',
    );
  }
  const gates = spec?.readinessGates ?? [];
  if (gates.length > 0) {
    w.write(LEVEL_0, 'Readiness Gates:\n  Type\tStatus\n');
    for (const g of gates) {
      const c = (status.conditions ?? []).find((x) => x.type === g.conditionType);
      w.write(LEVEL_1, `${g.conditionType} \t${c === undefined ? '<none>' : c.status} \n`);
    }
  }
  const conditions = status.conditions ?? [];
  if (conditions.length > 0) {
    w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\n');
    for (const c of conditions) w.write(LEVEL_1, `${c.type} \t${c.status} \n`);
  }
  describeVolumes(spec?.volumes, w, '');
  w.write(LEVEL_0, `QoS Class:\t${podQOSClass(pod)}\n`);
  printLabelsMultiline(w, 'Node-Selectors', spec?.nodeSelector);
  printTolerationsMultilineWithIndent(w, '', 'Tolerations', '\t', spec?.tolerations);
  describeTopologySpreadConstraints(spec?.topologySpreadConstraints, w, '');
  const ref = objectRef(meta);
  writeEvents(w, eventsFor(events, ref), nowMs);
  return w.finish();
}

// ---------------------------------------------------------------------------------------------
// CronJob

/**
 * `kubectl describe cronjob` (kubectl 1.34: no `Time Zone` line, which arrived in 1.36). kubectl
 * does not list the CronJob's Jobs (Active Jobs comes from `status.active`), so `jobs` is
 * accepted for API symmetry only. Events are those of the CronJob.
 *
 * @example
 * ```ts
 * describeCronJob(hello, jobs, events, now);
 * // 'Name:                          hello\n...Schedule:                      0 * * * *\n...'
 * ```
 */
export function describeCronJob(
  cronJob: RCronJob,
  _jobs: readonly RJob[],
  events: readonly REvent[],
  nowMs: number,
): string {
  const w = new PrefixWriter();
  const spec = cronJob.spec;
  w.write(LEVEL_0, `Name:\t${cronJob.metadata?.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${cronJob.metadata?.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', cronJob.metadata?.labels);
  printAnnotationsMultiline(w, 'Annotations', cronJob.metadata?.annotations);
  w.write(LEVEL_0, `Schedule:\t${spec?.schedule ?? ''}\n`);
  w.write(LEVEL_0, `Concurrency Policy:\t${spec?.concurrencyPolicy ?? ''}\n`);
  w.write(LEVEL_0, `Suspend:\t${printBoolPtr(spec?.suspend)}\n`);
  const hist = (title: string, v: number | undefined): void => {
    w.write(LEVEL_0, `${title}:\t${v === undefined ? '<unset>' : v}\n`);
  };
  hist('Successful Job History Limit', spec?.successfulJobsHistoryLimit);
  hist('Failed Job History Limit', spec?.failedJobsHistoryLimit);
  if (spec?.startingDeadlineSeconds !== undefined) {
    w.write(LEVEL_0, `Starting Deadline Seconds:\t${spec.startingDeadlineSeconds}s\n`);
  } else {
    w.write(LEVEL_0, 'Starting Deadline Seconds:\t<unset>\n');
  }
  // describeJobTemplate
  const jt = spec?.jobTemplate.spec;
  if (jt?.selector !== undefined) w.write(LEVEL_0, `Selector:\t${labelSelectorString(jt.selector)}\n`);
  else w.write(LEVEL_0, 'Selector:\t<unset>\n');
  w.write(LEVEL_0, `Parallelism:\t${jt?.parallelism ?? '<unset>'}\n`);
  w.write(LEVEL_0, `Completions:\t${jt?.completions ?? '<unset>'}\n`);
  if (jt?.activeDeadlineSeconds !== undefined) {
    w.write(LEVEL_0, `Active Deadline Seconds:\t${jt.activeDeadlineSeconds}s\n`);
  }
  describePodTemplate(jt?.template, w);
  const last = cronJob.status?.lastScheduleTime;
  if (last !== undefined) w.write(LEVEL_0, `Last Schedule Time:\t${formatTimestampRFC1123Z(last)}\n`);
  else w.write(LEVEL_0, 'Last Schedule Time:\t<unset>\n');
  w.write(LEVEL_0, 'Active Jobs:\t');
  const active = cronJob.status?.active ?? [];
  if (active.length === 0) {
    w.writeLine('<none>');
  } else {
    active.forEach((j, i) => {
      if (i !== 0) w.write(LEVEL_0, ', ');
      w.write(LEVEL_0, j.name ?? '');
    });
    w.writeLine('');
  }
  writeEvents(w, eventsFor(events, objectRef(cronJob.metadata, 'CronJob')), nowMs);
  return w.finish();
}

// ---------------------------------------------------------------------------------------------
// Node

/** The node's Lease in `kube-node-lease`, as `describe node` prints it. */
export interface NodeLease {
  readonly holderIdentity?: string;
  readonly acquireTime?: string;
  readonly renewTime?: string;
}

/** Options of {@link describeNode}. */
export interface DescribeNodeOptions {
  /**
   * The node's Lease. Omitted: the kubelet's lease as it looks on a live node (holder = node name,
   * no acquire time, renewed at the Ready condition's last heartbeat). `null`: no lease exists,
   * printed as kubectl prints the 404.
   */
  readonly lease?: NodeLease | null;
}

function fraction(part: number, whole: number): string {
  const f = (part / whole) * 100;
  // Go's int64(float64) conversion: truncation; NaN/Inf become MinInt64 on amd64.
  if (!Number.isFinite(f)) return '-9223372036854775808';
  return String(Math.trunc(f));
}

function guardedFraction(part: number, whole: number): string {
  return whole === 0 ? '0' : fraction(part, whole);
}

function qget(list: ParsedResources, name: string): Quantity {
  return list.get(name) ?? ZERO_QUANTITY;
}

function describeNodeResource(pods: readonly RPod[], node: RNode, w: PrefixWriter, nowMs: number): void {
  w.write(LEVEL_0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(LEVEL_1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(LEVEL_1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  const allocatable = parseResources(
    (Object.keys(node.status?.allocatable ?? {}).length > 0
      ? node.status?.allocatable
      : node.status?.capacity) as ResourceList | undefined,
  );
  const allocCpu = milliValue(qget(allocatable, 'cpu'));
  const allocMem = quantityValue(qget(allocatable, 'memory'));
  for (const pod of pods) {
    const req = podRequests(pod);
    const lim = podLimits(pod);
    const cpuReq = qget(req, 'cpu');
    const cpuLim = qget(lim, 'cpu');
    const memReq = qget(req, 'memory');
    const memLim = qget(lim, 'memory');
    w.write(
      LEVEL_1,
      `${pod.metadata?.namespace ?? ''}\t${pod.metadata?.name ?? ''}\t\t` +
        `${quantityString(cpuReq)} (${fraction(milliValue(cpuReq), allocCpu)}%)\t` +
        `${quantityString(cpuLim)} (${fraction(milliValue(cpuLim), allocCpu)}%)\t` +
        `${quantityString(memReq)} (${fraction(quantityValue(memReq), allocMem)}%)\t` +
        `${quantityString(memLim)} (${fraction(quantityValue(memLim), allocMem)}%)\t` +
        `${translateTimestampSince(pod.metadata?.creationTimestamp, nowMs)}\n`,
    );
  }
  w.write(LEVEL_0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(LEVEL_1, 'Resource\tRequests\tLimits\n');
  w.write(LEVEL_1, '--------\t--------\t------\n');
  const reqs: ParsedResources = new Map();
  const limits: ParsedResources = new Map();
  for (const pod of pods) {
    addResourceList(reqs, podRequests(pod));
    addResourceList(limits, podLimits(pod));
  }
  const row = (name: string, value: (q: Quantity) => number, whole: number): void => {
    const r = qget(reqs, name);
    const l = qget(limits, name);
    w.write(
      LEVEL_1,
      `${name}\t${quantityString(r)} (${guardedFraction(value(r), whole)}%)\t${quantityString(l)} (${guardedFraction(value(l), whole)}%)\n`,
    );
  };
  row('cpu', milliValue, allocCpu);
  row('memory', quantityValue, allocMem);
  row('ephemeral-storage', quantityValue, quantityValue(qget(allocatable, 'ephemeral-storage')));
  const names = [...allocatable.keys()];
  const hugePages = names.filter((n) => n.startsWith('hugepages-')).sort(byteCompare);
  const ext = names
    .filter((n) => !n.startsWith('hugepages-') && !['cpu', 'memory', 'ephemeral-storage', 'pods'].includes(n))
    .sort(byteCompare);
  for (const hp of hugePages) row(hp, quantityValue, quantityValue(qget(allocatable, hp)));
  for (const e of ext) {
    w.write(LEVEL_1, `${e}\t${quantityString(qget(reqs, e))}\t${quantityString(qget(limits, e))}\n`);
  }
}

/**
 * `kubectl describe node` (kubectl 1.34): roles, labels, taints, lease, conditions, addresses,
 * capacity/allocatable, system info, the non-terminated pods bound to the node with their
 * requests and limits, allocated resources and the node's events (uid = node uid, then uid = node
 * name, as the kubelet records them).
 *
 * @example
 * ```ts
 * describeNode(node, pods, events, now);
 * // 'Name:               node-1\nRoles:              <none>\n...'
 * ```
 */
export function describeNode(
  node: RNode,
  pods: readonly RPod[],
  events: readonly REvent[],
  nowMs: number,
  options: DescribeNodeOptions = {},
): string {
  const w = new PrefixWriter();
  const name = node.metadata?.name ?? '';
  w.write(LEVEL_0, `Name:\t${name}\n`);
  const roles = nodeRoles(node);
  w.write(LEVEL_0, `Roles:\t${roles.length > 0 ? roles.join(',') : '<none>'}\n`);
  printLabelsMultiline(w, 'Labels', node.metadata?.labels);
  printAnnotationsMultiline(w, 'Annotations', node.metadata?.annotations);
  w.write(LEVEL_0, `CreationTimestamp:\t${formatTimestampRFC1123Z(node.metadata?.creationTimestamp)}\n`);
  // printNodeTaintsMultiline
  const taints = goSort(
    [...(node.spec?.taints ?? [])],
    (a, b) => `${a.effect},${a.key}` < `${b.effect},${b.key}`,
  );
  w.write(LEVEL_0, 'Taints:\t');
  if (taints.length === 0) {
    w.writeLine('<none>');
  } else {
    taints.forEach((t, i) => {
      if (i !== 0) w.write(LEVEL_0, '\t');
      const value = t.value ?? '';
      w.write(LEVEL_0, value.length === 0 ? `${t.key}:${t.effect}\n` : `${t.key}=${value}:${t.effect}\n`);
    });
  }
  w.write(LEVEL_0, `Unschedulable:\t${node.spec?.unschedulable === true}\n`);

  const readyCondition = (node.status?.conditions ?? []).find((c) => c.type === 'Ready');
  const lease =
    options.lease === undefined
      ? {
          holderIdentity: name,
          ...(readyCondition?.lastHeartbeatTime === undefined
            ? {}
            : { renewTime: readyCondition.lastHeartbeatTime }),
        }
      : options.lease;
  if (lease === null) {
    w.write(LEVEL_0, `Lease:\tFailed to get lease: leases.coordination.k8s.io "${name}" not found\n`);
  } else {
    w.write(LEVEL_0, 'Lease:\n');
    w.write(LEVEL_1, `HolderIdentity:\t${lease.holderIdentity ?? '<unset>'}\n`);
    w.write(
      LEVEL_1,
      `AcquireTime:\t${lease.acquireTime === undefined ? '<unset>' : formatTimestampRFC1123Z(lease.acquireTime)}\n`,
    );
    w.write(
      LEVEL_1,
      `RenewTime:\t${lease.renewTime === undefined ? '<unset>' : formatTimestampRFC1123Z(lease.renewTime)}\n`,
    );
  }

  const conditions = node.status?.conditions ?? [];
  if (conditions.length > 0) {
    w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(LEVEL_1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of conditions) {
      w.write(
        LEVEL_1,
        `${c.type} \t${c.status} \t${formatTimestampRFC1123Z(c.lastHeartbeatTime)} \t${formatTimestampRFC1123Z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`,
      );
    }
  }
  w.write(LEVEL_0, 'Addresses:\n');
  for (const a of node.status?.addresses ?? []) w.write(LEVEL_1, `${a.type}:\t${a.address}\n`);
  const printResourceList = (list: ResourceList | undefined): void => {
    const parsed = parseResources(list);
    for (const r of [...parsed.keys()].sort(byteCompare)) {
      w.write(LEVEL_0, `  ${r}:\t${quantityString(parsed.get(r)!)}\n`);
    }
  };
  if (Object.keys(node.status?.capacity ?? {}).length > 0) {
    w.write(LEVEL_0, 'Capacity:\n');
    printResourceList(node.status?.capacity as ResourceList | undefined);
  }
  if (Object.keys(node.status?.allocatable ?? {}).length > 0) {
    w.write(LEVEL_0, 'Allocatable:\n');
    printResourceList(node.status?.allocatable as ResourceList | undefined);
  }
  const info = node.status?.nodeInfo;
  w.write(LEVEL_0, 'System Info:\n');
  w.write(LEVEL_0, `  Machine ID:\t${info?.machineID ?? ''}\n`);
  w.write(LEVEL_0, `  System UUID:\t${info?.systemUUID ?? ''}\n`);
  w.write(LEVEL_0, `  Boot ID:\t${info?.bootID ?? ''}\n`);
  w.write(LEVEL_0, `  Kernel Version:\t${info?.kernelVersion ?? ''}\n`);
  w.write(LEVEL_0, `  OS Image:\t${info?.osImage ?? ''}\n`);
  w.write(LEVEL_0, `  Operating System:\t${info?.operatingSystem ?? ''}\n`);
  w.write(LEVEL_0, `  Architecture:\t${info?.architecture ?? ''}\n`);
  w.write(LEVEL_0, `  Container Runtime Version:\t${info?.containerRuntimeVersion ?? ''}\n`);
  w.write(LEVEL_0, `  Kubelet Version:\t${info?.kubeletVersion ?? ''}\n`);
  // Still printed by kubectl 1.33 (verified), although kubelets stopped setting the field in 1.31.
  w.write(LEVEL_0, `  Kube-Proxy Version:\t${info?.kubeProxyVersion ?? ''}\n`);
  if (node.spec?.podCIDR !== undefined && node.spec.podCIDR !== '')
    w.write(LEVEL_0, `PodCIDR:\t${node.spec.podCIDR}\n`);
  if ((node.spec?.podCIDRs ?? []).length > 0)
    w.write(LEVEL_0, `PodCIDRs:\t${(node.spec?.podCIDRs ?? []).join(',')}\n`);
  if (node.spec?.providerID !== undefined && node.spec.providerID !== '') {
    w.write(LEVEL_0, `ProviderID:\t${node.spec.providerID}\n`);
  }
  // The describer lists pods with spec.nodeName=<node>, status.phase!=Succeeded,Failed (API order).
  const nonTerminated = apiListOrder(pods).filter(
    (p) => p.spec?.nodeName === name && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed',
  );
  describeNodeResource(nonTerminated, node, w, nowMs);
  const byUid = eventsFor(events, { kind: 'Node', name, namespace: '', uid: node.metadata?.uid ?? '' });
  const byName = eventsFor(events, { kind: 'Node', name, namespace: '', uid: name });
  writeEvents(w, [...byUid, ...byName], nowMs);
  return w.finish();
}
