/**
 * Decoding request bodies as the API server's JSON decoder does (sigs.k8s.io/json): type errors
 * refuse the request (`json: cannot unmarshal ...`), unknown and duplicate fields are reported
 * for server-side field validation (`fieldValidation=Strict|Warn|Ignore`), and unknown fields are
 * dropped from what gets stored, as a typed Go struct would drop them.
 */
import { SCHEMA } from './schema.js';

/** A type error: the body cannot be decoded at all. */
export class DecodeTypeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DecodeTypeError';
  }
}

/** What decoding found. */
export interface Decoded {
  /** The value with unknown fields removed. */
  readonly value: unknown;
  /** `unknown field "spec.x"` / `duplicate field "metadata.name"` messages, in document order. */
  readonly problems: readonly string[];
}

function jsonKind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'string') return 'string';
  return 'object';
}

/** Go type of a schema type code (`n`, an integer list element the models leave unsized, decodes as int32). */
function goType(t: string): string {
  switch (t) {
    case 's':
      return 'string';
    case 'q':
      return 'resource.Quantity';
    case 'i32':
    case 'n':
      return 'int32';
    case 'i64':
      return 'int64';
    case 'f':
      return 'float64';
    case 'b':
      return 'bool';
    case 't':
      return 'v1.Time';
    case 'ios':
      return 'intstr.IntOrString';
    case 'any':
      return 'interface {}';
  }
  if (t.startsWith('[')) return `[]${goType(t.slice(1, -1))}`;
  if (t.startsWith('{')) return `map[string]${goType(t.slice(1, -1))}`;
  return `v1.${t}`;
}

/** The value encoding/json leaves in a list element or map value it reads `null` into. */
function zeroValue(t: string): unknown {
  switch (t) {
    case 's':
    case 't':
      return '';
    case 'q':
      return '0';
    case 'ios':
    case 'i32':
    case 'i64':
    case 'n':
    case 'f':
      return 0;
    case 'b':
      return false;
    case 'any':
      return null;
  }
  if (t.startsWith('[')) return [];
  return {};
}

class Walker {
  readonly problems: string[] = [];
  /** Keep fields the schema does not know (still reported) instead of pruning them. */
  private readonly keepUnknown: boolean;
  /** Keep fields whose value is null (an object already stored) instead of unsetting them. */
  private readonly keepNullFields: boolean;

  constructor(keepUnknown = false, keepNullFields = false) {
    this.keepUnknown = keepUnknown;
    this.keepNullFields = keepNullFields;
  }

  typeError(v: unknown, struct: string, goPath: string, t: string): never {
    // A number that does not fit (a fraction, or out of range for int32) is named with its value.
    const what = typeof v === 'number' && /^(i|n$)/.test(t) ? `number ${v}` : jsonKind(v);
    throw new DecodeTypeError(
      `json: cannot unmarshal ${what} into Go struct field ${struct}.${goPath} of type ${goType(t)}`,
    );
  }

  /** Checks `v` against type `t`; returns the pruned value. */
  value(v: unknown, t: string, path: string, goPath: string, struct: string): unknown {
    if (v === null || t === 'any') return v;
    switch (t) {
      case 's':
      case 't':
        if (typeof v !== 'string') this.typeError(v, struct, goPath, t);
        return v;
      case 'q':
        if (typeof v !== 'string' && typeof v !== 'number') this.typeError(v, struct, goPath, t);
        return v;
      case 'ios':
        if (typeof v !== 'string' && !(typeof v === 'number' && Number.isInteger(v)))
          this.typeError(v, struct, goPath, t);
        return v;
      case 'i32':
      case 'i64':
      case 'n':
        if (typeof v !== 'number' || !Number.isInteger(v)) this.typeError(v, struct, goPath, t);
        if (t !== 'i64' && (v < -2147483648 || v > 2147483647)) this.typeError(v, struct, goPath, t);
        return v;
      case 'f':
        if (typeof v !== 'number') this.typeError(v, struct, goPath, t);
        return v;
      case 'b':
        if (typeof v !== 'boolean') this.typeError(v, struct, goPath, t);
        return v;
    }
    if (t.startsWith('[')) {
      if (!Array.isArray(v)) this.typeError(v, struct, goPath, t);
      const inner = t.slice(1, -1);
      // encoding/json leaves an element it reads `null` into at its zero value (so
      // `containers: [null]` is a container without a name).
      return v.map((x, i) =>
        x === null ? zeroValue(inner) : this.value(x, inner, `${path}[${i}]`, goPath, struct),
      );
    }
    if (t.startsWith('{')) {
      if (typeof v !== 'object' || Array.isArray(v)) this.typeError(v, struct, goPath, t);
      const inner = t.slice(1, -1);
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
        out[k] = x === null ? zeroValue(inner) : this.value(x, inner, `${path}.${k}`, goPath, struct);
      }
      return out;
    }
    const fields = SCHEMA[t];
    if (!fields) return v;
    if (typeof v !== 'object' || Array.isArray(v)) this.typeError(v, struct, goPath, t);
    return this.object(v as Record<string, unknown>, t, path, goPath);
  }

  object(v: Record<string, unknown>, t: string, path: string, goPath: string): Record<string, unknown> {
    const fields = SCHEMA[t]!;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      const p = path === '' ? k : `${path}.${k}`;
      const ft = fields[k];
      if (ft === undefined) {
        this.problems.push(`unknown field ${JSON.stringify(p)}`);
        if (this.keepUnknown) out[k] = x;
        continue;
      }
      // A field read as `null` is left unset (a nil pointer, map or list, or a zero value).
      if (x === null && ft !== 'any' && !this.keepNullFields) continue;
      out[k] = this.value(x, ft, p, goPath === '' ? k : `${goPath}.${k}`, t);
    }
    return out;
  }
}

/**
 * Decodes an object of a schema type (`Job`, `Pod`, `DeleteOptions`, ...).
 * @throws DecodeTypeError when a value has the wrong JSON type.
 *
 * @example
 * ```ts
 * decodeTyped({ spec: { bogus: 1 } }, 'Job').problems; // ['unknown field "spec.bogus"']
 * ```
 */
export function decodeTyped(
  value: Record<string, unknown>,
  type: string,
  options: { keepUnknown?: boolean; keepNullFields?: boolean } = {},
): Decoded {
  const w = new Walker(options.keepUnknown, options.keepNullFields);
  const out = w.object(value, type, '', '');
  return { value: out, problems: w.problems };
}

/**
 * Paths of duplicate keys in a JSON text (`duplicate field "metadata.name"`), which `JSON.parse`
 * silently resolves to the last value. Returns `[]` for text that is not valid JSON.
 *
 * @example
 * ```ts
 * duplicateFields('{"a":1,"a":2}'); // ['duplicate field "a"']
 * ```
 */
export function duplicateFields(text: string): string[] {
  const out: string[] = [];
  let i = 0;
  const n = text.length;
  const ws = () => {
    while (i < n && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t')) i++;
  };
  const str = (): string => {
    const start = i;
    i++;
    while (i < n && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const val = (path: string): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const seen = new Set<string>();
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        const k = str();
        const p = path === '' ? k : `${path}.${k}`;
        if (seen.has(k)) out.push(`duplicate field ${JSON.stringify(p)}`);
        seen.add(k);
        ws();
        i++; // ':'
        val(p);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        i++; // '}'
        return;
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (let k = 0; ; k++) {
        val(`${path}[${k}]`);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        i++;
        return;
      }
    }
    if (c === '"') {
      str();
      return;
    }
    while (i < n && !',}] \n\r\t'.includes(text[i]!)) i++;
  };
  try {
    val('');
  } catch {
    return [];
  }
  return out;
}
