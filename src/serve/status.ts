/**
 * `metav1.Status` bodies: how the API server reports failures (and successful deletes), built from
 * jobsim's {@link ApiError} classes so kubectl prints exactly what it prints against a cluster.
 */
import { ApiError, fieldErrorBody, InvalidObjectError, RESOURCES } from '../api/errors.js';

/** A `metav1.Status` object. */
export interface Status {
  readonly kind: 'Status';
  readonly apiVersion: 'v1';
  readonly metadata: Record<string, never>;
  readonly status: 'Success' | 'Failure';
  readonly message?: string;
  readonly reason?: string;
  readonly details?: Record<string, unknown>;
  readonly code: number;
}

/**
 * An HTTP failure with a Status body, for problems the request path itself finds (unknown paths,
 * bodies too large, unsupported media types). Errors of the simulated API server are
 * {@link ApiError}s and are converted by {@link statusOf}.
 *
 * @example
 * ```ts
 * throw new HttpError(404, 'NotFound', 'the server could not find the requested resource');
 * ```
 */
export class HttpError extends Error {
  readonly httpStatus: number;
  readonly reason: string;
  readonly details: Record<string, unknown> | undefined;
  constructor(httpStatus: number, reason: string, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'HttpError';
    this.httpStatus = httpStatus;
    this.reason = reason;
    this.details = details;
  }
}

/** The 404 for paths and subresources the server does not have. */
export function notFoundPath(): HttpError {
  return new HttpError(404, 'NotFound', 'the server could not find the requested resource');
}

/** A Failure Status. */
export function failure(
  code: number,
  reason: string,
  message: string,
  details?: Record<string, unknown>,
): Status {
  const s: Status = {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    code,
  };
  return details === undefined ? s : { ...s, details };
}

/**
 * The Status of an error thrown while handling a request: API errors keep their reason, message,
 * and (for Invalid) `details.causes` with field paths, which kubectl uses to print
 * `The Job "x" is invalid: <field>: <message>`.
 *
 * @example
 * ```ts
 * statusOf(new NotFoundError('jobs', 'batch', 'pi')).message; // 'jobs.batch "pi" not found'
 * ```
 */
export function statusOf(e: unknown): Status {
  if (e instanceof HttpError) return failure(e.httpStatus, e.reason, e.message, e.details);
  if (e instanceof InvalidObjectError) {
    return failure(e.httpStatus, e.reason, e.apiMessage, {
      name: e.objectName,
      group: e.group,
      kind: e.kind,
      causes: e.causes.map((c) => ({ reason: c.type, message: fieldErrorBody(c), field: c.field })),
    });
  }
  if (e instanceof ApiError) {
    const x = e as ApiError & { resource?: string; group?: string; objectName?: string };
    const details: Record<string, unknown> = {};
    if (x.objectName !== undefined) details.name = x.objectName;
    if (x.group !== undefined && x.group !== '') details.group = x.group;
    if (x.resource !== undefined) details.kind = x.resource;
    return failure(
      e.httpStatus,
      e.reason,
      e.apiMessage,
      Object.keys(details).length > 0 ? details : undefined,
    );
  }
  const message = e instanceof Error ? e.message : String(e);
  return failure(500, 'InternalError', `Internal error occurred: ${message}`);
}

/** The Success Status of a delete that removed the object at once. */
export function deleted(kind: string, name: string, uid: string | undefined): Status {
  const r = RESOURCES[kind];
  const details: Record<string, unknown> = { name, kind: r?.resource ?? kind.toLowerCase() };
  if (r && r.group !== '') details.group = r.group;
  if (uid !== undefined) details.uid = uid;
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details, code: 200 };
}
