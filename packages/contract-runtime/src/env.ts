/** A non-negative integer from the environment, or the fallback when unset; a malformed value is a startup error. */
export function envInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const v = env[name];
  if (v === undefined || v === "") return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got '${v}'`);
  return n;
}

/** The switch of the explicit demo mode (`npm start` sets it): `CARRIERKIT_DEMO=1` or `true`. */
export const DEMO_SWITCH = "CARRIERKIT_DEMO";

/** Whether the explicit demo mode is on (`CARRIERKIT_DEMO=1` or `true`). */
export function demoMode(env: NodeJS.ProcessEnv): boolean {
  const v = env[DEMO_SWITCH];
  return v === "1" || v === "true";
}

/** A secret read by {@link envSecret}: its value, and whether it is the demo fallback. */
export interface EnvSecret {
  name: string;
  value: string;
  demo: boolean;
}

/**
 * A secret from the environment. It has no built-in default: only in the explicit demo mode ({@link demoMode}) does a
 * missing one fall back to `demoValue()` (the caller says so at start); otherwise it is a startup error naming the
 * variable. `minLength` rejects short values (an error, never a silent truncation).
 */
export function envSecret(
  env: NodeJS.ProcessEnv,
  name: string,
  demoValue: () => string,
  options: { minLength?: number; purpose?: string } = {},
): EnvSecret {
  const v = env[name];
  if (v === undefined || v === "") {
    if (demoMode(env)) return { name, value: demoValue(), demo: true };
    throw new Error(
      `${name} is not set${options.purpose ? ` (${options.purpose})` : ""}: set it, or set ${DEMO_SWITCH}=1 to run the demo with demo secrets`,
    );
  }
  if (options.minLength !== undefined && v.length < options.minLength)
    throw new Error(`${name} must be at least ${options.minLength} characters`);
  return { name, value: v, demo: false };
}
