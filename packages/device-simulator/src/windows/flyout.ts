// The Mobile Plans service side of the simulated Windows PC: what the Mobile Plans app's network flyout shows for a
// SIM. Microsoft's service calls the operator's GetBalance, GetOffers and GetNotifications with its client
// certificate (mutual TLS) and an X-MS-DM-TransactionId each; the flyout then offers "View my account" and/or the
// balance, or "Connect with a data plan", and the app shows toasts. Mapping (Microsoft's account management page):
// MODIRECT → "View my account"; MODIRECTPAYG → "View my account" + the balance; NONE → "Connect with a data plan";
// NOTSUPPORTED → "View my account".
import {
  type Balance,
  type BalanceType,
  type ClientTls,
  createMobilePlansServiceClient,
  type MobilePlansErrorBody,
  type MobilePlansNotification,
  type MobilePlansServiceClient,
  mutualTlsFetch,
  NOTIFICATION_TYPES,
  type NotificationType,
  newTransactionId,
  normalizeBalance,
  parseIsoDuration,
  simIdOf,
} from "@carrierkit/mobileplans-service";
import { type DeviceClock, systemDeviceClock } from "../clock.js";

export const VIEW_MY_ACCOUNT = "View my account";
export const CONNECT_WITH_A_DATA_PLAN = "Connect with a data plan";

/** The default gateway template, shown when the PC has no active profile of the operator (no GetOffers call). */
export const DEFAULT_GATEWAY_ID = "0";

export interface FlyoutOptions {
  /** The operator's Mobile Plans API base URL (`https://mo.example`; offer and notification URIs are `<base>/v1/`). */
  baseUrl: string;
  /** The Mobile Plans service's client certificate (and the CA of the operator's server certificate). */
  tls: ClientTls;
  /** Basic credentials the operator gave Microsoft, when it did. */
  basic?: { username: string; password: string };
  /** The PC's current country (GetBalance `location`, case-sensitive; default `US`). */
  location?: string;
  /** The PC's IMEI (GetOffers, GetNotifications). */
  imei?: string;
  /** Makes each request's X-MS-DM-TransactionId (default `MSFT-<uuid>`). */
  transactionId?: () => string;
  /** The PC's clock (balance expiry instants); default the system clock. */
  clock?: DeviceClock;
  /** A fetch of your own instead of the mutual-TLS one built from `tls`. */
  fetch?: typeof fetch;
}

/** A refused or failed call, as the flyout records it. */
export interface FlyoutError {
  operation: "GetBalance" | "GetOffers" | "GetNotifications";
  /** The HTTP status; 0 when no answer came (TLS refused, connection failed). */
  status: number;
  /** The operator's error body, when it sent one. */
  body?: MobilePlansErrorBody;
  message: string;
  /** Seconds, from a 429's Retry-After. */
  retryAfterSeconds?: number;
}

/** What the flyout shows for one balance. */
export interface ShownBalance {
  dataRemainingInMB: number;
  timeRemaining: string;
  /** When the balance runs out (the PC's clock + timeRemaining). */
  expiresAt: number;
  /** "1.5 GB left · 6 days 23 hours" */
  text: string;
}

/** A toast the Mobile Plans app shows. */
export interface Toast {
  notificationId: number;
  notificationType: NotificationType;
  title: string;
}

export interface FlyoutState {
  iccid: string;
  /** The type of the first (most urgent) balance; undefined when GetBalance failed. */
  balanceType?: BalanceType;
  /** The flyout's links and buttons, in order. */
  actions: string[];
  /** The balance line (MODIRECTPAYG only). */
  balance?: ShownBalance;
  /** The gateway template the app shows (GetOffers' first, or the default). */
  gatewayId: string;
  toasts: Toast[];
  /** Every call that did not answer 200. */
  errors: FlyoutError[];
  /** The X-MS-DM-TransactionId of every call made, in order. */
  transactionIds: string[];
}

export const TOAST_TITLES: Record<NotificationType, string> = {
  lowBalance: "You're running low on data",
  zeroBalance: "You're out of data",
  newOffer: "New data plans are available",
  trialOffer: "Try mobile data for free",
  trialEnding: "Your trial is ending soon",
  trialEnded: "Your trial has ended",
};

/** "1.5 GB", "750 MB", "0 MB". */
export function formatMegabytes(mb: number): string {
  if (mb >= 1000) return `${Number((mb / 1000).toFixed(1))} GB`;
  return `${Number(mb.toFixed(1))} MB`;
}

/** "6 days 23 hours", "5 minutes", "expired". */
export function formatRemaining(ms: number): string {
  const units: Array<[number, string]> = [
    [86_400_000, "day"],
    [3_600_000, "hour"],
    [60_000, "minute"],
  ];
  const parts: string[] = [];
  let left = ms;
  for (const [size, name] of units) {
    const n = Math.floor(left / size);
    if (n > 0 && parts.length < 2) parts.push(`${n} ${name}${n === 1 ? "" : "s"}`);
    left -= n * size;
  }
  return parts.length ? parts.join(" ") : ms > 0 ? "less than a minute" : "expired";
}

/** The flyout's actions for a balance type (Microsoft's mapping). */
export function flyoutActions(type: BalanceType): string[] {
  return type === "NONE" ? [CONNECT_WITH_A_DATA_PLAN] : [VIEW_MY_ACCOUNT];
}

/** What the flyout shows for GetBalance's answer (its first balance decides). */
export function flyoutFromBalances(
  balances: Balance[],
  now: number,
): Pick<FlyoutState, "balanceType" | "actions" | "balance"> {
  const first = balances[0];
  if (!first) return { balanceType: "NONE", actions: flyoutActions("NONE") };
  const state: Pick<FlyoutState, "balanceType" | "actions" | "balance"> = {
    balanceType: first.type,
    actions: flyoutActions(first.type),
  };
  if (first.type === "MODIRECTPAYG") {
    const ms = parseIsoDuration(first.timeRemaining) ?? 0;
    state.balance = {
      dataRemainingInMB: first.dataRemainingInMB,
      timeRemaining: first.timeRemaining,
      expiresAt: now + ms,
      text: `${formatMegabytes(first.dataRemainingInMB)} left · ${formatRemaining(ms)}`,
    };
  }
  return state;
}

async function errorOf(operation: FlyoutError["operation"], response: Response, body: unknown): Promise<FlyoutError> {
  const b = body as MobilePlansErrorBody | undefined;
  const retry = Number(response.headers.get("retry-after"));
  return {
    operation,
    status: response.status,
    ...(b && typeof b.code === "string" ? { body: b } : {}),
    message: b?.message ?? `HTTP ${response.status}`,
    ...(response.status === 429 && Number.isFinite(retry) && retry > 0 ? { retryAfterSeconds: retry } : {}),
  };
}

/**
 * The Mobile Plans flyout of a simulated PC, talking to an operator's Mobile Plans service APIs through
 * `@carrierkit/mobileplans-service`'s generated client, as Microsoft's service does.
 */
export class MobilePlansFlyout {
  readonly client: MobilePlansServiceClient;
  private readonly clock: DeviceClock;
  private readonly nextId: () => string;
  private readonly tlsFetch: ReturnType<typeof mutualTlsFetch> | undefined;

  constructor(readonly options: FlyoutOptions) {
    this.clock = options.clock ?? systemDeviceClock;
    this.nextId = options.transactionId ?? newTransactionId;
    this.tlsFetch = options.fetch ? undefined : mutualTlsFetch(options.tls);
    this.client = createMobilePlansServiceClient({
      baseUrl: options.baseUrl,
      ...(options.basic ? { basic: options.basic } : {}),
      fetch: options.fetch ?? this.tlsFetch!,
    });
  }

  /**
   * Refreshes the flyout for a SIM: GetBalance (`fieldsTemplate=basic&limit=1&location=…`), GetOffers (only when the
   * PC has an active profile of the operator; else the default template) and GetNotifications for each toast type.
   * HTTP refusals and connection failures are recorded in `errors`, never thrown.
   */
  async refresh(
    iccid: string,
    options: { hasActiveProfile?: boolean; notificationTypes?: readonly NotificationType[] } = {},
  ): Promise<FlyoutState> {
    const simId = simIdOf(iccid);
    const state: FlyoutState = {
      iccid,
      actions: [],
      gatewayId: DEFAULT_GATEWAY_ID,
      toasts: [],
      errors: [],
      transactionIds: [],
    };
    const header = () => {
      const id = this.nextId();
      state.transactionIds.push(id);
      return { "X-MS-DM-TransactionId": id };
    };
    const attempt = async <T>(operation: FlyoutError["operation"], call: () => Promise<T>): Promise<T | undefined> => {
      try {
        return await call();
      } catch (err) {
        state.errors.push({ operation, status: 0, message: err instanceof Error ? err.message : String(err) });
        return undefined;
      }
    };

    const balance = await attempt("GetBalance", () =>
      this.client.GET("/v1/sims/{simId}/balances", {
        params: {
          path: { simId },
          query: { fieldsTemplate: "basic", limit: 1, location: this.options.location ?? "US" },
          header: header(),
        },
      }),
    );
    if (balance?.data) {
      const balances = balance.data.balances.map(normalizeBalance).filter((b): b is Balance => b !== undefined);
      Object.assign(state, flyoutFromBalances(balances, this.clock.now()));
    } else if (balance) state.errors.push(await errorOf("GetBalance", balance.response, balance.error));

    if (options.hasActiveProfile !== false && state.balanceType !== "NOTSUPPORTED") {
      const offers = await attempt("GetOffers", () =>
        this.client.GET("/v1/sims/{simmri}/offers", {
          params: {
            path: { simmri: simId },
            query: { limit: 1, ...(this.options.imei ? { imei: this.options.imei } : {}) },
            header: header(),
          },
        }),
      );
      if (offers?.data) state.gatewayId = offers.data.offers[0]?.gatewayId ?? DEFAULT_GATEWAY_ID;
      else if (offers) state.errors.push(await errorOf("GetOffers", offers.response, offers.error));
    }

    if (state.balanceType !== undefined && state.balanceType !== "NOTSUPPORTED") {
      for (const type of options.notificationTypes ?? NOTIFICATION_TYPES) {
        const answer = await attempt("GetNotifications", () =>
          this.client.GET("/v1/sims/{simmri}/notifications", {
            params: {
              path: { simmri: simId },
              query: { notificationType: type, limit: 1, ...(this.options.imei ? { imei: this.options.imei } : {}) },
              header: header(),
            },
          }),
        );
        if (answer?.data)
          state.toasts.push(
            ...answer.data.notifications.map((n: MobilePlansNotification) => ({
              notificationId: n.notificationId,
              notificationType: n.notificationType,
              title: TOAST_TITLES[n.notificationType],
            })),
          );
        else if (answer) state.errors.push(await errorOf("GetNotifications", answer.response, answer.error));
      }
    }
    return state;
  }

  /** Ends the client's kept-alive TLS connections. */
  close(): void {
    this.tlsFetch?.close();
  }
}
