/** Milliseconds since the epoch. Injected everywhere time matters, so delays are tested without sleeping. */
export type Clock = () => number;

export const systemClock: Clock = () => Date.now();
