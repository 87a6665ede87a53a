/**
 * The few browser APIs the report page uses, typed here because the project compiles without
 * the DOM library (adding it would make `window`, `name` or `Event` globals appear in every
 * file). Types only: nothing here exists at run time.
 */

/** A DOM event as the page reads it. */
export interface DomEvent {
  readonly type: string;
  readonly target: unknown;
  readonly key: string;
  readonly clientX: number;
  readonly clientY: number;
  readonly button: number;
  readonly pointerId: number;
  readonly deltaX: number;
  readonly deltaY: number;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly shiftKey: boolean;
  readonly altKey: boolean;
  preventDefault(): void;
  stopPropagation(): void;
}

/** A style declaration. */
export interface Style {
  setProperty(name: string, value: string): void;
  [name: string]: unknown;
}

/** An element (HTML or SVG) as the page uses it. */
export interface El {
  id: string;
  readonly tagName: string;
  textContent: string | null;
  innerHTML: string;
  title: string;
  hidden: boolean;
  value: string;
  checked: boolean;
  disabled: boolean;
  scrollTop: number;
  readonly clientWidth: number;
  readonly clientHeight: number;
  readonly style: Style;
  readonly dataset: Record<string, string | undefined>;
  readonly classList: {
    add(...c: string[]): void;
    remove(...c: string[]): void;
    toggle(c: string, force?: boolean): boolean;
    contains(c: string): boolean;
  };
  readonly parentElement: El | null;
  setAttribute(name: string, value: string): void;
  getAttribute(name: string): string | null;
  removeAttribute(name: string): void;
  querySelector(selector: string): El | null;
  querySelectorAll(selector: string): ArrayLike<El>;
  closest(selector: string): El | null;
  appendChild(child: El): El;
  getBoundingClientRect(): { left: number; top: number; width: number; height: number };
  addEventListener(type: string, fn: (e: DomEvent) => void, options?: { passive?: boolean }): void;
  setPointerCapture(id: number): void;
  releasePointerCapture(id: number): void;
  focus(): void;
  scrollIntoView(options?: { block?: string }): void;
}

/** The document. */
export interface Doc {
  getElementById(id: string): El | null;
  createElement(tag: string): El;
  readonly body: El;
  readonly activeElement: El | null;
  addEventListener(type: string, fn: (e: DomEvent) => void): void;
}

/** A readable byte stream. */
export interface ByteStream {
  pipeThrough(t: unknown): ByteStream;
}

/** The window. */
export interface Win {
  requestAnimationFrame(fn: () => void): number;
  addEventListener(type: string, fn: (e: DomEvent) => void): void;
  atob(s: string): string;
  readonly innerWidth: number;
  readonly innerHeight: number;
  readonly DecompressionStream: new (format: string) => unknown;
  readonly Blob: new (parts: unknown[]) => { stream(): ByteStream };
  readonly Response: new (body: ByteStream) => { text(): Promise<string> };
  /** Automation hooks for tests and curious users. */
  jobsimReport?: unknown;
}
