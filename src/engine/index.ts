export { DurationError, formatDuration, parseDuration } from './duration.js';
export { Engine, type EngineOptions, type RunEnd, type Timer } from './engine.js';
export { EventQueue } from './queue.js';
export { hashString, RandomStreams, Rng } from './random.js';
